import { isMap, isNode, isSeq, type Document } from 'yaml';

/** How a YAML file lays out its block collections, so a rewrite can keep the author's style. */
export interface YamlLayout {
  /** Spaces per nesting level. */
  readonly indent: number;
  /** `false` when block lists sit flush with their key (`zones:\n- id: a`). */
  readonly indentSeq: boolean;
  /** `true` for `{ a: 1 }`, `false` for `{a: 1}`, read from the first flow collection (mappings first). */
  readonly flowCollectionPadding: boolean;
}

/**
 * Reads the layout habits of a parsed YAML file from its first nested block mapping, block list under a key and flow
 * collection; what a file does not show gets the defaults `saveAssessmentYaml` writes.
 */
export const detectYamlLayout = (document: Document, text: string): YamlLayout => {
  const column = (offset: number): number => offset - text.lastIndexOf('\n', offset - 1);
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  let flowMapPadding: boolean | undefined;
  let flowSeqPadding: boolean | undefined;
  const isPadded = (range: readonly [number, number, number] | null | undefined): boolean | undefined => {
    const inside = range ? text.slice(range[0] + 1, range[1] - 1) : '';
    return inside.trim() === '' ? undefined : inside.startsWith(' ') || inside.startsWith('\n');
  };
  const pending: unknown[] = [document.contents];
  for (let next = 0; next < pending.length; next += 1) {
    const node = pending[next];
    if (isMap(node) && node.flow === true) flowMapPadding ??= isPadded(node.range);
    if (isSeq(node) && node.flow === true) flowSeqPadding ??= isPadded(node.range);
    if (isSeq(node)) pending.push(...node.items);
    if (!isMap(node)) continue;
    for (const pair of node.items) {
      const { key, value } = pair;
      pending.push(value);
      if (
        !isNode(key) ||
        !key.range ||
        !(isMap(value) || isSeq(value)) ||
        value.flow === true ||
        !value.range
      ) {
        continue;
      }
      const depth = column(value.range[0]) - column(key.range[0]);
      if (isMap(value) && indent === undefined && depth >= 1 && depth <= 8) indent = depth;
      if (isSeq(value) && indentSeq === undefined) indentSeq = depth > 0;
    }
  }
  return {
    indent: indent ?? 2,
    indentSeq: indentSeq ?? true,
    flowCollectionPadding: flowMapPadding ?? flowSeqPadding ?? false,
  };
};
