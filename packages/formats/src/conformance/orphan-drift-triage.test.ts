import { isExternalFindingId } from '@zonewise/core';
import { aSystem, aZone, resolveOrThrow } from '@zonewise/core/testing';
import { describe, expect, it } from 'vitest';
import {
  CAPTURE_DRIFT_RULES,
  DRIFT_RULES,
  driftFinding,
  FIREWALL_DRIFT_RULES,
  UNKNOWN_HOST,
} from './drift-rules';
import { orphanDriftTriage } from './orphan-drift-triage';

describe('drift rule namespace', () => {
  it('puts every drift rule in a namespace the engine treats as external, split between the two checks', () => {
    for (const rule of DRIFT_RULES) expect(isExternalFindingId(`${rule.id}@key`)).toBe(true);
    expect([...CAPTURE_DRIFT_RULES, ...FIREWALL_DRIFT_RULES].map((rule) => rule.id).sort()).toEqual(
      DRIFT_RULES.map((rule) => rule.id).sort(),
    );
  });
});

describe('orphanDriftTriage', () => {
  const model = resolveOrThrow(
    aSystem({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' })],
      triage: [
        { finding: 'drift/unknown-host@10.0.0.1', status: 'accepted', justification: 'Seen.' },
        { finding: 'drift/unknown-host@10.0.0.2', status: 'accepted', justification: 'Gone.' },
        { finding: 'drift/channel-blocked-by-firewall@c#0', status: 'accepted', justification: 'Firewall.' },
        { finding: 'zone/empty@control', status: 'accepted', justification: 'Engine.' },
      ],
    }),
  );
  const found = [
    driftFinding(model, UNKNOWN_HOST, '10.0.0.1', {
      subject: { kind: 'zone', id: 'control' },
      because: 'test',
      evidence: [],
    }),
  ];

  it('warns only about entries of the rules that ran and that match no finding, with a hint', () => {
    const warnings = orphanDriftTriage(
      model,
      found,
      CAPTURE_DRIFT_RULES.map((rule) => rule.id),
    );
    expect(warnings.map((warning) => [warning.code, warning.severity, warning.path])).toEqual([
      ['orphan-triage', 'warning', ['triage', 1, 'finding']],
    ]);
    expect(warnings[0]?.message).toContain('drift/unknown-host@10.0.0.1');
  });

  it('judges firewall entries once the firewall check ran', () => {
    const warnings = orphanDriftTriage(
      model,
      found,
      DRIFT_RULES.map((rule) => rule.id),
    );
    expect(warnings.map((warning) => warning.path[1])).toEqual([1, 2]);
  });
});
