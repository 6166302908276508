const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** One place where two values differ, with the value on each side (undefined where it is absent). */
export interface ChangedValue {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const collect = (before: unknown, after: unknown, path: string, out: ChangedValue[]): void => {
  if (Object.is(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) collect(before[key], after[key], join(path, key), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item: unknown, index) => collect(item, after[index], `${path}[${index}]`, out));
    return;
  }
  out.push({ path, before, after });
};

/** Where two JSON-like values differ and what each side holds there, in the order of {@link changedPaths}. */
export const changedValues = (before: unknown, after: unknown): readonly ChangedValue[] => {
  const out: ChangedValue[] = [];
  collect(before, after, '', out);
  return out;
};

/**
 * The paths at which two JSON-like values differ, e.g. `criticality.production` or `channels[0].port`, in key
 * order. A property that is absent and one that is undefined are equal; a list whose length changed is reported as
 * one path; a value that differs at the root gives the path "".
 */
export const changedPaths = (before: unknown, after: unknown): readonly string[] =>
  changedValues(before, after).map((change) => change.path);
