import type { CsafAdvisory } from './csaf-advisory';
import type { CvssVersion } from './cvss-score';
import type { KevCatalog } from './kev-catalog';
import { vendorKeys } from './vendor-name';

/** Counts over a set of advisories, for `import advisories` without an assessment to match against. */
export interface AdvisoryStatistics {
  readonly advisories: number;
  readonly vulnerabilities: number;
  readonly distinctCves: number;
  readonly products: number;
  /** Vulnerability scores per CVSS version. */
  readonly cvssVersions: Readonly<Partial<Record<CvssVersion, number>>>;
  /** Vendors by number of advisories that name them, most first (ties by name). */
  readonly vendors: readonly { readonly vendor: string; readonly advisories: number }[];
  /** CVEs of these advisories that are in the KEV catalog (empty without one), with the advisories naming them. */
  readonly knownExploited: readonly { readonly cve: string; readonly advisories: readonly string[] }[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Summarises advisories: how many, which vendors, which CVSS versions, which CVEs are known to be exploited. */
export const summariseAdvisories = (
  advisories: readonly CsafAdvisory[],
  kev?: KevCatalog,
): AdvisoryStatistics => {
  const cves = new Map<string, Set<string>>();
  const vendors = new Map<string, { name: string; advisories: Set<string> }>();
  const cvssVersions: Partial<Record<CvssVersion, number>> = {};
  let vulnerabilities = 0;
  let products = 0;
  for (const advisory of advisories) {
    products += advisory.products.length;
    for (const product of advisory.products) {
      if (product.vendor === undefined) continue;
      for (const key of vendorKeys(product.vendor)) {
        const entry = vendors.get(key) ?? { name: product.vendor.trim(), advisories: new Set<string>() };
        entry.advisories.add(advisory.id);
        vendors.set(key, entry);
      }
    }
    for (const vulnerability of advisory.vulnerabilities) {
      vulnerabilities += 1;
      if (vulnerability.cve !== undefined) {
        const named = cves.get(vulnerability.cve) ?? new Set<string>();
        named.add(advisory.id);
        cves.set(vulnerability.cve, named);
      }
      for (const { rating } of vulnerability.scores) {
        cvssVersions[rating.version] = (cvssVersions[rating.version] ?? 0) + 1;
      }
    }
  }
  return {
    advisories: advisories.length,
    vulnerabilities,
    distinctCves: cves.size,
    products,
    cvssVersions,
    vendors: [...vendors.values()]
      .map(({ name, advisories: named }) => ({ vendor: name, advisories: named.size }))
      .sort((a, b) => b.advisories - a.advisories || byText(a.vendor, b.vendor)),
    knownExploited:
      kev === undefined
        ? []
        : [...cves]
            .filter(([cve]) => kev.entries.has(cve))
            .map(([cve, named]) => ({ cve, advisories: [...named].sort(byText) }))
            .sort((a, b) => byText(a.cve, b.cve)),
  };
};
