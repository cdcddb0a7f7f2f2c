/**
 * The runner's lab for the Pester Integration suites (scripts/test-runner/pester-lab.ts): it must hand Pester the
 * ports of live peers in the RDP_LAB_* variables the suites read, and leave nothing running after stop().
 */
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { startPesterLab } from "../scripts/test-runner/pester-lab.ts";
import { labUnavailableReason } from "./peers/lab.js";

const SKIP = labUnavailableReason();

const accepts = (port: number) => new Promise<boolean>((resolve) => {
  const socket = connect({ host: "127.0.0.1", port });
  socket.once("connect", () => { socket.destroy(); resolve(true); });
  socket.once("error", () => resolve(false));
});

describe.skipIf(SKIP !== null)(`Pester lab${SKIP ? ` (SKIPPED: ${SKIP})` : ""}`, () => {
  it("exports the ports the Pester suites read, each accepting connections, and frees them on stop", async () => {
    const lab = await startPesterLab();
    const names = Object.keys(lab.env).sort();
    try {
      expect(names).toEqual(expect.arrayContaining(["RDP_LAB_HOST", "RDP_LAB_RDG_PORT", "RDP_LAB_XRDP_NOCERT_PORT", "RDP_LAB_XRDP_PORT", "RDP_LAB_XRDP_RDP_PORT"]));
      const ports = names.filter((n) => n.endsWith("_PORT")).map((n) => Number(lab.env[n]));
      expect(await Promise.all(ports.map(accepts))).toEqual(ports.map(() => true));
    } finally {
      await lab.stop();
    }
    expect(await accepts(Number(lab.env.RDP_LAB_XRDP_PORT))).toBe(false);
  }, 30_000);
});
