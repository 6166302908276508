import type { AdvisoryIndex, IndexedProduct, VendorProducts } from './advisory-index';
import type { CsafProductStatus, CsafVulnerability } from './csaf-advisory';
import type { CvssRating } from './cvss-score';
import type { KevCatalog } from './kev-catalog';
import {
  compactModel,
  modelLookupKeys,
  modelTokens,
  normaliseProductName,
  productWords,
} from './product-name';
import { vendorKeys } from './vendor-name';
import { checkVersion, parseVersion, type ParsedVersion } from './version-range';

/** What matching needs of an asset: its id and what it is (vendor, product, version). */
export interface AdvisoryAsset {
  readonly id: string;
  readonly name?: string | undefined;
  readonly vendor?: string | undefined;
  readonly product?: string | undefined;
  readonly version?: string | undefined;
}

/** How sure a match is: high = vendor, product and version in range; medium = version unknown; low = fuzzy product. */
export type MatchConfidence = 'high' | 'medium' | 'low';

/** Confidence levels from weakest to strongest. */
export const MATCH_CONFIDENCES: readonly MatchConfidence[] = ['low', 'medium', 'high'];

/** How the product was recognised: same normalised name, a shared model number, or all of the asset's words. */
export type ProductEvidence = 'name' | 'model-number' | 'words';

/** Why an asset matched an advisory product: which names and versions agreed. */
export interface MatchReason {
  readonly productId: string;
  readonly status: CsafProductStatus;
  readonly vendor: { readonly asset: string; readonly advisory: string };
  readonly product: {
    readonly asset: string;
    readonly advisory: string;
    readonly by: ProductEvidence;
    readonly model?: string;
  };
  readonly version: {
    readonly asset?: string;
    readonly affected?: string;
    readonly verdict: 'in-range' | 'unknown';
  };
  /** The same as one sentence, for people. */
  readonly summary: string;
}

/** One asset affected by one vulnerability of one advisory. */
export interface AdvisoryMatch {
  readonly assetId: string;
  readonly advisoryId: string;
  readonly advisoryTitle: string;
  readonly advisoryUrl?: string;
  readonly file?: string;
  readonly vulnerabilityIndex: number;
  readonly cve?: string;
  /** The vulnerability's title, else its CWE. */
  readonly title?: string;
  readonly cvss?: CvssRating;
  readonly remediation?: string;
  /** Whether the CVE is in the KEV catalog; absent when no catalog was given. */
  readonly isKnownExploited?: boolean;
  readonly confidence: MatchConfidence;
  readonly why: MatchReason;
}

/** Matches plus the counts a summary needs. */
export interface AdvisoryMatchResult {
  readonly matches: readonly AdvisoryMatch[];
  /** Assets without a vendor or a product: nothing to match on. */
  readonly assetsWithoutIdentity: readonly string[];
  /** Asset × vulnerability pairs dropped because the advisory lists the asset's version as fixed or not affected. */
  readonly suppressedByStatus: number;
}

/** Options of `matchAdvisories`. */
export interface MatchOptions {
  /** The CISA KEV catalog, to set `isKnownExploited`. */
  readonly kev?: KevCatalog;
}

interface Candidate {
  readonly indexed: IndexedProduct;
  readonly by: ProductEvidence;
  readonly model?: string;
}

const EVIDENCE_RANK: Record<ProductEvidence, number> = { name: 3, 'model-number': 2, words: 1 };
const CONFIDENCE_RANK: Record<MatchConfidence, number> = { high: 3, medium: 2, low: 1 };
const CVSS_RANK: Record<CvssRating['version'], number> = { '4.0': 4, '3.1': 3, '3.0': 2, '2.0': 1 };
const MAX_REMEDIATION = 8_000;

const addCandidate = (into: Map<IndexedProduct, Candidate>, candidate: Candidate): void => {
  const present = into.get(candidate.indexed);
  if (present === undefined || EVIDENCE_RANK[candidate.by] > EVIDENCE_RANK[present.by]) {
    into.set(candidate.indexed, candidate);
  }
};

/** Every product of one vendor that the asset's product may be, with the strongest evidence for each. */
const findCandidates = (bucket: VendorProducts, product: string): Map<IndexedProduct, Candidate> => {
  const found = new Map<IndexedProduct, Candidate>();
  for (const indexed of bucket.byName.get(normaliseProductName(product)) ?? []) {
    addCandidate(found, { indexed, by: 'name' });
  }
  const tokens = modelTokens(product);
  const whole = compactModel(product);
  const lookups: [string, string][] = tokens.flatMap((token) =>
    modelLookupKeys(token).map((key): [string, string] => [key, token]),
  );
  if (!tokens.some((token) => compactModel(token) === whole)) lookups.push([whole, product]);
  for (const [key, token] of lookups) {
    for (const indexed of bucket.byModel.get(key) ?? []) {
      addCandidate(found, { indexed, by: 'model-number', model: token });
    }
    if (bucket.byModelPrefix.size === 0) continue;
    for (let length = key.length; length >= 3; length -= 1) {
      for (const indexed of bucket.byModelPrefix.get(key.slice(0, length)) ?? []) {
        addCandidate(found, { indexed, by: 'model-number', model: token });
      }
    }
  }
  const words = productWords(product);
  if (words.length > 0) {
    let rarest: readonly IndexedProduct[] | undefined;
    for (const word of words) {
      const list = bucket.byWord.get(word) ?? [];
      if (rarest === undefined || list.length < rarest.length) rarest = list;
    }
    for (const indexed of rarest ?? []) {
      if (words.every((word) => indexed.words.has(word))) addCandidate(found, { indexed, by: 'words' });
    }
  }
  return found;
};

interface Evaluated extends Candidate {
  readonly confidence: MatchConfidence;
  readonly verdict: 'in-range' | 'unknown';
}

const evaluate = (candidate: Candidate, version: ParsedVersion | undefined): Evaluated | undefined => {
  const verdict = checkVersion(candidate.indexed.versionSpec, version);
  if (verdict === 'out-of-range') return undefined;
  const confidence: MatchConfidence =
    candidate.by === 'words' ? 'low' : verdict === 'in-range' ? 'high' : 'medium';
  return { ...candidate, confidence, verdict };
};

const better = (a: Evaluated, b: Evaluated): Evaluated => {
  const byConfidence = CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence];
  if (byConfidence !== 0) return byConfidence > 0 ? a : b;
  const byEvidence = EVIDENCE_RANK[a.by] - EVIDENCE_RANK[b.by];
  if (byEvidence !== 0) return byEvidence > 0 ? a : b;
  return a.indexed.product.productId <= b.indexed.product.productId ? a : b;
};

const ratingFor = (vulnerability: CsafVulnerability, productId: string): CvssRating | undefined => {
  const listing = vulnerability.scores.filter((score) => score.productIds.includes(productId));
  const pool = listing.length > 0 ? listing : vulnerability.scores;
  let best: CvssRating | undefined;
  for (const { rating } of pool) {
    if (
      best === undefined ||
      CVSS_RANK[rating.version] > CVSS_RANK[best.version] ||
      (rating.version === best.version && rating.score > best.score)
    ) {
      best = rating;
    }
  }
  return best;
};

const remediationFor = (vulnerability: CsafVulnerability, productId: string): string | undefined => {
  const lines = vulnerability.remediations
    .filter((remediation) => remediation.productIds.includes(productId))
    .map(({ category, details, url }) =>
      `${category.replace(/_/g, ' ')}: ${details}${url === undefined ? '' : ` ${url}`}`.trim(),
    );
  const text = [...new Set(lines)].join('\n');
  if (text === '') return undefined;
  return text.length > MAX_REMEDIATION ? `${text.slice(0, MAX_REMEDIATION - 1)}…` : text;
};

const describe = (asset: AdvisoryAsset, candidate: Evaluated): string => {
  const { indexed } = candidate;
  const vendor = `vendor "${asset.vendor ?? ''}" ~ "${indexed.vendor}"`;
  const product =
    candidate.by === 'name'
      ? `product "${asset.product ?? ''}" = "${indexed.productName}"`
      : candidate.by === 'model-number'
        ? `model ${candidate.model ?? ''} in "${indexed.productName}"`
        : `all words of "${asset.product ?? ''}" in "${indexed.productName}" (fuzzy)`;
  const affected = indexed.product.versionText;
  const version =
    indexed.versionSpec.kind === 'all'
      ? `all versions affected (${affected ?? 'no version given'})`
      : candidate.verdict === 'in-range'
        ? `version ${asset.version ?? ''} in ${affected ?? ''}`
        : asset.version === undefined
          ? `asset version unknown; affected ${affected ?? '(not stated)'}`
          : `version ${asset.version} not comparable with ${affected ?? '(not stated)'}`;
  return `${vendor}; ${product}; ${version}`;
};

const matchVulnerabilities = (
  asset: AdvisoryAsset,
  evaluated: readonly Evaluated[],
  options: MatchOptions,
  out: { matches: AdvisoryMatch[]; suppressed: number },
): void => {
  const best = new Map<CsafVulnerability, { candidate: Evaluated; status: CsafProductStatus }>();
  const fixed = new Set<CsafVulnerability>();
  for (const candidate of evaluated) {
    for (const { vulnerability, status } of candidate.indexed.affectedBy) {
      const present = best.get(vulnerability);
      if (present === undefined || better(candidate, present.candidate) === candidate) {
        best.set(vulnerability, { candidate, status });
      }
    }
    // A fixed or not-affected entry only counts when it is about this very version, not a fuzzy name.
    if (
      candidate.by !== 'words' &&
      candidate.verdict === 'in-range' &&
      candidate.indexed.versionSpec.kind !== 'all'
    ) {
      for (const { vulnerability } of candidate.indexed.notAffectedBy) fixed.add(vulnerability);
    }
  }
  for (const [vulnerability, { candidate, status }] of best) {
    if (fixed.has(vulnerability)) {
      out.suppressed += 1;
      continue;
    }
    const { advisory, product } = candidate.indexed;
    const cvss = ratingFor(vulnerability, product.productId);
    const remediation = remediationFor(vulnerability, product.productId);
    const title =
      vulnerability.title ??
      (vulnerability.cwe === undefined
        ? undefined
        : `${vulnerability.cwe.id} ${vulnerability.cwe.name}`.trim());
    const kev = options.kev;
    out.matches.push({
      assetId: asset.id,
      advisoryId: advisory.id,
      advisoryTitle: advisory.title,
      ...(advisory.url === undefined ? {} : { advisoryUrl: advisory.url }),
      ...(advisory.file === undefined ? {} : { file: advisory.file }),
      vulnerabilityIndex: vulnerability.index,
      ...(vulnerability.cve === undefined ? {} : { cve: vulnerability.cve }),
      ...(title === undefined ? {} : { title }),
      ...(cvss === undefined ? {} : { cvss }),
      ...(remediation === undefined ? {} : { remediation }),
      ...(kev === undefined
        ? {}
        : { isKnownExploited: vulnerability.cve !== undefined && kev.entries.has(vulnerability.cve) }),
      confidence: candidate.confidence,
      why: {
        productId: product.productId,
        status,
        vendor: { asset: asset.vendor ?? '', advisory: candidate.indexed.vendor },
        product: {
          asset: asset.product ?? '',
          advisory: candidate.indexed.productName,
          by: candidate.by,
          ...(candidate.model === undefined ? {} : { model: candidate.model }),
        },
        version: {
          ...(asset.version === undefined ? {} : { asset: asset.version }),
          ...(product.versionText === undefined ? {} : { affected: product.versionText }),
          verdict: candidate.verdict,
        },
        summary: describe(asset, candidate),
      },
    });
  }
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareMatches = (a: AdvisoryMatch, b: AdvisoryMatch): number =>
  compareText(a.assetId, b.assetId) ||
  compareText(a.advisoryId, b.advisoryId) ||
  a.vulnerabilityIndex - b.vulnerabilityIndex;

/**
 * Matches assets to advisory products: same vendor key (aliases and legal forms folded), then the same product by
 * normalised name, shared model number (`1756-ENBT/A` ~ `1756-ENBT`) or, as a fuzzy fallback, all of the asset's
 * product words; then the asset's version against the affected range. Gives one match per asset and vulnerability
 * (the best-evidenced product), skips those the advisory lists as fixed for that version, and sorts by asset,
 * advisory and vulnerability so that the output is the same for the same input.
 */
export const matchAdvisories = (
  index: AdvisoryIndex,
  assets: readonly AdvisoryAsset[],
  options: MatchOptions = {},
): AdvisoryMatchResult => {
  const out = { matches: [] as AdvisoryMatch[], suppressed: 0 };
  const assetsWithoutIdentity: string[] = [];
  for (const asset of assets) {
    const vendor = asset.vendor?.trim() ?? '';
    const product = asset.product?.trim() ?? '';
    if (vendor === '' || product === '') {
      assetsWithoutIdentity.push(asset.id);
      continue;
    }
    const candidates = new Map<IndexedProduct, Candidate>();
    for (const key of vendorKeys(vendor)) {
      const bucket = index.byVendor.get(key);
      if (bucket === undefined) continue;
      for (const candidate of findCandidates(bucket, product).values()) addCandidate(candidates, candidate);
    }
    if (candidates.size === 0) continue;
    const version = asset.version === undefined ? undefined : parseVersion(asset.version);
    const byAdvisory = new Map<string, Evaluated[]>();
    for (const candidate of candidates.values()) {
      const evaluated = evaluate(candidate, version);
      if (evaluated === undefined) continue;
      const key = evaluated.indexed.advisory.id;
      const list = byAdvisory.get(key);
      if (list) list.push(evaluated);
      else byAdvisory.set(key, [evaluated]);
    }
    for (const evaluated of byAdvisory.values()) matchVulnerabilities(asset, evaluated, options, out);
  }
  return {
    matches: out.matches.sort(compareMatches),
    assetsWithoutIdentity,
    suppressedByStatus: out.suppressed,
  };
};
