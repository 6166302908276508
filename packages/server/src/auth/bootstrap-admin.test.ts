import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countUsers, findUserForLogin } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { createTestServer, type TestServer } from '@zonewise/server/testing';
import { ensureAdmin, fastTestPasswords, randomPassword } from '@zonewise/server';

for (const dialect of TEST_DIALECTS) {
  describe(`ensureAdmin (${dialect})`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await createTestServer(dialect);
    });
    afterAll(() => server.close());

    it('creates admin once with a random 20-character password printed once', async () => {
      const lines: string[] = [];
      const [first, second] = await Promise.all([
        ensureAdmin(server.deps, { log: (line) => lines.push(line) }),
        ensureAdmin(server.deps, { log: (line) => lines.push(line) }),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(lines).toHaveLength(1);
      const password = /password (\S+) /.exec(lines[0] ?? '')?.[1] ?? '';
      expect(password).toHaveLength(20);
      const admin = await findUserForLogin(server.deps.store.db, 'admin');
      expect(admin?.isAdmin).toBe(true);
      expect(await fastTestPasswords.verify(admin?.passwordHash ?? '', password)).toBe(true);
      expect(await ensureAdmin(server.deps, { log: (line) => lines.push(line) })).toBe(false);
      expect(await countUsers(server.deps.store.db)).toBe(1);
      const login = await server.anonymous('POST', '/api/auth/login', { username: 'admin', password });
      expect(login.status).toBe(200);
    });
  });
}

describe('ensureAdmin with a given password', () => {
  it('uses it without printing it and refuses one shorter than 12 characters', async () => {
    const server = await createTestServer('sqlite');
    try {
      await expect(ensureAdmin(server.deps, { password: 'short', log: () => undefined })).rejects.toThrow(
        /12/,
      );
      const lines: string[] = [];
      expect(
        await ensureAdmin(server.deps, { password: 'given-admin-password', log: (l) => lines.push(l) }),
      ).toBe(true);
      expect(lines.join('\n')).not.toContain('given-admin-password');
      const admin = await findUserForLogin(server.deps.store.db, 'admin');
      expect(await fastTestPasswords.verify(admin?.passwordHash ?? '', 'given-admin-password')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('draws random passwords from an unambiguous alphabet', () => {
    const passwords = Array.from({ length: 50 }, () => randomPassword());
    expect(new Set(passwords).size).toBe(50);
    expect(passwords.every((p) => /^[a-km-zA-HJ-NP-Z2-9]{20}$/.test(p))).toBe(true);
  });
});
