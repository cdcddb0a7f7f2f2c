/**
 * Static PowerShell syntax check with web-tree-sitter + tree-sitter-powershell.
 *
 * Why this exists: the NuGet copy this project can reach has neither the `PowerShell` tool package nor
 * `Microsoft.PowerShell.SDK` (both 404), so the real `[Parser]::ParseFile` is not available here. The
 * developers' guide names this parser as the fallback. It only approximates PowerShell's grammar
 * (toolchain.md pitfall 13): it misses some errors (`if ($a == $b)`) and flags a few valid constructs
 * (one-line `switch` with several clauses), so it is a smoke check alongside golden files, and the Pester
 * suite re-checks with the real parser wherever a real pwsh exists.
 */
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { Language, Parser, type Node } from "web-tree-sitter";

export interface SyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly kind: "ERROR" | "MISSING";
  readonly text: string;
}

export interface ParsedScript {
  readonly problems: readonly SyntaxProblem[];
  readonly root: Node;
}

let parserPromise: Promise<Parser> | undefined;

async function loadParser(): Promise<Parser> {
  // Measured on Node 20.20: after the 1 MB grammar loads, V8's optimizing wasm tier-up blocks the next
  // event-loop turn for ~6 s. The baseline compiler alone parses our files in milliseconds, so use only it.
  setFlagsFromString("--liftoff-only");
  const require = createRequire(import.meta.url);
  await Parser.init({ locateFile: () => require.resolve("web-tree-sitter/web-tree-sitter.wasm") });
  const language = await Language.load(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** One parser per process: loading the grammar costs ~15 ms, parsing a module ~20 ms. */
export function getParser(): Promise<Parser> {
  parserPromise ??= loadParser();
  return parserPromise;
}

/** Descends only into subtrees that tree-sitter marks as holding an error, so a clean file costs nothing. */
function collectProblems(node: Node, out: SyntaxProblem[]): void {
  if (!node.hasError && !node.isMissing && !node.isError) return;
  if (node.isError || node.isMissing) {
    out.push({
      line: node.startPosition.row + 1,
      column: node.startPosition.column + 1,
      kind: node.isMissing ? "MISSING" : "ERROR",
      text: node.text.slice(0, 80),
    });
  }
  for (const child of node.children) if (child) collectProblems(child, out);
}

export async function parsePowerShell(source: string): Promise<ParsedScript> {
  const parser = await getParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  const problems: SyntaxProblem[] = [];
  collectProblems(tree.rootNode, problems);
  return { problems, root: tree.rootNode };
}

/** Throws with every problem listed when `source` does not parse; `label` names the file in the message. */
export async function assertParses(source: string, label: string): Promise<void> {
  const { problems } = await parsePowerShell(source);
  if (problems.length > 0) {
    const list = problems.map((p) => `  ${label}:${p.line}:${p.column} ${p.kind} near ${JSON.stringify(p.text)}`).join("\n");
    throw new Error(`PowerShell syntax check failed for ${label}:\n${list}`);
  }
}
