import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsafAdvisory } from './read-csaf-advisory';

const ENBT_ADVISORY = new URL(
  '../../../../../../shared/data/cisa-csaf/selected-2017-2023/2018/icsa-18-310-02.json',
  import.meta.url,
);
const readJsonFile = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));

interface MutableDocument {
  product_tree: Record<string, unknown>;
  vulnerabilities: { cve: string; scores: { products: string[]; cvss_v3: Record<string, unknown> }[] }[];
}

const enbt = () => readJsonFile(ENBT_ADVISORY) as MutableDocument;

describe('readCsafAdvisory', () => {
  it('reads the 1756-ENBT product and CVE-2018-17924 of ICSA-18-310-02', () => {
    const { advisory, diagnostics } = readCsafAdvisory(enbt(), { file: 'icsa-18-310-02.json' });
    expect(diagnostics).toEqual([]);
    expect(advisory?.id).toBe('ICSA-18-310-02');
    expect(advisory?.products.find((product) => product.productId === 'CSAFPID-0007')).toMatchObject({
      vendor: 'Rockwell Automation',
      productName: '1756 ControlLogix EtherNet/IP Communications Modules 1756-ENBT',
      versionText: 'vers:all/*',
      path: ['product_tree', 'branches', 0, 'branches', 6, 'branches', 0, 'product'],
    });
    const vulnerability = advisory?.vulnerabilities.find((item) => item.cve === 'CVE-2018-17924');
    expect(vulnerability?.productStatus.known_affected).toContain('CSAFPID-0007');
    expect(vulnerability?.cwe).toEqual({
      id: 'CWE-306',
      name: 'Missing Authentication for Critical Function',
    });
    expect(vulnerability?.scores[0]?.rating).toEqual({
      version: '3.0',
      score: 8.6,
      vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H',
    });
    expect(vulnerability?.remediations.length).toBeGreaterThan(0);
  });

  it('flags a wrong base score with cvss-score-mismatch and uses the computed one', () => {
    const document = enbt();
    const cvss = document.vulnerabilities[0]?.scores[0]?.cvss_v3;
    if (cvss) cvss['baseScore'] = 9.9;
    const { advisory, diagnostics } = readCsafAdvisory(document, { file: 'wrong-score.json' });
    expect(diagnostics).toEqual([
      {
        code: 'cvss-score-mismatch',
        severity: 'warning',
        file: 'wrong-score.json',
        path: ['vulnerabilities', 0, 'scores', 0, 'cvss_v3', 'baseScore'],
        message: expect.stringMatching(/ICSA-18-310-02 CVE-2018-17924.*9\.9.*8\.6/) as unknown,
      },
    ]);
    expect(advisory?.vulnerabilities[0]?.scores[0]).toMatchObject({
      rating: { score: 8.6 },
      declaredScore: 9.9,
    });
  });

  it('keeps the declared score with cvss-invalid-vector when the vector cannot be scored', () => {
    const document = enbt();
    const cvss = document.vulnerabilities[0]?.scores[0]?.cvss_v3;
    if (cvss) cvss['vectorString'] = 'CVSS:3.0/AV:X/AC:L';
    const { advisory, diagnostics } = readCsafAdvisory(document);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['cvss-invalid-vector']);
    expect(advisory?.vulnerabilities[0]?.scores[0]?.rating.score).toBe(8.6);
  });

  it('reads CSAF 2.1 metrics with a CVSS v4 vector', () => {
    const document = {
      document: { csaf_version: '2.1', title: 'v4', tracking: { id: 'TEST-V4' } },
      product_tree: {
        branches: [
          {
            category: 'vendor',
            name: 'Example',
            branches: [{ category: 'product_name', name: 'Box', product: { product_id: 'P1', name: 'Box' } }],
          },
        ],
      },
      vulnerabilities: [
        {
          cve: 'CVE-2099-0001',
          product_status: { known_affected: ['P1'] },
          metrics: [
            {
              products: ['P1'],
              content: {
                cvss_v4: {
                  version: '4.0',
                  vectorString: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
                  baseScore: 9.3,
                },
              },
            },
          ],
        },
      ],
    };
    const { advisory, diagnostics } = readCsafAdvisory(document);
    expect(diagnostics).toEqual([]);
    expect(advisory?.vulnerabilities[0]?.scores[0]?.rating).toMatchObject({ version: '4.0', score: 9.3 });
  });

  it('gives a relationship product the identity of its component', () => {
    const document = {
      document: { csaf_version: '2.0', title: 'rel', tracking: { id: 'TEST-REL' } },
      product_tree: {
        branches: [
          {
            category: 'vendor',
            name: 'Example',
            branches: [
              {
                category: 'product_name',
                name: 'Agent',
                branches: [
                  {
                    category: 'product_version',
                    name: '2.0',
                    product: { product_id: 'A2', name: 'Agent 2.0' },
                  },
                ],
              },
              { category: 'product_name', name: 'Server', product: { product_id: 'S', name: 'Server' } },
            ],
          },
        ],
        relationships: [
          {
            category: 'installed_on',
            product_reference: 'A2',
            relates_to_product_reference: 'S',
            full_product_name: { product_id: 'A2-ON-S', name: 'Agent 2.0 on Server' },
          },
        ],
      },
      vulnerabilities: [],
    };
    const products = readCsafAdvisory(document).advisory?.products ?? [];
    expect(products.find((product) => product.productId === 'A2-ON-S')).toMatchObject({
      vendor: 'Example',
      productName: 'Agent',
      versionText: '2.0',
      relationship: { category: 'installed_on', relatesTo: 'Server' },
    });
  });

  it('never throws on the advisory with any part replaced by a value of the wrong type', () => {
    const original = enbt();
    const paths: string[][] = [];
    const walk = (value: unknown, path: string[]): void => {
      if (path.length > 0) paths.push(path);
      if (typeof value === 'object' && value !== null) {
        for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
      }
    };
    walk(original, []);
    for (const path of paths) {
      for (const replacement of [null, 7, 'text', [], {}]) {
        const mutated = structuredClone(original) as unknown as Record<string, unknown>;
        let parent: Record<string, unknown> = mutated;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
        parent[path[path.length - 1] ?? ''] = replacement;
        const result = readCsafAdvisory(mutated);
        expect(result.advisory !== undefined || result.diagnostics.length > 0).toBe(true);
      }
    }
    expect(paths.length).toBeGreaterThan(500);
  });

  it('refuses JSON that is not a CSAF document', () => {
    const result = readCsafAdvisory({ feed: {} }, { file: 'feed.json' });
    expect(result.advisory).toBeUndefined();
    expect(result.diagnostics).toMatchObject([
      { code: 'csaf-not-a-document', severity: 'error', file: 'feed.json' },
    ]);
  });
});
