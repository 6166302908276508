import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app';
import { createFakeServer, sessionAnswer } from '../../testing/fake-server';

const PROJECTS = {
  items: [
    {
      id: 'p1',
      name: 'Lindenau OSD plant',
      description: '',
      createdAt: '2026-01-01T00:00:00Z',
      createdBy: 'u1',
      updatedAt: '2026-01-02T00:00:00Z',
      revision: 3,
      formatVersion: 1,
      sourceFormat: 'yaml',
      isArchived: false,
      role: 'assessor',
    },
  ],
};

describe('LoginPage', () => {
  it('logs in and shows the projects with their ZCR status', async () => {
    let isLoggedIn = false;
    const { api, seen } = createFakeServer({
      'GET /api/auth/session': () =>
        isLoggedIn
          ? sessionAnswer()
          : { status: 401, body: { error: { code: 'unauthenticated', message: 'log in' } } },
      'POST /api/auth/login': ({ body }) => {
        isLoggedIn = (body as { password: string }).password === 'right-password';
        return isLoggedIn
          ? { body: { user: sessionAnswer().body.user, csrfToken: 'csrf-123', expiresAt: '2030-01-01' } }
          : { status: 401, body: { error: { code: 'invalid-credentials', message: 'no' } } };
      },
      'GET /api/projects': () => ({ body: PROJECTS }),
      'GET /api/projects/p1/assessment/completeness': () => ({
        body: [
          { step: 'ZCR 1', title: 'SuC', isComplete: true, missing: [] },
          { step: 'ZCR 7', title: 'Approval', isComplete: false, missing: ['no approval'] },
        ],
      }),
    });
    const user = userEvent.setup();
    render(<App api={api} />);
    await user.type(await screen.findByLabelText('User name'), 'kweiss');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('wrong');

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'right-password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('link', { name: 'Lindenau OSD plant' })).toBeInTheDocument();
    expect(
      await screen.findByLabelText(/ZCR 7 Approval: incomplete, missing no approval/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('ZCR 1 SuC: complete')).toBeInTheDocument();
    // the login itself is not CSRF-protected, later writes are
    expect(
      seen.find((request) => request.path === '/api/auth/login')?.headers.get('x-csrf-token'),
    ).toBeNull();
  });

  it('returns to the login page when the session expires (any 401)', async () => {
    const { api } = createFakeServer({
      'GET /api/auth/session': () => sessionAnswer(),
      'GET /api/projects': () => ({
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'expired' } },
      }),
    });
    render(<App api={api} />);
    expect(await screen.findByText(/Your session has ended/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log in' })).toBeInTheDocument();
  });
});
