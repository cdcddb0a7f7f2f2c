/**
 * The PowerShell IR: node types plus the `ps` namespace of validating builders (the only constructors).
 *
 *   import { ps } from "../ir/index.js";
 *   ps.ifThen(ps.binary(ps.variable("count"), "-gt", ps.numberLiteral(0)), [ps.returnStatement(ps.variable("count"))]);
 */
export type * from "./nodes-expressions.js";
export type * from "./nodes-statements.js";
export type * from "./nodes-functions.js";
export { IrValidationError } from "./validate.js";
export { APPROVED_VERBS_51 } from "./verbs.js";

import * as expressions from "./build/expressions.js";
import * as statements from "./build/statements.js";
import * as functions from "./build/functions.js";
import * as sugar from "./build/sugar.js";

export const ps = { ...expressions, ...statements, ...functions, ...sugar } as const;
export type { PipelineLike } from "./build/statements.js";
