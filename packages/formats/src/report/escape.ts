/**
 * Escaping for every text that comes from the model: assessment files are user input and may hold markup, so
 * every renderer passes them through here and they render as text.
 */

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Characters that XML 1.0 forbids even when escaped (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/F).
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for HTML and SVG content and attribute values, and drops characters XML cannot hold. */
export const escapeXml = (value: string): string =>
  value
    .replace(XML_INVALID, '\uFFFD')
    .replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);

/**
 * Escapes text for one line of GitHub-flavoured Markdown (a paragraph or a table cell): whitespace runs become one
 * space, inline syntax and raw HTML are backslash-escaped, and `|` is escaped so it cannot end a table cell.
 */
export const escapeMarkdown = (value: string): string => {
  const flat = value.replace(XML_INVALID, '\uFFFD').replace(/\s+/g, ' ').trim();
  const escaped = flat.replace(/[\\`*_[\]<>|~&#!]/g, (character) => `\\${character}`);
  // A leading list, quote, heading or rule marker would change the block type.
  // Escape the punctuation, never the digits: a backslash before a digit would print.
  return escaped.replace(/^[-+=]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
};

/**
 * Turns an entity id into an anchor fragment: letters, digits and `-` only, so it is safe in HTML ids, hrefs and
 * Markdown links. Callers keep anchors unique with `AnchorRegistry`.
 */
export const slug = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'x';

/** Hands out unique anchors in a fixed order, so the same document always gets the same anchors. */
export class AnchorRegistry {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();

  /** Claims fixed ids (section ids) so that no generated anchor takes them. */
  reserve(ids: readonly string[]): void {
    for (const id of ids) this.used.add(id);
  }

  /** The anchor for `key` (one per key), built from `prefix` and `name`, made unique by a counter if needed. */
  anchor(key: string, prefix: string, name: string): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const base = `${prefix}-${slug(name)}`;
    let candidate = base;
    for (let counter = 2; this.used.has(candidate); counter += 1) candidate = `${base}-${counter}`;
    this.used.add(candidate);
    this.byKey.set(key, candidate);
    return candidate;
  }
}
