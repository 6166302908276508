import type { Diagnostic, Resolved } from '@zonewise/core';
import type {
  AttackAssetType,
  AttackCatalog,
  AttackMitigates,
  AttackMitigation,
  AttackTactic,
  AttackTechnique,
  Iec62443Reference,
} from './attack-catalog';

/** Stable codes of problems in an ATT&CK bundle. */
export const ATTACK_DIAGNOSTIC_CODES = [
  'attack-invalid-json',
  'attack-not-a-bundle',
  'attack-no-techniques',
  'attack-invalid-object',
  'attack-unknown-tactic',
  'attack-dangling-reference',
] as const;

/** One of {@link ATTACK_DIAGNOSTIC_CODES}. */
export type AttackDiagnosticCode = (typeof ATTACK_DIAGNOSTIC_CODES)[number];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (object: Json, key: string): string | undefined => {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
};
const list = (object: Json, key: string): unknown[] => {
  const value = object[key];
  return Array.isArray(value) ? (value as unknown[]) : [];
};
const texts = (object: Json, key: string): string[] =>
  list(object, key).filter((item): item is string => typeof item === 'string');
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { readonly id: string }>(a: T, b: T): number => compareText(a.id, b.id);

const diagnostic = (
  code: AttackDiagnosticCode,
  severity: Diagnostic['severity'],
  path: readonly (string | number)[],
  message: string,
  file: string | undefined,
  place?: { line: number; column: number },
): Diagnostic => ({
  code,
  severity,
  path,
  message,
  ...(file === undefined ? {} : { file }),
  ...(place ?? {}),
});

const placeOfOffset = (source: string, offset: number): { line: number; column: number } => {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
};

/** The ATT&CK id of an object: the `mitre-attack` external reference, else any `mitre-*` one of the right form. */
const attackId = (object: Json, pattern: RegExp): string | undefined => {
  const references = list(object, 'external_references').filter(isObject);
  const ids = references
    .map((reference) => ({
      source: text(reference, 'source_name') ?? '',
      id: text(reference, 'external_id'),
    }))
    .filter((reference) => reference.id !== undefined && pattern.test(reference.id));
  return (
    ids.find((reference) => reference.source === 'mitre-attack') ??
    ids.find((reference) => reference.source.startsWith('mitre-'))
  )?.id;
};

const attackUrl = (object: Json): string | undefined =>
  list(object, 'external_references')
    .filter(isObject)
    .map((reference) => text(reference, 'url'))
    .find((url) => url?.startsWith('https://attack.mitre.org/'));

const LABEL = /^\s*(IEC\s*62443-\d+-\d+)\s*(?::\s*(\d{4}))?\s*[-–:]\s*(.+?)\s*$/i;

/** Reads "IEC 62443-3-3:2013 - SR 5.4" (a label) or an external reference whose source names IEC 62443. */
const iec62443Of = (object: Json): { references: Iec62443Reference[]; otherLabels: string[] } => {
  const references: Iec62443Reference[] = [];
  const otherLabels: string[] = [];
  for (const label of texts(object, 'labels')) {
    const match = LABEL.exec(label);
    if (!match) {
      otherLabels.push(label);
      continue;
    }
    references.push({
      standard: (match[1] ?? '').toUpperCase().replace(/\s+/g, ' ').replace('IEC62443', 'IEC 62443'),
      ...(match[2] ? { edition: match[2] } : {}),
      requirement: (match[3] ?? '').replace(/\s+/g, ' '),
    });
  }
  for (const reference of list(object, 'external_references').filter(isObject)) {
    const source = text(reference, 'source_name') ?? '';
    const requirement = text(reference, 'external_id');
    const standard = /IEC\s*62443-\d+-\d+/i.exec(source)?.[0];
    if (standard && requirement) {
      references.push({
        standard: standard.toUpperCase().replace(/\s+/g, ' '),
        requirement: requirement.replace(/\s+/g, ' '),
      });
    }
  }
  const seen = new Set<string>();
  return {
    references: references.filter((reference) => {
      const key = `${reference.standard}|${reference.requirement}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    otherLabels,
  };
};

const MAX_OBJECT_WARNINGS = 20;

/**
 * Reads a MITRE ATT&CK for ICS STIX 2.1 bundle into a catalog: tactics in matrix order, techniques with their
 * tactics, platforms and targeted asset types (from `targets` relationships), mitigations with the IEC 62443
 * requirements ATT&CK labels them with (`labels` such as "IEC 62443-3-3:2013 - SR 5.4", or 62443 external
 * references), and the `mitigates` relationships. Revoked and deprecated objects are left out. Nothing is
 * hard-coded, so a newer release loads as it is. Invalid JSON, a document that is not a bundle or a bundle without
 * techniques give errors; objects it cannot use give warnings.
 */
export const loadAttackCatalog = (json: string, fileName?: string): Resolved<AttackCatalog> => {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (cause) {
    const message = (cause as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position === undefined ? json.length : Number(position);
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'attack-invalid-json',
          'error',
          [],
          `not valid JSON: ${message}`,
          fileName,
          placeOfOffset(json, offset),
        ),
      ],
    };
  }
  if (!isObject(document) || document['type'] !== 'bundle' || !Array.isArray(document['objects'])) {
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'attack-not-a-bundle',
          'error',
          [],
          'expected a STIX 2.1 bundle ({"type": "bundle", "objects": [...]}) such as ics-attack.json from mitre-attack/attack-stix-data',
          fileName,
        ),
      ],
    };
  }
  const warnings: Diagnostic[] = [];
  let objectWarnings = 0;
  const warnObject = (index: number, message: string) => {
    objectWarnings += 1;
    if (objectWarnings <= MAX_OBJECT_WARNINGS) {
      warnings.push(diagnostic('attack-invalid-object', 'warning', ['objects', index], message, fileName));
    }
  };

  const objects = document['objects'] as unknown[];
  const stixIds = new Set<string>();
  const active = new Map<string, { object: Json; index: number }>();
  let inactive = 0;
  objects.forEach((object, index) => {
    if (!isObject(object) || text(object, 'type') === undefined || text(object, 'id') === undefined) {
      warnObject(index, 'an object without "type" and "id" is skipped');
      return;
    }
    const id = text(object, 'id') ?? '';
    stixIds.add(id);
    if (object['revoked'] === true || object['x_mitre_deprecated'] === true) {
      inactive += 1;
      return;
    }
    active.set(id, { object, index });
  });
  const ofType = (type: string) =>
    [...active.entries()].filter(([, entry]) => text(entry.object, 'type') === type);

  const collection = ofType('x-mitre-collection')[0]?.[1].object;
  const matrix = ofType('x-mitre-matrix')[0]?.[1].object;
  const matrixOrder = matrix ? texts(matrix, 'tactic_refs') : [];

  const tacticByStix = new Map<string, AttackTactic>();
  for (const [stixId, { object, index }] of ofType('x-mitre-tactic')) {
    const id = attackId(object, /^TA\d+$/);
    const shortName = text(object, 'x_mitre_shortname');
    if (!id || !shortName) {
      warnObject(index, `tactic ${stixId} has no TA id or short name and is skipped`);
      continue;
    }
    const position = matrixOrder.indexOf(stixId);
    tacticByStix.set(stixId, {
      id,
      name: text(object, 'name') ?? id,
      shortName,
      order: position < 0 ? Number.MAX_SAFE_INTEGER : position,
    });
  }
  const tactics = [...tacticByStix.values()]
    .sort((a, b) => a.order - b.order || byId(a, b))
    .map((tactic, order) => ({ ...tactic, order }));
  const tacticByPhase = new Map(tactics.map((tactic) => [tactic.shortName, tactic]));

  const assetByStix = new Map<string, AttackAssetType>();
  for (const [stixId, { object, index }] of ofType('x-mitre-asset')) {
    const id = attackId(object, /^A\d+$/);
    if (!id) {
      warnObject(index, `asset ${stixId} has no A id and is skipped`);
      continue;
    }
    assetByStix.set(stixId, {
      id,
      name: text(object, 'name') ?? id,
      platforms: texts(object, 'x_mitre_platforms'),
      relatedNames: list(object, 'x_mitre_related_assets')
        .filter(isObject)
        .map((related) => text(related, 'name'))
        .filter((name): name is string => name !== undefined),
    });
  }

  const unknownPhases = new Set<string>();
  const techniqueByStix = new Map<
    string,
    { technique: Omit<AttackTechnique, 'assetTypes'>; assetTypes: Set<string> }
  >();
  for (const [stixId, { object, index }] of ofType('attack-pattern')) {
    const id = attackId(object, /^T\d+(\.\d+)?$/);
    if (!id) {
      warnObject(index, `technique ${stixId} has no T id and is skipped`);
      continue;
    }
    const phases = list(object, 'kill_chain_phases')
      .filter(isObject)
      .map((phase) => text(phase, 'phase_name'))
      .filter((phase): phase is string => phase !== undefined);
    const techniqueTactics = phases.flatMap((phase) => {
      const tactic = tacticByPhase.get(phase);
      if (!tactic) unknownPhases.add(phase);
      return tactic ? [tactic] : [];
    });
    const url = attackUrl(object);
    techniqueByStix.set(stixId, {
      technique: {
        id,
        name: text(object, 'name') ?? id,
        tactics: [...new Set(techniqueTactics.sort((a, b) => a.order - b.order).map((tactic) => tactic.id))],
        platforms: texts(object, 'x_mitre_platforms').filter((platform) => platform !== 'None'),
        isSubtechnique: object['x_mitre_is_subtechnique'] === true,
        ...(url ? { url } : {}),
      },
      assetTypes: new Set(),
    });
  }
  for (const phase of [...unknownPhases].sort(compareText)) {
    warnings.push(
      diagnostic(
        'attack-unknown-tactic',
        'warning',
        [],
        `kill-chain phase "${phase}" matches no tactic of the bundle`,
        fileName,
      ),
    );
  }
  if (techniqueByStix.size === 0) {
    return {
      ok: false,
      diagnostics: [
        ...warnings,
        diagnostic(
          'attack-no-techniques',
          'error',
          ['objects'],
          'the bundle holds no active ATT&CK technique (attack-pattern with a T id)',
          fileName,
        ),
      ],
    };
  }

  const mitigationByStix = new Map<string, AttackMitigation>();
  for (const [stixId, { object, index }] of ofType('course-of-action')) {
    const id = attackId(object, /^M\d+$/);
    if (!id) {
      warnObject(index, `mitigation ${stixId} has no M id and is skipped`);
      continue;
    }
    const { references, otherLabels } = iec62443Of(object);
    const url = attackUrl(object);
    mitigationByStix.set(stixId, {
      id,
      name: text(object, 'name') ?? id,
      iec62443: references,
      systemRequirements: [
        ...new Set(
          references
            .filter(
              (reference) => reference.standard === 'IEC 62443-3-3' && /^SR\b/.test(reference.requirement),
            )
            .map((reference) => reference.requirement),
        ),
      ].sort(compareText),
      otherLabels,
      ...(url ? { url } : {}),
    });
  }

  const mitigates: AttackMitigates[] = [];
  let dangling = 0;
  for (const [, { object }] of ofType('relationship')) {
    const source = text(object, 'source_ref') ?? '';
    const target = text(object, 'target_ref') ?? '';
    if (!stixIds.has(source) || !stixIds.has(target)) {
      dangling += 1;
      continue;
    }
    const kind = text(object, 'relationship_type');
    if (kind === 'targets') {
      const asset = assetByStix.get(target);
      if (asset) techniqueByStix.get(source)?.assetTypes.add(asset.id);
    } else if (kind === 'mitigates') {
      const mitigation = mitigationByStix.get(source);
      const technique = techniqueByStix.get(target);
      if (mitigation && technique)
        mitigates.push({ mitigation: mitigation.id, technique: technique.technique.id });
    }
  }
  if (dangling > 0) {
    warnings.push(
      diagnostic(
        'attack-dangling-reference',
        'warning',
        [],
        `${dangling} relationship${dangling === 1 ? '' : 's'} point at objects the bundle does not contain and ${dangling === 1 ? 'is' : 'are'} ignored`,
        fileName,
      ),
    );
  }
  if (objectWarnings > MAX_OBJECT_WARNINGS) {
    warnings.push(
      diagnostic(
        'attack-invalid-object',
        'warning',
        ['objects'],
        `${objectWarnings - MAX_OBJECT_WARNINGS} more objects skipped`,
        fileName,
      ),
    );
  }

  const version = (collection && text(collection, 'x_mitre_version')) ?? 'unknown';
  const attackSpecVersion = collection ? text(collection, 'x_mitre_attack_spec_version') : undefined;
  const modified = collection ? text(collection, 'modified') : undefined;
  const uniqueMitigates = [
    ...new Map(mitigates.map((item) => [`${item.mitigation}|${item.technique}`, item])).values(),
  ];
  return {
    ok: true,
    value: {
      name: (collection && text(collection, 'name')) ?? (matrix && text(matrix, 'name')) ?? 'ATT&CK',
      version,
      ...(attackSpecVersion ? { attackSpecVersion } : {}),
      ...(modified ? { modified } : {}),
      tactics,
      techniques: [...techniqueByStix.values()]
        .map(({ technique, assetTypes }) => ({ ...technique, assetTypes: [...assetTypes].sort(compareText) }))
        .sort(byId),
      mitigations: [...mitigationByStix.values()].sort(byId),
      assetTypes: [...assetByStix.values()].sort(byId),
      mitigates: uniqueMitigates.sort(
        (a, b) => compareText(a.technique, b.technique) || compareText(a.mitigation, b.mitigation),
      ),
      counts: { objects: objects.length, inactive },
    },
    warnings,
  };
};
