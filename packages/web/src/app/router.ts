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
