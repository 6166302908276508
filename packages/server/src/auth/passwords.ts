import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../env';

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane); `@node-rs/argon2` defaults to id. */
export const argon2Passwords: PasswordHasher = {
  hash: (password) => hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 }),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
};

/** Cheap argon2id parameters for tests only (still a real argon2id hash, verified by the same code). */
export const fastTestPasswords: PasswordHasher = {
  hash: (password) => hash(password, { memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  verify: (stored, password) => argon2Passwords.verify(stored, password),
};
