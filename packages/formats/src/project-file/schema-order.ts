import { systemFileJsonSchema } from '@zonewise/core';

/** The parts of a generated JSON Schema that say how a value is laid out. */
export interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly default?: unknown;
}

let fileSchema: SchemaNode | undefined;

/** The assessment file's schema, generated once on first use. */
export const assessmentFileSchema = (): SchemaNode => (fileSchema ??= systemFileJsonSchema() as SchemaNode);

const branches = (schema: SchemaNode): readonly SchemaNode[] => [
  schema,
  ...(schema.anyOf ?? []),
  ...(schema.oneOf ?? []),
];

/** The schema of a property of an object value, when the schema describes one. */
export const propertySchema = (schema: SchemaNode | undefined, key: string): SchemaNode | undefined => {
  if (schema === undefined) return undefined;
  for (const branch of branches(schema)) {
    if (branch.properties && Object.hasOwn(branch.properties, key)) return branch.properties[key];
    if (typeof branch.additionalProperties === 'object') return branch.additionalProperties;
  }
  return undefined;
};

/** The declared property names of an object schema, in schema order. */
export const propertyOrder = (schema: SchemaNode | undefined): readonly string[] => {
  const withProperties = schema
    ? branches(schema).find((branch) => branch.properties !== undefined)
    : undefined;
  return withProperties?.properties ? Object.keys(withProperties.properties) : [];
};

/** The schema of the items of an array value, when the schema describes one. */
export const itemSchema = (schema: SchemaNode | undefined): SchemaNode | undefined =>
  schema ? branches(schema).find((branch) => branch.items !== undefined)?.items : undefined;

const isEmptyDefaultList = (value: unknown, schema: SchemaNode | undefined): boolean =>
  Array.isArray(value) && value.length === 0 && Array.isArray(schema?.default) && schema.default.length === 0;

/** True for a value equal to its schema default (`isInScope: true`, `zones: []`): leaving it out means the same. */
export const isDefaultValue = (value: unknown, schema: SchemaNode | undefined): boolean =>
  schema?.default !== undefined && JSON.stringify(value) === JSON.stringify(schema.default);

/** Plain data objects, as opposed to arrays, class instances and null. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Sets a key even when it is `__proto__`, which plain assignment would treat as the prototype. */
const define = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

/**
 * A copy of `value` whose object keys follow the schema's property order (keys the schema does not know keep their
 * order, after the known ones), without `undefined` values, and without what `omit` names: `empty-default-lists`
 * (the file writers) or every value equal to its schema default (`defaults`, for entities an update adds). The same
 * data always serialises to the same text, whatever order it was built in.
 */
export const orderLikeSchema = (
  value: unknown,
  schema: SchemaNode | undefined,
  options: { readonly omit: 'nothing' | 'empty-default-lists' | 'defaults' },
): unknown => {
  if (Array.isArray(value)) {
    const items = itemSchema(schema);
    return value.map((item: unknown) => orderLikeSchema(item, items, options));
  }
  if (!isPlainObject(value)) return value;
  const known = propertyOrder(schema);
  const keys = [
    ...known.filter((key) => Object.hasOwn(value, key)),
    ...Object.keys(value).filter((key) => !known.includes(key)),
  ];
  const ordered: Record<string, unknown> = {};
  for (const key of keys) {
    const child = value[key];
    const childSchema = propertySchema(schema, key);
    if (child === undefined) continue;
    if (options.omit === 'empty-default-lists' && isEmptyDefaultList(child, childSchema)) continue;
    if (options.omit === 'defaults' && isDefaultValue(child, childSchema)) continue;
    define(ordered, key, orderLikeSchema(child, childSchema, options));
  }
  return ordered;
};
