import type { Resolved, SystemFileInput } from '@zonewise/core';
import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  Pair,
  parseDocument,
  type Document,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { applyFlowStyle } from './flow-style';
import { keepUnchangedSource, recordOriginalValues, restoreSourceText } from './keep-source-text';
import { loadAssessmentText } from './load-assessment-text';
import {
  assessmentFileSchema,
  isDefaultValue,
  isPlainObject,
  itemSchema,
  orderLikeSchema,
  propertyOrder,
  propertySchema,
  type SchemaNode,
} from './schema-order';
import { detectYamlLayout } from './yaml-layout';

/** Options of `updateAssessmentYaml`. */
export interface UpdateYamlOptions {
  /** Shown in diagnostics when the original text does not parse. */
  readonly fileName?: string;
}

const keyName = (pair: Pair<unknown, unknown>): string | undefined =>
  isScalar(pair.key) ? String(pair.key.value) : undefined;

const idOfValue = (value: unknown): string | undefined =>
  isPlainObject(value) && typeof value['id'] === 'string' ? value['id'] : undefined;

const idOfNode = (node: unknown): string | undefined => {
  if (!isMap(node)) return undefined;
  const id = node.get('id');
  return typeof id === 'string' ? id : undefined;
};

/** A new node for `value`, styled as `saveAssessmentYaml` writes it and without values equal to their default. */
const createNode = (document: Document, value: unknown, schema: SchemaNode | undefined) => {
  const data = orderLikeSchema(value, schema, { omit: 'defaults' });
  const created = document.createNode(data, { aliasDuplicateObjects: false });
  applyFlowStyle(created);
  return created;
};

/** A new node for `value` that keeps the comments and blank line of the node it replaces. */
const replaceNode = (
  document: Document,
  old: unknown,
  value: unknown,
  schema: SchemaNode | undefined,
): unknown => {
  const created = createNode(document, value, schema);
  if (isNode(old)) {
    if (old.commentBefore !== undefined) created.commentBefore = old.commentBefore;
    if (old.comment !== undefined) created.comment = old.comment;
    if (old.spaceBefore !== undefined) created.spaceBefore = old.spaceBefore;
  }
  return created;
};

const mergeMap = (
  document: Document,
  map: YAMLMap,
  value: Record<string, unknown>,
  schema: SchemaNode | undefined,
) => {
  const order = propertyOrder(schema);
  const rank = (key: string | undefined): number => (key === undefined ? -1 : order.indexOf(key));
  map.items = map.items.filter((pair) => {
    const key = keyName(pair);
    return key !== undefined && Object.hasOwn(value, key);
  });
  const isSpaced = map.items.some((pair) => isNode(pair.key) && pair.key.spaceBefore === true);
  for (const [key, child] of Object.entries(value)) {
    const childSchema = propertySchema(schema, key);
    const pair = map.items.find((candidate) => keyName(candidate) === key);
    if (pair) {
      pair.value = mergeNode(document, pair.value, child, childSchema);
      continue;
    }
    // A parsed file carries every default; writing the ones the author left out would only add noise.
    if (isDefaultValue(child, childSchema)) continue;
    const created = new Pair(document.createNode(key), createNode(document, child, childSchema));
    // Follow the file's habit of separating sections with a blank line.
    if (isSpaced && isNode(created.key)) created.key.spaceBefore = true;
    const position = rank(key);
    // A new key goes after the last existing key that precedes it in schema order; unknown keys go last.
    const after =
      position < 0 ? map.items.length - 1 : map.items.findLastIndex((item) => rank(keyName(item)) < position);
    map.items.splice(after + 1, 0, created);
  }
};

const mergeSeq = (
  document: Document,
  seq: YAMLSeq,
  values: readonly unknown[],
  schema: SchemaNode | undefined,
) => {
  const items = itemSchema(schema);
  // Entity lists are matched by id, so a comment stays with its entity when entities are added, removed or moved.
  const isById =
    seq.items.length > 0 &&
    seq.items.every((node) => idOfNode(node) !== undefined) &&
    values.every((value) => idOfValue(value) !== undefined);
  if (isById) {
    const existing = new Map<string, unknown>();
    for (const node of seq.items) {
      const id = idOfNode(node);
      if (id !== undefined && !existing.has(id)) existing.set(id, node);
    }
    const first = seq.items[0];
    seq.items = values.map((value) => {
      const id = idOfValue(value) ?? '';
      const node = existing.get(id);
      existing.delete(id);
      return node === undefined
        ? createNode(document, value, items)
        : mergeNode(document, node, value, items);
    });
    // YAML hands a comment above the first item to the list; when that item moves, the comment goes with it.
    if (seq.commentBefore && isNode(first) && seq.items.includes(first) && seq.items[0] !== first) {
      first.commentBefore = first.commentBefore
        ? `${seq.commentBefore}\n${first.commentBefore}`
        : seq.commentBefore;
      seq.commentBefore = null;
    }
  } else {
    seq.items = values.map((value, index) =>
      index < seq.items.length
        ? mergeNode(document, seq.items[index], value, items)
        : createNode(document, value, items),
    );
  }
  // `regulations: []` written inline would otherwise put whole mappings on one line.
  if (seq.flow === true && values.some((value) => typeof value === 'object' && value !== null))
    seq.flow = false;
};

const mergeNode = (
  document: Document,
  node: unknown,
  value: unknown,
  schema: SchemaNode | undefined,
): unknown => {
  if (isPlainObject(value) && isMap(node)) {
    mergeMap(document, node, value, schema);
    return node;
  }
  if (Array.isArray(value) && isSeq(node)) {
    mergeSeq(document, node, value, schema);
    return node;
  }
  if (
    isScalar(node) &&
    node.source !== '' &&
    typeof node.value === typeof value &&
    typeof value !== 'object'
  ) {
    if (node.value !== value) node.value = value;
    return node;
  }
  return replaceNode(document, node, value, schema);
};

/**
 * Rewrites an existing YAML assessment so that it holds `newFile`, keeping the author's comments, key order, blank
 * lines, indentation and the exact text of every value that did not change (folded lines, quotes, number spelling). Values are set in place, entities are matched by id, new keys
 * are inserted in schema order (unless they hold the schema default) and removed ones deleted. Importers use it to merge into a hand-written file.
 */
export const updateAssessmentYaml = (
  originalText: string,
  newFile: SystemFileInput,
  options: UpdateYamlOptions = {},
): Resolved<string> => {
  const loaded = loadAssessmentText(originalText, {
    fileName: options.fileName ?? 'assessment.yaml',
    format: 'yaml',
  });
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  const { document } = loaded;
  const source = originalText.startsWith('\uFEFF') ? originalText.slice(1) : originalText;
  const layout = detectYamlLayout(document, source);
  const originalValues = recordOriginalValues(document);
  const schema = assessmentFileSchema();
  const value = orderLikeSchema(newFile, schema, { omit: 'nothing' });
  if (isMap(document.contents) && isPlainObject(value)) {
    mergeMap(document, document.contents, value, schema);
  } else {
    document.contents = replaceNode(document, document.contents, value, schema) as typeof document.contents;
  }
  const writeOptions = { lineWidth: 0, ...layout };
  const written = document.toString(writeOptions);
  const expected = JSON.stringify(document.toJS());
  const kept = keepUnchangedSource(document, originalValues, source);
  const restored = restoreSourceText(document.toString(writeOptions), kept);
  // Restoring original text is a courtesy; if it ever changed the data, the plainly written text is used instead.
  const check = parseDocument(restored);
  const isFaithful = check.errors.length === 0 && JSON.stringify(check.toJS()) === expected;
  return { ok: true, value: isFaithful ? restored : written, warnings: loaded.warnings };
};
