import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKevCatalog } from './kev-catalog';

const KEV_FILE = new URL(
  '../../../../../../shared/data/cisa-kev/known_exploited_vulnerabilities.json',
  import.meta.url,
);
const readJsonFile = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));

describe('loadKevCatalog', () => {
  it('loads the shared CISA KEV copy', () => {
    const result = loadKevCatalog(readJsonFile(KEV_FILE));
    if (!result.ok) throw new Error(result.diagnostic.message);
    expect(result.catalog.catalogVersion).toBe('2025.08.25');
    expect(result.catalog.entries.size).toBe(1404);
    expect(result.catalog.entries.get('CVE-2023-46604')).toMatchObject({
      cve: 'CVE-2023-46604',
      dateAdded: '2023-11-02',
    });
    expect(result.catalog.entries.has('CVE-2018-17924')).toBe(false);
  });

  it('rejects JSON of another shape with kev-invalid', () => {
    const result = loadKevCatalog({ cves: [] }, 'kev.json');
    expect(result).toMatchObject({ ok: false, diagnostic: { code: 'kev-invalid', file: 'kev.json' } });
  });
});
