import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { TargetLevels } from '../assessment/assessment';
import { DEFAULT_RISK_CRITERIA } from '../catalogs/default-risk-criteria';
import { FOUNDATIONAL_REQUIREMENTS } from '../catalogs/foundational-requirements';
import { assessInitialRisk } from '../risk/assess-initial-risk';
import { assessScenarios } from '../risk/assess-scenarios';
import type { SystemFileInput, ThreatScenarioInput } from '../schema/system-file';
import { aConduit, anAsset, aScenario, aSystem, aZone, resolveOrThrow } from '../testing/builders';
import { deriveTargetLevels, SAFETY_ZONE_AT_LEAST_CONNECTED_RULE } from './derive-target-levels';
import { formatVector } from './security-level-vector';

/** Scenario SLs by the default risk-band method: L4×I4 → High → SL 3, L5×I5 → Critical → SL 4, L3×I3 → SL 2. */
const at = (sl: 2 | 3 | 4) =>
  ({ 2: { likelihood: 3, impact: 3 }, 3: { likelihood: 4, impact: 4 }, 4: { likelihood: 5, impact: 5 } })[sl];
const scenarioAt = (id: string, zone: string, sl: 2 | 3 | 4, frs: string[]): ThreatScenarioInput =>
  aScenario({ id, zone, frs, likelihood: at(sl).likelihood, consequences: { production: at(sl).impact } });

/** Targets from the file's scenarios only (generated ones excluded, so each test controls its inputs). */
const targetsOf = (overrides: Partial<SystemFileInput>, withGenerated = false): readonly TargetLevels[] => {
  const model = resolveOrThrow(aSystem(overrides));
  const scenarios = withGenerated ? assessScenarios(model) : assessScenarios(model, []);
  return deriveTargetLevels(model, scenarios, assessInitialRisk(model).initialRisk);
};
const targetOf = (targets: readonly TargetLevels[], id: string): TargetLevels => {
  const found = targets.find((target) => target.subject.id === id);
  if (!found) throw new Error(`no target for ${id}`);
  return found;
};

describe('deriveTargetLevels', () => {
  it('takes per FR the highest SL of the zone scenarios exercising it, never below the floor (ZCR 5.6)', () => {
    const control = targetOf(
      targetsOf({
        threatScenarios: [
          scenarioAt('s-access', 'control', 3, ['FR1', 'FR2']),
          scenarioAt('s-logic', 'control', 4, ['FR2', 'FR3']),
          scenarioAt('s-dos', 'control', 2, ['FR7']),
          scenarioAt('s-other', 'dmz', 4, ['FR7']),
        ],
      }),
      'control',
    );
    expect(formatVector(control.target)).toBe('{3 4 4 1 1 1 2}');
    expect(control.method).toBe('risk-band');
    expect(control.reasons.map((reason) => [reason.fr, reason.basis, reason.sources])).toEqual([
      ['FR1', 'scenario', ['s-access']],
      ['FR2', 'scenario', ['s-logic']],
      ['FR3', 'scenario', ['s-logic']],
      ['FR4', 'floor', []],
      ['FR5', 'floor', []],
      ['FR6', 'floor', []],
      ['FR7', 'scenario', ['s-dos']],
    ]);
  });

  it('keeps the floor when scenarios ask for less', () => {
    const control = targetOf(
      targetsOf({
        riskCriteria: { ...DEFAULT_RISK_CRITERIA, securityLevelTarget: { method: 'risk-band', floor: 3 } },
        threatScenarios: [scenarioAt('s1', 'control', 2, ['FR1'])],
      }),
      'control',
    );
    expect(control.target.FR1).toBe(3);
    expect(control.reasons[0]).toMatchObject({ basis: 'floor', level: 3 });
  });

  it('gives a zone without scenarios the floor with basis floor', () => {
    const office = targetOf(
      targetsOf({
        zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'office' })],
        assets: [
          ...(aSystem().assets ?? []),
          anAsset({ id: 'pc', kind: 'business-workstation', zone: 'office', criticality: { financial: 1 } }),
        ],
      }),
      'office',
    );
    expect(formatVector(office.target)).toBe('{1 1 1 1 1 1 1}');
    expect(office.reasons.every((reason) => reason.basis === 'floor' && reason.sources.length === 0)).toBe(
      true,
    );
  });

  it('lets an explicit target win and still reports the derived one', () => {
    const control = targetOf(
      targetsOf({
        zones: [
          aZone({
            id: 'control',
            securityLevelTarget: { levels: '{2 2 2 2 2 2 2}', justification: 'Owner policy' },
          }),
          aZone({ id: 'dmz' }),
        ],
        threatScenarios: [scenarioAt('s1', 'control', 4, ['FR3'])],
      }),
      'control',
    );
    expect(control).toMatchObject({ method: 'explicit', justification: 'Owner policy' });
    expect(formatVector(control.target)).toBe('{2 2 2 2 2 2 2}');
    expect(formatVector(control.derived)).toBe('{1 1 4 1 1 1 1}');
    expect(control.reasons.every((reason) => reason.basis === 'explicit')).toBe(true);
  });

  it('gives a conduit the per-FR maximum of the zones it joins by default', () => {
    const targets = targetsOf({
      threatScenarios: [
        scenarioAt('s1', 'control', 3, ['FR1', 'FR7']),
        scenarioAt('s2', 'dmz', 4, ['FR1', 'FR4']),
      ],
    });
    const conduit = targetOf(targets, 'dmz-control');
    expect(conduit.method).toBe('zones');
    expect(formatVector(conduit.target)).toBe('{4 1 1 4 1 1 3}');
    expect(conduit.reasons.find((reason) => reason.fr === 'FR7')).toMatchObject({
      basis: 'zones',
      sources: ['control'],
    });
    expect(conduit.reasons.find((reason) => reason.fr === 'FR2')).toMatchObject({
      basis: 'zones',
      sources: ['control', 'dmz'],
    });
  });

  it('uses the scenarios assessed on a conduit for the FRs they exercise, the zones for the rest', () => {
    const conduit = targetOf(
      targetsOf({
        threatScenarios: [
          scenarioAt('s1', 'control', 4, ['FR3']),
          scenarioAt('on-conduit', 'dmz-control', 2, ['FR3', 'FR4']),
        ],
      }),
      'dmz-control',
    );
    expect(conduit.method).toBe('risk-band');
    expect(formatVector(conduit.target)).toBe('{1 1 2 2 1 1 1}');
    expect(conduit.reasons[2]).toMatchObject({ basis: 'scenario', sources: ['on-conduit'] });
    expect(conduit.reasons[0]).toMatchObject({ basis: 'zones' });
  });

  it('lets an explicit conduit target win', () => {
    const conduit = targetOf(
      targetsOf({
        conduits: [
          aConduit({
            id: 'dmz-control',
            zones: ['dmz', 'control'],
            securityLevelTarget: { levels: 3, justification: 'Boundary to control' },
          }),
        ],
      }),
      'dmz-control',
    );
    expect(conduit.method).toBe('explicit');
    expect(formatVector(conduit.target)).toBe('{3 3 3 3 3 3 3}');
  });

  it('raises a safety zone to the SL-T of the non-safety zones it connects to, as a rule', () => {
    const targets = targetsOf({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'sis' })],
      conduits: [...(aSystem().conduits ?? []), aConduit({ id: 'control-sis', zones: ['control', 'sis'] })],
      assets: [
        ...(aSystem().assets ?? []),
        anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'sis', criticality: { 'health-safety': 5 } }),
      ],
      threatScenarios: [
        scenarioAt('s1', 'control', 3, ['FR1', 'FR3']),
        scenarioAt('s-sis', 'sis', 4, ['FR3']),
      ],
    });
    const sis = targetOf(targets, 'sis');
    expect(formatVector(sis.target)).toBe('{3 1 4 1 1 1 1}');
    expect(sis.reasons[0]).toMatchObject({ basis: 'rule', sources: ['control'], level: 3 });
    expect(sis.reasons[0]?.text).toContain(SAFETY_ZONE_AT_LEAST_CONNECTED_RULE);
    expect(sis.reasons[2]).toMatchObject({ basis: 'scenario', sources: ['s-sis'] });
  });

  it('counts a generated scenario in its target zone', () => {
    const targets = targetsOf({}, true);
    const control = targetOf(targets, 'control');
    expect(control.reasons.find((reason) => reason.fr === 'FR7')?.sources).toEqual([
      'threat/controller-denial-of-service@control',
    ]);
    expect(control.reasons.find((reason) => reason.fr === 'FR1')?.sources).toEqual([
      'threat/external-access-compromise@remote>control',
    ]);
  });

  test.prop(
    [
      fc.array(
        fc.tuple(
          fc.constantFrom('control', 'dmz'),
          fc.constantFrom<2 | 3 | 4>(2, 3, 4),
          fc.subarray([...FOUNDATIONAL_REQUIREMENTS], { minLength: 1 }),
        ),
        { maxLength: 6 },
      ),
    ],
    {
      seed: 7474,
      numRuns: 40,
    },
  )('sets a conduit without its own scenarios to the per-FR maximum of its zones', (specs) => {
    const targets = targetsOf({
      threatScenarios: specs.map(([zone, sl, frs], index) => scenarioAt(`s${index}`, zone, sl, frs)),
    });
    const conduit = targetOf(targets, 'dmz-control');
    const control = targetOf(targets, 'control');
    const dmz = targetOf(targets, 'dmz');
    for (const fr of FOUNDATIONAL_REQUIREMENTS)
      expect(conduit.target[fr]).toBe(Math.max(control.target[fr], dmz.target[fr]));
  });
});
