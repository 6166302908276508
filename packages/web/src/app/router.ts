import { useEffect, useState } from 'react';

/** The views of one project, in the order of the navigation (and of the IEC 62443-3-2 work flow). */
export const PROJECT_VIEWS = [
  'overview',
  'system',
  'assets',
  'diagram',
  'risk',
  'security-levels',
  'requirements',
  'findings',
  'approval',
  'audit',
  'reports',
] as const;

/** One project view name. */
export type ProjectView = (typeof PROJECT_VIEWS)[number];

/** The view where a ZCR step is worked on, from its number (5.6 is SL-T, 5.13 the reports). */
export const stepView = (step: string): ProjectView => {
  const number = /ZCR (\d+)(?:\.(\d+))?/.exec(step);
  const major = Number(number?.[1]);
  const minor = Number(number?.[2]);
  if (major === 1) return 'system';
  if (major === 3) return 'diagram';
  if (major === 5 && minor === 6) return 'security-levels';
  if (major === 5 && minor === 13) return 'reports';
  if (major === 2 || major === 4 || major === 5) return 'risk';
  if (major === 6) return minor === 1 ? 'requirements' : minor === 3 ? 'diagram' : 'system';
  if (major === 7) return 'approval';
  return 'overview';
};

/** Where the user is: the project list, or one view of a project (optionally one item in it). */
export type Route =
  | { readonly name: 'projects' }
  | {
      readonly name: 'project';
      readonly projectId: string;
      readonly view: ProjectView;
      readonly itemId?: string;
    };

const isProjectView = (name: string | undefined): name is ProjectView =>
  (PROJECT_VIEWS as readonly (string | undefined)[]).includes(name);

/** Reads a route from a location hash (`#/projects/p1/assets/plc-1`); anything unknown is the project list. */
export const parseRoute = (hash: string): Route => {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
  if (parts[0] === 'projects' && parts[1] !== undefined) {
    const view = isProjectView(parts[2]) ? parts[2] : 'overview';
    return {
      name: 'project',
      projectId: parts[1],
      view,
      ...(parts[3] === undefined ? {} : { itemId: parts[3] }),
    };
  }
  return { name: 'projects' };
};

/** The hash link of a route, so views link with plain `<a href>` (middle-click, copy link, back button work). */
export const hrefOf = (route: Route): string => {
  if (route.name === 'projects') return '#/projects';
  const item = route.itemId === undefined ? '' : `/${encodeURIComponent(route.itemId)}`;
  return `#/projects/${encodeURIComponent(route.projectId)}/${route.view}${item}`;
};

/** Goes to a route (adds a history entry). */
export const navigate = (route: Route): void => {
  window.location.hash = hrefOf(route).slice(1);
};

/** The current route, updated on every hash change. */
export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const handleChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', handleChange);
    return () => window.removeEventListener('hashchange', handleChange);
  }, []);
  return route;
};
