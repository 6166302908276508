import type { AssetInput } from '@zonewise/core';
import type { Entity, EntityChange } from '../../api/entities';

/** One row of the asset table: the stored entity plus the values the table sorts and filters on. */
export interface AssetRow {
  readonly entity: Entity<AssetInput>;
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly zone: string;
  readonly purdueLevel: number | undefined;
  readonly vendorProduct: string;
  /** Worst criticality over the impact categories (0 when none is rated). */
  readonly worstCriticality: number;
  /** Lower-cased text searched by the search box. */
  readonly haystack: string;
}

/** Columns the table sorts by. */
export type AssetSortKey =
  'id' | 'name' | 'kind' | 'zone' | 'purdueLevel' | 'vendorProduct' | 'worstCriticality';

/** The table's filters: free text, and exact zone and kind ('' = any). */
export interface AssetFilter {
  readonly text: string;
  readonly zone: string;
  readonly kind: string;
}

/** Builds the rows once per load, so sorting and filtering 100k assets does no per-keystroke object work. */
export const toAssetRows = (entities: readonly Entity<AssetInput>[]): AssetRow[] =>
  entities.map((entity) => {
    const body = entity.body;
    const vendorProduct = [body.vendor, body.product, body.version].filter(Boolean).join(' ');
    const ratings = Object.values(body.criticality ?? {}).filter(
      (value): value is number => typeof value === 'number',
    );
    return {
      entity,
      id: body.id,
      name: body.name,
      kind: body.kind,
      zone: body.zone ?? '',
      purdueLevel: body.purdueLevel,
      vendorProduct,
      worstCriticality: ratings.length === 0 ? 0 : Math.max(...ratings),
      haystack:
        `${body.id}\u0000${body.name}\u0000${body.kind}\u0000${body.zone ?? ''}\u0000${vendorProduct}\u0000${(body.tags ?? []).join(' ')}`.toLowerCase(),
    };
  });

/** The rows that pass the filter, in their current order. */
export const filterAssetRows = (rows: readonly AssetRow[], filter: AssetFilter): readonly AssetRow[] => {
  const text = filter.text.trim().toLowerCase();
  if (text === '' && filter.zone === '' && filter.kind === '') return rows;
  return rows.filter(
    (row) =>
      (filter.zone === '' || row.zone === filter.zone) &&
      (filter.kind === '' || row.kind === filter.kind) &&
      (text === '' || row.haystack.includes(text)),
  );
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rows sorted by one column; undefined values last in either direction, ties broken by id so order is stable. */
export const sortAssetRows = (
  rows: readonly AssetRow[],
  key: AssetSortKey,
  direction: 'ascending' | 'descending',
): AssetRow[] => {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = a[key];
    const right = b[key];
    if (left === undefined || right === undefined) {
      if (left === right) return collator.compare(a.id, b.id);
      return left === undefined ? 1 : -1;
    }
    const order =
      typeof left === 'number' && typeof right === 'number'
        ? left - right
        : collator.compare(String(left), String(right));
    return order === 0 ? collator.compare(a.id, b.id) : sign * order;
  });
};

/** A bulk edit: the fields to set on every selected asset. */
export interface AssetBulkEdit {
  readonly zone?: string;
  readonly kind?: string;
  /** Set one impact category's criticality (1 … 5), or remove it with `undefined` level. */
  readonly criticality?: { readonly category: string; readonly level: number };
}

/**
 * The batch that applies a bulk edit to the selected assets: one `update` per asset with its read revision, so a
 * concurrent change to any of them refuses the whole batch (409) instead of overwriting it.
 */
export const bulkEditChanges = (rows: readonly AssetRow[], edit: AssetBulkEdit): EntityChange[] =>
  rows.map((row) => {
    const body: AssetInput = { ...row.entity.body };
    const next: Record<string, unknown> = { ...body };
    if (edit.zone !== undefined) next['zone'] = edit.zone;
    if (edit.kind !== undefined) next['kind'] = edit.kind;
    if (edit.criticality !== undefined)
      next['criticality'] = {
        ...(body.criticality ?? {}),
        [edit.criticality.category]: edit.criticality.level,
      };
    return {
      op: 'update',
      collection: 'assets',
      id: row.entity.id,
      revision: row.entity.revision,
      body: next,
    };
  });
