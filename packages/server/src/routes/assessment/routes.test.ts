import { evaluateGates, resolveSystem, severityRank, type Assessment } from '@zonewise/core';
import { loadAssessmentText } from '@zonewise/formats';
import { hashToken, newSecret, type UserRecord } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import {
  createImportedProject,
  createTestServer,
  exampleText,
  type TestClient,
  type TestServer,
} from '@zonewise/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessModel } from '../../services/engine';

interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}
interface ErrorBody {
  error: { code: string; diagnostics?: { code: string; path: (string | number)[] }[] };
}

const TEXT = exampleText('water-treatment');

/** What the engine computes for the example directly, to compare the API with. */
const direct = (): Assessment => {
  const loaded = loadAssessmentText(TEXT, { fileName: 'a.yaml' });
  if (!loaded.ok) throw new Error('example does not load');
  const resolved = resolveSystem(loaded.file);
  if (!resolved.ok) throw new Error('example does not resolve');
  return assessModel(resolved.value);
};

for (const dialect of TEST_DIALECTS) {
  describe(`assessment routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let mallory: TestClient;
    let projectId: string;
    const expected = direct();
    const get = async <T>(path: string, client: TestClient = alice): Promise<T> => {
      const response = await client.request('GET', `/api/projects/${projectId}${path}`);
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    };
    /** An API token row for `user`, as POST /api/tokens will create it. */
    const tokenFor = async (user: UserRecord): Promise<string> => {
      const secret = newSecret('zw_');
      await server.deps.store.db
        .insertInto('api_tokens')
        .values({
          id: server.deps.store.newId(),
          user_id: user.id,
          name: 'CI',
          token_hash: hashToken(secret),
          token_prefix: secret.slice(0, 8),
          created_at: server.deps.store.now(),
          expires_at: null,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
      return secret;
    };

    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      mallory = await server.login('mallory');
      projectId = await createImportedProject(alice, TEXT);
    });
    afterAll(() => server.close());

    it('summarises the assessment of the current revision as the engine computes it', async () => {
      const summary = await get<{
        status: string;
        revision: number;
        modelSha256: string;
        counts: Record<string, number>;
        summary: Assessment['summary'];
        riskBands: Record<string, { band: string; count: number }[]>;
        completeness: unknown[];
        diagnostics: unknown[];
      }>('/assessment');
      expect(summary).toMatchObject({
        status: 'assessed',
        revision: 1,
        modelSha256: expected.modelSha256,
        counts: expected.counts,
        summary: expected.summary,
        diagnostics: [],
      });
      expect(summary.completeness).toHaveLength(expected.completeness.length);
      const count = (name: string) => summary.riskBands[name]?.reduce((sum, band) => sum + band.count, 0);
      expect(count('initial')).toBe(expected.initialRisk.length);
      expect(count('residual')).toBe(expected.scenarios.length);
    });

    it('filters and pages findings', async () => {
      const all = await get<Page<{ id: string }>>('/assessment/findings?limit=1000');
      expect(all.items.map((finding) => finding.id)).toEqual(expected.findings.map((finding) => finding.id));
      const high = await get<Page<{ severity: 'high' }>>('/assessment/findings?severity=high&limit=1000');
      expect(high.total).toBe(
        expected.findings.filter((f) => severityRank(f.severity) >= severityRank('high')).length,
      );
      const first = expected.findings[0];
      if (first === undefined) throw new Error('the example has no findings');
      const byRule = await get<Page<{ ruleId: string }>>(
        `/assessment/findings?rule=${encodeURIComponent(first.ruleId)}`,
      );
      expect(byRule.total).toBe(expected.findings.filter((f) => f.ruleId === first.ruleId).length);
      const bySubject = await get<Page<{ subject: { id: string } }>>(
        `/assessment/findings?subject=${first.subject.id}`,
      );
      expect(bySubject.items.every((f) => f.subject.id === first.subject.id)).toBe(true);
      const open = await get<Page<unknown>>('/assessment/findings?status=open&limit=1000');
      expect(open.total).toBe(expected.summary.openFindings);
      const paged = await get<Page<{ id: string }>>('/assessment/findings?offset=1&limit=2');
      expect(paged.items.map((f) => f.id)).toEqual(expected.findings.slice(1, 3).map((f) => f.id));
      expect(paged.total).toBe(expected.findings.length);
    });

    it('filters the risk register by rating, band, tolerance and subject', async () => {
      const above = await get<Page<{ residual: { isTolerable: boolean } }>>(
        '/assessment/risks?aboveTolerable=true&limit=1000',
      );
      expect(above.total).toBe(expected.summary.scenariosAboveTolerable.residual);
      const unmitigated = await get<Page<unknown>>(
        '/assessment/risks?rating=unmitigated&aboveTolerable=true',
      );
      expect(unmitigated.total).toBe(expected.summary.scenariosAboveTolerable.unmitigated);
      const scenario = expected.scenarios[0];
      if (scenario === undefined) throw new Error('the example has no scenarios');
      const band = await get<Page<{ residual: { band: string } }>>(
        `/assessment/risks?band=${scenario.residual.band}&limit=1000`,
      );
      expect(band.total).toBe(
        expected.scenarios.filter((s) => s.residual.band === scenario.residual.band).length,
      );
      const subject = await get<Page<unknown>>(`/assessment/risks?subject=${scenario.subject.id}&limit=1000`);
      expect(subject.total).toBe(
        expected.scenarios.filter((s) => s.subject.id === scenario.subject.id).length,
      );
      const initial = await get<Page<unknown>>('/assessment/initial-risk');
      expect(initial.total).toBe(expected.initialRisk.length);
    });

    it('returns SL-T with reasons, SL-C and SL-A, requirements with gaps, attack paths, completeness and the CRS', async () => {
      const levels = await get<
        Page<{ subject: { id: string }; reasons: unknown[]; target: object; achieved?: object }>
      >('/assessment/security-levels?limit=1000');
      expect(levels.items.map((item) => item.subject.id)).toEqual(expected.targets.map((t) => t.subject.id));
      expect(levels.items.every((item) => item.reasons.length === 7)).toBe(true);
      const requirements = await get<Page<{ requirements: { isGap: boolean }[] }>>(
        '/assessment/requirements?gapsOnly=true&limit=1000',
      );
      const gaps = requirements.items.reduce((sum, item) => sum + item.requirements.length, 0);
      expect(gaps).toBe(expected.summary.requirementGaps);
      expect(requirements.items.every((item) => item.requirements.every((r) => r.isGap))).toBe(true);
      const paths = await get<Page<{ isWeakest: boolean }>>(
        '/assessment/attack-paths?weakestOnly=true&limit=1000',
      );
      expect(paths.total).toBe(expected.attackPaths.filter((p) => p.isWeakest).length);
      const completeness = await get<{ items: { step: string }[] }>('/assessment/completeness');
      expect(completeness.items.map((s) => s.step)).toEqual(expected.completeness.map((s) => s.step));
      const crs = await get<{ characteristics: unknown[] }>('/assessment/crs');
      expect(crs.characteristics).toHaveLength(expected.crs.characteristics.length);
    });

    it('reports a model that no longer resolves: diagnostics in the summary, 422 model-invalid for results', async () => {
      const broken = await createImportedProject(alice, TEXT, { name: 'Broken' });
      const zone = (await (
        await alice.request('GET', `/api/projects/${broken}/entities/zones?limit=1`)
      ).json()) as Page<{
        id: string;
        revision: number;
      }>;
      const first = zone.items[0];
      if (first === undefined) throw new Error('no zone');
      const deleted = await alice.request(
        'DELETE',
        `/api/projects/${broken}/entities/zones/${first.id}`,
        undefined,
        {
          headers: { 'if-match': `"${first.revision}"` },
        },
      );
      expect(deleted.status).toBe(200);
      const summary = (await (await alice.request('GET', `/api/projects/${broken}/assessment`)).json()) as {
        status: string;
        revision: number;
        diagnostics: { code: string }[];
      };
      expect(summary.status).toBe('invalid');
      expect(summary.revision).toBe(2);
      expect(summary.diagnostics.map((d) => d.code)).toContain('unknown-reference');
      for (const path of ['findings', 'risks', 'crs']) {
        const refused = await alice.request('GET', `/api/projects/${broken}/assessment/${path}`);
        expect(refused.status).toBe(422);
        const body = (await refused.json()) as ErrorBody;
        expect(body.error.code).toBe('model-invalid');
        expect(body.error.diagnostics?.length).toBeGreaterThan(0);
      }
      const gate = await alice.request('GET', `/api/projects/${broken}/gate?failOn=incomplete`);
      expect(gate.status).toBe(422);
      expect(((await gate.json()) as ErrorBody).error.code).toBe('model-invalid');
    });

    it('lets CI push a model with an API token and read the gate result', async () => {
      const ci = await server.login('ci-bot');
      const pipeline = await createImportedProject(alice, TEXT, { name: 'CI project' });
      await server.grant(pipeline, ci, 'assessor');
      const token = await tokenFor(ci.user);
      const bearer = { authorization: `Bearer ${token}` };
      const pushed = await server.anonymous('POST', `/api/projects/${pipeline}/import`, TEXT, {
        ...bearer,
        'content-type': 'application/yaml',
      });
      expect(pushed.status).toBe(200);
      const spec = 'residual-above-tolerable,findings:critical,incomplete';
      const gate = await server.anonymous(
        'GET',
        `/api/projects/${pipeline}/gate?failOn=${spec}`,
        undefined,
        bearer,
      );
      expect(gate.status).toBe(200);
      const result = (await gate.json()) as {
        passed: boolean;
        revision: number;
        gates: { gate: string; passed: boolean; failures: string[] }[];
        failures: { gate: string; reason: string }[];
      };
      const evaluated = evaluateGates(expected, spec);
      if (!evaluated.ok) throw new Error('gates do not parse');
      expect(result.revision).toBe(2);
      expect(result.gates.map((g) => [g.gate, g.failures])).toEqual(
        evaluated.value.map((g) => [g.gate, g.failures]),
      );
      expect(result.passed).toBe(evaluated.value.every((g) => g.failures.length === 0));
      expect(result.failures).toHaveLength(evaluated.value.reduce((sum, g) => sum + g.failures.length, 0));

      const unknown = await server.anonymous(
        'GET',
        `/api/projects/${pipeline}/gate?failOn=incomplete,everything`,
        undefined,
        bearer,
      );
      expect(unknown.status).toBe(422);
      expect(((await unknown.json()) as ErrorBody).error.diagnostics?.map((d) => d.path)).toEqual([
        ['query', 'failOn', 1],
      ]);
      const bad = await server.anonymous(
        'GET',
        `/api/projects/${pipeline}/gate?failOn=incomplete`,
        undefined,
        {
          authorization: 'Bearer zw_not-a-token',
        },
      );
      expect(bad.status).toBe(401);

      await server.grant(pipeline, ci, 'viewer');
      const refused = await server.anonymous('POST', `/api/projects/${pipeline}/import`, TEXT, {
        ...bearer,
        'content-type': 'application/yaml',
      });
      expect(refused.status).toBe(403);
      expect(
        (
          await server.anonymous(
            'GET',
            `/api/projects/${projectId}/gate?failOn=incomplete`,
            undefined,
            bearer,
          )
        ).status,
      ).toBe(404);
    });

    it('answers 401, 404 to non-members, and 422 for bad filters', async () => {
      expect((await server.anonymous('GET', `/api/projects/${projectId}/assessment`)).status).toBe(401);
      for (const path of [
        'assessment',
        'assessment/findings',
        'assessment/security-levels',
        'gate?failOn=incomplete',
      ]) {
        const hidden = await mallory.request('GET', `/api/projects/${projectId}/${path}`);
        expect(hidden.status).toBe(404);
        expect(((await hidden.json()) as ErrorBody).error.code).toBe('not-found');
      }
      await server.grant(projectId, mallory, 'viewer');
      expect((await mallory.request('GET', `/api/projects/${projectId}/assessment/findings`)).status).toBe(
        200,
      );
      const bad = await alice.request('GET', `/api/projects/${projectId}/assessment/findings?severity=dire`);
      expect(bad.status).toBe(422);
      expect(((await bad.json()) as ErrorBody).error.diagnostics?.[0]?.path).toEqual(['query', 'severity']);
      expect((await alice.request('GET', `/api/projects/${projectId}/gate`)).status).toBe(422);
    });
  });
}
