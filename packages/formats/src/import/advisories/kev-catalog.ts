import type { Diagnostic } from '@zonewise/core';

/** One entry of the CISA Known Exploited Vulnerabilities catalog, reduced to what an assessment uses. */
export interface KevEntry {
  readonly cve: string;
  readonly dateAdded?: string;
  /** `Known` when CISA knows of ransomware campaigns using it. */
  readonly knownRansomwareCampaignUse?: string;
  readonly vulnerabilityName?: string;
}

/** The KEV catalog: its version and a lookup by CVE id (upper case). */
export interface KevCatalog {
  readonly catalogVersion?: string;
  readonly entries: ReadonlyMap<string, KevEntry>;
}

/** A loaded catalog, or a `kev-invalid` diagnostic when the JSON is not the KEV catalog's shape. */
export type KevLoadResult =
  | { readonly ok: true; readonly catalog: KevCatalog }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optional = (key: string, value: unknown): Record<string, string> =>
  typeof value === 'string' && value !== '' ? { [key]: value } : {};

/**
 * Reads the parsed `known_exploited_vulnerabilities.json` of CISA (`{ catalogVersion, vulnerabilities: [{ cveID, … }] }`).
 * Entries without a CVE id are skipped. The caller chooses the file: the copy in ../shared/data/cisa-kev or a newer one.
 */
export const loadKevCatalog = (json: unknown, file?: string): KevLoadResult => {
  if (!isObject(json) || !Array.isArray(json['vulnerabilities'])) {
    return {
      ok: false,
      diagnostic: {
        code: 'kev-invalid',
        severity: 'error',
        path: ['vulnerabilities'],
        message:
          'not the CISA KEV catalog: expected { "vulnerabilities": [{ "cveID": … }] } as in known_exploited_vulnerabilities.json',
        ...(file === undefined ? {} : { file }),
      },
    };
  }
  const entries = new Map<string, KevEntry>();
  for (const item of json['vulnerabilities']) {
    if (!isObject(item) || typeof item['cveID'] !== 'string') continue;
    const cve = item['cveID'].trim().toUpperCase();
    entries.set(cve, {
      cve,
      ...optional('dateAdded', item['dateAdded']),
      ...optional('knownRansomwareCampaignUse', item['knownRansomwareCampaignUse']),
      ...optional('vulnerabilityName', item['vulnerabilityName']),
    });
  }
  return {
    ok: true,
    catalog: { ...optional('catalogVersion', json['catalogVersion']), entries },
  };
};
