import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  createProject,
  createSession,
  createUser,
  getProjectWithRole,
  identifyApiToken,
  identifySession,
  setMemberRole,
  type StoreContext,
} from '@zonewise/store';
import { TEST_DIALECTS, openTestDatabase, type TestDatabase } from '@zonewise/store/testing';

const setup = { id: 'setup', name: 'Setup' };
const HOUR = 3600;

/**
 * Every project request identifies the caller and checks their role in the project; `identifySession` and
 * `identifyApiToken` with `projectId` read both in one query. What they return must be what `getProjectWithRole`
 * returns, for members, non-members and projects that do not exist.
 */
for (const dialect of TEST_DIALECTS) {
  describe(`identify with the project in one query (${dialect})`, () => {
    let database: TestDatabase;
    let context: StoreContext;
    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      context = database.context;
    });
    afterAll(async () => {
      await database.close();
    });

    const newUser = (username: string) =>
      createUser(context, { username, displayName: username, passwordHash: 'hash' }, setup);

    it('returns the project and the role for members, no role for others, nothing for unknown ids', async () => {
      const member = await newUser('lookup-member');
      const outsider = await newUser('lookup-outsider');
      const project = await createProject(context, { name: 'Lookup', formatVersion: 1 }, setup);
      await setMemberRole(context, project.id, member.id, 'reviewer', setup);
      const memberSession = await createSession(context, member.id, HOUR);
      const outsiderSession = await createSession(context, outsider.id, HOUR);

      const asMember = await identifySession(context.db, memberSession.token, context.now(), {
        projectId: project.id,
      });
      expect(asMember?.user.id).toBe(member.id);
      expect(asMember?.projectLookup).toEqual({
        projectId: project.id,
        found: await getProjectWithRole(context.db, project.id, member.id),
      });
      expect(asMember?.projectLookup?.found?.role).toBe('reviewer');
      expect(asMember?.projectLookup?.found?.project).toMatchObject({ id: project.id, name: 'Lookup' });

      const asOutsider = await identifySession(context.db, outsiderSession.token, context.now(), {
        projectId: project.id,
      });
      expect(asOutsider?.projectLookup?.found?.project.id).toBe(project.id);
      expect(asOutsider?.projectLookup?.found?.role).toBeUndefined();

      const unknown = await identifySession(context.db, memberSession.token, context.now(), {
        projectId: 'no-such-project',
      });
      expect(unknown?.user.id).toBe(member.id);
      expect(unknown?.projectLookup).toEqual({ projectId: 'no-such-project', found: undefined });

      const plain = await identifySession(context.db, memberSession.token, context.now());
      expect(plain?.user.id).toBe(member.id);
      expect(plain).not.toHaveProperty('projectLookup');

      expect(
        await identifySession(context.db, 'zws_wrong', context.now(), { projectId: project.id }),
      ).toBeUndefined();
    });

    it('does the same for API tokens', async () => {
      const member = await newUser('lookup-token-member');
      const project = await createProject(context, { name: 'Token lookup', formatVersion: 1 }, setup);
      const other = await createProject(context, { name: 'Not theirs', formatVersion: 1 }, setup);
      await setMemberRole(context, project.id, member.id, 'assessor', setup);
      const { secret } = await createApiToken(context, member.id, { name: 'CI' }, setup);

      const own = await identifyApiToken(context.db, secret, context.now(), { projectId: project.id });
      expect(own?.method).toBe('token');
      expect(own?.projectLookup?.found?.role).toBe('assessor');
      expect(own?.projectLookup?.found?.project).toEqual(
        (await getProjectWithRole(context.db, project.id, member.id))?.project,
      );
      const foreign = await identifyApiToken(context.db, secret, context.now(), { projectId: other.id });
      expect(foreign?.projectLookup?.found?.project.id).toBe(other.id);
      expect(foreign?.projectLookup?.found?.role).toBeUndefined();
      expect(await identifyApiToken(context.db, secret, context.now())).not.toHaveProperty('projectLookup');
    });
  });
}
