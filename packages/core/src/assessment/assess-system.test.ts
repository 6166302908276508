import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { messyPlantFile } from '../rules/testing/messy-plant';
import type { SystemFileInput } from '../schema/system-file';
import { aSystem, resolveOrThrow } from '../testing/builders';
import { assessSystem } from './assess-system';

const COLLECTIONS = [
  'zones',
  'conduits',
  'assets',
  'accessPoints',
  'dataFlows',
  'threatScenarios',
  'vulnerabilities',
  'countermeasures',
  'requirementStatus',
] as const;

const shuffled = <T>(list: readonly T[] | undefined, seed: number): T[] => {
  const copy = [...(list ?? [])];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
};

const assess = (file: SystemFileInput) => assessSystem(resolveOrThrow(file));

describe('assessSystem', () => {
  it('fills every part of the result on a plant that breaks many rules', () => {
    const assessment = assess(messyPlantFile());
    expect(assessment.findings.length).toBeGreaterThan(10);
    expect(assessment.initialRisk.length).toBe(assessment.counts.zones + assessment.counts.conduits);
    expect(assessment.targets.length).toBe(assessment.counts.zones + assessment.counts.conduits);
    expect(assessment.requirements.length).toBe(assessment.targets.length);
    expect(assessment.crs.characteristics.length).toBe(assessment.targets.length);
    expect(assessment.completeness.map((step) => step.step)).toContain('ZCR 7.1');
    expect(assessment.summary.openFindings).toBe(assessment.findings.length);
  });

  test.prop([fc.integer({ min: 1, max: 2 ** 30 })], { numRuns: 25, seed: 62443 })(
    'gives the same result, byte for byte, whatever the order of the input',
    (seed) => {
      const file = messyPlantFile();
      const reordered: SystemFileInput = { ...file };
      for (const key of COLLECTIONS) {
        (reordered as Record<string, unknown>)[key] = shuffled(
          file[key] as readonly unknown[] | undefined,
          seed,
        );
      }
      expect(JSON.stringify(assess(reordered))).toBe(JSON.stringify(assess(file)));
    },
  );

  it('binds an approval to the model and marks it stale after a change (ZCR 7)', () => {
    const file = aSystem();
    const { modelSha256 } = assess(file);
    const approval = {
      id: 'approval-1',
      approver: 'Plant manager',
      meaning: 'approved' as const,
      signedAt: '2026-11-25T10:00:00Z',
      modelSha256,
    };
    const approved = assess({ ...file, approvals: [approval] });
    expect(approved.modelSha256).toBe(modelSha256);
    expect(approved.summary.hasValidApproval).toBe(true);
    expect(approved.approvals[0]?.isStale).toBe(false);

    const changed = assess({ ...file, system: { ...file.system, name: 'Renamed' }, approvals: [approval] });
    expect(changed.summary.hasValidApproval).toBe(false);
    expect(changed.approvals[0]?.isStale).toBe(true);
  });

  it('warns about triage entries that match no finding', () => {
    const assessment = assess(
      aSystem({ triage: [{ finding: 'zone/empty@nowhere', status: 'accepted', justification: 'gone' }] }),
    );
    expect(assessment.warnings.map((warning) => warning.code)).toContain('orphan-triage');
  });
});
