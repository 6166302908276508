import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateCsafDocument } from './validate-csaf-document';

/**
 * The OASIS CSAF 2.0 conformance documents in ../shared/data/csaf-schema/test/validator/data. `testcases.json` lists,
 * per test of spec section 6, the documents that fail it and those that pass it; each entry's `valid` says whether
 * the document as a whole is a valid CSAF document (schema + mandatory tests), which is what we check.
 */
const root = new URL('../../../../../../shared/data/csaf-schema/test/validator/data/', import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, root), 'utf8'));

interface TestCases {
  readonly tests: readonly {
    readonly id: string;
    readonly group: string;
    readonly failures?: readonly { readonly name: string; readonly valid: boolean }[];
    readonly valid?: readonly { readonly name: string; readonly valid: boolean }[];
  }[];
}

/**
 * Two "valid" examples of optional tests 6.2.8 and 6.2.9 list one hash algorithm twice in the same `file_hashes`,
 * which mandatory test 6.1.25 forbids in so many words; we follow the test's text, not the metadata.
 */
const INVALID_DESPITE_METADATA: Readonly<Record<string, readonly (string | number)[]>> = {
  'optional/oasis_csaf_tc-csaf_2_0-2021-6-2-08-02.json': [
    'product_tree',
    'full_product_names',
    0,
    'product_identification_helper',
    'hashes',
    0,
    'file_hashes',
    1,
  ],
  'optional/oasis_csaf_tc-csaf_2_0-2021-6-2-09-02.json': [
    'product_tree',
    'full_product_names',
    0,
    'product_identification_helper',
    'hashes',
    0,
    'file_hashes',
    1,
  ],
};

const cases = (readJson('testcases.json') as TestCases).tests.flatMap((test) =>
  [...(test.failures ?? []), ...(test.valid ?? [])].map((entry) => ({
    test: test.id,
    group: test.group,
    name: entry.name,
    valid: entry.valid && INVALID_DESPITE_METADATA[entry.name] === undefined,
  })),
);

describe('validateCsafDocument on the OASIS conformance documents', () => {
  it('covers every listed document of all three groups', () => {
    expect(cases.length).toBe(239);
    expect(new Set(cases.map(({ group }) => group))).toEqual(
      new Set(['mandatory', 'optional', 'informative']),
    );
  });

  it.each(cases)('$test $name is valid: $valid', async ({ name, valid }) => {
    const result = await validateCsafDocument(readJson(name), { file: name });
    expect(result.isValid).toBe(valid);
    expect(result.errors.length === 0).toBe(valid);
    for (const error of result.errors) {
      expect(error.code).toBe('csaf-invalid');
      expect(error.file).toBe(name);
    }
  });

  it.each(Object.entries(INVALID_DESPITE_METADATA))(
    '%s fails mandatory test 6.1.25 at the repeated hash',
    async (name, path) => {
      const result = await validateCsafDocument(readJson(name));
      expect(result.errors.map((error) => error.path)).toEqual([path]);
      expect(result.errors[0]?.message).toMatch(/^mandatory test 6\.1\.25:/);
    },
  );

  it('gives the JSON path of a failing mandatory test', async () => {
    const result = await validateCsafDocument(
      readJson('mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-26-04.json'),
    );
    expect(result.errors).toMatchObject([{ code: 'csaf-invalid', path: ['document', 'category'] }]);
  });

  it('reports revision history problems at the index of the document, not of the sorted copy', async () => {
    const document = readJson('mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-14-12.json') as {
      document: { tracking: { revision_history: { number: string; date: string; summary: string }[] } };
    };
    // Same-day items "2", "1" and a second "1": sorted by (date, number) they are indexes 1, 2, 0, so the library
    // reports the duplicate at sorted position 1, which is the document's index 2.
    const history = document.document.tracking.revision_history;
    history.push({ date: history[0]?.date ?? '', number: '1', summary: 'Duplicate.' });
    const result = await validateCsafDocument(document);
    const numbered = result.errors
      .filter((error) => error.message.startsWith('mandatory test 6.1.22'))
      .map((error) => error.path);
    expect(numbered).toEqual(
      expect.arrayContaining([['document', 'tracking', 'revision_history', 2, 'number']]),
    );
    expect(numbered).not.toContainEqual(['document', 'tracking', 'revision_history', 1, 'number']);
  });

  it('names the failed test, e.g. 6.1.9 for a base score that does not match its vector', async () => {
    const advisory = JSON.parse(
      readFileSync(
        new URL('../../../../cisa-csaf/selected-2017-2023/2018/icsa-18-310-02.json', root),
        'utf8',
      ),
    ) as { vulnerabilities: { scores: { cvss_v3: { baseScore: number } }[] }[] };
    const valid = await validateCsafDocument(advisory);
    expect(valid).toEqual({ isValid: true, errors: [], failedTests: [] });
    const score = advisory.vulnerabilities[0]?.scores[0]?.cvss_v3;
    if (score) score.baseScore = 9.9;
    const result = await validateCsafDocument(advisory);
    expect(result.failedTests).toEqual(['6.1.9']);
    expect(result.errors[0]?.path).toEqual(['vulnerabilities', 0, 'scores', 0, 'cvss_v3', 'baseScore']);
  });

  it('never throws on a real advisory with parts replaced by values of the wrong type', async () => {
    const advisory = JSON.parse(
      readFileSync(
        new URL('../../../../cisa-csaf/selected-2017-2023/2018/icsa-18-310-02.json', root),
        'utf8',
      ),
    ) as unknown;
    const paths: string[][] = [];
    const walk = (value: unknown, path: string[]): void => {
      if (path.length > 0) paths.push(path);
      if (typeof value === 'object' && value !== null) {
        for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
      }
    };
    walk(advisory, []);
    const replacements = [null, 7, 'text', [], {}];
    let invalid = 0;
    for (const path of paths.filter((_, position) => position % 11 === 0)) {
      for (const replacement of replacements) {
        const mutated = structuredClone(advisory) as Record<string, unknown>;
        let parent: Record<string, unknown> = mutated;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
        parent[path[path.length - 1] ?? ''] = replacement;
        const result = await validateCsafDocument(mutated);
        expect(result.isValid).toBe(result.errors.length === 0);
        if (!result.isValid) invalid += 1;
      }
    }
    expect(invalid).toBeGreaterThan(100);
  });

  it('rejects a JSON value that is not a CSAF document with schema errors at the root', async () => {
    const result = await validateCsafDocument({ hello: 'world' });
    expect(result.isValid).toBe(false);
    expect(result.errors.some((error) => error.path.length === 0)).toBe(true);
  });
});
