import type { CauseFixtures } from "./case.js";
import { withoutTermService } from "./base.js";

export const fixtures: CauseFixtures = {
  cause: "C14",
  cases: [
    { name: "pass-healthy", description: "All four proprietary certificate values are present with data.", expected: "Pass", patch: () => {} },
    {
      name: "fail-empty-value",
      description: "'X509 Certificate' is present but empty; the client shows the security error 0x906.",
      expected: "Fail",
      errorCode: 0x906,
      patch: (s) => {
        s.Rcm.CertificateValues[1] = { Name: "X509 Certificate", Present: true, Length: 0 };
      },
    },
    {
      name: "fail-incomplete-set",
      description: "'X509 Certificate ID' and 'X509 Certificate2' are missing while the other two remain.",
      expected: "Fail",
      patch: (s) => {
        s.Rcm.CertificateValues[2] = { Name: "X509 Certificate ID", Present: false, Length: null };
        s.Rcm.CertificateValues[3] = { Name: "X509 Certificate2", Present: false, Length: null };
      },
    },
    {
      name: "warn-all-absent",
      description: "All four values were deleted and the server has not restarted yet.",
      expected: "Warn",
      patch: (s) => {
        s.Rcm.CertificateValues = s.Rcm.CertificateValues.map((v) => ({ Name: v.Name, Present: false, Length: null }));
      },
    },
    {
      name: "unknown-access-denied",
      description: "Not elevated: the RCM key could not be read.",
      expected: "Unknown",
      patch: (s) => {
        s.Host.IsElevated = false;
        s.Rcm = { CertificateValues: [], Error: "access denied" };
      },
    },
    {
      name: "notapplicable-no-rds",
      description: "TermService is not installed.",
      expected: "NotApplicable",
      patch: withoutTermService,
    },
    {
      name: "notapplicable-server-2008-r2",
      description: "Windows Server 2008 R2 (6.1): the values are not read from the RCM key there.",
      expected: "NotApplicable",
      patch: (s) => {
        s.Host.OSVersion = "6.1.7601";
        s.Host.OSCaption = "Microsoft Windows Server 2008 R2 Enterprise";
        s.Rcm.CertificateValues = s.Rcm.CertificateValues.map((v) => ({ Name: v.Name, Present: false, Length: null }));
      },
    },
  ],
};
