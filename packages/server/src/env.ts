import type { DatabaseConnection, Identity, ProjectReadResult, StoreContext } from '@zonewise/store';

/** Settings the server runs with (from the command line and environment). */
export interface ServerSettings {
  /** Mark cookies `Secure` (behind TLS). Defaults to true when the public URL is https. */
  readonly secureCookies: boolean;
  /** How long a login session lasts without use, in seconds. */
  readonly sessionLifetimeSeconds: number;
  /** Failed logins per user name or client address before a pause. */
  readonly loginAttemptsPerWindow: number;
  /** The rate-limit window, in seconds. */
  readonly loginWindowSeconds: number;
  /** Largest accepted request body in bytes (imports of large plants). */
  readonly maxBodyBytes: number;
  /**
   * Addresses of reverse proxies whose `X-Forwarded-For` is believed for the client address (login limits, audit).
   * Empty: the socket peer is the client.
   */
  readonly trustedProxies: readonly string[];
}

/** Defaults for `ServerSettings`. */
export const DEFAULT_SETTINGS: ServerSettings = {
  secureCookies: false,
  sessionLifetimeSeconds: 8 * 60 * 60,
  loginAttemptsPerWindow: 5,
  loginWindowSeconds: 15 * 60,
  maxBodyBytes: 64 * 1024 * 1024,
  trustedProxies: [],
};

/** Password hashing, injected so tests may use cheaper parameters. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** What the app is built from: the database, a store context (clock, ids), password hashing and settings. */
export interface ServerDeps {
  readonly connection: DatabaseConnection;
  readonly store: StoreContext;
  readonly passwords: PasswordHasher;
  readonly settings: ServerSettings;
}

/** Hono's environment for every route: the dependencies and, after authentication, who is calling. */
export interface AppEnv {
  Variables: {
    deps: ServerDeps;
    requestId: string;
    /** Set by `authenticate` on routes that need a user. */
    identity: Identity;
    /** Set by a `routeRead`'s `authenticate` when the identifying statement answered the route's read. */
    prefetched: ProjectReadResult<unknown> | undefined;
  };
}
