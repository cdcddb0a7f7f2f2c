/**
 * Layout documents: the printer turns IR into lines with a nesting depth, and only the PsWriter turns depths
 * into spaces. An expression's doc may span several lines (a multi-line hashtable); its first line continues
 * whatever line it is embedded in, and later lines keep their depth relative to that line.
 */
export interface Line {
  readonly depth: number;
  readonly text: string;
  /** Only on blank lines: survives the writer's collapsing of blank-line runs (see KEPT_BLANK). */
  readonly kept?: true;
}

export type Doc = readonly Line[];

/** A blank line; the writer collapses runs of them, and `block()` and functions drop them at their edges. */
export const BLANK: Line = { depth: 0, text: "" };

/**
 * A blank line the writer never collapses, for the one place PowerShell gives blank lines a meaning: two of them
 * separate a script's help from a function that follows it (about_Comment_Based_Help).
 */
export const KEPT_BLANK: Line = { depth: 0, text: "", kept: true };

/** Drops blank lines at the start and end of a block body. */
export function trimBlankEdges(doc: Doc): Doc {
  let start = 0;
  let end = doc.length;
  while (start < end && doc[start]!.text === "") start += 1;
  while (end > start && doc[end - 1]!.text === "") end -= 1;
  return doc.slice(start, end);
}

export function text(s: string): Doc {
  return [{ depth: 0, text: s }];
}

export function isSingleLine(doc: Doc): boolean {
  return doc.length === 1;
}

/** The doc's only line; callers use it where a single line is required (e.g. inline script blocks). */
export function flat(doc: Doc): string {
  if (doc.length !== 1) throw new Error("expected a single-line doc");
  return doc[0]!.text;
}

export function indent(doc: Doc, by = 1): Doc {
  return doc.map((l) => (l.text === "" ? l : { depth: l.depth + by, text: l.text }));
}

/** `a` then `b` on the same line as `a`'s last line, separated by `sep`. */
export function concat(a: Doc, sep: string, b: Doc): Doc {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const last = a[a.length - 1]!;
  const [first, ...rest] = b;
  return [
    ...a.slice(0, -1),
    { depth: last.depth, text: last.text + sep + first!.text },
    ...rest.map((l) => (l.text === "" ? l : { depth: l.depth + last.depth, text: l.text })),
  ];
}

export function join(docs: readonly Doc[], sep: string): Doc {
  return docs.reduce<Doc>((acc, d) => (acc.length === 0 ? d : concat(acc, sep, d)), []);
}

export function prefix(s: string, doc: Doc): Doc {
  return concat(text(s), "", doc);
}

export function suffix(doc: Doc, s: string): Doc {
  return concat(doc, "", text(s));
}

/** `head {` + indented body + `}`, the OTBS shape every block in the output uses. */
export function block(head: string, body: Doc, tail = "}"): Doc {
  return [{ depth: 0, text: head === "" ? "{" : `${head} {` }, ...indent(trimBlankEdges(body)), { depth: 0, text: tail }];
}

/** Vertical stacking of several docs. */
export function lines(...docs: readonly Doc[]): Doc {
  return docs.flat();
}
