import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeServer, projectRoutes, renderInProject } from '../../testing/fake-server';
import { AuditView } from './audit-view';

afterEach(cleanup);

const record = (seq: number, action: string, before: unknown, after: unknown) => ({
  seq,
  at: '2026-11-26T10:00:00Z',
  actor: { id: 'u1', name: 'Katrin Weiss' },
  action,
  targetKind: 'assets',
  targetId: 'plc-1',
  reason: null,
  hash: 'a'.repeat(64),
  before,
  after,
});

describe('AuditView', () => {
  it('shows what each record changed: the fields of an update with both values, a creation and a deletion', async () => {
    const server = createFakeServer({
      ...projectRoutes('viewer', 3),
      'GET /api/projects/p1/audit/verify': () => ({ body: { isValid: true, records: 3 } }),
      'GET /api/projects/p1/audit': () => ({
        body: {
          items: [
            record(
              3,
              'entity.update',
              { id: 'plc-1', name: 'PLC', criticality: { production: 2 } },
              { id: 'plc-1', name: 'Press PLC', criticality: { production: 4 } },
            ),
            record(2, 'entity.delete', { id: 'hmi-1', name: 'HMI' }, null),
            record(1, 'entity.create', null, { id: 'plc-1', name: 'PLC' }),
          ],
          total: 3,
        },
      }),
    });
    renderInProject(server.api, <AuditView />);
    await screen.findByText('entity.update');
    const rows = screen.getAllByRole('row');
    const bySeq = (seq: number) =>
      rows.find((row) => within(row).queryAllByRole('cell')[0]?.textContent === String(seq));
    const update = within(bySeq(3)!).getByRole('list', { name: 'Changed fields' });
    expect(
      within(update)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['criticality.production: 2 → 4', 'name: "PLC" → "Press PLC"']);
    expect(bySeq(2)?.textContent).toContain('deleted');
    expect(bySeq(1)?.textContent).toContain('created');
  });
});
