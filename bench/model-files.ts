import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a generated assessment as JSON and YAML files the way tools and people lay them out: one entity per line in
 * JSON, block-style YAML. Both are written in chunks, entity by entity, because the 100k-asset model is about 200 MB
 * and one `JSON.stringify` of it would hold the whole text (and its pretty-printed copy) in memory at once.
 */

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

/** Buffers small strings and writes them to a file descriptor in chunks of about 1 MB. */
const chunkedWriter = (path: string) => {
  const fd = openSync(path, 'w');
  let parts: string[] = [];
  let length = 0;
  let bytes = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    bytes += writeSync(fd, parts.join(''));
    parts = [];
    length = 0;
  };
  return {
    write: (text: string): void => {
      parts.push(text);
      length += text.length;
      if (length >= 1 << 20) flush();
    },
    close: (): number => {
      flush();
      closeSync(fd);
      return bytes;
    },
  };
};

const entries = (value: object): [string, Json][] =>
  Object.entries(value).filter((entry): entry is [string, Json] => entry[1] !== undefined);

/** Writes `document` as JSON with each element of a top-level list on its own line; returns the bytes written. */
export const writeJsonFile = (path: string, document: object): number => {
  const out = chunkedWriter(path);
  const fields = entries(document);
  out.write('{\n');
  fields.forEach(([key, value], index) => {
    const comma = index < fields.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      out.write(`  ${JSON.stringify(key)}: [\n`);
      value.forEach((item: Json, itemIndex) => {
        out.write(`    ${JSON.stringify(item)}${itemIndex < value.length - 1 ? ',' : ''}\n`);
      });
      out.write(`  ]${comma}\n`);
    } else {
      out.write(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}\n`);
    }
  });
  out.write('}\n');
  return out.close();
};

const YAML_RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;
const PLAIN_SCALAR = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_.$-]*$/;

/** A YAML scalar: plain when unambiguous, else double-quoted (a JSON string is a valid YAML double-quoted scalar). */
export const yamlScalar = (value: string | number | boolean | null): string => {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return PLAIN_SCALAR.test(value) && !YAML_RESERVED.test(value) ? value : JSON.stringify(value);
};

const yamlKey = (key: string): string =>
  PLAIN_KEY.test(key) && !YAML_RESERVED.test(key) ? key : JSON.stringify(key);

const isScalar = (value: Json): value is string | number | boolean | null =>
  value === null || typeof value !== 'object';

/** Block-style YAML lines for a mapping or list at the given indentation (lists of scalars in flow style). */
export const yamlLines = (value: Json, indent: string): string => {
  if (isScalar(value)) return `${indent}${yamlScalar(value)}\n`;
  if (Array.isArray(value)) {
    return value
      .map((item: Json) => {
        if (isScalar(item) || (Array.isArray(item) && item.length === 0))
          return `${indent}- ${inline(item)}\n`;
        if (Array.isArray(item)) return `${indent}-\n${yamlLines(item, `${indent}  `)}`;
        const body = mappingLines(item as { readonly [key: string]: Json | undefined }, `${indent}  `);
        return body === '' ? `${indent}- {}\n` : `${indent}- ${body.slice(indent.length + 2)}`;
      })
      .join('');
  }
  return mappingLines(value as { readonly [key: string]: Json | undefined }, indent);
};

const inline = (value: Json): string => {
  if (isScalar(value)) return yamlScalar(value);
  if (Array.isArray(value)) return `[${value.map((item: Json) => inline(item)).join(', ')}]`;
  return `{ ${entries(value)
    .map(([key, item]) => `${yamlKey(key)}: ${inline(item)}`)
    .join(', ')} }`;
};

const mappingLines = (value: { readonly [key: string]: Json | undefined }, indent: string): string =>
  entries(value)
    .map(([key, item]) => {
      if (isScalar(item)) return `${indent}${yamlKey(key)}: ${yamlScalar(item)}\n`;
      if (Array.isArray(item)) {
        if (item.length === 0 || item.every(isScalar)) return `${indent}${yamlKey(key)}: ${inline(item)}\n`;
        return `${indent}${yamlKey(key)}:\n${yamlLines(item, `${indent}  `)}`;
      }
      const nested = entries(item);
      if (nested.length === 0) return `${indent}${yamlKey(key)}: {}\n`;
      return `${indent}${yamlKey(key)}:\n${mappingLines(item as { readonly [key: string]: Json | undefined }, `${indent}  `)}`;
    })
    .join('');

/** Writes `document` as block-style YAML, one top-level entity at a time; returns the bytes written. */
export const writeYamlFile = (path: string, document: object, comment: string): number => {
  const out = chunkedWriter(path);
  out.write(`# ${comment}\n`);
  for (const [key, value] of entries(document)) {
    if (Array.isArray(value) && value.length > 0) {
      out.write(`${yamlKey(key)}:\n`);
      for (const item of value as readonly Json[]) out.write(yamlLines([item], '  '));
    } else {
      out.write(mappingLines({ [key]: value }, ''));
    }
  }
  return out.close();
};
