import type { AssetInput } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../api/entities';
import { bulkEditChanges, filterAssetRows, sortAssetRows, toAssetRows } from './asset-table-model';

const entity = (body: Partial<AssetInput> & { id: string }, revision = 1): Entity<AssetInput> => ({
  collection: 'assets',
  id: body.id,
  position: 0,
  revision,
  updatedAt: '',
  updatedBy: '',
  body: { name: body.id.toUpperCase(), kind: 'plc', isInScope: true, ...body },
});

const rows = toAssetRows([
  entity({
    id: 'plc-10',
    zone: 'cell',
    vendor: 'Rockwell',
    criticality: { production: 4, 'health-safety': 2 },
  }),
  entity({ id: 'plc-2', zone: 'cell', purdueLevel: 1 }),
  entity({ id: 'hmi-1', kind: 'hmi', zone: 'supervisory', purdueLevel: 2, tags: ['line-3'] }),
]);

describe('asset table model', () => {
  it('sorts ids naturally and puts missing values last in both directions', () => {
    expect(sortAssetRows(rows, 'id', 'ascending').map((row) => row.id)).toEqual(['hmi-1', 'plc-2', 'plc-10']);
    expect(sortAssetRows(rows, 'purdueLevel', 'descending').map((row) => row.id)).toEqual([
      'hmi-1',
      'plc-2',
      'plc-10',
    ]);
    expect(sortAssetRows(rows, 'purdueLevel', 'ascending').map((row) => row.id)).toEqual([
      'plc-2',
      'hmi-1',
      'plc-10',
    ]);
    expect(sortAssetRows(rows, 'worstCriticality', 'descending')[0]?.id).toBe('plc-10');
  });

  it('filters by zone, kind and text in any field, including tags and vendor', () => {
    expect(filterAssetRows(rows, { text: '', zone: 'cell', kind: '' }).map((row) => row.id)).toEqual([
      'plc-10',
      'plc-2',
    ]);
    expect(filterAssetRows(rows, { text: 'rockwell', zone: '', kind: '' }).map((row) => row.id)).toEqual([
      'plc-10',
    ]);
    expect(filterAssetRows(rows, { text: 'LINE-3', zone: '', kind: 'hmi' }).map((row) => row.id)).toEqual([
      'hmi-1',
    ]);
    expect(filterAssetRows(rows, { text: 'x', zone: '', kind: 'hmi' })).toEqual([]);
  });

  it('turns a bulk edit into one update per asset with its read revision, keeping the other fields', () => {
    const changes = bulkEditChanges(
      toAssetRows([entity({ id: 'plc-10', zone: 'cell', criticality: { production: 4 } }, 7)]),
      { zone: 'safety', criticality: { category: 'health-safety', level: 5 } },
    );
    expect(changes).toEqual([
      {
        op: 'update',
        collection: 'assets',
        id: 'plc-10',
        revision: 7,
        body: expect.objectContaining({
          id: 'plc-10',
          kind: 'plc',
          zone: 'safety',
          criticality: { production: 4, 'health-safety': 5 },
        }) as unknown,
      },
    ]);
  });
});
