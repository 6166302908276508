import { describe, expect, it } from 'vitest';
import type { RequirementsResult } from '../assessment/assessment';
import type { SystemFileInput } from '../schema/system-file';
import { deriveTargetLevels } from '../security-levels/derive-target-levels';
import { formatVector } from '../security-levels/security-level-vector';
import { aConduit, aCountermeasure, anAsset, aSystem, aZone, resolveOrThrow } from '../testing/builders';
import { deriveRequirements } from './derive-requirements';

const justification = 'Set for the test';

/** A control zone at an explicit SL-T of 2 for every FR, a DMZ, and whatever the test adds. */
const resultsOf = (overrides: Partial<SystemFileInput> = {}): readonly RequirementsResult[] => {
  const model = resolveOrThrow(
    aSystem({
      zones: [
        aZone({ id: 'control', securityLevelTarget: { levels: 2, justification } }),
        aZone({ id: 'dmz' }),
      ],
      ...overrides,
    }),
  );
  return deriveRequirements(model, deriveTargetLevels(model, []));
};
const resultOf = (results: readonly RequirementsResult[], id: string): RequirementsResult => {
  const found = results.find((result) => result.subject.id === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
};
const statusOf = (result: RequirementsResult, id: string) => {
  const found = result.requirements.find((requirement) => requirement.requirement.id === id);
  return (
    found && {
      status: found.status,
      basis: found.basis,
      isGap: found.isGap,
      countermeasures: found.countermeasures.map((ref) => ref.id),
    }
  );
};

describe('deriveRequirements', () => {
  it('selects the requirements of the SL-T vector and counts SRs and REs (ZCR 6.4 l)', () => {
    const control = resultOf(resultsOf(), 'control');
    expect(control.counts).toEqual({ selected: 60, satisfied: 0, gaps: 60, srs: 49, res: 11 });
    expect(statusOf(control, 'SR 1.1')).toEqual({
      status: 'open',
      basis: 'none',
      isGap: true,
      countermeasures: [],
    });
  });

  it('takes the status in order: status entry, countermeasure, SL-C, open', () => {
    const control = resultOf(
      resultsOf({
        assets: [
          anAsset({ id: 'plc-1', zone: 'control', securityLevelCapability: '{2 2 2 2 2 2 2}' }),
          anAsset({ id: 'hmi-1', kind: 'hmi', zone: 'control', securityLevelCapability: '{1 1 1 1 1 1 2}' }),
          anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
        ],
        countermeasures: [
          aCountermeasure({ id: 'ad', appliesTo: ['control'], requirements: ['SR 1.1', 'SR 1.3'] }),
          aCountermeasure({
            id: 'jump',
            appliesTo: ['hmi-1'],
            requirements: ['SR1.13'],
            isCompensating: true,
          }),
          aCountermeasure({
            id: 'later',
            appliesTo: ['control'],
            requirements: ['SR 2.1'],
            status: 'planned',
          }),
        ],
        requirementStatus: [
          { subject: 'control', requirement: 'SR 1.1', status: 'not-met', evidence: 'Shared accounts found' },
          {
            subject: 'control',
            requirement: 'SR 2.5',
            status: 'not-applicable',
            justification: 'No consoles',
          },
        ],
      }),
      'control',
    );
    expect(statusOf(control, 'SR 1.1')).toMatchObject({
      status: 'not-met',
      basis: 'status-entry',
      isGap: true,
    });
    expect(statusOf(control, 'SR 2.5')).toMatchObject({
      status: 'not-applicable',
      basis: 'status-entry',
      isGap: false,
    });
    expect(statusOf(control, 'SR 1.3')).toEqual({
      status: 'met',
      basis: 'countermeasure',
      isGap: false,
      countermeasures: ['ad'],
    });
    expect(statusOf(control, 'SR 1.13')).toMatchObject({
      status: 'compensated',
      basis: 'countermeasure',
      countermeasures: ['jump'],
    });
    expect(statusOf(control, 'SR 7.8')).toMatchObject({ status: 'met', basis: 'capability' });
    expect(statusOf(control, 'SR 1.4')).toMatchObject({ status: 'met', basis: 'capability' });
    expect(statusOf(control, 'SR 1.1 RE 1')).toMatchObject({
      status: 'partial',
      basis: 'capability',
      isGap: true,
    });
    expect(statusOf(control, 'SR 2.1')).toMatchObject({
      status: 'met',
      basis: 'capability',
      countermeasures: [],
    });
  });

  it('reports SL-C per FR as the weakest declaring asset and the FRs where it falls short of SL-T', () => {
    const control = resultOf(
      resultsOf({
        assets: [
          anAsset({ id: 'plc-1', zone: 'control', securityLevelCapability: '{3 2 2 2 2 2 2}' }),
          anAsset({ id: 'hmi-1', kind: 'hmi', zone: 'control', securityLevelCapability: '{2 2 1 2 2 2 1}' }),
          anAsset({ id: 'switch', kind: 'switch', zone: 'control' }),
        ],
        dataFlows: [],
      }),
      'control',
    );
    expect(control.capability && formatVector(control.capability)).toBe('{2 2 1 2 2 2 1}');
    expect(
      control.capabilityGaps.map((gap) => [
        gap.fr,
        gap.target,
        gap.capability,
        gap.assets.map((ref) => ref.id),
      ]),
    ).toEqual([
      ['FR3', 2, 1, ['hmi-1']],
      ['FR7', 2, 1, ['hmi-1']],
    ]);
    expect(resultOf(resultsOf(), 'dmz').capability).toBeUndefined();
  });

  it('derives SL-A per FR as the highest level whose whole-catalog requirements are satisfied', () => {
    const control = resultOf(
      resultsOf({
        assets: [anAsset({ id: 'plc-1', zone: 'control', securityLevelCapability: '{0 0 0 0 0 0 4}' })],
        countermeasures: [
          aCountermeasure({ id: 'siem', appliesTo: ['plc-1'], requirements: ['SR 6.1', 'SR 6.2'] }),
        ],
        dataFlows: [],
      }),
      'control',
    );
    expect(control.achievedBasis).toBe('derived');
    expect(formatVector(control.achieved)).toBe('{0 0 0 0 0 2 4}');
  });

  it('reports a declared SL-A as declared', () => {
    const control = resultOf(
      resultsOf({
        zones: [
          aZone({
            id: 'control',
            securityLevelTarget: { levels: 2, justification },
            securityLevelAchieved: '{1 1 1 1 1 1 1}',
          }),
          aZone({ id: 'dmz' }),
        ],
      }),
      'control',
    );
    expect(control).toMatchObject({ achievedBasis: 'declared' });
    expect(formatVector(control.achieved)).toBe('{1 1 1 1 1 1 1}');
  });

  it('evaluates a conduit against its own devices and countermeasures', () => {
    const conduit = resultOf(
      resultsOf({
        conduits: [aConduit({ id: 'dmz-control', zones: ['dmz', 'control'], devices: ['fw-1'] })],
        assets: [
          ...(aSystem().assets ?? []),
          anAsset({ id: 'fw-1', kind: 'firewall', securityLevelCapability: 3 }),
        ],
        countermeasures: [
          aCountermeasure({ id: 'tls', appliesTo: ['dmz-control'], requirements: ['SR 4.1'] }),
        ],
      }),
      'dmz-control',
    );
    expect(formatVector(conduit.target)).toBe('{2 2 2 2 2 2 2}');
    expect(statusOf(conduit, 'SR 4.1')).toMatchObject({ status: 'met', basis: 'countermeasure' });
    expect(statusOf(conduit, 'SR 5.1')).toMatchObject({ status: 'met', basis: 'capability' });
    expect(conduit.capability && formatVector(conduit.capability)).toBe('{3 3 3 3 3 3 3}');
  });
});
