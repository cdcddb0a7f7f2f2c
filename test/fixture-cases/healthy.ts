import type { CauseFixtures } from "./case.js";

/** Healthy machines: no cause may report Fail on them. */
export const fixtures: CauseFixtures = {
  cause: "Healthy",
  cases: [
    { name: "pass-server-2022", description: "The healthy base: Server 2022 RD Session Host, self-signed certificate, defaults.", expected: "Pass", patch: () => {} },
    {
      name: "pass-server-error-codes",
      description: "The healthy base analyzed with 0x904/0x7 given: codes reorder findings but never create a Fail.",
      expected: "Pass",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: () => {},
    },
  ],
};
