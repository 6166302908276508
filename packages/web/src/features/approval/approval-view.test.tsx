import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeServer, projectRoutes, renderInProject } from '../../testing/fake-server';
import { ApprovalView } from './approval-view';

afterEach(cleanup);

const baseline = (id: string, createdAt: string, approved: boolean) => ({
  id,
  label: `Baseline ${id}`,
  createdAt,
  createdBy: 'u1',
  projectRevision: 3,
  modelSha256: 'a'.repeat(64),
  isStale: true,
  signatures: approved
    ? [
        {
          id: `s-${id}`,
          signerName: 'Paula',
          meaning: 'approved',
          statement: 'OK',
          signedAt: createdAt,
          modelSha256: 'a'.repeat(64),
          isStale: true,
        },
      ]
    : [],
});

const emptyDiff = {
  from: { kind: 'baseline', projectRevision: 3, modelSha256: 'a' },
  to: { kind: 'working', projectRevision: 9, modelSha256: 'b' },
  diff: {
    modelSha256: { before: 'a', after: 'b', isChanged: true },
    entities: { changes: [], byKind: [], counts: { added: 0, removed: 0, changed: 0 } },
    results: {
      findings: { added: [], resolved: [], statusChanges: [] },
      initialRisk: [],
      scenarios: { added: [], removed: [], changed: [] },
      targets: [],
      requirements: [],
      approvals: [],
    },
  },
};

describe('ApprovalView', () => {
  it('compares the last approved baseline with the working model, and any two versions the reviewer picks', async () => {
    const server = createFakeServer({
      ...projectRoutes('reviewer', 9),
      'GET /api/projects/p1/assessment': () => ({ body: { status: 'ok' } }),
      'GET /api/projects/p1/baselines': () => ({
        body: {
          items: [
            baseline('old', '2026-11-01T00:00:00Z', false),
            baseline('approved', '2026-11-10T00:00:00Z', true),
            baseline('newest', '2026-11-20T00:00:00Z', false),
          ],
        },
      }),
      'GET /api/projects/p1/diff': () => ({ body: emptyDiff }),
      'GET /api/projects/p1/comments': () => ({ body: { items: [], total: 0 } }),
    });
    renderInProject(server.api, <ApprovalView />);
    const diffs = () => server.seen.filter((request) => request.path.startsWith('/api/projects/p1/diff'));
    await waitFor(() => expect(diffs().at(-1)?.path).toBe('/api/projects/p1/diff?from=approved&to=working'));
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'To' }), 'newest');
    await waitFor(() => expect(diffs().at(-1)?.path).toBe('/api/projects/p1/diff?from=approved&to=newest'));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'From' }), 'old');
    await waitFor(() => expect(diffs().at(-1)?.path).toBe('/api/projects/p1/diff?from=old&to=newest'));
    expect(await screen.findByTestId('diff-counts')).toBeTruthy();
  });
});
