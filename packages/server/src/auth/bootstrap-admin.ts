import { randomInt } from 'node:crypto';
import { countUsers, createUser, isStoreError } from '@zonewise/store';
import type { ServerDeps } from '../env';

/** The user name of the administrator created on first start. */
export const BOOTSTRAP_ADMIN_USERNAME = 'admin';

/** Letters and digits without look-alikes (0/O, 1/l/I), so a password copied from a terminal is typed right. */
const PASSWORD_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of `length` characters (about 5.8 bits each: 20 characters ≈ 116 bits). */
export const randomPassword = (length = 20): string =>
  Array.from({ length }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');

/**
 * On first start (no users at all) creates the administrator `admin`, with `options.password` or else
 * `ZONEWISE_ADMIN_PASSWORD`, or a random 20-character password printed once through `log`. Returns whether it
 * created the account. Two processes starting together on one PostgreSQL create it once: the loser of the race
 * sees the user name taken and returns false.
 */
export const ensureAdmin = async (
  deps: Pick<ServerDeps, 'store' | 'passwords'>,
  options: { readonly password?: string | undefined; readonly log: (line: string) => void },
): Promise<boolean> => {
  if ((await countUsers(deps.store.db)) > 0) return false;
  const given = options.password ?? process.env['ZONEWISE_ADMIN_PASSWORD'];
  const provided = given !== undefined && given !== '' ? given : undefined;
  if (provided !== undefined && provided.length < 12)
    throw new Error('ZONEWISE_ADMIN_PASSWORD must have at least 12 characters');
  const password = provided ?? randomPassword();
  try {
    await createUser(
      deps.store,
      {
        username: BOOTSTRAP_ADMIN_USERNAME,
        displayName: 'Administrator',
        passwordHash: await deps.passwords.hash(password),
        isAdmin: true,
      },
      { id: 'system', name: 'Zonewise first start' },
    );
  } catch (error) {
    if (isStoreError(error, 'duplicate-id')) return false;
    throw error;
  }
  options.log(
    provided === undefined
      ? `Created the administrator "${BOOTSTRAP_ADMIN_USERNAME}" with the password ${password} (shown once: log in and change it).`
      : `Created the administrator "${BOOTSTRAP_ADMIN_USERNAME}" with the password from ZONEWISE_ADMIN_PASSWORD.`,
  );
  return true;
};
