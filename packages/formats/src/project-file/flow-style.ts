import { isScalar, isSeq, visit, type Document, type Node } from 'yaml';

/**
 * Writes short lists of plain values on one line: security-level vectors (`[2, 2, 1, 1, 2, 1, 2]`) and the rows of
 * the risk matrix (`[low, medium, high]`), which read as a unit and would otherwise take a line per level.
 */
export const applyFlowStyle = (node: Document | Node): void => {
  visit(node, {
    Seq(_key, seq, path) {
      if (seq.items.length === 0 || !seq.items.every(isScalar)) return;
      const isNumbers = seq.items.every((item) => isScalar(item) && typeof item.value === 'number');
      if (isNumbers || isSeq(path.at(-1))) seq.flow = true;
    },
  });
};
