import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyEntityChanges,
  createApiToken,
  createProject,
  createSession,
  createUser,
  entityPageRead,
  entityRead,
  getEntity,
  identifyApiToken,
  identifySession,
  listEntities,
  runProjectRead,
  setMemberRole,
  type StoreContext,
} from '@zonewise/store';
import { TEST_DIALECTS, openTestDatabase, type TestDatabase } from '@zonewise/store/testing';

const setup = { id: 'setup', name: 'Setup' };
const HOUR = 3600;
/** Text a user may type, which the database must quote in the JSON it writes. */
const HOSTILE = 'a"b\\c</script>\u2028\u0007\'; drop table entities; --';

/**
 * The hot read requests run their read in the statement that identifies the caller (`IdentifyOptions.read`). The
 * result must be what the read gives on its own, and there must be none for a caller who may not read the project.
 */
for (const dialect of TEST_DIALECTS) {
  describe(`identify with the route's read in one statement (${dialect})`, () => {
    let database: TestDatabase;
    let context: StoreContext;
    let projectId: string;
    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      context = database.context;
      projectId = (await createProject(context, { name: 'Reads', formatVersion: 1 }, setup)).id;
      await applyEntityChanges(
        context,
        projectId,
        ['a1', 'a2', HOSTILE, 'a4'].map((id) => ({
          op: 'create' as const,
          collection: 'assets' as const,
          body: { id, name: `Asset ${id}`, kind: 'plc', zone: 'z', notes: HOSTILE },
        })),
        { id: 'editor', name: HOSTILE },
      );
    });
    afterAll(async () => {
      await database.close();
    });

    const newUser = (username: string, isAdmin = false) =>
      createUser(context, { username, displayName: username, passwordHash: 'hash', isAdmin }, setup);
    const sessionOf = async (username: string, role?: 'viewer' | 'assessor', isAdmin = false) => {
      const user = await newUser(username, isAdmin);
      if (role !== undefined) await setMemberRole(context, projectId, user.id, role, setup);
      return (await createSession(context, user.id, HOUR)).token;
    };

    it('gives a member the page and the entity the reads give on their own', async () => {
      const token = await sessionOf('read-member', 'viewer');
      const page = entityPageRead(dialect, projectId, 'assets', { offset: 1, limit: 2 });
      const identity = await identifySession(context.db, token, context.now(), { projectId, read: page });
      expect(identity?.projectLookup?.found?.role).toBe('viewer');
      const alone = await runProjectRead(context.db, page);
      expect(identity?.readResult).toEqual({ value: alone });
      expect(alone?.total).toBe(4);
      const listed = await listEntities(context.db, projectId, 'assets', { offset: 1, limit: 2 });
      expect(JSON.parse(alone?.itemsJson ?? '')).toEqual(listed.items);

      const one = entityRead(dialect, projectId, 'assets', HOSTILE);
      const withOne = await identifySession(context.db, token, context.now(), { projectId, read: one });
      const stored = await getEntity(context.db, projectId, 'assets', HOSTILE);
      expect(withOne?.readResult?.value).toEqual(await runProjectRead(context.db, one));
      const value = withOne?.readResult?.value as { json: string; revision: number };
      expect(JSON.parse(value.json)).toEqual(stored);
      expect(value.revision).toBe(stored?.revision);

      const missing = await identifySession(context.db, token, context.now(), {
        projectId,
        read: entityRead(dialect, projectId, 'assets', 'no-such-asset'),
      });
      expect(missing?.readResult).toEqual({ value: undefined });
    });

    it('reads nothing for a caller who may not read the project', async () => {
      const read = entityPageRead(dialect, projectId, 'assets');
      const outsider = await sessionOf('read-outsider');
      const asOutsider = await identifySession(context.db, outsider, context.now(), { projectId, read });
      expect(asOutsider?.user.username).toBe('read-outsider');
      expect(asOutsider).not.toHaveProperty('readResult');

      const member = await sessionOf('read-member-elsewhere', 'assessor');
      const unknownProject = await identifySession(context.db, member, context.now(), {
        projectId: 'no-such-project',
        read: entityPageRead(dialect, 'no-such-project', 'assets'),
      });
      expect(unknownProject).not.toHaveProperty('readResult');
      // No project, no read: the option is ignored rather than run unchecked.
      expect(await identifySession(context.db, member, context.now(), { read })).not.toHaveProperty(
        'readResult',
      );
    });

    it('gives an administrator who is not a member the read', async () => {
      const admin = await sessionOf('read-admin', undefined, true);
      const read = entityPageRead(dialect, projectId, 'assets', { limit: 1 });
      const identity = await identifySession(context.db, admin, context.now(), { projectId, read });
      expect(identity?.projectLookup?.found?.role).toBeUndefined();
      expect(identity?.readResult?.value).toMatchObject({ total: 4 });
    });

    it('does the same for API tokens', async () => {
      const member = await newUser('read-token-member');
      const outsider = await newUser('read-token-outsider');
      await setMemberRole(context, projectId, member.id, 'assessor', setup);
      const own = (await createApiToken(context, member.id, { name: 'CI' }, setup)).secret;
      const foreign = (await createApiToken(context, outsider.id, { name: 'CI' }, setup)).secret;
      const read = entityRead(dialect, projectId, 'assets', 'a2');

      const withToken = await identifyApiToken(context.db, own, context.now(), { projectId, read });
      expect(withToken?.readResult?.value).toMatchObject({ revision: 1 });
      const asOutsider = await identifyApiToken(context.db, foreign, context.now(), { projectId, read });
      expect(asOutsider?.user.id).toBe(outsider.id);
      expect(asOutsider).not.toHaveProperty('readResult');
    });
  });
}
