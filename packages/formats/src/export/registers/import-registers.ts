import {
  REQUIREMENT_STATUSES,
  SYSTEM_REQUIREMENTS,
  VULNERABILITY_STATUSES,
  type Diagnostic,
  type SystemFileInput,
} from '@zonewise/core';
import type { TableCell, TableRow } from '../../import/tabular/table';
import { COUNTERMEASURE_STATUSES } from './countermeasure-register';
import type { RegisterTable } from './read-register-tables';
import { REGISTER_IDS, type RegisterId } from './register';
import { requirementKey } from './requirement-key';
import { columnLetter } from './write-registers-xlsx';

/** Stable codes of the problems `importRegisters` reports; every one names the sheet (or file), row and column. */
export const REGISTER_IMPORT_CODES = [
  'register-none-found',
  'register-missing-column',
  'register-duplicate-row',
  'register-unknown-id',
  'register-unknown-requirement',
  'register-bad-status',
  'register-bad-date',
  'register-missing-countermeasure',
  'register-missing-justification',
] as const;

/** One of {@link REGISTER_IMPORT_CODES}. */
export type RegisterImportCode = (typeof REGISTER_IMPORT_CODES)[number];

/** What happened to one register row. */
export interface RegisterChange {
  readonly register: RegisterId;
  readonly source: string;
  readonly row: number;
  /** The entity id, or "subject / requirement" in the compliance matrix. */
  readonly key: string;
  readonly kind: 'added' | 'updated' | 'unchanged' | 'skipped';
  /** Fields set (added) or changed (updated), with old and new values. */
  readonly fields: readonly { readonly field: string; readonly from?: string; readonly to?: string }[];
  readonly reason?: string;
}

/** The outcome of an import: the new file (only when there is no error), every row's fate and the problems. */
export interface RegisterImport {
  readonly file?: SystemFileInput;
  readonly changes: readonly RegisterChange[];
  /** Registers present in the input that are derived by the engine and therefore not read back. */
  readonly readOnly: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

type FieldCheck =
  | { readonly kind: 'text' }
  | { readonly kind: 'date' }
  | { readonly kind: 'choice'; readonly choices: readonly string[] };

interface FieldSpec {
  readonly header: string;
  readonly property: string;
  readonly check: FieldCheck;
}

const TEXT: FieldCheck = { kind: 'text' };
const DATE: FieldCheck = { kind: 'date' };
const choice = (choices: readonly string[]): FieldCheck => ({ kind: 'choice', choices });

type EntityCollection = 'assets' | 'countermeasures' | 'vulnerabilities';

/** The registers whose rows are entities keyed by Id, and the columns read back from each. */
const ENTITY_REGISTERS: Readonly<
  Partial<
    Record<RegisterId, { readonly collection: EntityCollection; readonly fields: readonly FieldSpec[] }>
  >
> = {
  assets: { collection: 'assets', fields: [{ header: 'Owner', property: 'owner', check: TEXT }] },
  countermeasures: {
    collection: 'countermeasures',
    fields: [
      { header: 'Status', property: 'status', check: choice(COUNTERMEASURE_STATUSES) },
      { header: 'Owner', property: 'owner', check: TEXT },
      { header: 'Due date', property: 'dueDate', check: DATE },
    ],
  },
  vulnerabilities: {
    collection: 'vulnerabilities',
    fields: [
      { header: 'Status', property: 'status', check: choice(VULNERABILITY_STATUSES) },
      { header: 'Owner', property: 'owner', check: TEXT },
      { header: 'Due date', property: 'dueDate', check: DATE },
    ],
  },
};

const COMPLIANCE_FIELDS: readonly FieldSpec[] = [
  { header: 'Status', property: 'status', check: choice(REQUIREMENT_STATUSES) },
  { header: 'Compensating countermeasure', property: 'countermeasure', check: TEXT },
  { header: 'Justification', property: 'justification', check: TEXT },
  { header: 'Evidence', property: 'evidence', check: TEXT },
  { header: 'Owner', property: 'owner', check: TEXT },
  { header: 'Due date', property: 'dueDate', check: DATE },
];

const isIsoDate = (text: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
};

type Record_ = Readonly<Record<string, unknown>>;

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** Collects diagnostics at sheet, row and column, in words a spreadsheet user finds their way by. */
const diagnosticsFor = (table: RegisterTable) => {
  const list: Diagnostic[] = [];
  const place = (cell: TableCell | undefined, row: TableRow, header: string): string =>
    table.table.format === 'xlsx'
      ? `row ${row.row}, column ${columnLetter(cell?.column ?? 1)} ("${header}")`
      : `line ${row.row}, column "${header}"`;
  return {
    list,
    add: (
      code: RegisterImportCode,
      row: TableRow | undefined,
      column: number | undefined,
      header: string,
      message: string,
    ): void => {
      const cell = row === undefined || column === undefined ? undefined : row.cells[column];
      list.push({
        code,
        severity: 'error',
        path: [table.register, ...(row === undefined ? [] : [row.row]), header],
        message: row === undefined ? message : `${place(cell, row, header)}: ${message}`,
        file: table.source,
        ...(row === undefined ? {} : { line: cell?.line ?? row.row }),
        ...(cell === undefined ? {} : { column: cell.column }),
      });
    },
  };
};

type Diagnostics = ReturnType<typeof diagnosticsFor>;

const columnIndex = (table: RegisterTable, header: string): number | undefined => {
  const index = table.table.columns.findIndex((name) => name.toLowerCase() === header.toLowerCase());
  return index === -1 ? undefined : index;
};

const cell = (row: TableRow, index: number | undefined): string =>
  index === undefined ? '' : (row.cells[index]?.text ?? '').trim();

/**
 * Reads the editable fields of one row and compares them with the current values. Returns the changed fields, or
 * undefined when a changed value is invalid (the diagnostic is recorded). Unchanged values are not re-checked, so an
 * old free-text due date that nobody touched does not block an import.
 */
const readFields = (
  row: TableRow,
  fields: readonly { readonly spec: FieldSpec; readonly index: number }[],
  current: Record_ | undefined,
  diagnostics: Diagnostics,
): { field: string; from?: string; to?: string }[] | undefined => {
  const changed: { field: string; from?: string; to?: string }[] = [];
  let isValid = true;
  for (const { spec, index } of fields) {
    const raw = cell(row, index);
    const before = textOf(current?.[spec.property]);
    let after: string | undefined = raw === '' ? undefined : raw;
    if (after === before) continue;
    if (after !== undefined && spec.check.kind === 'choice') {
      const canonical = spec.check.choices.find((value) => value.toLowerCase() === after?.toLowerCase());
      if (canonical === undefined) {
        diagnostics.add(
          'register-bad-status',
          row,
          index,
          spec.header,
          `"${raw}" is not a status: use one of ${spec.check.choices.join(', ')}.`,
        );
        isValid = false;
        continue;
      }
      after = canonical;
      if (after === before) continue;
    }
    if (after !== undefined && spec.check.kind === 'date' && !isIsoDate(after)) {
      diagnostics.add(
        'register-bad-date',
        row,
        index,
        spec.header,
        `"${raw}" is not a date: write it as YYYY-MM-DD, e.g. 2027-03-31.`,
      );
      isValid = false;
      continue;
    }
    changed.push({
      field: spec.property,
      ...(before === undefined ? {} : { from: before }),
      ...(after === undefined ? {} : { to: after }),
    });
  }
  return isValid ? changed : undefined;
};

const withFields = <T extends Record_>(entity: T, changed: readonly { field: string; to?: string }[]): T => {
  const next: Record<string, unknown> = { ...entity };
  for (const { field, to } of changed) {
    if (to === undefined) delete next[field];
    else next[field] = to;
  }
  return next as T;
};

/** Finds the editable columns present; a missing one is reported and its values are not read. */
const editableColumns = (
  table: RegisterTable,
  specs: readonly FieldSpec[],
  diagnostics: Diagnostics,
): { readonly spec: FieldSpec; readonly index: number }[] =>
  specs.flatMap((spec) => {
    const index = columnIndex(table, spec.header);
    if (index === undefined) {
      diagnostics.add(
        'register-missing-column',
        undefined,
        undefined,
        spec.header,
        `the column "${spec.header}" is missing: export the registers again, or restore the column header.`,
      );
      return [];
    }
    return [{ spec, index }];
  });

const importEntityRegister = (
  file: SystemFileInput,
  table: RegisterTable,
  collection: EntityCollection,
  specs: readonly FieldSpec[],
  changes: RegisterChange[],
  diagnostics: Diagnostics,
): SystemFileInput => {
  const idIndex = columnIndex(table, 'Id');
  if (idIndex === undefined) {
    diagnostics.add(
      'register-missing-column',
      undefined,
      undefined,
      'Id',
      'the key column "Id" is missing: export the registers again.',
    );
    return file;
  }
  const fields = editableColumns(table, specs, diagnostics);
  const entities = [...((file[collection] ?? []) as readonly Record_[])];
  const indexOf = new Map(entities.map((entity, index) => [textOf(entity['id']) ?? '', index]));
  const seen = new Map<string, number>();
  for (const row of table.table.rows) {
    const id = cell(row, idIndex);
    const base = { register: table.register, source: table.source, row: row.row, key: id };
    if (id === '') {
      changes.push({ ...base, kind: 'skipped', fields: [], reason: 'no id in the "Id" column' });
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      diagnostics.add(
        'register-duplicate-row',
        row,
        idIndex,
        'Id',
        `"${id}" is also in row ${earlier}: keep one row per id.`,
      );
      continue;
    }
    seen.set(id, row.row);
    const at = indexOf.get(id);
    const entity = at === undefined ? undefined : entities[at];
    if (at === undefined || entity === undefined) {
      diagnostics.add(
        'register-unknown-id',
        row,
        idIndex,
        'Id',
        `no ${collection === 'assets' ? 'asset' : collection === 'countermeasures' ? 'countermeasure' : 'vulnerability'} "${id}" in the assessment: rows are matched by id, and new ${collection} are added in the assessment file.`,
      );
      continue;
    }
    const changed = readFields(row, fields, entity, diagnostics);
    if (changed === undefined) continue;
    if (changed.length === 0) {
      changes.push({ ...base, kind: 'unchanged', fields: [] });
      continue;
    }
    if (
      collection === 'countermeasures' &&
      changed.some((change) => change.field === 'status' && change.to === undefined)
    ) {
      changes.push({
        ...base,
        kind: 'skipped',
        fields: [],
        reason: 'the status is empty: a countermeasure is existing or planned',
      });
      continue;
    }
    entities[at] = withFields(entity, changed);
    changes.push({ ...base, kind: 'updated', fields: changed });
  }
  return { ...file, [collection]: entities };
};

const REQUIREMENT_IDS = new Map(
  SYSTEM_REQUIREMENTS.map((requirement) => [requirementKey('', requirement.id), requirement.id]),
);

const importComplianceMatrix = (
  file: SystemFileInput,
  table: RegisterTable,
  changes: RegisterChange[],
  diagnostics: Diagnostics,
): SystemFileInput => {
  const subjectIndex = columnIndex(table, 'Subject');
  const requirementIndex = columnIndex(table, 'Requirement');
  if (subjectIndex === undefined || requirementIndex === undefined) {
    const header = subjectIndex === undefined ? 'Subject' : 'Requirement';
    diagnostics.add(
      'register-missing-column',
      undefined,
      undefined,
      header,
      `the key column "${header}" is missing: export the registers again.`,
    );
    return file;
  }
  const fields = editableColumns(table, COMPLIANCE_FIELDS, diagnostics);
  const subjects = new Set([...(file.zones ?? []), ...(file.conduits ?? [])].map((entity) => entity.id));
  const countermeasures = new Set((file.countermeasures ?? []).map((entity) => entity.id));
  const entries = [...(file.requirementStatus ?? [])] as Record_[];
  const indexOf = new Map<string, number>();
  entries.forEach((entry, index) => {
    const key = requirementKey(textOf(entry['subject']) ?? '', textOf(entry['requirement']) ?? '');
    if (!indexOf.has(key)) indexOf.set(key, index);
  });
  const seen = new Map<string, number>();
  const fieldIndex = (property: string): number | undefined =>
    fields.find((field) => field.spec.property === property)?.index;
  for (const row of table.table.rows) {
    const subject = cell(row, subjectIndex);
    const requirementText = cell(row, requirementIndex);
    const base = {
      register: table.register,
      source: table.source,
      row: row.row,
      key: `${subject} / ${requirementText}`,
    };
    if (subject === '' || requirementText === '') {
      changes.push({ ...base, kind: 'skipped', fields: [], reason: 'no subject or requirement' });
      continue;
    }
    if (!subjects.has(subject)) {
      diagnostics.add(
        'register-unknown-id',
        row,
        subjectIndex,
        'Subject',
        `no zone or conduit "${subject}" in the assessment.`,
      );
      continue;
    }
    const requirement = REQUIREMENT_IDS.get(requirementKey('', requirementText));
    if (requirement === undefined) {
      diagnostics.add(
        'register-unknown-requirement',
        row,
        requirementIndex,
        'Requirement',
        `"${requirementText}" is not an IEC 62443-3-3 SR or RE id (e.g. "SR 1.1 RE 2").`,
      );
      continue;
    }
    const key = requirementKey(subject, requirement);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      diagnostics.add(
        'register-duplicate-row',
        row,
        requirementIndex,
        'Requirement',
        `${subject} / ${requirement} is also in row ${earlier}: keep one row per zone or conduit and requirement.`,
      );
      continue;
    }
    seen.set(key, row.row);
    const at = indexOf.get(key);
    const entry = at === undefined ? undefined : entries[at];
    const changed = readFields(row, fields, entry, diagnostics);
    if (changed === undefined) continue;
    const statusIndex = fieldIndex('status');
    const status = cell(row, statusIndex);
    if (entry === undefined && status === '') {
      changes.push(
        changed.length === 0
          ? { ...base, kind: 'unchanged', fields: [] }
          : {
              ...base,
              kind: 'skipped',
              fields: [],
              reason: 'the status is empty: a requirement status entry needs a status',
            },
      );
      continue;
    }
    if (changed.length === 0) {
      changes.push({ ...base, kind: 'unchanged', fields: [] });
      continue;
    }
    if (entry !== undefined && status === '') {
      changes.push({
        ...base,
        kind: 'skipped',
        fields: [],
        reason:
          'the status was emptied: remove the requirementStatus entry in the assessment file to withdraw it',
      });
      continue;
    }
    const next = withFields(entry ?? { subject, requirement }, changed);
    const countermeasure = textOf(next['countermeasure']);
    const isCountermeasureChanged = changed.some((change) => change.field === 'countermeasure');
    if (countermeasure !== undefined && isCountermeasureChanged && !countermeasures.has(countermeasure)) {
      diagnostics.add(
        'register-unknown-id',
        row,
        fieldIndex('countermeasure'),
        'Compensating countermeasure',
        `no countermeasure "${countermeasure}" in the assessment.`,
      );
      continue;
    }
    if (next['status'] === 'compensated' && countermeasure === undefined) {
      diagnostics.add(
        'register-missing-countermeasure',
        row,
        fieldIndex('countermeasure') ?? statusIndex,
        'Compensating countermeasure',
        'a compensated requirement names its compensating countermeasure: fill in its id.',
      );
      continue;
    }
    if (next['status'] === 'not-applicable' && textOf(next['justification']) === undefined) {
      diagnostics.add(
        'register-missing-justification',
        row,
        fieldIndex('justification') ?? statusIndex,
        'Justification',
        'a requirement that does not apply needs a justification: say why.',
      );
      continue;
    }
    if (at === undefined) {
      indexOf.set(key, entries.length);
      entries.push(next);
      changes.push({ ...base, key: `${subject} / ${requirement}`, kind: 'added', fields: changed });
    } else {
      entries[at] = next;
      changes.push({ ...base, kind: 'updated', fields: changed });
    }
  }
  return { ...file, requirementStatus: entries as SystemFileInput['requirementStatus'] };
};

/**
 * Applies edited registers to an assessment file: the editable columns (asset owner; requirement status,
 * compensating countermeasure, justification, evidence, owner and due date; countermeasure status, owner and due
 * date; vulnerability status, owner and due date) are compared with the file, and every row is reported as added,
 * updated, unchanged or skipped with the reason. Rows are matched by id; unknown ids, bad statuses and bad dates are
 * errors at sheet, row and column, and when there is any error no file is returned, so nothing gets written.
 */
export const importRegisters = (file: SystemFileInput, tables: readonly RegisterTable[]): RegisterImport => {
  const changes: RegisterChange[] = [];
  const diagnostics: Diagnostic[] = [];
  const readOnly: string[] = [];
  let next = file;
  const ordered = [...tables].sort(
    (a, b) => REGISTER_IDS.indexOf(a.register) - REGISTER_IDS.indexOf(b.register),
  );
  for (const table of ordered) {
    const collected = diagnosticsFor(table);
    const entity = ENTITY_REGISTERS[table.register];
    if (entity !== undefined) {
      next = importEntityRegister(next, table, entity.collection, entity.fields, changes, collected);
    } else if (table.register === 'compliance-matrix') {
      next = importComplianceMatrix(next, table, changes, collected);
    } else {
      readOnly.push(table.source);
    }
    diagnostics.push(...collected.list);
  }
  if (ordered.length === readOnly.length) {
    diagnostics.push({
      code: 'register-none-found',
      severity: 'error',
      path: [],
      message: `no editable register found: give the workbook written by "zonewise export registers", or its CSV folder (${REGISTER_IDS.map((id) => `${id}.csv`).join(', ')}).`,
    });
  }
  const hasError = diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return { ...(hasError ? {} : { file: next }), changes, readOnly, diagnostics };
};
