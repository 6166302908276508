import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Pair } from 'yaml';

/** A 1-based line and column in a source text, as editors and compilers show them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

type PathSegment = string | number;

const keyName = (pair: Pair<unknown, unknown>): string | undefined => {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
};

const startOf = (node: unknown): number | undefined =>
  isNode(node) && node.range ? node.range[0] : undefined;

/** A block collection starts on the line after its key, so the key is the better place to point at. */
const startOfPair = (pair: Pair<unknown, unknown>): number | undefined => {
  const value = pair.value;
  const isInline = isScalar(value)
    ? value.source !== ''
    : (isMap(value) || isSeq(value)) && value.flow === true;
  return (isInline ? startOf(value) : undefined) ?? startOf(pair.key);
};

const resolveAlias = (document: Document, node: unknown): unknown =>
  isAlias(node) ? node.resolve(document) : node;

const findPair = (node: unknown, key: string): Pair<unknown, unknown> | undefined =>
  isMap(node) ? node.items.find((pair) => keyName(pair) === key) : undefined;

/**
 * Finds the offset of the node at `path` in a parsed YAML (or JSON) document. When part of the path is missing, the
 * deepest node that exists is used, so a missing key points at its parent mapping.
 */
export const offsetOfPath = (document: Document, path: readonly PathSegment[]): number | undefined => {
  let node: unknown = document.contents;
  let offset = startOf(node);
  for (const segment of path) {
    node = resolveAlias(document, node);
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = startOf(item) ?? offset;
      continue;
    }
    const pair = findPair(node, String(segment));
    if (pair === undefined) break;
    node = pair.value;
    offset = startOfPair(pair) ?? offset;
  }
  return offset;
};

/** The data path of the innermost key or item whose source range holds `offset`, e.g. for a duplicate key. */
export const pathAtOffset = (document: Document, offset: number): PathSegment[] => {
  const contains = (node: unknown): boolean =>
    isNode(node) &&
    node.range !== undefined &&
    node.range !== null &&
    node.range[0] <= offset &&
    offset < node.range[2];
  const path: PathSegment[] = [];
  let node: unknown = document.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((candidate) => contains(candidate.key) || contains(candidate.value));
      const key = pair ? keyName(pair) : undefined;
      if (pair === undefined || key === undefined) return path;
      path.push(key);
      if (contains(pair.key)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex(contains);
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
};

/** The line and column of `path` in the text the document was parsed from (see `offsetOfPath`). */
export const locateNode = (
  document: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
): SourcePosition | undefined => {
  const offset = offsetOfPath(document, path);
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
};
