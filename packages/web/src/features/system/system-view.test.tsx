import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  createFakeServer,
  projectRoutes,
  renderInProject,
  type FakeHandler,
} from '../../testing/fake-server';
import { SystemView } from './system-view';

const entity = (collection: string, id: string, body: unknown, revision = 1) => ({
  collection,
  id,
  position: 0,
  revision,
  createdAt: '',
  updatedAt: '2026-11-26T10:00:00Z',
  updatedBy: 'jdoe',
  body,
});
const page = (items: unknown[]) => ({ body: { items, total: items.length, offset: 0, limit: 1000 } });

const vpn = { id: 'ap-vpn', name: 'Vendor VPN', kind: 'remote-access', zone: 'dmz', isLogical: true };

/** A project with one access point; `routes` overrides answers (the list is kept in `points`). */
const setup = (role: string, routes: Record<string, FakeHandler> = {}) => {
  const points = [entity('accessPoints', 'ap-vpn', vpn, 2)];
  const server = createFakeServer({
    ...projectRoutes(role),
    'GET /api/projects/p1/assessment': () => ({ body: { status: 'ok' } }),
    'GET /api/projects/p1/sections/system': () => ({
      body: entity('system', 'system', {
        name: 'Tablet plant',
        policies: [{ id: 'pol-ot', title: 'OT security policy' }],
      }),
    }),
    'GET /api/projects/p1/entities/accessPoints': () => page(points),
    'GET /api/projects/p1/entities/zones': () =>
      page([
        entity('zones', 'dmz', { id: 'dmz', name: 'DMZ' }),
        entity('zones', 'cell', { id: 'cell', name: 'Cell' }),
      ]),
    'POST /api/projects/p1/entities/accessPoints': (request) => {
      const body = request.body as { id: string };
      points.push(entity('accessPoints', body.id, body));
      return { status: 201, body: { entity: entity('accessPoints', body.id, body), projectRevision: 2 } };
    },
    ...routes,
  });
  renderInProject(server.api, <SystemView />);
  return server;
};

describe('SystemView', () => {
  it('creates an access point and lists it', async () => {
    const { seen } = setup('assessor');
    const user = userEvent.setup();
    await screen.findByRole('rowheader', { name: /Vendor VPN/ });
    await user.click(screen.getByRole('button', { name: 'New access point' }));
    const dialog = screen.getByRole('dialog', { name: 'New access point' });
    await user.type(within(dialog).getByLabelText('Id'), 'ap-usb');
    await user.type(within(dialog).getByLabelText('Name'), 'Maintenance USB port');
    await user.selectOptions(within(dialog).getByLabelText('Kind'), 'removable-media');
    await user.selectOptions(within(dialog).getByLabelText('Enters zone'), 'cell');
    await user.selectOptions(within(dialog).getByLabelText('Network or physical (CRS f/g)'), 'physical');
    await user.click(within(dialog).getByRole('button', { name: 'Create access point' }));

    expect(await screen.findByRole('rowheader', { name: /Maintenance USB port/ })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const post = seen.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({
      id: 'ap-usb',
      name: 'Maintenance USB port',
      kind: 'removable-media',
      zone: 'cell',
      isLogical: false,
    });
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-123');
  });

  it('edits an access point with its revision and shows a 422 beside the field it names', async () => {
    const { seen } = setup('assessor', {
      'PUT /api/projects/p1/entities/accessPoints/ap-vpn': () => ({
        status: 422,
        body: {
          error: {
            code: 'invalid-input',
            message: 'the entity is invalid',
            diagnostics: [
              { code: 'invalid-value', severity: 'error', path: ['body', 'exposure'], message: 'Too big' },
            ],
          },
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Vendor VPN' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByLabelText('Id')).toHaveAttribute('readonly');
    await user.selectOptions(within(dialog).getByLabelText('Exposure (base likelihood)'), '5');
    await user.click(within(dialog).getByRole('button', { name: 'Save access point' }));

    await waitFor(() =>
      expect(within(dialog).getByLabelText('Exposure (base likelihood)')).toHaveAccessibleDescription(
        /Too big/,
      ),
    );
    expect(within(dialog).getByLabelText('Kind')).not.toHaveAccessibleDescription(/Too big/);
    const put = seen.find((request) => request.method === 'PUT');
    expect(put?.headers.get('if-match')).toBe('"2"');
    expect(put?.body).toMatchObject({ id: 'ap-vpn', exposure: 5, kind: 'remote-access' });
  });

  it('offers the current version when someone else saved the access point first', async () => {
    setup('assessor', {
      'DELETE /api/projects/p1/entities/accessPoints/ap-vpn': () => ({
        status: 409,
        body: {
          error: {
            code: 'revision-conflict',
            message: 'changed since',
            current: entity('accessPoints', 'ap-vpn', { ...vpn, name: 'Vendor VPN (Fortinet)' }, 3),
          },
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete Vendor VPN' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    const conflict = await screen.findByRole('dialog', { name: 'Someone changed this in the meantime' });
    expect(within(conflict).getByText(/Vendor VPN \(Fortinet\)/)).toBeInTheDocument();
    expect(within(conflict).getByRole('button', { name: 'Save mine over it' })).toBeInTheDocument();
  });

  it('edits the policies with the section revision and shows a 422 beside the row', async () => {
    let answer: { status: number; body: unknown } = {
      status: 422,
      body: {
        error: {
          code: 'invalid-input',
          message: 'the section is invalid',
          diagnostics: [
            {
              code: 'invalid-value',
              severity: 'error',
              path: ['body', 'policies', 1, 'id'],
              message: 'ids start with a letter or digit',
            },
          ],
        },
      },
    };
    const { seen } = setup('assessor', { 'PUT /api/projects/p1/sections/system': () => answer });
    const user = userEvent.setup();
    const policies = await screen.findByRole('group', { name: /security policies/ });
    await user.click(within(policies).getByRole('button', { name: 'Add policy' }));
    await user.type(within(policies).getByLabelText('policy 2: id'), '-bad');
    await user.type(within(policies).getByLabelText('policy 2: title'), 'Remote access procedure');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const cell = within(policies).getByLabelText('policy 2: id').closest('td');
    expect(await within(cell as HTMLElement).findByRole('alert')).toHaveTextContent(/ids start with/);
    expect(within(policies).getByLabelText('policy 1: id').closest('td')).not.toHaveTextContent(/ids start/);

    answer = { status: 200, body: { entity: {}, projectRevision: 3 } };
    await user.clear(within(policies).getByLabelText('policy 2: id'));
    await user.type(within(policies).getByLabelText('policy 2: id'), 'pol-remote');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    const puts = seen.filter((request) => request.method === 'PUT');
    expect(puts.at(-1)?.headers.get('if-match')).toBe('"1"');
    expect(puts.at(-1)?.body).toMatchObject({
      name: 'Tablet plant',
      policies: [
        { id: 'pol-ot', title: 'OT security policy' },
        { id: 'pol-remote', title: 'Remote access procedure' },
      ],
    });
  });

  it('gives a viewer the lists and access points without edit controls', async () => {
    setup('viewer');
    expect(await screen.findByRole('rowheader', { name: /Vendor VPN/ })).toBeInTheDocument();
    expect(await screen.findByText('OT security policy')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('readonly');
  });
});
