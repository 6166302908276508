import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CRITERIA } from '../catalogs/default-risk-criteria';
import { SYSTEM_REQUIREMENTS } from '../catalogs/system-requirements';
import type { SystemFileInput } from '../schema/system-file';
import { aCountermeasure, anAccessPoint, aScenario, aSystem, resolveOrThrow } from '../testing/builders';
import { assessInitialRisk } from './assess-initial-risk';
import { assessScenarios } from './assess-scenarios';
import { deriveHeatMaps } from './heat-map';

type Overrides = Partial<SystemFileInput>;

const withMethod = (method: 'risk-band' | 'attacker-capability', floor = 1) => ({
  ...DEFAULT_RISK_CRITERIA,
  securityLevelTarget: { method, floor },
});

/** Assesses only the file's scenarios (no generated ones) so each test sees exactly what it set up. */
const assess = (overrides: Overrides) => {
  const model = resolveOrThrow(aSystem(overrides));
  return { model, scenarios: assessScenarios(model, []) };
};

const one = (overrides: Overrides) => {
  const { scenarios } = assess(overrides);
  if (scenarios.length !== 1 || !scenarios[0]) throw new Error('expected one scenario');
  return scenarios[0];
};

describe('assessScenarios', () => {
  it('rates the unmitigated risk from the likelihood and the worst consequence (ZCR 5.5)', () => {
    const result = one({
      threatScenarios: [
        aScenario({
          id: 's1',
          zone: 'control',
          likelihood: 4,
          consequences: { production: 4, environment: 2 },
        }),
      ],
    });
    expect(result.unmitigated).toMatchObject({ likelihood: 4, impact: 4, band: 'high', isTolerable: false });
    expect(result).toMatchObject({ origin: { kind: 'file' }, subject: { kind: 'zone', id: 'control' } });
    expect(result.likelihoodFactors.map((factor) => factor.delta)).toEqual([4]);
  });

  it('takes the consequences from the targets, else from the assets of its zone (ZCR 5.3)', () => {
    expect(
      one({ threatScenarios: [aScenario({ id: 's1', zone: 'control', targets: ['hmi-1'] })] }).consequences,
    ).toEqual({
      production: 3,
    });
    expect(one({ threatScenarios: [aScenario({ id: 's1', zone: 'control' })] }).consequences).toEqual({
      'health-safety': 3,
      production: 4,
    });
  });

  it.each([
    { name: 'its zone', scenario: { zone: 'control' }, subject: 'control' },
    { name: 'the zone of its first target', scenario: { targets: ['historian', 'plc-1'] }, subject: 'dmz' },
    { name: 'the zone of its entry point', scenario: { entryPoint: 'remote' }, subject: 'dmz' },
    { name: 'the SuC', scenario: {}, subject: 'system' },
  ])('is assessed in $name', ({ scenario, subject }) => {
    expect(one({ threatScenarios: [aScenario({ id: 's1', ...scenario })] }).subject.id).toBe(subject);
  });

  it('credits existing countermeasures listed on it or applying to its zone, entry point or a target, once each (ZCR 5.8)', () => {
    const result = one({
      threatScenarios: [
        aScenario({
          id: 's1',
          zone: 'control',
          entryPoint: 'remote',
          targets: ['plc-1'],
          countermeasures: ['listed', 'on-zone'],
        }),
      ],
      countermeasures: [
        aCountermeasure({ id: 'listed', appliesTo: ['historian'] }),
        aCountermeasure({ id: 'on-zone', appliesTo: ['control'] }),
        aCountermeasure({ id: 'on-entry', appliesTo: ['remote'] }),
        aCountermeasure({ id: 'on-target', appliesTo: ['plc-1'] }),
        aCountermeasure({ id: 'elsewhere', appliesTo: ['dmz', 'hmi-1'] }),
        aCountermeasure({ id: 'later', appliesTo: ['control'], status: 'planned' }),
      ],
    });
    expect(result.existingCountermeasures.map((ref) => ref.id)).toEqual([
      'listed',
      'on-entry',
      'on-target',
      'on-zone',
    ]);
    expect(result.plannedCountermeasures.map((ref) => ref.id)).toEqual(['later']);
  });

  it('lowers residual likelihood and impact by the existing reductions, not below 1 (ZCR 5.9-5.10)', () => {
    const result = one({
      threatScenarios: [
        aScenario({ id: 's1', zone: 'control', likelihood: 4, consequences: { production: 4 } }),
      ],
      countermeasures: [
        aCountermeasure({ id: 'fw', appliesTo: ['control'], likelihoodReduction: 2 }),
        aCountermeasure({ id: 'mfa', appliesTo: ['control'], likelihoodReduction: 3, impactReduction: 1 }),
        aCountermeasure({ id: 'ids', appliesTo: ['control'], status: 'planned', impactReduction: 2 }),
      ],
    });
    expect(result.residual).toMatchObject({ likelihood: 1, impact: 3, band: 'low', isTolerable: true });
    expect(result.projected).toMatchObject({ likelihood: 1, impact: 1 });
  });

  it('uses the residual likelihood the file gives, never above the unmitigated one', () => {
    const rated = (residualLikelihood: number) =>
      one({ threatScenarios: [aScenario({ id: 's1', zone: 'control', likelihood: 3, residualLikelihood })] })
        .residual.likelihood;
    expect(rated(2)).toBe(2);
    expect(rated(5)).toBe(3);
  });

  it('asks for the SL of the unmitigated band by the risk-band method', () => {
    const result = one({
      riskCriteria: withMethod('risk-band'),
      threatScenarios: [
        aScenario({ id: 's1', zone: 'control', likelihood: 5, consequences: { production: 5 } }),
      ],
    });
    expect(result.securityLevel).toBe(4);
  });

  it.each([
    { likelihood: 4, impact: 4, floor: 1, expected: 3 },
    { likelihood: 1, impact: 1, floor: 1, expected: 1 },
    { likelihood: 1, impact: 1, floor: 2, expected: 2 },
  ])(
    'asks for the threat source capability by the attacker-capability method, capped at the floor when tolerable ($likelihood × $impact, floor $floor)',
    ({ likelihood, impact, floor, expected }) => {
      const result = one({
        riskCriteria: withMethod('attacker-capability', floor),
        threatScenarios: [
          aScenario({
            id: 's1',
            zone: 'control',
            source: 'cybercriminal',
            likelihood,
            consequences: { production: impact },
          }),
        ],
      });
      expect(result.source).toMatchObject({ kind: 'threat-source', id: 'cybercriminal', capability: 3 });
      expect(result.securityLevel).toBe(expected);
    },
  );

  it('applies a scenario that names no FR to all seven', () => {
    expect(one({ threatScenarios: [aScenario({ id: 's1', zone: 'control' })] }).frs).toHaveLength(7);
    expect(
      one({ threatScenarios: [aScenario({ id: 's1', zone: 'control', frs: ['SI', 'FR1'] })] }).frs,
    ).toEqual(['FR1', 'FR3']);
  });

  it('suggests the uncovered requirements of its FRs at its SL while the residual risk is above tolerable (ZCR 5.12)', () => {
    const result = one({
      threatScenarios: [
        aScenario({
          id: 's1',
          zone: 'control',
          likelihood: 4,
          consequences: { production: 4 },
          frs: ['FR6'],
        }),
      ],
      countermeasures: [aCountermeasure({ id: 'siem', appliesTo: ['control'], requirements: ['SR 6.1'] })],
    });
    expect(result.securityLevel).toBe(3);
    const fr6 = SYSTEM_REQUIREMENTS.filter(
      (requirement) => requirement.fr === 'FR6' && requirement.minLevel <= 3,
    );
    expect(result.suggestedRequirements).toEqual(
      fr6.map((requirement) => requirement.id).filter((id) => id !== 'SR 6.1'),
    );
    const mitigated = one({
      threatScenarios: [
        aScenario({
          id: 's1',
          zone: 'control',
          likelihood: 4,
          consequences: { production: 4 },
          residualLikelihood: 1,
        }),
      ],
    });
    expect(mitigated.suggestedRequirements).toEqual([]);
  });

  it('assesses generated scenarios by default, with their rule as origin, sorted by id', () => {
    const model = resolveOrThrow(aSystem({ threatScenarios: [aScenario({ id: 'zz-team', zone: 'dmz' })] }));
    const scenarios = assessScenarios(model);
    expect(scenarios.map((scenario) => scenario.id)).toEqual(
      [...scenarios.map((scenario) => scenario.id)].sort(),
    );
    expect(
      scenarios.find((scenario) => scenario.id === 'threat/controller-denial-of-service@control'),
    ).toMatchObject({
      origin: { kind: 'rule', ruleId: 'threat/controller-denial-of-service' },
      subject: { id: 'control' },
      frs: ['FR7'],
    });
    for (const scenario of scenarios) {
      expect(scenario.likelihoodFactors.reduce((sum, factor) => sum + factor.delta, 0)).toBe(
        scenario.unmitigated.likelihood,
      );
    }
  });

  test.prop(
    [
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 5 }),
      fc.array(
        fc.record({
          likelihood: fc.integer({ min: 0, max: 4 }),
          impact: fc.integer({ min: 0, max: 4 }),
          isPlanned: fc.boolean(),
        }),
        { maxLength: 4 },
      ),
      fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    ],
    { seed: 5911, numRuns: 60 },
  )(
    'never rates residual above unmitigated, nor projected above residual',
    (likelihood, impact, reductions, residualLikelihood) => {
      const result = one({
        accessPoints: [anAccessPoint({ id: 'remote', zone: 'dmz' })],
        threatScenarios: [
          aScenario({
            id: 's1',
            zone: 'control',
            likelihood,
            consequences: { production: impact },
            ...(residualLikelihood === undefined ? {} : { residualLikelihood }),
          }),
        ],
        countermeasures: reductions.map((reduction, index) =>
          aCountermeasure({
            id: `cm-${index}`,
            appliesTo: ['control'],
            status: reduction.isPlanned ? 'planned' : 'existing',
            likelihoodReduction: reduction.likelihood,
            impactReduction: reduction.impact,
          }),
        ),
      });
      expect(result.residual.rank).toBeLessThanOrEqual(result.unmitigated.rank);
      expect(result.residual.likelihood).toBeLessThanOrEqual(result.unmitigated.likelihood);
      expect(result.residual.impact).toBeLessThanOrEqual(result.unmitigated.impact);
      expect(result.projected.rank).toBeLessThanOrEqual(result.residual.rank);
    },
  );
});

describe('deriveHeatMaps', () => {
  it('places zones and scenarios on the matrix at [likelihood-1][impact-1]', () => {
    const { model, scenarios } = assess({
      threatScenarios: [
        aScenario({
          id: 's1',
          zone: 'control',
          likelihood: 4,
          consequences: { production: 4 },
          residualLikelihood: 2,
        }),
        aScenario({ id: 's2', zone: 'dmz', likelihood: 4, consequences: { production: 4 } }),
      ],
    });
    const maps = deriveHeatMaps(model.riskCriteria, assessInitialRisk(model).initialRisk, scenarios);
    expect(maps.unmitigated).toHaveLength(5);
    expect(maps.unmitigated[3]?.[3]).toEqual(['s1', 's2']);
    expect(maps.residual[1]?.[3]).toEqual(['s1']);
    expect(maps.residual[3]?.[3]).toEqual(['s2']);
    expect(maps.initial[4]?.[3]).toEqual(['control']);
    expect(maps.initial[4]?.[1]).toEqual(['dmz']);
  });
});
