import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { defineRule } from '../rules/rule';
import { messyPlantContext, messyPlantFile } from '../rules/testing/messy-plant';
import { stubContext } from '../rules/testing/rule-kit';
import type { SystemFileInput } from '../schema/system-file';
import { resolveOrThrow } from '../testing/builders';
import { severityRank } from './finding';
import { findingId, orphanTriage, runRules } from './run-rules';

const assess = (file: SystemFileInput) => {
  const model = resolveOrThrow(file);
  return runRules(model, messyPlantContext(model));
};

const permutation = <T>(list: readonly T[]) =>
  fc.shuffledSubarray([...list], { minLength: list.length, maxLength: list.length });

describe('runRules', () => {
  const file = messyPlantFile();
  const baseline = assess(file);

  it('orders findings by severity (highest first), then rule id, then subject id', () => {
    const keys = baseline.map(
      (finding) => [-severityRank(finding.severity), finding.ruleId, finding.subject.id, finding.id] as const,
    );
    const sorted = [...keys].sort(
      (a, b) =>
        a[0] - b[0] ||
        (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) ||
        (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) ||
        (a[3] < b[3] ? -1 : 1),
    );
    expect(keys).toEqual(sorted);
    expect(baseline[0]?.severity).toBe('high');
    expect(baseline.at(-1)?.severity).toBe('info');
  });

  it('gives each finding the id rule-id@subject-id[#key]', () => {
    for (const finding of baseline) {
      expect(finding.id.startsWith(`${finding.ruleId}@${finding.subject.id}`)).toBe(true);
    }
    expect(findingId('zone/empty', 'spare')).toBe('zone/empty@spare');
    expect(findingId('conduit/pattern-deviation', 'wan', 'zone-count')).toBe(
      'conduit/pattern-deviation@wan#zone-count',
    );
    expect(new Set(baseline.map((finding) => finding.id)).size).toBe(baseline.length);
  });

  test.prop(
    [
      permutation(file.zones ?? []),
      permutation(file.assets ?? []),
      permutation(file.dataFlows ?? []),
      permutation(file.conduits ?? []),
      permutation(file.accessPoints ?? []),
    ],
    { seed: 20261125, numRuns: 40 },
  )(
    'does not depend on the order of zones, assets, flows, conduits or access points',
    (zones, assets, dataFlows, conduits, accessPoints) => {
      expect(assess({ ...file, zones, assets, dataFlows, conduits, accessPoints })).toEqual(baseline);
    },
  );

  it('sorts subjects itself, whatever order the model lists them in', () => {
    const model = resolveOrThrow(file);
    const reversed = {
      ...model,
      zones: [...model.zones].reverse(),
      assets: [...model.assets].reverse(),
      dataFlows: [...model.dataFlows].reverse(),
      conduits: [...model.conduits].reverse(),
      accessPoints: [...model.accessPoints].reverse(),
    };
    expect(runRules(reversed, messyPlantContext(reversed))).toEqual(baseline);
  });

  it('applies triage decisions by finding id and leaves other findings open', () => {
    const findings = assess({
      ...file,
      triage: [
        {
          finding: 'zone/empty@spare',
          status: 'accepted',
          justification: 'Reserved for the 2027 extension.',
        },
        { finding: 'zone/empty@spare', status: 'false-positive', justification: 'Second entry: ignored.' },
        {
          finding: 'conduit/pattern-deviation@wan#enforcement:firewall',
          status: 'mitigated',
          justification: 'Cloud firewall.',
        },
      ],
    });
    const byId = new Map(findings.map((finding) => [finding.id, finding]));
    expect(byId.get('zone/empty@spare')).toMatchObject({
      status: 'accepted',
      triageJustification: 'Reserved for the 2027 extension.',
    });
    expect(byId.get('conduit/pattern-deviation@wan#enforcement:firewall')?.status).toBe('mitigated');
    expect(byId.get('asset/not-in-zone@stray')?.status).toBe('open');
    expect(byId.get('asset/not-in-zone@stray')).not.toHaveProperty('triageJustification');
  });

  it('throws when a rule reports the same finding id twice (a bug in the rule)', () => {
    const twice = defineRule({
      id: 'zone/twice',
      appliesTo: 'zone',
      title: 't',
      reference: { standard: 'Zonewise', clause: 'test' },
      severity: 'low',
      rationale: 'r',
      detection: 'd',
      remediation: 'm',
      check: () => [
        { because: 'one', evidence: [] },
        { because: 'two', evidence: [] },
      ],
    });
    const model = resolveOrThrow(file);
    expect(() => runRules(model, stubContext(model), [twice])).toThrow(/zone\/twice@/);
  });
});

describe('orphanTriage', () => {
  it('warns about triage entries that match no finding, with a hint for near misses', () => {
    const model = resolveOrThrow({
      ...messyPlantFile(),
      triage: [
        { finding: 'zone/empty@spare', status: 'accepted', justification: 'Reserved.' },
        { finding: 'zone/empty@spar', status: 'accepted', justification: 'Typo.' },
        { finding: 'zone/retired-rule@control', status: 'accepted', justification: 'Old.' },
      ],
    });
    const warnings = orphanTriage(model, runRules(model, messyPlantContext(model)));
    expect(warnings.map((warning) => [warning.code, warning.severity, warning.path])).toEqual([
      ['orphan-triage', 'warning', ['triage', 1, 'finding']],
      ['orphan-triage', 'warning', ['triage', 2, 'finding']],
    ]);
    expect(warnings[0]?.message).toContain('zone/empty@spare');
  });

  it('returns nothing when every entry matches', () => {
    const model = resolveOrThrow({
      ...messyPlantFile(),
      triage: [{ finding: 'zone/empty@spare', status: 'accepted', justification: 'Reserved.' }],
    });
    expect(orphanTriage(model, runRules(model, messyPlantContext(model)))).toEqual([]);
  });

  it('leaves triage of external drift findings to check-flows, but still checks look-alike engine ids', () => {
    const model = resolveOrThrow({
      ...messyPlantFile(),
      triage: [
        {
          finding: 'drift/flow-not-allowed@10.1.1.5>10.2.0.9/tcp/502',
          status: 'accepted',
          justification: 'Known.',
        },
        { finding: 'driftx/flow-not-allowed@spare', status: 'accepted', justification: 'Not a namespace.' },
      ],
    });
    const warnings = orphanTriage(model, runRules(model, messyPlantContext(model)));
    expect(warnings.map((warning) => [warning.code, warning.path])).toEqual([
      ['orphan-triage', ['triage', 1, 'finding']],
    ]);
  });
});
