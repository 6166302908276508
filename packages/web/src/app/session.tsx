import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import type { ApiClient } from '../api/client';

/** The logged-in user as the server describes them. */
export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
}

/** A live session: who is logged in, the CSRF token writes must echo, and their project roles. */
export interface Session {
  readonly user: SessionUser;
  readonly csrfToken: string;
  readonly memberships: readonly { readonly projectId: string; readonly role: string }[];
}

/** What the app knows about the session: still asking, logged out, or logged in. */
export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'anonymous'; readonly reason?: 'expired' }
  | { readonly status: 'authenticated'; readonly session: Session };

interface SessionContextValue {
  readonly api: ApiClient;
  readonly state: SessionState;
  readonly login: (username: string, password: string) => Promise<void>;
  readonly logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

interface SessionResponse {
  readonly user: SessionUser;
  readonly csrfToken: string;
  readonly memberships?: readonly { readonly projectId: string; readonly role: string }[];
}

const toSession = (body: SessionResponse): Session => ({
  user: body.user,
  csrfToken: body.csrfToken,
  memberships: body.memberships ?? [],
});

/**
 * Holds the session for the whole app. Any 401 from any call ends it (the login page then replaces the view, and
 * the route is kept, so after logging in the user is back where they were).
 */
export const SessionProvider = ({ api, children }: { api: ApiClient; children: ReactNode }) => {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const adopt = useCallback(
    (session: Session) => {
      api.session.csrfToken = session.csrfToken;
      setState({ status: 'authenticated', session });
    },
    [api],
  );

  useEffect(() => {
    api.session.onUnauthorized = () => {
      api.session.csrfToken = undefined;
      setState((current) =>
        current.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : current,
      );
    };
    let isCurrent = true;
    api.request<SessionResponse>('GET', '/api/auth/session').then(
      (body) => {
        if (isCurrent) adopt(toSession(body));
      },
      () => {
        if (isCurrent) setState({ status: 'anonymous' });
      },
    );
    return () => {
      isCurrent = false;
      api.session.onUnauthorized = undefined;
    };
  }, [api, adopt]);

  const login = useCallback(
    async (username: string, password: string) => {
      const body = await api.request<SessionResponse>('POST', '/api/auth/login', { username, password });
      api.session.csrfToken = body.csrfToken;
      try {
        adopt(toSession(await api.request<SessionResponse>('GET', '/api/auth/session')));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) adopt(toSession(body));
        else throw error;
      }
    },
    [api, adopt],
  );

  const logout = useCallback(async () => {
    try {
      await api.request('POST', '/api/auth/logout');
    } finally {
      api.session.csrfToken = undefined;
      setState({ status: 'anonymous' });
    }
  }, [api]);

  const value = useMemo(() => ({ api, state, login, logout }), [api, state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

/** The session context; throws when used outside `SessionProvider` (a programming error). */
export const useSession = (): SessionContextValue => {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession needs a SessionProvider above it');
  return value;
};

/** The API client of the session. */
export const useApi = (): ApiClient => useSession().api;
