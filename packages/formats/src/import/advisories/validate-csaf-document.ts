import type { Diagnostic } from '@zonewise/core';

/** The outcome of validating one CSAF 2.0 document: valid or not, and every error at its JSON path. */
export interface CsafValidation {
  readonly isValid: boolean;
  /** `csaf-invalid` errors: failed schema checks and mandatory tests (CSAF 2.0 §6.1), with the JSON path. */
  readonly errors: readonly Diagnostic[];
  /** The tests that failed: `schema` or a mandatory test number such as `6.1.9` (invalid CVSS computation). */
  readonly failedTests: readonly string[];
}

interface TestMessage {
  readonly message: string;
  readonly instancePath: string;
}
interface TestResult {
  readonly isValid?: boolean;
  readonly errors?: readonly TestMessage[];
}
type DocumentTest = ((document: unknown) => TestResult | Promise<TestResult>) & { readonly name: string };
type TestModule = Readonly<Record<string, DocumentTest>>;

let loadedTests: Promise<readonly DocumentTest[]> | undefined;

/**
 * The schema test and the mandatory tests of @secvisogram/csaf-validator-lib, loaded on first use: compiling their
 * schemas takes seconds, which no other command should pay. Only offline tests are used (no optional or
 * informative tests, which need hunspell or the network). The non-strict schema is the conformance one: extra
 * properties are only flagged by optional test 6.2.20.
 */
const loadTests = (): Promise<readonly DocumentTest[]> => {
  loadedTests ??= Promise.all([
    // @ts-expect-error -- the package ships JavaScript without type declarations
    import('@secvisogram/csaf-validator-lib/schemaTests.js') as Promise<TestModule>,
    // @ts-expect-error -- the package ships JavaScript without type declarations
    import('@secvisogram/csaf-validator-lib/mandatoryTests.js') as Promise<TestModule>,
  ]).then(([schema, mandatory]) => {
    const schemaTest = schema['csaf_2_0'];
    if (schemaTest === undefined) throw new Error('csaf-validator-lib has no csaf_2_0 schema test');
    return [schemaTest, ...Object.values(mandatory)];
  });
  return loadedTests;
};

/** `/document/tracking/revision_history/0` → ['document', 'tracking', 'revision_history', 0]. */
const pointerToPath = (pointer: string): (string | number)[] =>
  pointer === ''
    ? []
    : pointer
        .replace(/^\//, '')
        .split('/')
        .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));

const testId = (name: string): string => {
  const mandatory = /^mandatoryTest_(\d+(?:_\d+)*)$/.exec(name);
  if (mandatory) return (mandatory[1] ?? '').replace(/_/g, '.');
  return name.startsWith('csaf_2_0') ? 'schema' : name;
};

const testLabel = (name: string): string => {
  const id = testId(name);
  if (id === 'schema') return 'CSAF 2.0 JSON schema';
  return /^\d/.test(id) ? `mandatory test ${id}` : id;
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numberParts = (text: unknown): number[] =>
  typeof text === 'string' ? (text.match(/\d+/g) ?? []).map(Number) : [];

const compareNumbers = (a: unknown, b: unknown): number => {
  const left = numberParts(a);
  const right = numberParts(b);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
};

/**
 * Tests 6.1.14 and 6.1.21 sort the revision history by date; items with the same date have no order of their own,
 * and the library then keeps the document's order, which fails valid documents whose same-day items are listed
 * newest first. The TC settled that `number` is the second sort key (oasis-tcs/csaf#1363, PR #1475), so the items
 * are handed to the tests in (date, number) order and paths are mapped back to the document's own indexes.
 */
const withSortedRevisionHistory = (json: unknown): { document: unknown; indexes?: number[] } => {
  if (!isObject(json) || !isObject(json['document'])) return { document: json };
  const tracking = json['document']['tracking'];
  if (!isObject(tracking) || !Array.isArray(tracking['revision_history'])) return { document: json };
  const history: unknown[] = tracking['revision_history'];
  const dated = history.map((item, index) => ({
    item,
    index,
    time: isObject(item) && typeof item['date'] === 'string' ? Date.parse(item['date']) : Number.NaN,
  }));
  if (dated.some(({ time }) => Number.isNaN(time))) return { document: json };
  const sorted = [...dated].sort(
    (a, b) =>
      a.time - b.time ||
      compareNumbers(isObject(a.item) ? a.item['number'] : '', isObject(b.item) ? b.item['number'] : '') ||
      a.index - b.index,
  );
  if (sorted.every(({ index }, position) => index === position)) return { document: json };
  return {
    document: {
      ...json,
      document: {
        ...json['document'],
        tracking: { ...tracking, revision_history: sorted.map(({ item }) => item) },
      },
    },
    indexes: sorted.map(({ index }) => index),
  };
};

const REVISION_HISTORY = /^\/document\/tracking\/revision_history\/(\d+)/;

const PROFILE_CATEGORIES = [
  'csaf_base',
  'csaf_security_incident_response',
  'csaf_informational_advisory',
  'csaf_security_advisory',
  'csaf_vex',
];
const squeeze = (text: string): string => text.replace(/[\s_-]+/g, '').toLowerCase();

/**
 * Mandatory test 6.1.26 also forbids a category that equals a profile's *value* once `_`, `-` and whitespace are
 * ignored (`csafsecurityadvisory`); the library only compares with the profile names (failing example 04).
 */
const prohibitedCategoryValue = (json: unknown): TestMessage[] => {
  const category = isObject(json) && isObject(json['document']) ? json['document']['category'] : undefined;
  if (typeof category !== 'string' || PROFILE_CATEGORIES.includes(category)) return [];
  return PROFILE_CATEGORIES.some((value) => squeeze(value) === squeeze(category))
    ? [
        {
          instancePath: '/document/category',
          message: `the category "${category}" is reserved for a CSAF profile`,
        },
      ]
    : [];
};

/**
 * Validates a parsed CSAF 2.0 document offline: the CSAF JSON schema and every mandatory test (§6.1) of
 * @secvisogram/csaf-validator-lib, plus the two corrections above. Each failure is a `csaf-invalid` error whose path
 * points into the document. A document is valid when there is none.
 */
export const validateCsafDocument = async (
  json: unknown,
  options: { readonly file?: string } = {},
): Promise<CsafValidation> => {
  const tests = await loadTests();
  const { document, indexes } = withSortedRevisionHistory(json);
  const seen = new Set<string>();
  const errors: Diagnostic[] = [];
  const failedTests = new Set<string>();
  const report = (label: string, { instancePath, message }: TestMessage): void => {
    const pointer =
      indexes === undefined
        ? instancePath
        : instancePath.replace(REVISION_HISTORY, (_, index: string) => {
            return `/document/tracking/revision_history/${indexes[Number(index)] ?? index}`;
          });
    const key = `${label}\u0000${pointer}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push({
      code: 'csaf-invalid',
      severity: 'error',
      path: pointerToPath(pointer),
      message: `${label}: ${message}`,
      ...(options.file === undefined ? {} : { file: options.file }),
    });
  };
  for (const test of tests) {
    let result: TestResult;
    try {
      result = await test(document);
    } catch (cause) {
      // Some library tests assume the schema holds (e.g. no null branch); such a document is invalid anyway.
      const reason = cause instanceof Error ? cause.message : String(cause);
      result = {
        isValid: false,
        errors: [{ instancePath: '', message: `cannot run on this document (${reason})` }],
      };
    }
    if (result.isValid === false || (result.errors ?? []).length > 0) failedTests.add(testId(test.name));
    if (result.isValid === false && (result.errors ?? []).length === 0) {
      report(testLabel(test.name), { instancePath: '', message: 'failed' });
    }
    for (const error of result.errors ?? []) report(testLabel(test.name), error);
  }
  for (const error of prohibitedCategoryValue(json)) {
    failedTests.add('6.1.26');
    report('mandatory test 6.1.26', error);
  }
  return { isValid: errors.length === 0, errors, failedTests: [...failedTests] };
};
