import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { deriveRequirements } from '../requirements/derive-requirements';
import type { SystemFileInput } from '../schema/system-file';
import { deriveTargetLevels } from '../security-levels/derive-target-levels';
import {
  aConduit,
  aCountermeasure,
  anAccessPoint,
  anAsset,
  aScenario,
  aSystem,
  aZone,
  resolveOrThrow,
} from '../testing/builders';
import { assessInitialRisk } from './assess-initial-risk';
import { assessScenarios } from './assess-scenarios';
import { deriveHeatMaps } from './heat-map';

/** A plant with every kind of input the risk pipeline reads, so that a shuffle can move each of them. */
const plant: SystemFileInput = aSystem({
  zones: [
    aZone({ id: 'office' }),
    aZone({ id: 'dmz' }),
    aZone({ id: 'control' }),
    aZone({ id: 'sis' }),
    aZone({
      id: 'wireless',
      securityLevelTarget: { levels: '{2 2 2 2 2 2 2}', justification: 'Site policy' },
    }),
  ],
  conduits: [
    aConduit({
      id: 'office-dmz',
      zones: ['office', 'dmz'],
      channels: [{ protocol: 'https', from: 'office', to: 'dmz' }],
    }),
    aConduit({
      id: 'dmz-control',
      zones: ['dmz', 'control'],
      channels: [
        { protocol: 'opc-ua', from: 'dmz', to: 'control' },
        { protocol: 'modbus-tcp', from: 'dmz', to: 'control' },
      ],
    }),
    aConduit({
      id: 'control-sis',
      zones: ['control', 'sis'],
      channels: [{ protocol: 'safe-ethernet', from: 'control', to: 'sis' }],
    }),
    aConduit({ id: 'control-wireless', zones: ['control', 'wireless'] }),
  ],
  assets: [
    anAsset({ id: 'erp', kind: 'erp', zone: 'office', criticality: { financial: 3 } }),
    anAsset({ id: 'historian', kind: 'historian', zone: 'dmz', criticality: { production: 2 } }),
    anAsset({ id: 'ews', kind: 'engineering-workstation', zone: 'control', criticality: { production: 3 } }),
    anAsset({
      id: 'plc-1',
      zone: 'control',
      criticality: { 'health-safety': 3, production: 4 },
      securityLevelCapability: 2,
    }),
    anAsset({
      id: 'plc-2',
      zone: 'control',
      criticality: { production: 4 },
      securityLevelCapability: '{2 2 1 1 2 1 2}',
    }),
    anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'sis', criticality: { 'health-safety': 5 } }),
    anAsset({ id: 'agv', kind: 'wireless-client', zone: 'wireless', criticality: { production: 2 } }),
  ],
  accessPoints: [
    anAccessPoint({ id: 'vpn', kind: 'vendor-link', zone: 'dmz' }),
    anAccessPoint({ id: 'mail', kind: 'enterprise-network', zone: 'office' }),
    anAccessPoint({ id: 'usb', kind: 'removable-media', zone: 'control' }),
  ],
  dataFlows: [],
  vulnerabilities: [
    {
      id: 'v1',
      cve: 'CVE-2021-0001',
      isKnownExploited: true,
      cvss: { version: '3.1', score: 9.1 },
      assets: ['plc-2'],
    },
  ],
  countermeasures: [
    aCountermeasure({
      id: 'fw',
      appliesTo: ['dmz-control', 'control'],
      likelihoodReduction: 1,
      requirements: ['SR 5.1'],
    }),
    aCountermeasure({ id: 'mfa', appliesTo: ['vpn'], likelihoodReduction: 2, requirements: ['SR 1.13'] }),
    aCountermeasure({ id: 'kiosk', appliesTo: ['usb'], status: 'planned', likelihoodReduction: 1 }),
  ],
  threatScenarios: [
    aScenario({ id: 'team-1', zone: 'control', entryPoint: 'vpn', likelihood: 4, frs: ['FR1', 'FR2'] }),
    aScenario({ id: 'team-2', targets: ['sis-1'], likelihood: 2, consequences: { 'health-safety': 5 } }),
  ],
  requirementStatus: [
    { subject: 'control', requirement: 'SR 2.5', status: 'not-applicable', justification: 'No consoles' },
  ],
});

const run = (file: SystemFileInput) => {
  const model = resolveOrThrow(file);
  const initial = assessInitialRisk(model);
  const scenarios = assessScenarios(model);
  const targets = deriveTargetLevels(model, scenarios, initial.initialRisk);
  return {
    initial,
    scenarios,
    heatMaps: deriveHeatMaps(model.riskCriteria, initial.initialRisk, scenarios),
    targets,
    requirements: deriveRequirements(model, targets),
  };
};

const permutation = <T>(items: readonly T[]) =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

describe('risk pipeline determinism', () => {
  const expected = JSON.stringify(run(plant));

  test.prop(
    [
      permutation(plant.assets ?? []),
      permutation(plant.zones ?? []),
      permutation(plant.conduits ?? []),
      permutation(plant.threatScenarios ?? []),
      permutation(plant.accessPoints ?? []),
      permutation(plant.countermeasures ?? []),
    ],
    { seed: 20250, numRuns: 25 },
  )(
    'gives the same scenario ids, ratings, targets and requirements whatever the input order',
    (assets, zones, conduits, threatScenarios, accessPoints, countermeasures) => {
      const shuffled = { ...plant, assets, zones, conduits, threatScenarios, accessPoints, countermeasures };
      expect(JSON.stringify(run(shuffled))).toBe(expected);
    },
  );
});
