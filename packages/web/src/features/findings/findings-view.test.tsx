import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeServer, projectRoutes, renderInProject } from '../../testing/fake-server';
import { FindingsView } from './findings-view';

afterEach(cleanup);

const finding = (ruleId: string, subject: string, severity = 'medium') => ({
  id: `${ruleId}@${subject}`,
  ruleId,
  title: `Title of ${ruleId}`,
  severity,
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  subject: { kind: 'asset', id: subject },
  because: `Because of ${subject}`,
  evidence: [],
  rationale: 'rationale',
  remediation: 'remediation',
  status: 'open',
});

describe('FindingsView', () => {
  it('filters by rule, listing each rule that found something with its count', async () => {
    const server = createFakeServer({
      ...projectRoutes('viewer'),
      'GET /api/projects/p1/assessment/findings': () => ({
        body: {
          items: [
            finding('asset/not-in-zone', 'a1'),
            finding('asset/not-in-zone', 'a2'),
            finding('zone/wireless-devices-mixed', 'z1', 'high'),
          ],
          total: 3,
          offset: 0,
          limit: 1000,
        },
      }),
      'GET /api/projects/p1/entities/triage': () => ({
        body: { items: [], total: 0, offset: 0, limit: 1000 },
      }),
    });
    renderInProject(server.api, <FindingsView itemId={undefined} />);
    const rule = await screen.findByRole('combobox', { name: 'Rule' });
    await screen.findByText('3 of 3 findings');
    expect([...(rule as HTMLSelectElement).options].map((option) => option.textContent)).toEqual([
      'any',
      'asset/not-in-zone (2)',
      'zone/wireless-devices-mixed (1)',
    ]);
    await userEvent.selectOptions(rule, 'asset/not-in-zone');
    expect(screen.getByRole('status').textContent).toBe('2 of 3 findings');
  });
});
