import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeServer, projectRoutes, renderInProject } from '../../testing/fake-server';
import { stepView } from '../../app/router';
import { OverviewView } from './overview-view';

afterEach(cleanup);

describe('stepView', () => {
  it('sends each ZCR step to the view where it is worked on', () => {
    expect(stepView('ZCR 1.1')).toBe('system');
    expect(stepView('ZCR 2.1')).toBe('risk');
    expect(stepView('ZCR 3.4')).toBe('diagram');
    expect(stepView('ZCR 4.1')).toBe('risk');
    expect(stepView('ZCR 5.1-5.5')).toBe('risk');
    expect(stepView('ZCR 5.6')).toBe('security-levels');
    expect(stepView('ZCR 5.7-5.11')).toBe('risk');
    expect(stepView('ZCR 5.13')).toBe('reports');
    expect(stepView('ZCR 6.1')).toBe('requirements');
    expect(stepView('ZCR 6.3')).toBe('diagram');
    expect(stepView('ZCR 6.5')).toBe('system');
    expect(stepView('ZCR 7.1')).toBe('approval');
  });
});

describe('OverviewView', () => {
  it('links the headline counts and the steps to their views', async () => {
    const server = createFakeServer({
      ...projectRoutes('viewer'),
      'GET /api/projects/p1/assessment': () => ({
        body: {
          status: 'ok',
          counts: { assets: 79, zones: 14 },
          summary: { openFindings: 6, requirementGaps: 2959 },
        },
      }),
      'GET /api/projects/p1/assessment/completeness': () => ({
        body: {
          items: [{ step: 'ZCR 5.6', title: 'Determine SL-T', isComplete: true, missing: [] }],
        },
      }),
    });
    renderInProject(server.api, <OverviewView />);
    const counts = await screen.findByRole('region', { name: 'Counts' });
    const hrefOf = (name: RegExp) => within(counts).getByRole('link', { name }).getAttribute('href');
    expect(hrefOf(/79 assets/)).toBe('#/projects/p1/assets');
    expect(hrefOf(/14 zones/)).toBe('#/projects/p1/diagram');
    expect(hrefOf(/6 open findings/)).toBe('#/projects/p1/findings');
    expect(hrefOf(/2,959 requirement gaps/)).toBe('#/projects/p1/requirements');
    const step = await screen.findByRole('link', { name: /ZCR 5\.6 Determine SL-T/ });
    expect(step.getAttribute('href')).toBe('#/projects/p1/security-levels');
  });
});
