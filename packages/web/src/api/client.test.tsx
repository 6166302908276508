import { describe, expect, it, vi } from 'vitest';
import { createFakeServer } from '../testing/fake-server';
import { ApiError, formatPath } from './api-error';
import { unwrap } from './client';

describe('createApiClient', () => {
  it('sends the CSRF token on writes and not on reads', async () => {
    const { api, seen } = createFakeServer({
      'GET /api/projects': () => ({ body: { items: [] } }),
      'POST /api/projects': () => ({ status: 201, body: { id: 'p1' } }),
    });
    api.session.csrfToken = 'token-1';
    await unwrap(api.typed.GET('/api/projects'));
    await api.request('POST', '/api/projects', { name: 'Plant' });
    expect(seen[0]?.headers.get('x-csrf-token')).toBeNull();
    expect(seen[1]?.headers.get('x-csrf-token')).toBe('token-1');
    expect(seen[1]?.body).toEqual({ name: 'Plant' });
  });

  it('maps an error body to ApiError with its code, diagnostics and the current version of a conflict', async () => {
    const { api } = createFakeServer({
      'POST /api/projects': () => ({
        status: 422,
        body: {
          error: {
            code: 'invalid-input',
            message: 'the request body is invalid',
            diagnostics: [{ code: 'too-small', severity: 'error', path: ['body', 'name'], message: 'empty' }],
          },
        },
      }),
      'PUT /api/projects/p1/entities/assets/a1': () => ({
        status: 409,
        body: {
          error: {
            code: 'revision-conflict',
            message: 'stale',
            current: { revision: 4, body: { id: 'a1' } },
          },
        },
      }),
    });
    const invalid = await api.request('POST', '/api/projects', { name: '' }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ApiError);
    expect((invalid as ApiError).status).toBe(422);
    expect((invalid as ApiError).diagnostics.map((d) => formatPath(d.path))).toEqual(['body.name']);
    const conflict = (await api
      .request('PUT', '/api/projects/p1/entities/assets/a1', {})
      .catch((error: unknown) => error)) as ApiError;
    expect(conflict.isConflict).toBe(true);
    expect(conflict.current).toEqual({ revision: 4, body: { id: 'a1' } });
  });

  it('tells the session listener about a 401 from the typed and the plain client', async () => {
    const { api } = createFakeServer({
      'GET /api/projects': () => ({
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'log in' } },
      }),
    });
    const listener = vi.fn();
    api.session.onUnauthorized = listener;
    await expect(unwrap(api.typed.GET('/api/projects'))).rejects.toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    await expect(api.request('GET', '/api/projects')).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
