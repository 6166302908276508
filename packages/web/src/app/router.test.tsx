import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './router';

describe('parseRoute', () => {
  it.each<Route>([
    { name: 'projects' },
    { name: 'project', projectId: 'p 1/x', view: 'assets' },
    { name: 'project', projectId: 'p1', view: 'assets', itemId: 'plc-coat' },
    { name: 'project', projectId: 'p1', view: 'security-levels' },
  ])('reads back the link it makes for %j', (route) => {
    expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('falls back to the overview for an unknown view and to the list for anything else', () => {
    expect(parseRoute('#/projects/p1/nonsense')).toEqual({
      name: 'project',
      projectId: 'p1',
      view: 'overview',
    });
    expect(parseRoute('#/whatever')).toEqual({ name: 'projects' });
    expect(parseRoute('')).toEqual({ name: 'projects' });
  });
});
