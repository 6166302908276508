import { describe, expect, it } from 'vitest';
import type { CsafAdvisory } from './csaf-advisory';
import { summariseAdvisories } from './summarise-advisories';

const anAdvisory = (id: string, vendor: string, cve: string): CsafAdvisory => ({
  id,
  title: id,
  products: [{ productId: 'P', name: 'Box', vendor, productName: 'Box', modelNumbers: [], path: [] }],
  vulnerabilities: [
    {
      index: 0,
      cve,
      productStatus: { known_affected: ['P'] },
      scores: [{ productIds: ['P'], rating: { version: '3.1', score: 7.5, vector: 'CVSS:3.1/AV:N' } }],
      remediations: [],
    },
  ],
});

describe('summariseAdvisories', () => {
  it('counts advisories, CVEs, vendors under one key, CVSS versions and KEV entries', () => {
    const statistics = summariseAdvisories(
      [
        anAdvisory('A-1', 'Siemens', 'CVE-2023-44487'),
        anAdvisory('A-2', 'Siemens AG', 'CVE-2023-44487'),
        anAdvisory('A-3', 'Moxa', 'CVE-2099-0001'),
      ],
      { entries: new Map([['CVE-2023-44487', { cve: 'CVE-2023-44487' }]]) },
    );
    expect(statistics).toEqual({
      advisories: 3,
      vulnerabilities: 3,
      distinctCves: 2,
      products: 3,
      cvssVersions: { '3.1': 3 },
      vendors: [
        { vendor: 'Siemens', advisories: 2 },
        { vendor: 'Moxa', advisories: 1 },
      ],
      knownExploited: [{ cve: 'CVE-2023-44487', advisories: ['A-1', 'A-2'] }],
    });
  });
});
