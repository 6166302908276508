import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client';
import { SessionProvider } from '../app/session';
import { ProjectProvider } from '../features/project/project-context';

/** One request the fake server saw. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly body: unknown;
}

/** A route handler: the answer's status and JSON body (or text), from the request. */
export type FakeHandler = (request: SeenRequest) => {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
};

/**
 * A scripted in-memory server for component tests: answers by `METHOD path` (path without the query string, or with
 * it when a handler is registered with one), records every request, and 404s everything else like the real API.
 */
export const createFakeServer = (routes: Record<string, FakeHandler>) => {
  const seen: SeenRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), 'http://test'), init);
    const url = new URL(request.url, 'http://test');
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    let body: unknown = text === '' ? undefined : text;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      // not JSON: keep the text (imports send YAML)
    }
    const entry: SeenRequest = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body,
    };
    seen.push(entry);
    const handler =
      routes[`${request.method} ${url.pathname}${url.search}`] ?? routes[`${request.method} ${url.pathname}`];
    if (handler === undefined)
      return Response.json(
        { error: { code: 'route-not-found', message: `${request.method} ${url.pathname}` } },
        { status: 404 },
      );
    const answer = handler(entry);
    const headers = new Headers(answer.headers);
    if (typeof answer.body === 'string')
      return new Response(answer.body, { status: answer.status ?? 200, headers });
    if (answer.body === undefined) return new Response(null, { status: answer.status ?? 204, headers });
    return Response.json(answer.body, { status: answer.status ?? 200, headers });
  };
  const api: ApiClient = createApiClient({ baseUrl: 'http://test', fetch: fetchImpl });
  return { api, seen };
};

/** A logged-in session answer for `GET /api/auth/session`. */
export const sessionAnswer = (role = 'assessor', projectId = 'p1') => ({
  body: {
    user: { id: 'u1', username: 'kweiss', displayName: 'Katrin Weiss', isAdmin: false },
    csrfToken: 'csrf-123',
    memberships: [{ projectId, role }],
  },
});

/** The answers every project view needs: the session and project `p1`, seen by a user with `role`. */
export const projectRoutes = (role: string, revision = 1): Record<string, FakeHandler> => ({
  'GET /api/auth/session': () => sessionAnswer(role),
  'GET /api/projects/p1': () => ({ body: { id: 'p1', name: 'Plant', description: '', revision, role } }),
});

/** Renders a view inside the session and project `p1` of a fake server's client. */
export const renderInProject = (api: ApiClient, view: ReactNode) =>
  render(
    <SessionProvider api={api}>
      <ProjectProvider projectId="p1">{view}</ProjectProvider>
    </SessionProvider>,
  );
