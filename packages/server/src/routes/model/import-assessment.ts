import { CURRENT_FORMAT_VERSION, error, formatPath, resolveSystem, type Diagnostic } from '@zonewise/core';
import { loadAssessmentText, locateDiagnostics, type AssessmentFormat } from '@zonewise/formats';
import {
  ENTITY_COLLECTIONS,
  ID_COLLECTIONS,
  entitiesOfFile,
  entityKeyOf,
  keyFieldsOf,
  type EntityCollection,
} from '@zonewise/store';

/** An assessment text that loads, resolves and splits into storable entities, ready for `replaceProjectModel`. */
export interface CheckedImport {
  readonly ok: true;
  readonly file: Record<string, unknown>;
  readonly formatVersion: number;
  /** Entities per collection, as they will be stored. */
  readonly counts: Readonly<Record<EntityCollection, number>>;
  readonly warnings: readonly Diagnostic[];
}

/** Why an import was refused: every diagnostic, located in the text where possible. */
export interface RefusedImport {
  readonly ok: false;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The store keys list entities by `id` (one namespace across collections) or by their identifying fields
 * (requirement status, triage). The engine checks ids, but not every key the store needs, so this names each entity
 * the store could not keep apart, with its path in the file.
 */
const keyDiagnostics = (file: Record<string, unknown>): Diagnostic[] => {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  const index = new Map<string, number>();
  for (const entity of entitiesOfFile(file)) {
    const position = index.get(entity.collection) ?? 0;
    index.set(entity.collection, position + 1);
    const key = entityKeyOf(entity.collection, entity.body);
    const path =
      keyFieldsOf(entity.collection).length === 0 ? [entity.collection] : [entity.collection, position];
    if (key === undefined) {
      diagnostics.push(
        error(
          'missing-key',
          path,
          `${formatPath(path)} needs ${keyFieldsOf(entity.collection).join(' and ')} (non-empty text) to be stored.`,
        ),
      );
      continue;
    }
    const unique = ID_COLLECTIONS.includes(entity.collection) ? key : `${entity.collection}:${key}`;
    const first = seen.get(unique);
    if (first !== undefined) {
      diagnostics.push(
        error(
          'duplicate-key',
          path,
          `${formatPath(path)} has the same key "${key}" as ${first}: keys must be unique; rename or merge one of them.`,
        ),
      );
      continue;
    }
    seen.set(unique, formatPath(path));
  }
  return diagnostics;
};

/**
 * Loads and checks an assessment text as an import would store it: parse (YAML or JSON, with line and column),
 * resolve with the engine, and check that every entity has a unique storage key. Any error refuses the whole import
 * with every diagnostic; warnings come back with the accepted file.
 */
export const checkImport = (text: string, format: AssessmentFormat): CheckedImport | RefusedImport => {
  const fileName = `assessment.${format}`;
  const loaded = loadAssessmentText(text, { fileName, format });
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  const file = loaded.file;
  if (typeof file !== 'object' || file === null || Array.isArray(file))
    return {
      ok: false,
      diagnostics: locateDiagnostics(
        [
          error(
            'invalid-type',
            [],
            'the assessment file must be a mapping with formatVersion, system, zones, ….',
          ),
        ],
        loaded,
      ),
    };
  const record = file as Record<string, unknown>;
  const resolved = resolveSystem(record);
  const reported = new Set(
    (resolved.ok ? [] : resolved.diagnostics).map((diagnostic) => formatPath(diagnostic.path)),
  );
  const keys = keyDiagnostics(record).filter((diagnostic) => !reported.has(formatPath(diagnostic.path)));
  if (!resolved.ok || keys.length > 0)
    return {
      ok: false,
      diagnostics: locateDiagnostics([...(resolved.ok ? [] : resolved.diagnostics), ...keys], loaded),
    };
  const counts = Object.fromEntries(ENTITY_COLLECTIONS.map((collection) => [collection, 0])) as Record<
    EntityCollection,
    number
  >;
  for (const entity of entitiesOfFile(record)) counts[entity.collection] += 1;
  return {
    ok: true,
    file: record,
    counts,
    formatVersion: CURRENT_FORMAT_VERSION,
    warnings: locateDiagnostics([...loaded.warnings, ...resolved.warnings], loaded),
  };
};
