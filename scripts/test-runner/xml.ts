// Just enough XML handling for test reports: attributes, entities, CDATA.

const ATTR_RE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function decodeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, cdata: string) => cdata.replace(/&/g, '\u0000amp;'))
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (m, ent: string) => {
      switch (ent) {
        case 'lt': return '<';
        case 'gt': return '>';
        case 'amp': return '&';
        case 'quot': return '"';
        case 'apos': return "'";
        default: {
          const cp = ent.startsWith('#x') ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
          return Number.isFinite(cp) ? String.fromCodePoint(cp) : m;
        }
      }
    })
    .replace(/\u0000amp;/g, '&');
}

export function parseAttributes(attrText: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of attrText.matchAll(ATTR_RE)) {
    const name = m[1];
    if (name !== undefined) out[name] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

export interface XmlElement {
  attrs: Record<string, string>;
  /** Raw inner XML ('' for self-closing elements). */
  inner: string;
}

/**
 * All elements named `tag` (which must not nest within itself), in document order.
 * Comments are ignored.
 */
export function findElements(xml: string, tag: string): XmlElement[] {
  const clean = xml.replace(/<!--[\s\S]*?-->/g, '');
  const t = tag.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const re = new RegExp(`<${t}((?:\\s+[\\w:.-]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(?:/>|>([\\s\\S]*?)</${t}\\s*>)`, 'g');
  const out: XmlElement[] = [];
  for (const m of clean.matchAll(re)) {
    out.push({ attrs: parseAttributes(m[1] ?? ''), inner: m[2] ?? '' });
  }
  return out;
}

/** Text of the first <tag>...</tag> inside `xml`, decoded; undefined if absent. */
export function firstElementText(xml: string, tag: string): string | undefined {
  const el = findElements(xml, tag)[0];
  return el ? decodeXml(el.inner).trim() : undefined;
}
