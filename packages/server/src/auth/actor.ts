import type { Actor, Identity } from '@zonewise/store';

/** The audit actor of an authenticated caller: their id and display name (with the token marked for automation). */
export const actorOf = (identity: Identity): Actor => ({
  id: identity.user.id,
  name: identity.method === 'token' ? `${identity.user.displayName} (API token)` : identity.user.displayName,
});
