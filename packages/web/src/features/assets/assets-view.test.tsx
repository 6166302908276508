import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeServer, projectRoutes, renderInProject } from '../../testing/fake-server';
import { AssetsView } from './assets-view';

const page = (items: unknown[]) => ({ body: { items, total: items.length, offset: 0, limit: 1000 } });
const asset = (id: string, zone: string, revision = 1) => ({
  collection: 'assets',
  id,
  position: 0,
  revision,
  createdAt: '',
  updatedAt: '',
  updatedBy: '',
  body: { id, name: `Asset ${id}`, kind: 'plc', zone },
});

const setup = (role: string, itemId?: string) => {
  const server = createFakeServer({
    ...projectRoutes(role),
    'GET /api/projects/p1/assessment': () => ({ body: { status: 'ok' } }),
    'GET /api/projects/p1/entities/assets': () =>
      page([asset('plc-1', 'cell'), asset('plc-2', 'cell', 3), asset('hmi-1', 'sup')]),
    'GET /api/projects/p1/entities/zones': () =>
      page([
        { ...asset('cell', ''), body: { id: 'cell', name: 'Cell' } },
        { ...asset('safety', ''), body: { id: 'safety', name: 'SIS' } },
      ]),
    'GET /api/projects/p1/entities/vulnerabilities': () => page([]),
    'GET /api/projects/p1/entities/dataFlows': () => page([]),
    'GET /api/projects/p1/assessment/findings': () =>
      page([
        {
          id: 'asset/no-owner@plc-1',
          ruleId: 'asset/no-owner',
          severity: 'low',
          title: 'PLC without an owner',
          because: 'no owner',
          subject: { kind: 'asset', id: 'plc-1' },
          evidence: [],
        },
      ]),
    'POST /api/projects/p1/changes': () => ({ body: { projectRevision: 2, results: [] } }),
  });
  renderInProject(server.api, <AssetsView itemId={itemId} />);
  return server;
};

describe('AssetsView', () => {
  it('selects rows with the keyboard and moves them to another zone in one batch', async () => {
    const { seen } = setup('assessor');
    const user = userEvent.setup();
    expect(await screen.findByText('3 of 3 assets')).toBeInTheDocument();
    const grid = screen.getByTestId('asset-grid');
    grid.focus();
    // rows are sorted by id: hmi-1, plc-1, plc-2
    await user.keyboard('{ArrowDown}{Shift>}{ArrowDown}{/Shift}');
    expect(await screen.findByText('3 of 3 assets, 2 selected')).toBeInTheDocument();
    const bar = screen.getByRole('form', { name: 'Bulk edit' });
    await user.selectOptions(within(bar).getByLabelText('Zone'), 'safety');
    await user.click(within(bar).getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('2 assets changed.')).toBeInTheDocument();
    const post = seen.find((request) => request.method === 'POST');
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-123');
    expect(post?.body).toMatchObject({
      changes: [
        { op: 'update', id: 'plc-1', revision: 1, body: { zone: 'safety', name: 'Asset plc-1' } },
        { op: 'update', id: 'plc-2', revision: 3, body: { zone: 'safety' } },
      ],
    });
  });

  it('filters by search text and offers no bulk edit to a viewer', async () => {
    setup('viewer');
    const user = userEvent.setup();
    expect(await screen.findByText('3 of 3 assets')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox'), 'hmi');
    expect(await screen.findByText('1 of 3 assets')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Select all shown assets'));
    expect(await screen.findByText('1 of 3 assets, 1 selected')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Bulk edit' })).not.toBeInTheDocument();
  });

  it('loads findings, flows and vulnerabilities only for the asset detail, not with the table', async () => {
    const { seen } = setup('viewer');
    expect(await screen.findByText('3 of 3 assets')).toBeInTheDocument();
    const detailLoads = () =>
      seen.filter((request) => /assessment|dataFlows|vulnerabilities/.test(request.path));
    expect(detailLoads()).toEqual([]);
    cleanup();

    const opened = setup('viewer', 'plc-1');
    const detail = await screen.findByRole('complementary', { name: 'Asset plc-1' });
    expect(await within(detail).findByRole('link', { name: 'PLC without an owner' })).toBeInTheDocument();
    expect(opened.seen.some((request) => request.path.includes('/assessment/findings'))).toBe(true);
  });
});
