import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseCapture } from '../capture/index';
import { buildAdvisoryIndex } from './advisory-index';
import type { CsafAdvisory } from './csaf-advisory';
import { loadKevCatalog, type KevCatalog } from './kev-catalog';
import { matchAdvisories, type AdvisoryAsset } from './match-advisories';
import { readCsafAdvisory } from './read-csaf-advisory';

const shared = fileURLToPath(new URL('../../../../../../shared/data/', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const csafFiles = (folder: string): string[] =>
  readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return csafFiles(path);
      return name.endsWith('.json') && !name.startsWith('cisa-csaf-ot-feed') ? [path] : [];
    });

/** Every advisory of ../shared/data/cisa-csaf (2024 and the 2017-2023 selection). */
const sharedAdvisories: CsafAdvisory[] = csafFiles(join(shared, 'cisa-csaf')).flatMap((file) => {
  const { advisory } = readCsafAdvisory(readJson(file), { file });
  return advisory ? [advisory] : [];
});
const index = buildAdvisoryIndex(sharedAdvisories);
const kevResult = loadKevCatalog(readJson(join(shared, 'cisa-kev/known_exploited_vulnerabilities.json')));
if (!kevResult.ok) throw new Error(kevResult.diagnostic.message);
const kev: KevCatalog = kevResult.catalog;

/** The EtherNet/IP identity the capture importer reads from ../shared/data/ics-pcaps/icsnpp/enip/. */
const ENBT: AdvisoryAsset = {
  id: 'enbt',
  vendor: 'Rockwell Automation/Allen-Bradley',
  product: '1756-ENBT/A',
  version: '6.006',
};

describe('matchAdvisories on the shared CISA advisories', () => {
  it('reads every shared advisory', () => {
    expect(sharedAdvisories.length).toBe(511);
    expect(index.productsWithoutVendor).toBe(0);
  });

  it('links the 1756-ENBT/A module to ICSA-18-310-02 and CVE-2018-17924 with high confidence', () => {
    const { matches } = matchAdvisories(index, [ENBT], { kev });
    const match = matches.find((item) => item.cve === 'CVE-2018-17924');
    expect(match).toMatchObject({
      assetId: 'enbt',
      advisoryId: 'ICSA-18-310-02',
      cvss: { version: '3.0', score: 8.6, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H' },
      isKnownExploited: false,
      confidence: 'high',
      why: {
        productId: 'CSAFPID-0007',
        status: 'known_affected',
        vendor: { asset: 'Rockwell Automation/Allen-Bradley', advisory: 'Rockwell Automation' },
        product: { by: 'model-number', model: '1756-enbt' },
        version: { asset: '6.006', affected: 'vers:all/*', verdict: 'in-range' },
      },
    });
    expect(match?.remediation).toMatch(/1756-ENBT/);
    expect(match?.title).toBe('CWE-306 Missing Authentication for Critical Function');
  });

  it('links the module identified in the EtherNet/IP capture (icsnpp/enip) to CVE-2018-17924', () => {
    const capture = readFileSync(join(shared, 'ics-pcaps/icsnpp/enip/enip_cip_example.pcap'));
    const assets: AdvisoryAsset[] = analyseCapture(capture).devices.map((device) => ({
      id: device.ip ?? device.mac ?? 'device',
      vendor: device.vendor,
      product: device.productName,
      version: device.revision,
    }));
    expect(assets).toEqual([
      {
        id: '10.1.1.164',
        vendor: 'Rockwell Automation/Allen-Bradley',
        product: '1756-ENBT/A',
        version: '4.3',
      },
    ]);
    const { matches } = matchAdvisories(index, assets, { kev });
    expect(matches.map((match) => [match.advisoryId, match.cve, match.confidence])).toContainEqual([
      'ICSA-18-310-02',
      'CVE-2018-17924',
      'high',
    ]);
  });

  it('sets the known-exploited flag for a CVE in the KEV catalog', () => {
    const asset = {
      id: 'ups',
      vendor: 'Delta Electronics',
      product: 'InfraSuite Device Master',
      version: '1.0.5',
    };
    const { matches } = matchAdvisories(index, [asset], { kev });
    expect(matches.find((match) => match.cve === 'CVE-2023-46604')).toMatchObject({
      advisoryId: 'ICSA-24-130-03',
      isKnownExploited: true,
      confidence: 'high',
      why: { product: { by: 'name' } },
    });
    expect(matchAdvisories(index, [asset]).matches[0]?.isKnownExploited).toBeUndefined();
  });

  it('does not match a different vendor with the same product name', () => {
    const assets = [
      { ...ENBT, id: 'acme', vendor: 'Acme Industrial' },
      { id: 'ups', vendor: 'Delta Dental', product: 'InfraSuite Device Master', version: '1.0.5' },
    ];
    expect(matchAdvisories(index, assets, { kev }).matches).toEqual([]);
  });

  it('does not match a version outside the affected range', () => {
    const asset = {
      id: 'ups',
      vendor: 'Delta Electronics',
      product: 'InfraSuite Device Master',
      version: '1.0.11',
    };
    expect(
      matchAdvisories(index, [asset]).matches.filter((match) => match.advisoryId === 'ICSA-24-130-03'),
    ).toEqual([]);
  });

  it('is medium without an asset version and low on a fuzzy name', () => {
    const { matches } = matchAdvisories(index, [
      { id: 'no-version', vendor: 'Delta Electronics', product: 'InfraSuite Device Master' },
      { id: 'fuzzy', vendor: 'Allen-Bradley', product: 'MicroLogix 1400', version: '21.003' },
    ]);
    expect(matches.find((match) => match.assetId === 'no-version')).toMatchObject({
      confidence: 'medium',
      why: { version: { verdict: 'unknown' } },
    });
    expect(matches.find((match) => match.assetId === 'fuzzy')).toMatchObject({
      confidence: 'low',
      why: { product: { by: 'words' } },
    });
  });

  it('lists the assets it could not match for want of a vendor or product', () => {
    const result = matchAdvisories(index, [{ id: 'blank' }, { id: 'nameless', vendor: 'Siemens' }, ENBT]);
    expect(result.assetsWithoutIdentity).toEqual(['blank', 'nameless']);
  });

  it('gives the same matches in the same order whatever the order of assets and advisories', () => {
    const assets: AdvisoryAsset[] = [
      ENBT,
      { id: 's7', vendor: 'Siemens AG', product: 'SIMATIC S7-1200 CPU 1214C', version: 'V4.2' },
      { id: 'm340', vendor: 'Schneider', product: 'Modicon M340 BMXP342020', version: '3.20' },
    ];
    const forward = matchAdvisories(index, assets, { kev }).matches;
    const reversed = matchAdvisories(
      buildAdvisoryIndex([...sharedAdvisories].reverse()),
      [...assets].reverse(),
      {
        kev,
      },
    ).matches;
    expect(forward.length).toBeGreaterThan(10);
    expect(reversed).toEqual(forward);
  });
});

const advisory = (overrides: Partial<CsafAdvisory> = {}): CsafAdvisory => ({
  id: 'TEST-1',
  title: 'Test advisory',
  products: [
    {
      productId: 'ALL',
      name: 'Pump Controller PC-200: all versions',
      vendor: 'Example GmbH',
      productName: 'Pump Controller PC-200',
      versionText: 'vers:all/*',
      modelNumbers: [],
      path: [],
    },
    {
      productId: 'FIXED',
      name: 'Pump Controller PC-200: V3.0 and later',
      vendor: 'Example GmbH',
      productName: 'Pump Controller PC-200',
      versionText: '>= V3.0',
      modelNumbers: [],
      path: [],
    },
  ],
  vulnerabilities: [
    {
      index: 0,
      cve: 'CVE-2099-0001',
      productStatus: { known_affected: ['ALL'], fixed: ['FIXED'] },
      scores: [],
      remediations: [
        { category: 'vendor_fix', details: 'Update to V3.0.', productIds: ['ALL'] },
        {
          category: 'mitigation',
          details: 'Block port 502.',
          url: 'https://example.com',
          productIds: ['ALL'],
        },
      ],
    },
  ],
  ...overrides,
});

describe('matchAdvisories on a built advisory', () => {
  const built = buildAdvisoryIndex([advisory()]);

  it('skips a version the advisory lists as fixed and counts it', () => {
    const result = matchAdvisories(built, [
      { id: 'old', vendor: 'Example', product: 'PC-200', version: '2.9' },
      { id: 'new', vendor: 'Example', product: 'PC-200', version: '3.1' },
    ]);
    expect(result.matches.map((match) => match.assetId)).toEqual(['old']);
    expect(result.suppressedByStatus).toBe(1);
  });

  it('joins the remediations of the matched product', () => {
    const [match] = matchAdvisories(built, [
      { id: 'old', vendor: 'Example', product: 'PC-200', version: '2.9' },
    ]).matches;
    expect(match?.remediation).toBe(
      'vendor fix: Update to V3.0.\nmitigation: Block port 502. https://example.com',
    );
  });

  it('keeps the latest release when two files carry the same advisory id', () => {
    const older = advisory({ currentReleaseDate: '2024-01-01T00:00:00Z', title: 'old' });
    const newer = advisory({ currentReleaseDate: '2024-06-01T00:00:00Z', title: 'new' });
    const both = buildAdvisoryIndex([newer, older]);
    expect(both.advisories.map((item) => item.title)).toEqual(['new']);
    expect(both.superseded.map((item) => item.title)).toEqual(['old']);
  });
});
