import { THREAT_SOURCES, closestMatch, error, type Diagnostic, type SystemFileInput } from '@zonewise/core';
import { locateDiagnostics } from '../../project-file/locate-diagnostics';
import { entityIds, idAllocator, slugId } from '../tabular/entity-id';
import { phaDiagnostic } from './pha-diagnostic';
import type { PhaMapping } from './pha-mapping';
import type { PhaScenario, PhaStudy } from './read-pha-study';

/** A threat scenario as written in the assessment file. */
export type ThreatScenarioDraft = NonNullable<SystemFileInput['threatScenarios']>[number];
/** A `system.references` entry as written in the assessment file. */
export type ReferenceDraft = NonNullable<SystemFileInput['system']['references']>[number];

/** What merging one PHA study did. */
export interface PhaSummary {
  readonly study: {
    readonly id: string;
    readonly title: string;
    readonly isNew: boolean;
    readonly scenarios: number;
  };
  readonly created: readonly { readonly row: number; readonly scenario: string; readonly id: string }[];
  readonly updated: readonly {
    readonly row: number;
    readonly scenario: string;
    readonly id: string;
    readonly fields: readonly string[];
  }[];
  readonly unchanged: readonly { readonly row: number; readonly scenario: string; readonly id: string }[];
  readonly skipped: readonly { readonly row: number; readonly code: string; readonly reason: string }[];
  /** PHA scenarios whose every safeguard is hackable, with the threat scenario that links to them (if any). */
  readonly allSafeguardsHackable: readonly {
    readonly row: number;
    readonly scenario: string;
    readonly threatScenario?: string;
  }[];
}

/** The merged file (or, without an assessment, the entries that would be written), summary and diagnostics. */
export interface PhaMergeResult {
  readonly file: SystemFileInput;
  readonly reference: ReferenceDraft;
  /** Threat scenarios created or changed, as written. */
  readonly threatScenarios: readonly ThreatScenarioDraft[];
  readonly summary: PhaSummary;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The line that flags a threat scenario whose PHA safeguards are all hackable. The file format has no field for
 * it, so it lives in the description, where re-imports find, keep current or remove it.
 */
export const ALL_SAFEGUARDS_HACKABLE_MARKER = 'PHA: every safeguard is hackable';

const DEFAULT_SOURCE = 'hacktivist';

const shorten = (text: string, length: number): string =>
  text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;

const safeguardList = (scenario: PhaScenario): string =>
  scenario.safeguards
    .map(
      (safeguard) =>
        `${safeguard.name} (${safeguard.isHackable === undefined ? 'hackable?' : safeguard.isHackable ? 'hackable' : 'not hackable'})`,
    )
    .join('; ');

const markerLine = (scenario: PhaScenario): string =>
  `${ALL_SAFEGUARDS_HACKABLE_MARKER} (${scenario.safeguards.map((safeguard) => safeguard.name).join('; ')}): a cyber attack that causes the deviation can also defeat all protection against the consequence.`;

/** Lower-cases a leading capital unless the word is an acronym ("High pressure" → "high pressure", "LOPC" stays). */
const asPhrase = (text: string): string =>
  /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase() ?? ''}${text.slice(1)}` : text;

const titleOf = (scenario: PhaScenario): string => {
  const what =
    scenario.deviation !== undefined && scenario.node !== undefined
      ? `${asPhrase(scenario.deviation)} at ${scenario.node}`
      : asPhrase(
          scenario.deviation ?? scenario.node ?? scenario.consequence ?? `PHA scenario ${scenario.id}`,
        );
  const cause = scenario.cause === undefined ? '' : ` (cause: ${scenario.cause})`;
  return shorten(`Cyber-induced ${what}${cause}`, 200);
};

const descriptionOf = (scenario: PhaScenario): string => {
  const where = [
    scenario.node === undefined ? undefined : `node ${scenario.node}`,
    scenario.deviation === undefined ? undefined : `deviation ${scenario.deviation}`,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return [
    `A cyber attack causes PHA scenario ${scenario.reference}${where === '' ? '' : ` (${where})`}.`,
    scenario.cause === undefined ? undefined : `Cause: ${scenario.cause}`,
    scenario.consequence === undefined ? undefined : `Consequence: ${scenario.consequence}`,
    scenario.safeguards.length === 0 ? undefined : `Safeguards: ${safeguardList(scenario)}.`,
    scenario.hasOnlyHackableSafeguards ? markerLine(scenario) : undefined,
  ]
    .filter((line) => line !== undefined)
    .join('\n');
};

/** Keeps the author's description and adds, refreshes or removes only the marker line. */
const withMarker = (description: string | undefined, scenario: PhaScenario): string | undefined => {
  const lines = (description ?? '')
    .split('\n')
    .filter((line) => !line.startsWith(ALL_SAFEGUARDS_HACKABLE_MARKER));
  if (scenario.hasOnlyHackableSafeguards) lines.push(markerLine(scenario));
  const text = lines.join('\n').trim();
  return text === '' ? undefined : text;
};

const sameRatings = (
  a: Readonly<Record<string, number>> | undefined,
  b: Readonly<Record<string, number>>,
): boolean => {
  const left = Object.entries(a ?? {}).sort(([x], [y]) => x.localeCompare(y));
  const right = Object.entries(b).sort(([x], [y]) => x.localeCompare(y));
  return JSON.stringify(left) === JSON.stringify(right);
};

const mostLikelyLevel = (file: SystemFileInput): number => {
  const likelihood = file.riskCriteria?.likelihood;
  if (likelihood === undefined) return 5;
  const count = Math.max(1, likelihood.levels.length, file.riskCriteria?.matrix.length ?? 0);
  return likelihood.direction === 'descending' ? 1 : count;
};

/**
 * Checks the mapping's defaults against the assessment: the threat source must be built in or defined, the zone
 * must be a zone or conduit. Errors are placed in the mapping file.
 */
export const checkPhaDefaults = (file: SystemFileInput, mapping: PhaMapping): readonly Diagnostic[] => {
  const diagnostics: Diagnostic[] = [];
  const sources = [
    ...THREAT_SOURCES.map((source) => source.id),
    ...(file.threatSources ?? []).map((source) => source.id),
  ];
  const { source, zone } = mapping.defaults;
  if (source !== undefined && !sources.includes(source)) {
    const hint = closestMatch(source, sources);
    diagnostics.push(
      error(
        'mapping-unknown-threat-source',
        ['defaults', 'source'],
        `"${source}" is not a threat source${hint ? `: did you mean "${hint}"?` : `; use one of ${sources.join(', ')}.`}`,
      ),
    );
  }
  const subjects = [...(file.zones ?? []), ...(file.conduits ?? [])].map((subject) => subject.id);
  if (zone !== undefined && !subjects.includes(zone)) {
    const hint = closestMatch(zone, subjects);
    diagnostics.push(
      error(
        'mapping-unknown-zone',
        ['defaults', 'zone'],
        `"${zone}" is not a zone or conduit of the assessment${hint ? `: did you mean "${hint}"?` : ''}.`,
      ),
    );
  }
  return mapping.source === undefined ? diagnostics : locateDiagnostics(diagnostics, mapping.source);
};

/**
 * Merges a PHA study into an assessment file: the study becomes (or refreshes) a `system.references` entry, and
 * each PHA scenario a threat scenario linked by `consequenceReference` (`<study>#<scenario>`) whose `consequences`
 * are the PHA severities, so the cyber scenario's impact is the PHA's and traceable to it. A threat scenario that
 * already links to the PHA scenario (by that reference, or by the bare scenario id) gets its consequences and the
 * hackable marker line updated and keeps everything else. New threat scenarios take the mapping's defaults (source,
 * likelihood, zone) and are reported once as `pha-defaults-applied`; every PHA scenario whose safeguards are all
 * hackable is reported as `pha-all-safeguards-hackable`.
 */
export const mergePhaStudy = (
  file: SystemFileInput,
  study: PhaStudy,
  mapping: PhaMapping,
): PhaMergeResult => {
  const diagnostics: Diagnostic[] = [];
  const references = [...(file.system.references ?? [])];
  const description =
    study.description ??
    `${study.scenarios.length} scenario${study.scenarios.length === 1 ? '' : 's'} imported from ${study.fileName}; ${study.scenarios.filter((scenario) => scenario.hasOnlyHackableSafeguards).length} with only hackable safeguards.`;
  const at = references.findIndex((reference) => reference.id === study.id);
  const known = references[at];
  const reference: ReferenceDraft = {
    ...(known ?? {}),
    id: study.id,
    title: mapping.study.title ?? known?.title ?? study.title,
    description,
    ...(study.url === undefined ? {} : { url: study.url }),
  };
  if (known === undefined) references.push(reference);
  else references[at] = reference;

  const scenarios = [...(file.threatScenarios ?? [])];
  const allocate = idAllocator(entityIds(file));
  const created: { row: number; scenario: string; id: string }[] = [];
  const updated: { row: number; scenario: string; id: string; fields: string[] }[] = [];
  const unchanged: { row: number; scenario: string; id: string }[] = [];
  const flagged: { row: number; scenario: string; threatScenario?: string }[] = [];
  const touched: ThreatScenarioDraft[] = [];
  const source = mapping.defaults.source ?? DEFAULT_SOURCE;
  const likelihood = mapping.defaults.likelihood ?? mostLikelyLevel(file);
  for (const scenario of study.scenarios) {
    let linked: string | undefined;
    const index = scenarios.findIndex((candidate) => candidate.consequenceReference === scenario.reference);
    const found =
      index >= 0 ? index : scenarios.findIndex((candidate) => candidate.consequenceReference === scenario.id);
    const existing = scenarios[found];
    if (existing !== undefined) {
      const next: ThreatScenarioDraft = { ...existing };
      const fields: string[] = [];
      if (
        Object.keys(scenario.severities).length > 0 &&
        !sameRatings(existing.consequences, scenario.severities)
      ) {
        next.consequences = { ...scenario.severities };
        fields.push('consequences');
      }
      const text = withMarker(existing.description, scenario);
      if (text !== existing.description) {
        if (text === undefined) delete next.description;
        else next.description = text;
        fields.push('description');
      }
      if (scenario.hasOnlyHackableSafeguards !== (existing.hasOnlyHackableSafeguards === true)) {
        if (scenario.hasOnlyHackableSafeguards) next.hasOnlyHackableSafeguards = true;
        else delete next.hasOnlyHackableSafeguards;
        fields.push('hasOnlyHackableSafeguards');
      }
      linked = existing.id;
      if (fields.length > 0) {
        scenarios[found] = next;
        touched.push(next);
        updated.push({ row: scenario.row, scenario: scenario.id, id: existing.id, fields });
      } else {
        unchanged.push({ row: scenario.row, scenario: scenario.id, id: existing.id });
      }
    } else {
      const isWanted =
        mapping.scenarios === 'all' ||
        (mapping.scenarios === 'hackable' &&
          scenario.safeguards.some((safeguard) => safeguard.isHackable === true));
      if (isWanted) {
        const id = allocate(slugId(`ts-${study.id}-${scenario.id}`, 'ts-pha'));
        const threat: ThreatScenarioDraft = {
          id,
          title: titleOf(scenario),
          description: descriptionOf(scenario),
          source,
          ...(mapping.defaults.zone === undefined ? {} : { zone: mapping.defaults.zone }),
          ...(Object.keys(scenario.severities).length === 0
            ? {}
            : { consequences: { ...scenario.severities } }),
          consequenceReference: scenario.reference,
          ...(scenario.hasOnlyHackableSafeguards ? { hasOnlyHackableSafeguards: true } : {}),
          likelihood,
        };
        scenarios.push(threat);
        touched.push(threat);
        created.push({ row: scenario.row, scenario: scenario.id, id });
        linked = id;
      }
    }
    if (scenario.hasOnlyHackableSafeguards) {
      flagged.push({
        row: scenario.row,
        scenario: scenario.id,
        ...(linked === undefined ? {} : { threatScenario: linked }),
      });
      diagnostics.push(
        phaDiagnostic(
          'pha-all-safeguards-hackable',
          'warning',
          study.fileName,
          { line: scenario.row, column: 1 },
          `Every safeguard of PHA scenario ${scenario.reference} is hackable (${scenario.safeguards.map((safeguard) => safeguard.name).join('; ')}): a cyber attack can cause the deviation and defeat the protection; add a non-hackable safeguard or rate the threat scenario${linked === undefined ? '' : ` ${linked}`} accordingly.`,
        ),
      );
    }
  }
  if (
    created.length > 0 &&
    (mapping.defaults.source === undefined || mapping.defaults.likelihood === undefined)
  ) {
    diagnostics.push(
      phaDiagnostic(
        'pha-defaults-applied',
        'warning',
        study.fileName,
        undefined,
        `${created.length} new threat scenario${created.length === 1 ? '' : 's'} got the default${mapping.defaults.source === undefined ? ` threat source ${source}` : ''}${mapping.defaults.source === undefined && mapping.defaults.likelihood === undefined ? ' and' : ''}${mapping.defaults.likelihood === undefined ? ` likelihood ${likelihood} (most likely)` : ''}: review them, or set "defaults: { source: …, likelihood: … }" in the mapping.`,
      ),
    );
  }
  return {
    file: { ...file, system: { ...file.system, references }, threatScenarios: scenarios },
    reference,
    threatScenarios: touched,
    summary: {
      study: {
        id: study.id,
        title: reference.title,
        isNew: known === undefined,
        scenarios: study.scenarios.length,
      },
      created,
      updated,
      unchanged,
      skipped: study.skipped,
      allSafeguardsHackable: flagged,
    },
    diagnostics,
  };
};
