import type { CvssRating } from './cvss-score';

/** CSAF product status groups (CSAF 2.0 §3.2.3.9). */
export const CSAF_PRODUCT_STATUSES = [
  'first_affected',
  'known_affected',
  'last_affected',
  'under_investigation',
  'first_fixed',
  'fixed',
  'known_not_affected',
  'recommended',
] as const;

/** One CSAF product status group. */
export type CsafProductStatus = (typeof CSAF_PRODUCT_STATUSES)[number];

/** Statuses that say a product has the vulnerability. */
export const AFFECTED_STATUSES: readonly CsafProductStatus[] = [
  'first_affected',
  'known_affected',
  'last_affected',
];

/** Statuses that say a product does not have it (any more). */
export const NOT_AFFECTED_STATUSES: readonly CsafProductStatus[] = [
  'first_fixed',
  'fixed',
  'known_not_affected',
];

/**
 * One product of an advisory's product tree, with what the branches above it say: vendor, family, product name
 * and the version text (`vers:all/*`, `<= 10.10`). Products from `relationships` carry the component's identity.
 */
export interface CsafProduct {
  readonly productId: string;
  /** The full product name (`… 1756-ENBT: all versions`). */
  readonly name: string;
  readonly vendor?: string;
  readonly family?: string;
  /** The `product_name` branch (`1756 ControlLogix EtherNet/IP Communications Modules 1756-ENBT`). */
  readonly productName?: string;
  /** The `product_version` or `product_version_range` branch name, as written. */
  readonly versionText?: string;
  /** `product_identification_helper.model_numbers`, when given. */
  readonly modelNumbers: readonly string[];
  /** For a relationship product: how it relates and to which product name (`installed_on` …). */
  readonly relationship?: { readonly category: string; readonly relatesTo: string };
  /** Path of the product in the document (`product_tree.branches[0].branches[6].branches[0].product`). */
  readonly path: readonly (string | number)[];
}

/** One CVSS score object of a vulnerability, for the products it lists. */
export interface CsafScore {
  readonly productIds: readonly string[];
  /** The rating to use: the computed base score when the vector could be scored, else the document's. */
  readonly rating: CvssRating;
  /** The document's own base score, when it gave one. */
  readonly declaredScore?: number;
}

/** One remediation of a vulnerability (`vendor_fix`, `mitigation`, `workaround`, `none_available`, `no_fix_planned`). */
export interface CsafRemediation {
  readonly category: string;
  readonly details: string;
  readonly url?: string;
  /** Products it applies to, with product groups expanded. */
  readonly productIds: readonly string[];
}

/** One vulnerability of an advisory. */
export interface CsafVulnerability {
  /** Position in the document's `vulnerabilities` array. */
  readonly index: number;
  readonly cve?: string;
  readonly title?: string;
  readonly cwe?: { readonly id: string; readonly name: string };
  /** Product ids per status group (`known_affected`, `fixed`, …). */
  readonly productStatus: Readonly<Partial<Record<CsafProductStatus, readonly string[]>>>;
  readonly scores: readonly CsafScore[];
  readonly remediations: readonly CsafRemediation[];
}

/** What the importer needs from one CSAF document: identity, products and vulnerabilities. */
export interface CsafAdvisory {
  /** `document.tracking.id`, e.g. `ICSA-18-310-02`. */
  readonly id: string;
  readonly title: string;
  /** The file it came from, when known. */
  readonly file?: string;
  readonly publisher?: string;
  readonly trackingVersion?: string;
  readonly initialReleaseDate?: string;
  readonly currentReleaseDate?: string;
  /** The `self` reference URL, when given. */
  readonly url?: string;
  readonly products: readonly CsafProduct[];
  readonly vulnerabilities: readonly CsafVulnerability[];
}
