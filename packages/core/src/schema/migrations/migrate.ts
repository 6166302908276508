import { error, warning, type Diagnostic, type Resolved } from '../../resolve/diagnostic';
import { CURRENT_FORMAT_VERSION } from '../system-file';

/** One step of the file format: turns a version-`from` document into a version `from + 1` document. */
export interface Migration {
  readonly from: number;
  readonly description: string;
  readonly up: (document: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * The migrations, oldest first. Version 1 is the first published format, so the list is empty; when the format
 * changes, add `{ from: 1, up }` here with its own test (docs/adr/0003-file-format-versioning.md).
 */
export const MIGRATIONS: readonly Migration[] = [];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Brings a parsed document up to the current format version by running each migration in turn. A document
 * without `formatVersion` or from a newer Zonewise gets a diagnostic that says what to do.
 */
export const migrateSystemFile = (
  input: unknown,
  migrations: readonly Migration[] = MIGRATIONS,
  currentVersion: number = CURRENT_FORMAT_VERSION,
): Resolved<unknown> => {
  if (!isRecord(input)) {
    return {
      ok: false,
      diagnostics: [
        error(
          'invalid-type',
          [],
          'An assessment file must be a mapping with formatVersion, system, zones, … at the top level.',
        ),
      ],
    };
  }
  const version = input['formatVersion'];
  if (version === undefined) {
    return {
      ok: false,
      diagnostics: [
        error(
          'missing-format-version',
          ['formatVersion'],
          `formatVersion is required: add "formatVersion: ${currentVersion}" at the top of the file.`,
        ),
      ],
    };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      diagnostics: [
        error(
          'invalid-value',
          ['formatVersion'],
          `formatVersion must be a whole number such as ${currentVersion}.`,
        ),
      ],
    };
  }
  if (version > currentVersion) {
    return {
      ok: false,
      diagnostics: [
        error(
          'unsupported-format-version',
          ['formatVersion'],
          `formatVersion ${version} is newer than this Zonewise understands (${currentVersion}): upgrade Zonewise.`,
        ),
      ],
    };
  }
  let document: Record<string, unknown> = input;
  const warnings: Diagnostic[] = [];
  for (let from = version; from < currentVersion; from += 1) {
    const migration = migrations.find((candidate) => candidate.from === from);
    if (!migration) {
      return {
        ok: false,
        diagnostics: [
          error('unsupported-format-version', ['formatVersion'], `No migration from formatVersion ${from}.`),
        ],
      };
    }
    document = { ...migration.up(document), formatVersion: from + 1 };
    warnings.push(
      warning(
        'migrated-format-version',
        ['formatVersion'],
        `Migrated from formatVersion ${from} to ${from + 1}: ${migration.description}. Save the file to keep it.`,
      ),
    );
  }
  return { ok: true, value: document, warnings };
};
