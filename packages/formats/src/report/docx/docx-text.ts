/**
 * Text and names as WordprocessingML can hold them: model text is user input, so characters XML 1.0 forbids are
 * replaced before they reach a part, and section ids become valid Word bookmark names.
 */

// Characters that XML 1.0 forbids even when escaped (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/F).
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes model text safe for a Word text run: forbidden characters become U+FFFD and whitespace runs (tabs, line
 * breaks) one space, as the HTML report shows them. `docx` escapes markup characters itself.
 */
export const docxText = (value: string): string => value.replace(XML_INVALID, '\uFFFD').replace(/\s+/g, ' ');

// Word keeps bookmark names of at most 40 characters, starting with a letter; letters, digits and `_` only.
const BOOKMARK_LIMIT = 40;

const fnv1a = (value: string): string => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index += 1) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
};

/**
 * Maps report anchor ids (sections, figures) to Word bookmark names, one name per id and no name twice, so that
 * internal links of the report become hyperlinks to bookmarks that Word keeps.
 */
export class BookmarkNames {
  private readonly byId = new Map<string, string>();
  private readonly used = new Set<string>();

  /** Registers an anchor id and returns its bookmark name (the same name for the same id). */
  add(id: string): string {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    let base = `z_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
    if (base.length > BOOKMARK_LIMIT) base = `${base.slice(0, BOOKMARK_LIMIT - 9)}_${fnv1a(id)}`;
    let name = base;
    for (let counter = 2; this.used.has(name); counter += 1) {
      const suffix = `_${counter}`;
      name = `${base.slice(0, BOOKMARK_LIMIT - suffix.length)}${suffix}`;
    }
    this.used.add(name);
    this.byId.set(id, name);
    return name;
  }

  /** The bookmark name of a registered id, or undefined when nothing in the document carries that id. */
  get(id: string): string | undefined {
    return this.byId.get(id);
  }
}
