/**
 * Verdict rules several causes share word for word. A cause whose wording differs (C10, C14, C16) keeps its own
 * rule and reuses only the condition.
 */
import type { VerdictRule } from "../../model/cause.js";
import type { Condition } from "../../model/condition.js";
import { serviceStatus } from "./events.js";

/** The Remote Desktop Services service is not installed on this computer. */
export const termServiceMissing: Condition = serviceStatus("TermService", "Missing");

/** First rule of the server-side causes: without TermService there is no RDP listener to judge. */
export const TERMSERVICE_NOT_INSTALLED: VerdictRule = {
  status: "NotApplicable",
  when: termServiceMissing,
  confidence: "High",
  reason: "The Remote Desktop Services service (TermService) is not installed, so this computer has no RDP listener.",
};
