import { findAssetKind, ASSET_KINDS } from '../catalogs/asset-kinds';
import { DEFAULT_RISK_CRITERIA } from '../catalogs/default-risk-criteria';
import { parseFr } from '../catalogs/foundational-requirements';
import { findRequirement } from '../catalogs/system-requirements';
import { THREAT_SOURCES } from '../catalogs/threat-sources';
import { closestMatch } from './closest-match';
import { error, warning, type Diagnostic } from './diagnostic';

/**
 * Checks every reference, id and cross-field constraint of an assessment document. It reads the document
 * defensively (it also runs when the schema failed) so that one run reports every problem at once.
 */

type Loose = Record<string, unknown>;
type Path = readonly (string | number)[];

const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const items = (document: Loose, key: string): readonly { item: Loose; index: number }[] => {
  const list = document[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown, index) => (isRecord(item) ? [{ item, index }] : []));
};
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown): readonly { value: string; index: number }[] =>
  Array.isArray(value)
    ? value.flatMap((entry: unknown, index) => (typeof entry === 'string' ? [{ value: entry, index }] : []))
    : [];

/** The collections whose items carry ids, with the entity word used in messages. */
const ENTITY_COLLECTIONS = [
  ['accessPoints', 'access point'],
  ['zones', 'zone'],
  ['conduits', 'conduit'],
  ['assets', 'asset'],
  ['dataFlows', 'data flow'],
  ['threatScenarios', 'threat scenario'],
  ['vulnerabilities', 'vulnerability'],
  ['countermeasures', 'countermeasure'],
  ['approvals', 'approval'],
] as const;

type Collection = (typeof ENTITY_COLLECTIONS)[number][0];

/** Ids of one collection. */
const idsOf = (document: Loose, collection: Collection): ReadonlySet<string> =>
  new Set(
    items(document, collection).flatMap(({ item }) => (str(item['id']) ? [str(item['id']) as string] : [])),
  );

export const checkReferences = (document: Loose): readonly Diagnostic[] => {
  const diagnostics: Diagnostic[] = [];
  const report = (code: string, path: Path, message: string) => diagnostics.push(error(code, path, message));

  // Duplicate ids, across the whole file.
  const seen = new Map<string, Path>();
  for (const [collection, word] of ENTITY_COLLECTIONS) {
    for (const { item, index } of items(document, collection)) {
      const id = str(item['id']);
      if (id === undefined) continue;
      const earlier = seen.get(id);
      if (earlier) {
        report(
          'duplicate-id',
          [collection, index, 'id'],
          `The ${word} id "${id}" is already used at ${pathText(earlier)}: give each entity its own id.`,
        );
      } else {
        seen.set(id, [collection, index, 'id']);
      }
    }
  }

  const ids = Object.fromEntries(
    ENTITY_COLLECTIONS.map(([collection]) => [collection, idsOf(document, collection)]),
  ) as Record<Collection, ReadonlySet<string>>;
  const customSources = items(document, 'threatSources');
  const sourceIds = new Set([
    ...THREAT_SOURCES.map((source) => source.id),
    ...customSources.flatMap(({ item }) => strings([item['id']]).map((entry) => entry.value)),
  ]);

  const expect = (value: unknown, path: Path, allowed: readonly Collection[], word: string): void => {
    const id = str(value);
    if (id === undefined) return;
    if (allowed.some((collection) => ids[collection].has(id))) return;
    const candidates = allowed.flatMap((collection) => [...ids[collection]]);
    const hint = closestMatch(id, candidates);
    report(
      'unknown-reference',
      path,
      `${word} "${id}" is not defined${hint ? `: did you mean "${hint}"?` : `: define it or fix the id.`}`,
    );
  };
  const expectEach = (value: unknown, path: Path, allowed: readonly Collection[], word: string): void => {
    for (const entry of strings(value)) expect(entry.value, [...path, entry.index], allowed, word);
  };

  // Risk criteria: shape and references; defaults when absent.
  const criteria = isRecord(document['riskCriteria']) ? document['riskCriteria'] : undefined;
  const categoryIds = new Set(
    criteria
      ? items(criteria, 'impactCategories').flatMap(({ item }) =>
          strings([item['id']]).map((entry) => entry.value),
        )
      : DEFAULT_RISK_CRITERIA.impactCategories.map((category) => category.id),
  );
  const likelihoodCount =
    criteria && isRecord(criteria['likelihood'])
      ? items(criteria['likelihood'], 'levels').length
      : DEFAULT_RISK_CRITERIA.likelihood.levels.length;
  const impactCount = criteria
    ? Math.max(
        0,
        ...items(criteria, 'impactCategories').map(({ item }) =>
          Array.isArray(item['levels']) ? item['levels'].length : 0,
        ),
      )
    : (DEFAULT_RISK_CRITERIA.impactCategories[0]?.levels.length ?? 5);
  if (criteria) diagnostics.push(...checkRiskCriteria(criteria));

  const checkRatings = (value: unknown, path: Path): void => {
    if (!isRecord(value)) return;
    for (const [category, level] of Object.entries(value)) {
      if (!categoryIds.has(category)) {
        const hint = closestMatch(category, [...categoryIds]);
        report(
          'unknown-impact-category',
          [...path, category],
          `Impact category "${category}" is not defined in the risk criteria${hint ? `: did you mean "${hint}"?` : ''}.`,
        );
      } else if (typeof level === 'number' && level > impactCount) {
        report(
          'level-out-of-scale',
          [...path, category],
          `Impact level ${level} is above the top of the scale (${impactCount}).`,
        );
      }
    }
  };

  // Zones.
  const zoneOfAsset = new Map<string, { zone: string; path: Path }>();
  for (const { item, index } of items(document, 'zones')) {
    expect(item['parent'], ['zones', index, 'parent'], ['zones'], 'Parent zone');
    const policyIds = new Set(
      isRecord(document['system'])
        ? items(document['system'], 'policies').flatMap(({ item: policy }) =>
            strings([policy['id']]).map((entry) => entry.value),
          )
        : [],
    );
    for (const entry of strings(item['policies'])) {
      if (!policyIds.has(entry.value))
        report(
          'unknown-reference',
          ['zones', index, 'policies', entry.index],
          `Policy "${entry.value}" is not defined in system.policies.`,
        );
    }
    const zoneId = str(item['id']);
    for (const entry of strings(item['assets'])) {
      const path: Path = ['zones', index, 'assets', entry.index];
      expect(entry.value, path, ['assets'], 'Asset');
      const earlier = zoneOfAsset.get(entry.value);
      if (earlier && zoneId && earlier.zone !== zoneId) {
        report(
          'asset-in-two-zones',
          path,
          `Asset "${entry.value}" is already in zone "${earlier.zone}" (${pathText(earlier.path)}): an asset belongs to exactly one zone (ZCR 3.1); remove one of them.`,
        );
      } else if (zoneId) {
        zoneOfAsset.set(entry.value, { zone: zoneId, path });
      }
    }
  }
  diagnostics.push(...checkParentCycles(items(document, 'zones')));

  // Conduits and channels.
  for (const { item, index } of items(document, 'conduits')) {
    const joined = strings(item['zones']);
    expectEach(item['zones'], ['conduits', index, 'zones'], ['zones'], 'Zone');
    if (Array.isArray(item['zones']) && new Set(joined.map((entry) => entry.value)).size < 2) {
      report(
        'conduit-joins-one-zone',
        ['conduits', index, 'zones'],
        `Conduit "${str(item['id']) ?? index}" joins ${joined.length === 0 ? 'no zone' : `only "${joined[0]?.value}"`}: a conduit connects at least two different zones; add the other zone or remove the conduit.`,
      );
    }
    const joinedIds = new Set(joined.map((entry) => entry.value));
    items(item, 'channels').forEach(({ item: channel, index: channelIndex }) => {
      for (const end of ['from', 'to'] as const) {
        const zone = str(channel[end]);
        if (zone !== undefined && !joinedIds.has(zone)) {
          report(
            'channel-zone-not-joined',
            ['conduits', index, 'channels', channelIndex, end],
            `Channel ${end} "${zone}" is not one of the zones this conduit joins (${[...joinedIds].join(', ')}).`,
          );
        }
      }
      if (str(channel['from']) !== undefined && channel['from'] === channel['to']) {
        report(
          'channel-zone-not-joined',
          ['conduits', index, 'channels', channelIndex, 'to'],
          `A channel runs between two different zones; "from" and "to" are both "${String(channel['from'])}".`,
        );
      }
    });
    expectEach(item['devices'], ['conduits', index, 'devices'], ['assets'], 'Device');
  }

  // Assets.
  for (const { item, index } of items(document, 'assets')) {
    const kind = str(item['kind']);
    if (kind !== undefined && !findAssetKind(kind)) {
      const hint = closestMatch(
        kind,
        ASSET_KINDS.map((definition) => definition.id),
      );
      report(
        'unknown-asset-kind',
        ['assets', index, 'kind'],
        `Asset kind "${kind}" is not in the catalog${hint ? `: did you mean "${hint}"?` : ': see docs/glossary.md for the kinds.'}`,
      );
    }
    const zone = str(item['zone']);
    expect(zone, ['assets', index, 'zone'], ['zones', 'conduits'], 'Zone');
    const id = str(item['id']);
    const listed = id ? zoneOfAsset.get(id) : undefined;
    if (zone && listed && listed.zone !== zone) {
      report(
        'asset-in-two-zones',
        ['assets', index, 'zone'],
        `Asset "${id}" says zone "${zone}" but zone "${listed.zone}" lists it (${pathText(listed.path)}): an asset belongs to exactly one zone; make them agree.`,
      );
    }
    checkRatings(item['criticality'], ['assets', index, 'criticality']);
  }

  for (const { item, index } of items(document, 'accessPoints'))
    expect(item['zone'], ['accessPoints', index, 'zone'], ['zones'], 'Zone');
  for (const { item, index } of items(document, 'dataFlows')) {
    expect(item['from'], ['dataFlows', index, 'from'], ['assets'], 'Asset');
    expect(item['to'], ['dataFlows', index, 'to'], ['assets'], 'Asset');
    expect(item['accessPoint'], ['dataFlows', index, 'accessPoint'], ['accessPoints'], 'Access point');
  }
  for (const { item, index } of items(document, 'threatScenarios')) {
    const source = str(item['source']);
    if (source !== undefined && !sourceIds.has(source)) {
      const hint = closestMatch(source, [...sourceIds]);
      report(
        'unknown-threat-source',
        ['threatScenarios', index, 'source'],
        `Threat source "${source}" is not built in and not in threatSources${hint ? `: did you mean "${hint}"?` : ''}.`,
      );
    }
    expect(item['entryPoint'], ['threatScenarios', index, 'entryPoint'], ['accessPoints'], 'Access point');
    expect(item['zone'], ['threatScenarios', index, 'zone'], ['zones', 'conduits'], 'Zone or conduit');
    expectEach(item['targets'], ['threatScenarios', index, 'targets'], ['assets'], 'Asset');
    expectEach(
      item['vulnerabilities'],
      ['threatScenarios', index, 'vulnerabilities'],
      ['vulnerabilities'],
      'Vulnerability',
    );
    expectEach(
      item['countermeasures'],
      ['threatScenarios', index, 'countermeasures'],
      ['countermeasures'],
      'Countermeasure',
    );
    for (const entry of strings(item['frs'])) {
      if (!parseFr(entry.value))
        report(
          'unknown-fr',
          ['threatScenarios', index, 'frs', entry.index],
          `"${entry.value}" is not a foundational requirement: use FR1 … FR7 or IAC, UC, SI, DC, RDF, TRE, RA.`,
        );
    }
    checkRatings(item['consequences'], ['threatScenarios', index, 'consequences']);
    for (const key of ['likelihood', 'residualLikelihood'] as const) {
      const level = item[key];
      if (typeof level === 'number' && level > likelihoodCount) {
        report(
          'level-out-of-scale',
          ['threatScenarios', index, key],
          `Likelihood ${level} is above the top of the scale (${likelihoodCount}).`,
        );
      }
    }
  }
  for (const { item, index } of items(document, 'vulnerabilities'))
    expectEach(item['assets'], ['vulnerabilities', index, 'assets'], ['assets'], 'Asset');
  for (const { item, index } of items(document, 'countermeasures')) {
    expectEach(
      item['appliesTo'],
      ['countermeasures', index, 'appliesTo'],
      ['zones', 'conduits', 'assets', 'accessPoints'],
      'Zone, conduit, asset or access point',
    );
    for (const entry of strings(item['requirements'])) {
      if (!findRequirement(entry.value))
        report(
          'unknown-requirement',
          ['countermeasures', index, 'requirements', entry.index],
          `"${entry.value}" is not an IEC 62443-3-3 SR or RE id (e.g. "SR 1.1 RE 2").`,
        );
    }
  }
  const statusKeys = new Map<string, Path>();
  for (const { item, index } of items(document, 'requirementStatus')) {
    expect(
      item['subject'],
      ['requirementStatus', index, 'subject'],
      ['zones', 'conduits'],
      'Zone or conduit',
    );
    const requirement = str(item['requirement']);
    const definition = requirement ? findRequirement(requirement) : undefined;
    if (requirement !== undefined && !definition) {
      report(
        'unknown-requirement',
        ['requirementStatus', index, 'requirement'],
        `"${requirement}" is not an IEC 62443-3-3 SR or RE id (e.g. "SR 5.1 RE 1").`,
      );
    }
    expect(
      item['countermeasure'],
      ['requirementStatus', index, 'countermeasure'],
      ['countermeasures'],
      'Countermeasure',
    );
    if (item['status'] === 'compensated' && item['countermeasure'] === undefined) {
      report(
        'missing-countermeasure',
        ['requirementStatus', index, 'countermeasure'],
        'A "compensated" requirement names the compensating countermeasure: add "countermeasure: <id>".',
      );
    }
    if (item['status'] === 'not-applicable' && item['justification'] === undefined) {
      report(
        'missing-justification',
        ['requirementStatus', index, 'justification'],
        'A "not-applicable" requirement says why: add "justification".',
      );
    }
    const key = `${str(item['subject']) ?? ''}|${definition?.id ?? requirement ?? ''}`;
    const earlier = statusKeys.get(key);
    if (earlier)
      report(
        'duplicate-requirement-status',
        ['requirementStatus', index],
        `${definition?.id ?? requirement} for "${str(item['subject'])}" already has a status at ${pathText(earlier)}: keep one entry.`,
      );
    else statusKeys.set(key, ['requirementStatus', index]);
  }
  return diagnostics;
};

const pathText = (path: Path): string =>
  path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text === '' ? segment : `${text}.${segment}`,
    '',
  );

const checkParentCycles = (zones: readonly { item: Loose; index: number }[]): readonly Diagnostic[] => {
  const parentOf = new Map(
    zones.flatMap(({ item }) =>
      str(item['id']) && str(item['parent'])
        ? [[str(item['id']) as string, str(item['parent']) as string]]
        : [],
    ),
  );
  return zones.flatMap(({ item, index }) => {
    const start = str(item['id']);
    if (!start) return [];
    let current = parentOf.get(start);
    for (let steps = 0; current !== undefined && steps <= zones.length; steps += 1) {
      if (current === start)
        return [
          error(
            'zone-parent-cycle',
            ['zones', index, 'parent'],
            `Zone "${start}" is its own ancestor through "parent": break the cycle.`,
          ),
        ];
      current = parentOf.get(current);
    }
    return [];
  });
};

/** Risk criteria consistency (ZCR 6.8): matrix shape, band references, tolerable band, monotonic matrix. */
const checkRiskCriteria = (criteria: Loose): readonly Diagnostic[] => {
  const diagnostics: Diagnostic[] = [];
  const bands = items(criteria, 'bands').flatMap(({ item }) =>
    strings([item['id']]).map((entry) => entry.value),
  );
  const rank = new Map(bands.map((band, index) => [band, index]));
  const levels = isRecord(criteria['likelihood']) ? items(criteria['likelihood'], 'levels') : [];
  levels.forEach(({ item, index }) => {
    if (item['level'] !== index + 1)
      diagnostics.push(
        error(
          'likelihood-levels',
          ['riskCriteria', 'likelihood', 'levels', index, 'level'],
          `Likelihood levels are numbered 1, 2, 3 … in order: expected ${index + 1} here.`,
        ),
      );
  });
  const categories = items(criteria, 'impactCategories');
  const impactCounts = new Set(
    categories.map(({ item }) => (Array.isArray(item['levels']) ? item['levels'].length : 0)),
  );
  if (impactCounts.size > 1) {
    diagnostics.push(
      error(
        'risk-matrix-shape',
        ['riskCriteria', 'impactCategories'],
        'Every impact category needs the same number of levels, so one matrix column serves each level.',
      ),
    );
  }
  const columns = [...impactCounts][0] ?? 0;
  const matrix = Array.isArray(criteria['matrix']) ? (criteria['matrix'] as unknown[]) : [];
  if (matrix.length !== levels.length) {
    diagnostics.push(
      error(
        'risk-matrix-shape',
        ['riskCriteria', 'matrix'],
        `The matrix has ${matrix.length} rows but there are ${levels.length} likelihood levels: one row per likelihood level.`,
      ),
    );
  }
  matrix.forEach((row, rowIndex) => {
    const cells = strings(row);
    if (Array.isArray(row) && row.length !== columns) {
      diagnostics.push(
        error(
          'risk-matrix-shape',
          ['riskCriteria', 'matrix', rowIndex],
          `Row ${rowIndex + 1} has ${row.length} cells but the impact scale has ${columns} levels.`,
        ),
      );
    }
    for (const cell of cells) {
      if (!rank.has(cell.value))
        diagnostics.push(
          error(
            'unknown-reference',
            ['riskCriteria', 'matrix', rowIndex, cell.index],
            `Band "${cell.value}" is not one of the bands (${bands.join(', ')}).`,
          ),
        );
    }
  });
  const tolerable = str(criteria['tolerable']);
  if (tolerable !== undefined && !rank.has(tolerable)) {
    diagnostics.push(
      error(
        'unknown-reference',
        ['riskCriteria', 'tolerable'],
        `Tolerable band "${tolerable}" is not one of the bands (${bands.join(', ')}).`,
      ),
    );
  }
  const direction =
    isRecord(criteria['likelihood']) && criteria['likelihood']['direction'] === 'descending' ? -1 : 1;
  const rankAt = (row: number, column: number): number | undefined => {
    const cells = matrix[row];
    const cell = Array.isArray(cells) ? str(cells[column]) : undefined;
    return cell === undefined ? undefined : rank.get(cell);
  };
  let monotonic = true;
  for (let row = 0; row < matrix.length && monotonic; row += 1) {
    for (let column = 0; column < columns && monotonic; column += 1) {
      const here = rankAt(row, column);
      const right = rankAt(row, column + 1);
      const next = rankAt(row + direction, column);
      if (here !== undefined && right !== undefined && right < here) monotonic = false;
      if (here !== undefined && next !== undefined && next < here) monotonic = false;
    }
  }
  if (!monotonic) {
    diagnostics.push(
      warning(
        'risk-matrix-not-monotonic',
        ['riskCriteria', 'matrix'],
        'Risk does not always rise with likelihood and impact in this matrix: check the cells (and likelihood.direction).',
      ),
    );
  }
  return diagnostics;
};
