/**
 * The role matrix: every write under /api/projects/{projectId}/… tried as every role, driven by the app's own
 * OpenAPI document. Each operation declares the project action it needs (`x-zonewise-permission`, see
 * routes/schemas.ts); `ROLE_PERMISSIONS` says which roles may do it. A refused role must get 403 (a non-member
 * 404) before anything is validated or stored, and no refused call may change the project's revision or audit
 * chain. A project route without the annotation fails this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getProject,
  listAuditEvents,
  projectChainId,
  replaceProjectModel,
  type ProjectRole,
} from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { PERMISSION_EXTENSION } from '../src/routes/schemas';
import { PROJECT_ACTIONS, ROLE_PERMISSIONS, type ProjectAction } from '@zonewise/server';
import { createTestServer, type TestClient, type TestServer } from '@zonewise/server/testing';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly action: ProjectAction | undefined;
  readonly mediaType: string | undefined;
}

type Caller = 'admin' | ProjectRole | 'non-member';
const CALLERS: readonly Caller[] = ['admin', 'assessor', 'reviewer', 'approver', 'viewer', 'non-member'];
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const PROJECT_PATH = '/api/projects/{projectId}';

/** Whether a caller may do an action: members by ROLE_PERMISSIONS; administrators everything but signing. */
const isAllowed = (caller: Caller, action: ProjectAction): boolean => {
  if (caller === 'non-member') return false;
  if (caller === 'admin') return action !== 'sign';
  return ROLE_PERMISSIONS[caller].includes(action);
};

/** Reads the OpenAPI document of an app on a throwaway database: the table the tests below are generated from. */
const readOperations = async (): Promise<Operation[]> => {
  const server = await createTestServer('sqlite');
  try {
    const response = await server.anonymous('GET', '/api/openapi.json');
    if (response.status !== 200)
      throw new Error(`GET /api/openapi.json answered ${response.status}: ${await response.text()}`);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    return Object.entries(document.paths)
      .filter(([path]) => path === PROJECT_PATH || path.startsWith(`${PROJECT_PATH}/`))
      .flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => {
          const declared = (operation as Record<string, unknown>)[PERMISSION_EXTENSION];
          return {
            method,
            path,
            action: PROJECT_ACTIONS.find((action) => action === declared),
            mediaType: Object.keys(operation.requestBody?.content ?? {})[0],
          };
        }),
      );
  } finally {
    await server.close();
  }
};

const operations = await readOperations();
const writes = operations.filter((operation) => WRITE_METHODS.has(operation.method));

const smallModel = {
  formatVersion: 1,
  system: { name: 'Matrix plant' },
  zones: [{ id: 'zone-a', name: 'Control' }],
  conduits: [],
  assets: [{ id: 'plc-1', name: 'PLC 1', kind: 'plc', zone: 'zone-a' }],
};

/** A request body of the declared media type; its content does not matter to a refusal. */
const bodyFor = (mediaType: string | undefined): { body?: string; headers: Record<string, string> } =>
  mediaType === undefined
    ? { headers: {} }
    : {
        body: mediaType.includes('json') ? '{}' : 'formatVersion: 1\n',
        headers: { 'content-type': mediaType },
      };

describe('the OpenAPI document of project routes', () => {
  it('declares x-zonewise-permission on every route under /api/projects/{projectId}', () => {
    const missing = operations
      .filter((operation) => operation.action === undefined)
      .map((operation) => `${operation.method.toUpperCase()} ${operation.path}`);
    expect(missing, `add ...permission('<action>') to these routes (routes/schemas.ts)`).toEqual([]);
  });

  it('has project writes to try, including members and project settings', () => {
    expect(writes.map((operation) => `${operation.method} ${operation.path}`)).toEqual(
      expect.arrayContaining([`patch ${PROJECT_PATH}`, `put ${PROJECT_PATH}/members/{userId}`]),
    );
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`role matrix (${dialect})`, () => {
    let server: TestServer;
    const clients = {} as Record<Caller, TestClient>;
    beforeAll(async () => {
      server = await createTestServer(dialect);
      for (const caller of CALLERS)
        clients[caller] = await server.login(caller === 'non-member' ? 'outsider' : caller, {
          isAdmin: caller === 'admin',
        });
    });
    afterAll(() => server.close());

    /** A fresh project with a model and a baseline, where every role has a member. */
    const newProject = async () => {
      const created = await clients.assessor.request('POST', '/api/projects', { name: 'Matrix' });
      const { id } = (await created.json()) as { id: string };
      await replaceProjectModel(
        server.deps.store,
        id,
        { file: smallModel, formatVersion: 1 },
        { id: clients.assessor.user.id, name: 'Assessor' },
        'matrix fixture',
      );
      for (const role of ['reviewer', 'approver', 'viewer'] as const)
        await server.grant(id, clients[role], role);
      const baselineId = `baseline-${id}`;
      await server.deps.store.db
        .insertInto('baselines')
        .values({
          id: baselineId,
          project_id: id,
          label: 'fixture',
          created_at: server.deps.store.now(),
          created_by: clients.assessor.user.id,
          project_revision: 1,
          model_sha256: '0'.repeat(64),
          model_json: JSON.stringify(smallModel),
          results_json: '{}',
        })
        .execute();
      return { projectId: id, baselineId };
    };

    const stateOf = async (projectId: string) => ({
      revision: (await getProject(server.deps.store.db, projectId))?.revision,
      audit: (await listAuditEvents(server.deps.store.db, { chainId: projectChainId(projectId), limit: 1 }))
        .total,
      members: (
        await server.deps.store.db
          .selectFrom('memberships')
          .select(['user_id', 'role'])
          .where('project_id', '=', projectId)
          .orderBy('user_id')
          .execute()
      ).map((row) => `${row.user_id}:${row.role}`),
    });

    for (const operation of writes) {
      it(`${operation.method.toUpperCase()} ${operation.path} (${operation.action ?? 'no permission declared'})`, async () => {
        const action = operation.action;
        expect(action, 'declare x-zonewise-permission on this route').toBeDefined();
        if (action === undefined) return;
        const { projectId, baselineId } = await newProject();
        const path = operation.path
          .replace('{projectId}', projectId)
          .replace('{baselineId}', baselineId)
          .replace('{userId}', clients.viewer.user.id)
          .replace('{collection}', 'assets')
          .replace('{entityId}', 'plc-1')
          .replace('{section}', 'system')
          .replace(/\{[^}]+\}/g, 'unknown-id');
        const call = (caller: Caller) => {
          const { body, headers } = bodyFor(operation.mediaType);
          return clients[caller].request(operation.method.toUpperCase(), path, body, { headers });
        };
        const before = await stateOf(projectId);
        for (const caller of CALLERS.filter((c) => !isAllowed(c, action))) {
          const response = await call(caller);
          const expected = caller === 'non-member' ? 404 : 403;
          const body = (await response.json()) as { error?: { code?: string } };
          expect(
            response.status,
            `${caller} must be refused with ${expected} before validation (use requirePermission('${action}'))`,
          ).toBe(expected);
          expect(body.error?.code).toBe(caller === 'non-member' ? 'not-found' : 'forbidden');
        }
        expect(await stateOf(projectId), 'a refused call changed the project').toEqual(before);
        for (const caller of CALLERS.filter((c) => isAllowed(c, action))) {
          const response = await call(caller);
          expect([401, 403], `${caller} may ${action} but was refused`).not.toContain(response.status);
        }
      });
    }
  });
}

/** Routes whose path names an id inside a project (an entity or a baseline): the ids a caller could guess. */
const idRoutes = operations.filter(
  (operation) => operation.path.includes('{entityId}') || operation.path.includes('{baselineId}'),
);

for (const dialect of TEST_DIALECTS) {
  describe(`ids of another project (${dialect})`, () => {
    let server: TestServer;
    let assessor: TestClient;
    let approver: TestClient;
    let owner: TestClient;
    let projectA: string;
    let projectB: string;
    let baselineB: string;
    beforeAll(async () => {
      server = await createTestServer(dialect);
      assessor = await server.login('alice');
      approver = await server.login('paula');
      owner = await server.login('bob');
      projectA = (
        (await (await assessor.request('POST', '/api/projects', { name: 'A' })).json()) as { id: string }
      ).id;
      await server.grant(projectA, approver, 'approver');
      projectB = (
        (await (await owner.request('POST', '/api/projects', { name: 'B' })).json()) as { id: string }
      ).id;
      const actor = { id: owner.user.id, name: 'Bob' };
      const secretModel = {
        ...smallModel,
        assets: [{ id: 'secret-asset', name: 'Secret', kind: 'plc', zone: 'zone-a' }],
      };
      await replaceProjectModel(
        server.deps.store,
        projectA,
        { file: smallModel, formatVersion: 1 },
        actor,
        'A',
      );
      await replaceProjectModel(
        server.deps.store,
        projectB,
        { file: secretModel, formatVersion: 1 },
        actor,
        'B',
      );
      baselineB = `baseline-of-${projectB}`;
      await server.deps.store.db
        .insertInto('baselines')
        .values({
          id: baselineB,
          project_id: projectB,
          label: 'B baseline',
          created_at: server.deps.store.now(),
          created_by: owner.user.id,
          project_revision: 1,
          model_sha256: '0'.repeat(64),
          model_json: JSON.stringify(secretModel),
          results_json: '{}',
        })
        .execute();
    });
    afterAll(() => server.close());

    it('has id routes to try', () => {
      expect(idRoutes.length).toBeGreaterThan(0);
    });

    it('answers 404 to every id of project B sent through project A, and changes nothing in either', async () => {
      const before = await Promise.all(
        [projectA, projectB].map(async (id) => ({
          revision: (await getProject(server.deps.store.db, id))?.revision,
          audit: (await listAuditEvents(server.deps.store.db, { chainId: projectChainId(id), limit: 1 }))
            .total,
        })),
      );
      const answers: string[] = [];
      for (const operation of idRoutes) {
        const path = operation.path
          .replace('{projectId}', projectA)
          .replace('{collection}', 'assets')
          .replace('{entityId}', 'secret-asset')
          .replace('{baselineId}', baselineB);
        const caller = operation.action === 'sign' ? approver : assessor;
        // Bodies that would be accepted for an id of project A, so only the id decides the answer.
        const body = path.endsWith('/signatures')
          ? { password: approver.password, meaning: 'approved', statement: 'I approve this baseline.' }
          : path.includes('/entities/') && operation.method !== 'delete' && operation.method !== 'get'
            ? { id: 'secret-asset', name: 'Mine now', kind: 'plc', zone: 'zone-a' }
            : undefined;
        const response = await caller.request(operation.method.toUpperCase(), path, body, {
          headers: { 'if-match': '"1"' },
        });
        const codeOf = async (answer: Response) =>
          `${answer.status} ${((await answer.json()) as { error?: { code?: string } }).error?.code ?? ''}`;
        answers.push(`${operation.method.toUpperCase()} ${operation.path} → ${await codeOf(response)}`);
        if (operation.method === 'get') {
          // Reading it straight from project B as a non-member is a 404 too.
          const direct = await caller.request('GET', path.replace(projectA, projectB));
          answers.push(`GET ${operation.path} in B → ${await codeOf(direct)}`);
        }
      }
      expect(answers.length).toBeGreaterThan(idRoutes.length);
      expect(answers.filter((answer) => !answer.endsWith('→ 404 not-found'))).toEqual([]);
      const after = await Promise.all(
        [projectA, projectB].map(async (id) => ({
          revision: (await getProject(server.deps.store.db, id))?.revision,
          audit: (await listAuditEvents(server.deps.store.db, { chainId: projectChainId(id), limit: 1 }))
            .total,
        })),
      );
      expect(after).toEqual(before);
      const secret = await server.deps.store.db
        .selectFrom('entities')
        .select('body')
        .where('project_id', '=', projectB)
        .where('entity_id', '=', 'secret-asset')
        .executeTakeFirstOrThrow();
      expect(secret.body).toContain('Secret');
      expect(
        await server.deps.store.db
          .selectFrom('signatures')
          .select('id')
          .where('baseline_id', '=', baselineB)
          .execute(),
      ).toEqual([]);
    });
  });
}
