import type { Diagnostic } from '@zonewise/core';
import {
  CSAF_PRODUCT_STATUSES,
  type CsafAdvisory,
  type CsafProduct,
  type CsafProductStatus,
  type CsafRemediation,
  type CsafScore,
  type CsafVulnerability,
} from './csaf-advisory';
import { isScoreMismatch, scoreCvssVector } from './cvss-score';

/** What reading one CSAF document gives: the advisory (unless it is not a CSAF document) and its diagnostics. */
export interface CsafReadResult {
  readonly advisory?: CsafAdvisory;
  readonly diagnostics: readonly Diagnostic[];
}

type Json = Record<string, unknown>;
type Path = readonly (string | number)[];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const asStrings = (value: unknown): string[] =>
  asArray(value).filter((item): item is string => typeof item === 'string');

interface BranchContext {
  vendor?: string;
  family?: string;
  productName?: string;
  versionText?: string;
}

const productOf = (value: unknown, context: BranchContext, path: Path): CsafProduct | undefined => {
  if (!isObject(value)) return undefined;
  const productId = asString(value['product_id']);
  if (productId === undefined) return undefined;
  const helper = isObject(value['product_identification_helper'])
    ? value['product_identification_helper']
    : {};
  return {
    productId,
    name: asString(value['name']) ?? context.productName ?? productId,
    ...(context.vendor === undefined ? {} : { vendor: context.vendor }),
    ...(context.family === undefined ? {} : { family: context.family }),
    ...(context.productName === undefined ? {} : { productName: context.productName }),
    ...(context.versionText === undefined ? {} : { versionText: context.versionText }),
    modelNumbers: asStrings(helper['model_numbers']),
    path,
  };
};

/** Walks vendor → product_family → product_name → product_version(_range) branches (CSAF 2.0 §3.1.2). */
const walkBranches = (branches: unknown, context: BranchContext, path: Path, into: CsafProduct[]): void => {
  asArray(branches).forEach((branch, index) => {
    if (!isObject(branch)) return;
    const here = [...path, index];
    const name = asString(branch['name']);
    const next: BranchContext = { ...context };
    switch (branch['category']) {
      case 'vendor':
        if (name !== undefined) next.vendor = name;
        break;
      case 'product_family':
        if (name !== undefined) next.family = name;
        break;
      case 'product_name':
        if (name !== undefined) next.productName = name;
        break;
      case 'product_version':
      case 'product_version_range':
        if (name !== undefined) next.versionText = name;
        break;
      default:
        break;
    }
    const product = productOf(branch['product'], next, [...here, 'product']);
    if (product) into.push(product);
    walkBranches(branch['branches'], next, [...here, 'branches'], into);
  });
};

const readProducts = (tree: Json): CsafProduct[] => {
  const products: CsafProduct[] = [];
  walkBranches(tree['branches'], {}, ['product_tree', 'branches'], products);
  asArray(tree['full_product_names']).forEach((value, index) => {
    const product = productOf(value, {}, ['product_tree', 'full_product_names', index]);
    if (product) products.push(product);
  });
  const byId = new Map(products.map((product) => [product.productId, product]));
  asArray(tree['relationships']).forEach((value, index) => {
    if (!isObject(value) || !isObject(value['full_product_name'])) return;
    const component = byId.get(asString(value['product_reference']) ?? '');
    const platform = byId.get(asString(value['relates_to_product_reference']) ?? '');
    const own = productOf(value['full_product_name'], {}, [
      'product_tree',
      'relationships',
      index,
      'full_product_name',
    ]);
    if (own === undefined) return;
    products.push({
      ...(component ?? {}),
      productId: own.productId,
      name: own.name,
      modelNumbers: component?.modelNumbers ?? own.modelNumbers,
      relationship: {
        category: asString(value['category']) ?? 'relationship',
        relatesTo: platform?.name ?? asString(value['relates_to_product_reference']) ?? '',
      },
      path: own.path,
    });
  });
  return products;
};

const readGroups = (tree: Json): Map<string, string[]> =>
  new Map(
    asArray(tree['product_groups'])
      .filter(isObject)
      .map((group) => [asString(group['group_id']) ?? '', asStrings(group['product_ids'])] as const)
      .filter(([id]) => id !== ''),
  );

interface ScoreContext {
  readonly advisoryId: string;
  readonly cve: string | undefined;
  readonly file: string | undefined;
  readonly diagnostics: Diagnostic[];
}

const located = (diagnostic: Diagnostic, file: string | undefined): Diagnostic =>
  file === undefined ? diagnostic : { ...diagnostic, file };

const readRating = (
  cvss: unknown,
  path: Path,
  context: ScoreContext,
): { rating: CsafScore['rating']; declaredScore?: number } | undefined => {
  if (!isObject(cvss)) return undefined;
  const vector = asString(cvss['vectorString']);
  const declared = typeof cvss['baseScore'] === 'number' ? cvss['baseScore'] : undefined;
  const label = `${context.advisoryId}${context.cve === undefined ? '' : ` ${context.cve}`}`;
  if (vector === undefined) return undefined;
  const scored = scoreCvssVector(vector);
  if (!scored.ok) {
    context.diagnostics.push(
      located(
        {
          code: 'cvss-invalid-vector',
          severity: 'warning',
          path: [...path, 'vectorString'],
          message: `${label}: the CVSS vector "${vector}" cannot be scored (${scored.reason}); the document's base score ${declared ?? '(none)'} is used as is.`,
        },
        context.file,
      ),
    );
    const version = asString(cvss['version']);
    if (
      declared === undefined ||
      (version !== '2.0' && version !== '3.0' && version !== '3.1' && version !== '4.0')
    )
      return undefined;
    return { rating: { version, score: declared, vector }, declaredScore: declared };
  }
  if (declared !== undefined && isScoreMismatch(declared, scored.rating.score)) {
    context.diagnostics.push(
      located(
        {
          code: 'cvss-score-mismatch',
          severity: 'warning',
          path: [...path, 'baseScore'],
          message: `${label}: the document gives CVSS ${scored.rating.version} base score ${declared}, but its vector ${vector} scores ${scored.rating.score}; the computed ${scored.rating.score} is used. Tell the advisory's publisher.`,
        },
        context.file,
      ),
    );
  }
  return declared === undefined
    ? { rating: scored.rating }
    : { rating: scored.rating, declaredScore: declared };
};

const SCORE_KEYS = ['cvss_v4', 'cvss_v3', 'cvss_v2'] as const;

/** CSAF 2.0 `scores[]` ({ products, cvss_v3, … }) and CSAF 2.1 `metrics[]` ({ products, content: { cvss_v4, … } }). */
const readScores = (vulnerability: Json, path: Path, context: ScoreContext): CsafScore[] => {
  const scores: CsafScore[] = [];
  const entries: [unknown, Path][] = [
    ...asArray(vulnerability['scores']).map((entry, index): [unknown, Path] => [
      entry,
      [...path, 'scores', index],
    ]),
    ...asArray(vulnerability['metrics']).map((entry, index): [unknown, Path] => [
      entry,
      [...path, 'metrics', index],
    ]),
  ];
  for (const [entry, entryPath] of entries) {
    if (!isObject(entry)) continue;
    const productIds = asStrings(entry['products']);
    const content = isObject(entry['content']) ? entry['content'] : entry;
    const contentPath = isObject(entry['content']) ? [...entryPath, 'content'] : entryPath;
    for (const key of SCORE_KEYS) {
      const read = readRating(content[key], [...contentPath, key], context);
      if (read) scores.push({ productIds, ...read });
    }
  }
  return scores;
};

const expand = (
  ids: readonly string[],
  groupIds: readonly string[],
  groups: Map<string, string[]>,
): string[] => [...new Set([...ids, ...groupIds.flatMap((group) => groups.get(group) ?? [])])];

const readVulnerability = (
  value: unknown,
  index: number,
  groups: Map<string, string[]>,
  context: Omit<ScoreContext, 'cve'>,
): CsafVulnerability | undefined => {
  if (!isObject(value)) return undefined;
  const path: Path = ['vulnerabilities', index];
  const cve = asString(value['cve'])?.toUpperCase();
  const status: Partial<Record<CsafProductStatus, readonly string[]>> = {};
  const statusObject = isObject(value['product_status']) ? value['product_status'] : {};
  for (const key of CSAF_PRODUCT_STATUSES) {
    const ids = asStrings(statusObject[key]);
    if (ids.length > 0) status[key] = ids;
  }
  const remediations: CsafRemediation[] = asArray(value['remediations'])
    .filter(isObject)
    .map((remediation) => {
      const url = asString(remediation['url']);
      return {
        category: asString(remediation['category']) ?? 'remediation',
        details: asString(remediation['details']) ?? '',
        ...(url === undefined ? {} : { url }),
        productIds: expand(
          asStrings(remediation['product_ids']),
          asStrings(remediation['group_ids']),
          groups,
        ),
      };
    });
  const cwe = isObject(value['cwe']) ? value['cwe'] : undefined;
  const cweId = asString(cwe?.['id']);
  const title = asString(value['title']);
  return {
    index,
    ...(cve === undefined ? {} : { cve }),
    ...(title === undefined ? {} : { title }),
    ...(cweId === undefined ? {} : { cwe: { id: cweId, name: asString(cwe?.['name']) ?? '' } }),
    productStatus: status,
    scores: readScores(value, path, { ...context, cve }),
    remediations,
  };
};

/** Whether a JSON value looks like a CSAF document at all (an object with `document.csaf_version`). */
export const isCsafDocument = (json: unknown): boolean =>
  isObject(json) && isObject(json['document']) && typeof json['document']['csaf_version'] === 'string';

/**
 * Reads what matching needs from a parsed CSAF document: tracking id, title, every product of the product tree
 * (branches, full product names, relationships) and every vulnerability with its product status, CVSS scores
 * (each vector re-scored with js-cvss; a different declared base score gives `cvss-score-mismatch`) and
 * remediations. Tolerant of missing parts; validate first with `validateCsafDocument` for conformance.
 */
export const readCsafAdvisory = (json: unknown, options: { readonly file?: string } = {}): CsafReadResult => {
  const { file } = options;
  if (!isCsafDocument(json) || !isObject(json)) {
    return {
      diagnostics: [
        located(
          {
            code: 'csaf-not-a-document',
            severity: 'error',
            path: [],
            message:
              'not a CSAF document (no document.csaf_version); CSAF advisories are JSON files with document, product_tree and vulnerabilities.',
          },
          file,
        ),
      ],
    };
  }
  const document = json['document'] as Json;
  const tracking = isObject(document['tracking']) ? document['tracking'] : {};
  const id = asString(tracking['id']) ?? file ?? 'unknown-advisory';
  const tree = isObject(json['product_tree']) ? json['product_tree'] : {};
  const groups = readGroups(tree);
  const diagnostics: Diagnostic[] = [];
  const vulnerabilities = asArray(json['vulnerabilities'])
    .map((value, index) => readVulnerability(value, index, groups, { advisoryId: id, file, diagnostics }))
    .filter((value): value is CsafVulnerability => value !== undefined);
  const publisher = isObject(document['publisher']) ? asString(document['publisher']['name']) : undefined;
  const self = asArray(document['references']).find(
    (reference) => isObject(reference) && reference['category'] === 'self',
  );
  const url = isObject(self) ? asString(self['url']) : undefined;
  const trackingVersion = asString(tracking['version']);
  const initial = asString(tracking['initial_release_date']);
  const current = asString(tracking['current_release_date']);
  const advisory: CsafAdvisory = {
    id,
    title: asString(document['title']) ?? id,
    ...(file === undefined ? {} : { file }),
    ...(publisher === undefined ? {} : { publisher }),
    ...(trackingVersion === undefined ? {} : { trackingVersion }),
    ...(initial === undefined ? {} : { initialReleaseDate: initial }),
    ...(current === undefined ? {} : { currentReleaseDate: current }),
    ...(url === undefined ? {} : { url }),
    products: readProducts(tree),
    vulnerabilities,
  };
  return { advisory, diagnostics };
};
