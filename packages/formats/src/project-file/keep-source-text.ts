import { isCollection, isMap, isNode, isScalar, isSeq, Scalar, visit, type Document, type Node } from 'yaml';

/** What a freshly parsed document held: scalar values and the data of each flow collection. */
export interface OriginalValues {
  readonly scalars: ReadonlyMap<Scalar, unknown>;
  readonly flowCollections: ReadonlyMap<Node, string>;
}

/** The original text of an unchanged node and the indentation of the line it started on. */
interface KeptSource {
  readonly source: string;
  readonly lineIndent: number;
  /** For a key: what followed it on its line (`: # ZCR 6.5`), written in place of the colon. */
  readonly afterKey?: string;
}

// Private-use characters cannot clash with anything an author wrote (checked before use).
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000\d+\uE001:?/g;

/** Indentation up to the first character that is neither a space nor a list dash (`  - key:` → 4). */
const lineIndentOf = (line: string): number => /^(?: |-(?= ))*/.exec(line)?.[0].length ?? 0;

const dataOf = (document: Document, node: Node): string => JSON.stringify(node.toJS(document));

/** Records the values of a freshly parsed document, to tell later which nodes an update left unchanged. */
export const recordOriginalValues = (document: Document): OriginalValues => {
  const scalars = new Map<Scalar, unknown>();
  const flowCollections = new Map<Node, string>();
  visit(document, {
    Scalar(key, node) {
      if (key !== 'key') scalars.set(node, node.value);
    },
    Collection(key, node) {
      if (key !== 'key' && node.flow === true) flowCollections.set(node, dataOf(document, node));
    },
  });
  return { scalars, flowCollections };
};

/**
 * Swaps every value an update left unchanged (scalars and flow collections) for a placeholder and returns the
 * original text of each, so folded lines, quotes, number spelling and `{ a: 1 }` spacing come back exactly as the
 * author wrote them. Multi-line values that start on their own line, sit inside a changed flow collection or carry
 * a comment, and block scalars with an indentation or keep indicator, are left to the YAML writer. A comment that
 * followed a key on its line stays there.
 */
export const keepUnchangedSource = (
  document: Document,
  original: OriginalValues,
  text: string,
): ReadonlyMap<string, KeptSource> => {
  const kept = new Map<string, KeptSource>();
  if (text.includes(OPEN) || text.includes(CLOSE)) return kept;

  const placeholderFor = (node: Node, path: readonly unknown[]): string | undefined => {
    if (!node.range) return undefined;
    const source = text.slice(node.range[0], node.range[1]).replace(/\n$/, '');
    const lineStart = text.lastIndexOf('\n', node.range[0] - 1) + 1;
    const before = text.slice(lineStart, node.range[0]);
    if (source.includes('\n')) {
      if (before.trim() === '' || node.comment) return undefined;
      if (path.some((ancestor) => isCollection(ancestor) && ancestor.flow === true)) return undefined;
      if (/^[|>][-+]?[1-9]|^[|>][1-9]?\+/.test(source)) return undefined;
    }
    const placeholder = `${OPEN}${kept.size}${CLOSE}`;
    kept.set(placeholder, { source, lineIndent: lineIndentOf(before) });
    return placeholder;
  };

  visit(document, {
    // YAML reads `assumptions: # ZCR 6.5` as a comment before the list and would move it to a line of its own.
    Pair(_key, pair) {
      const { key, value } = pair;
      if (!isScalar(key) || !key.range || !isNode(value) || !value.commentBefore) return;
      const lineEnd = text.indexOf('\n', key.range[1]);
      const afterKey = text.slice(key.range[1], lineEnd < 0 ? text.length : lineEnd);
      const [first, ...others] = value.commentBefore.split('\n');
      if (!/^\s*:\s+#/.test(afterKey) || afterKey.slice(afterKey.indexOf('#') + 1) !== first) return;
      value.commentBefore = others.length > 0 ? others.join('\n') : null;
      const placeholder = `${OPEN}${kept.size}${CLOSE}`;
      kept.set(placeholder, { source: text.slice(key.range[0], key.range[1]), lineIndent: 0, afterKey });
      key.value = placeholder;
      key.type = 'PLAIN';
    },
    Scalar(key, node, path) {
      if (key === 'key' || !original.scalars.has(node) || original.scalars.get(node) !== node.value) return;
      const placeholder = placeholderFor(node, path);
      if (placeholder === undefined) return;
      node.value = placeholder;
      node.type = 'PLAIN';
    },
    Collection(key, node, path) {
      if (key === 'key' || !(isMap(node) || isSeq(node)) || node.flow !== true) return;
      const data = original.flowCollections.get(node);
      if (data === undefined || data !== dataOf(document, node)) return;
      const placeholder = placeholderFor(node, path);
      if (placeholder === undefined) return;
      const replacement = new Scalar(placeholder);
      replacement.type = 'PLAIN';
      if (node.comment) replacement.comment = node.comment;
      if (node.commentBefore) replacement.commentBefore = node.commentBefore;
      if (node.spaceBefore) replacement.spaceBefore = true;
      return replacement;
    },
  });
  return kept;
};

/** Puts the kept text back in place of the placeholders, shifting continuation lines to the new indentation. */
export const restoreSourceText = (output: string, kept: ReadonlyMap<string, KeptSource>): string =>
  output
    .split('\n')
    .map((line) =>
      line.replace(PLACEHOLDER, (placeholder) => {
        const isKey = placeholder.endsWith(':');
        const entry = kept.get(isKey ? placeholder.slice(0, -1) : placeholder);
        if (entry === undefined) return placeholder;
        if (entry.afterKey !== undefined) return isKey ? `${entry.source}${entry.afterKey}` : placeholder;
        const [first = '', ...rest] = entry.source.split('\n');
        const shift = lineIndentOf(line) - entry.lineIndent;
        const shifted = rest.map((continuation) => {
          if (continuation === '') return '';
          const spaces = /^ */.exec(continuation)?.[0].length ?? 0;
          return `${' '.repeat(Math.max(0, spaces + shift))}${continuation.slice(spaces)}`;
        });
        return [first, ...shifted].join('\n') + (isKey ? ':' : '');
      }),
    )
    .join('\n');
