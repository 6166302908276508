import { describe, expect, it } from 'vitest';
import type { AdvisoryMatch } from './match-advisories';
import { mergeAdvisoryMatches, type VulnerabilityEntry } from './merge-advisory-matches';

const aMatch = (overrides: Partial<AdvisoryMatch> = {}): AdvisoryMatch => ({
  assetId: 'plc-1',
  advisoryId: 'ICSA-18-310-02',
  advisoryTitle:
    'Rockwell Automation MicroLogix 1400 Controllers and 1756 ControlLogix Communications Modules',
  vulnerabilityIndex: 0,
  cve: 'CVE-2018-17924',
  title: 'CWE-306 Missing Authentication for Critical Function',
  cvss: { version: '3.0', score: 8.6, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H' },
  remediation: 'mitigation: Put the controller in RUN mode.',
  isKnownExploited: false,
  confidence: 'high',
  why: {
    productId: 'CSAFPID-0007',
    status: 'known_affected',
    vendor: { asset: 'Rockwell Automation', advisory: 'Rockwell Automation' },
    product: { asset: '1756-ENBT/A', advisory: '1756-ENBT', by: 'model-number', model: '1756-enbt' },
    version: { asset: '6.006', affected: 'vers:all/*', verdict: 'in-range' },
    summary: '…',
  },
  ...overrides,
});

const options = { minConfidence: 'medium' as const, takenIds: new Set(['plc-1', 'plc-2']) };

describe('mergeAdvisoryMatches', () => {
  it('adds one entry per CVE listing every matched asset', () => {
    const result = mergeAdvisoryMatches([], [aMatch(), aMatch({ assetId: 'plc-2' })], options);
    expect(result.added).toEqual(['vuln-cve-2018-17924']);
    expect(result.vulnerabilities).toEqual([
      {
        id: 'vuln-cve-2018-17924',
        cve: 'CVE-2018-17924',
        advisory: 'ICSA-18-310-02',
        title: 'CWE-306 Missing Authentication for Critical Function',
        cvss: { version: '3.0', score: 8.6, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H' },
        isKnownExploited: false,
        assets: ['plc-1', 'plc-2'],
        remediation: 'mitigation: Put the controller in RUN mode.',
      },
    ]);
  });

  it('names every advisory of a CVE and prefixes their remediations', () => {
    const result = mergeAdvisoryMatches(
      [],
      [
        aMatch({ advisoryId: 'ICSA-24-165-04', remediation: 'vendor fix: B' }),
        aMatch({ advisoryId: 'ICSA-24-074-05', remediation: 'vendor fix: A', isKnownExploited: true }),
      ],
      options,
    );
    expect(result.vulnerabilities[0]).toMatchObject({
      advisory: 'ICSA-24-074-05, ICSA-24-165-04',
      remediation: 'ICSA-24-074-05: vendor fix: A\nICSA-24-165-04: vendor fix: B',
      isKnownExploited: true,
    });
  });

  it('updates the entry with the same CVE, keeping what the user wrote', () => {
    const existing: VulnerabilityEntry[] = [
      {
        id: 'v1',
        cve: 'cve-2018-17924',
        title: 'Our title',
        assets: ['plc-9'],
        cvss: { version: '3.0', score: 9 },
      },
    ];
    const result = mergeAdvisoryMatches(existing, [aMatch({ isKnownExploited: true })], options);
    expect(result.updated).toEqual(['v1']);
    expect(result.vulnerabilities).toEqual([
      {
        id: 'v1',
        cve: 'cve-2018-17924',
        title: 'Our title',
        assets: ['plc-9', 'plc-1'],
        cvss: { version: '3.0', score: 9 },
        advisory: 'ICSA-18-310-02',
        remediation: 'mitigation: Put the controller in RUN mode.',
        isKnownExploited: true,
      },
    ]);
  });

  it('reports an entry that already says everything as unchanged', () => {
    const first = mergeAdvisoryMatches([], [aMatch()], options);
    const second = mergeAdvisoryMatches(first.vulnerabilities, [aMatch()], options);
    expect(second).toMatchObject({ added: [], updated: [], unchanged: ['vuln-cve-2018-17924'] });
    expect(second.vulnerabilities).toEqual(first.vulnerabilities);
  });

  it('skips matches below the minimum confidence', () => {
    const result = mergeAdvisoryMatches([], [aMatch({ confidence: 'low' })], options);
    expect(result.vulnerabilities).toEqual([]);
    expect(result.skipped.map((match) => match.confidence)).toEqual(['low']);
  });

  it('leaves isKnownExploited out when no KEV catalog was used', () => {
    const { isKnownExploited: _, ...withoutKev } = aMatch();
    const result = mergeAdvisoryMatches([], [withoutKev], options);
    expect(result.vulnerabilities[0]).not.toHaveProperty('isKnownExploited');
  });

  it('gives a vulnerability without CVE an id from its advisory and avoids ids already in the file', () => {
    const { cve: _, ...withoutCve } = aMatch({ vulnerabilityIndex: 2 });
    const taken = new Set([...options.takenIds, 'vuln-icsa-18-310-02-3']);
    const result = mergeAdvisoryMatches([], [withoutCve], { ...options, takenIds: taken });
    expect(result.added).toEqual(['vuln-icsa-18-310-02-3-2']);
  });
});
