import {
  AFFECTED_STATUSES,
  NOT_AFFECTED_STATUSES,
  type CsafAdvisory,
  type CsafProduct,
  type CsafProductStatus,
  type CsafVulnerability,
} from './csaf-advisory';
import { compactModel, modelTokens, normaliseProductName, productWords } from './product-name';
import { normaliseVendorName, VENDOR_ALIASES, vendorKeys } from './vendor-name';
import { compareVersions, parseVersion, parseVersionSpec, type VersionSpec } from './version-range';

/** How one vulnerability of the advisory names an indexed product. */
export interface ProductVulnerability {
  readonly vulnerability: CsafVulnerability;
  readonly status: CsafProductStatus;
}

/** A product of an advisory, prepared once for matching. */
export interface IndexedProduct {
  readonly advisory: CsafAdvisory;
  readonly product: CsafProduct;
  /** The vendor as the advisory writes it (possibly read from the start of a vendorless product name). */
  readonly vendor: string;
  /** The product name without version text, as compared (`product_name` branch, or the full name). */
  readonly productName: string;
  readonly normalisedName: string;
  readonly words: ReadonlySet<string>;
  /** Model numbers as written (lowercase), from the name and `model_numbers`. */
  readonly models: readonly string[];
  readonly versionSpec: VersionSpec;
  readonly affectedBy: readonly ProductVulnerability[];
  readonly notAffectedBy: readonly ProductVulnerability[];
}

/** The products of one vendor key, keyed for exact, model-number and word lookups. */
export interface VendorProducts {
  readonly byName: ReadonlyMap<string, readonly IndexedProduct[]>;
  /** Compact model number (`1756enbt`) → products. */
  readonly byModel: ReadonlyMap<string, readonly IndexedProduct[]>;
  /** Model numbers written with a trailing `*` (`BMXP34*`), by their compact prefix. */
  readonly byModelPrefix: ReadonlyMap<string, readonly IndexedProduct[]>;
  readonly byWord: ReadonlyMap<string, readonly IndexedProduct[]>;
}

/**
 * Every product of a set of advisories, keyed by normalised vendor, then by normalised product name, model number
 * and word, so that matching an asset costs a few map lookups instead of a scan of every product leaf
 * (docs/performance.md §3.2: about 200× faster than a nested loop).
 */
export interface AdvisoryIndex {
  readonly advisories: readonly CsafAdvisory[];
  readonly byVendor: ReadonlyMap<string, VendorProducts>;
  /** Products indexed (those whose vendor could be told). */
  readonly productCount: number;
  /** Products with no vendor branch and no known vendor at the start of their name: they cannot be matched. */
  readonly productsWithoutVendor: number;
  /** Files left out because another file has the same tracking id with a later release (or the same). */
  readonly superseded: readonly CsafAdvisory[];
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const statusesByProduct = (advisory: CsafAdvisory) => {
  const affected = new Map<string, ProductVulnerability[]>();
  const notAffected = new Map<string, ProductVulnerability[]>();
  for (const vulnerability of advisory.vulnerabilities) {
    for (const status of AFFECTED_STATUSES) {
      for (const id of vulnerability.productStatus[status] ?? [])
        push(affected, id, { vulnerability, status });
    }
    for (const status of NOT_AFFECTED_STATUSES) {
      for (const id of vulnerability.productStatus[status] ?? [])
        push(notAffected, id, { vulnerability, status });
    }
  }
  return { affected, notAffected };
};

/** The vendor of a product without a vendor branch, when its name starts with a known vendor (`Siemens SIMATIC …`). */
const vendorFromName = (name: string, known: ReadonlySet<string>): string | undefined => {
  const words = normaliseVendorName(name).split(' ');
  for (let count = Math.min(4, words.length - 1); count >= 1; count -= 1) {
    const candidate = words.slice(0, count).join(' ');
    if (known.has(candidate)) return candidate;
  }
  return undefined;
};

interface Bucket {
  byName: Map<string, IndexedProduct[]>;
  byModel: Map<string, IndexedProduct[]>;
  byModelPrefix: Map<string, IndexedProduct[]>;
  byWord: Map<string, IndexedProduct[]>;
}

const isNewer = (candidate: CsafAdvisory, present: CsafAdvisory): boolean => {
  const a = candidate.currentReleaseDate ?? '';
  const b = present.currentReleaseDate ?? '';
  if (a !== b) return a > b;
  const left = parseVersion(candidate.trackingVersion ?? '');
  const right = parseVersion(present.trackingVersion ?? '');
  return left !== undefined && right !== undefined && compareVersions(left, right) > 0;
};

/** One advisory per tracking id: the latest release (first seen on a tie), in first-seen order. */
const latestPerId = (all: readonly CsafAdvisory[]) => {
  const latest = new Map<string, CsafAdvisory>();
  for (const advisory of all) {
    const present = latest.get(advisory.id);
    if (present === undefined || isNewer(advisory, present)) latest.set(advisory.id, advisory);
  }
  const kept = new Set(latest.values());
  return {
    advisories: all.filter((advisory) => kept.has(advisory)),
    superseded: all.filter((advisory) => !kept.has(advisory)),
  };
};

/**
 * Builds the matching index of a set of advisories. When several documents share a tracking id the latest release
 * wins. Products that no vulnerability names (neither affected nor fixed) are left out. Deterministic: the order
 * of the advisories and their products is kept in every list.
 */
export const buildAdvisoryIndex = (all: readonly CsafAdvisory[]): AdvisoryIndex => {
  const { advisories, superseded } = latestPerId(all);
  const knownVendors = new Set<string>(VENDOR_ALIASES.flat());
  for (const advisory of advisories) {
    for (const product of advisory.products) {
      if (product.vendor !== undefined) knownVendors.add(normaliseVendorName(product.vendor));
    }
  }
  const byVendor = new Map<string, Bucket>();
  const specs = new Map<string, VersionSpec>();
  let productCount = 0;
  let productsWithoutVendor = 0;
  for (const advisory of advisories) {
    const { affected, notAffected } = statusesByProduct(advisory);
    for (const product of advisory.products) {
      const affectedBy = affected.get(product.productId) ?? [];
      const notAffectedBy = notAffected.get(product.productId) ?? [];
      if (affectedBy.length === 0 && notAffectedBy.length === 0) continue;
      const vendor = product.vendor ?? vendorFromName(product.name, knownVendors);
      if (vendor === undefined) {
        productsWithoutVendor += 1;
        continue;
      }
      const productName = product.productName ?? product.name;
      const versionText = product.versionText ?? '';
      let versionSpec = specs.get(versionText);
      if (versionSpec === undefined) {
        versionSpec = parseVersionSpec(versionText);
        specs.set(versionText, versionSpec);
      }
      const models = [
        ...new Set([
          ...modelTokens(productName),
          ...product.modelNumbers.map((model) => model.toLowerCase()),
        ]),
      ];
      const words = new Set([...productWords(productName), ...productWords(product.family ?? '')]);
      const indexed: IndexedProduct = {
        advisory,
        product,
        vendor,
        productName,
        normalisedName: normaliseProductName(productName),
        words,
        models,
        versionSpec,
        affectedBy,
        notAffectedBy,
      };
      productCount += 1;
      for (const key of vendorKeys(vendor)) {
        let bucket = byVendor.get(key);
        if (bucket === undefined) {
          bucket = { byName: new Map(), byModel: new Map(), byModelPrefix: new Map(), byWord: new Map() };
          byVendor.set(key, bucket);
        }
        push(bucket.byName, indexed.normalisedName, indexed);
        for (const model of models) {
          const compact = compactModel(model);
          if (compact.endsWith('*')) push(bucket.byModelPrefix, compact.replace(/\*+$/, ''), indexed);
          else push(bucket.byModel, compact, indexed);
        }
        for (const word of words) push(bucket.byWord, word, indexed);
      }
    }
  }
  return { advisories, byVendor, productCount, productsWithoutVendor, superseded };
};
