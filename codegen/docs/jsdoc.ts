/**
 * Reads the JSDoc of catalog entries and command definitions with ts-morph and turns it into the IR's
 * comment-based help. The TypeScript source is the one place the docs live.
 *
 * Mapping: first sentence -> .SYNOPSIS; the rest -> .DESCRIPTION; `@param` -> .PARAMETER; `@example` ->
 * .EXAMPLE (lines up to the first blank line are the code, the rest are remarks); `@outputs` -> .OUTPUTS;
 * `@see` -> .LINK.
 */
import { Node, Project, type JSDoc } from "ts-morph";
import { ps } from "../../src/ir/index.js";
import type { HelpComment, HelpExample } from "../../src/ir/index.js";
import { toAsciiProse } from "./ascii-prose.js";

export interface DocComment {
  readonly summary: string;
  readonly description: readonly string[];
  readonly params: ReadonlyMap<string, readonly string[]>;
  readonly examples: readonly HelpExample[];
  readonly outputs: readonly string[];
  readonly links: readonly string[];
}

/** One in-memory project per build; files are parsed, never type-checked, so reading docs stays fast. */
export class DocReader {
  private readonly project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });

  constructor(private readonly rootDir: string) {}

  /** The JSDoc of `export const <exportName>` in `sourceFile` (relative to the repository root). */
  read(sourceFile: string, exportName: string): DocComment {
    const file = this.project.getSourceFile(`${this.rootDir}/${sourceFile}`)
      ?? this.project.addSourceFileAtPath(`${this.rootDir}/${sourceFile}`);
    const statement = file.getVariableStatement(exportName);
    const doc = statement?.getJsDocs().at(-1);
    if (doc === undefined) throw new Error(`${sourceFile}: export '${exportName}' has no JSDoc; its help would be empty`);
    return parseDoc(doc, `${sourceFile}#${exportName}`);
  }
}

function proseLines(text: string, where: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => toAsciiProse(l.trimEnd(), where));
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Splits off the first sentence; Get-Help shows .SYNOPSIS on one line. */
function splitSummary(lines: readonly string[]): { summary: string; rest: string[] } {
  const firstParagraph: string[] = [];
  let i = 0;
  for (; i < lines.length && lines[i] !== ""; i++) firstParagraph.push(lines[i]!);
  const joined = firstParagraph.join(" ");
  const end = joined.search(/\.(\s|$)/);
  const summary = end < 0 ? joined : joined.slice(0, end + 1);
  const remainder = end < 0 ? "" : joined.slice(end + 1).trim();
  const rest = [...(remainder === "" ? [] : [remainder]), ...lines.slice(i)];
  while (rest.length > 0 && rest[0] === "") rest.shift();
  return { summary, rest };
}

function parseDoc(doc: JSDoc, where: string): DocComment {
  const { summary, rest } = splitSummary(proseLines(doc.getDescription(), where));
  if (summary === "") throw new Error(`${where}: JSDoc needs a first sentence for .SYNOPSIS`);
  const params = new Map<string, readonly string[]>();
  const examples: HelpExample[] = [];
  const outputs: string[] = [];
  const links: string[] = [];
  for (const tag of doc.getTags()) {
    const name = tag.getTagName();
    const comment = tag.getCommentText() ?? "";
    if (name === "param" && Node.isJSDocParameterTag(tag)) {
      params.set(tag.getName(), proseLines(comment, where));
    } else if (name === "example") {
      const lines = proseLines(comment, where);
      const blank = lines.indexOf("");
      const code = blank < 0 ? lines : lines.slice(0, blank);
      const remarks = blank < 0 ? [] : lines.slice(blank + 1);
      examples.push({ code, remarks });
    } else if (name === "outputs") {
      outputs.push(...proseLines(comment, where));
    } else if (name === "see") {
      // TypeScript parses `@see https://x` as a name reference and drops "https"; the raw text keeps it.
      links.push(tag.getText().replace(/^@see\s+/, "").replace(/\s*\*?\s*$/, "").trim());
    }
  }
  return { summary, description: rest, params, examples, outputs, links };
}

/** Comment-based help for a command from its JSDoc; every declared parameter must be documented. */
export function helpFromDoc(doc: DocComment, parameterNames: readonly string[], extraDescription: readonly string[] = []): HelpComment {
  const missing = parameterNames.filter((p) => !doc.params.has(p));
  if (missing.length > 0) throw new Error(`JSDoc lacks @param for: ${missing.join(", ")}`);
  if (doc.examples.length === 0) throw new Error(`JSDoc for '${doc.summary}' has no @example`);
  return ps.help({
    synopsis: doc.summary,
    description: [...doc.description, ...extraDescription],
    parameters: parameterNames.map((name) => ({ name, text: doc.params.get(name)! })),
    examples: doc.examples,
    outputs: doc.outputs,
    links: doc.links,
  });
}
