import { describe, expect, it } from 'vitest';
import type {
  RequirementResult,
  RequirementsResult,
  RequirementState,
  TargetLevels,
} from '../assessment/assessment';
import { SYSTEM_REQUIREMENTS } from '../catalogs/system-requirements';
import { parseSecurityLevelVector, uniformVector } from '../security-levels/security-level-vector';
import {
  aConduit,
  aCountermeasure,
  aDataFlow,
  anAccessPoint,
  anAsset,
  aSystem,
  aZone,
  resolveOrThrow,
} from '../testing/builders';
import { assembleCrs, isPhysicalAccessPoint } from './assemble-crs';

const requirement = (id: string) => {
  const found = SYSTEM_REQUIREMENTS.find((definition) => definition.id === id);
  if (!found) throw new Error(`no requirement ${id}`);
  return found;
};

const resultsFor = (
  subjectId: string,
  rows: readonly (readonly [string, RequirementState, readonly string[]])[],
): RequirementsResult => {
  const requirements: RequirementResult[] = rows.map(([id, status, countermeasures]) => ({
    requirement: requirement(id),
    status,
    basis: countermeasures.length > 0 ? 'countermeasure' : 'none',
    countermeasures: countermeasures.map((cm) => ({ kind: 'countermeasure', id: cm })),
    isGap: status === 'not-met' || status === 'partial' || status === 'open',
  }));
  return {
    subject: { kind: 'zone', id: subjectId },
    target: uniformVector(2),
    achieved: uniformVector(1),
    achievedBasis: 'derived',
    requirements,
    counts: { selected: rows.length, satisfied: 0, gaps: 0, srs: 0, res: 0 },
    capabilityGaps: [],
  };
};

const target = (kind: 'zone' | 'conduit', id: string, levels: string): TargetLevels => ({
  subject: { kind, id },
  method: 'risk-band',
  target: parseSecurityLevelVector(levels),
  derived: parseSecurityLevelVector(levels),
  reasons: [],
});

const twoZones = aSystem({
  system: {
    name: 'Two-zone plant',
    intendedUse: 'Testing',
    assumptions: ['Control room is badge-controlled'],
    threatEnvironment: { description: 'Ransomware crews', sources: ['CISA ICS advisories'] },
    policies: [
      { id: 'pol-remote', title: 'Remote access policy' },
      { id: 'pol-patch', title: 'Patch policy', description: 'Monthly' },
    ],
    regulations: [{ id: 'gmp', title: 'EU GMP Annex 11' }],
  },
  zones: [
    aZone({
      id: 'control',
      organisation: 'Production OT',
      boundary: { logical: 'VLAN 20, 10.20.0.0/24', physical: 'Building A, cabinet 3' },
      policies: ['pol-patch'],
      assumptions: ['PLCs are not reachable from the internet'],
    }),
    aZone({ id: 'dmz' }),
  ],
  assets: [
    anAsset({
      id: 'plc-1',
      kind: 'plc',
      zone: 'control',
      criticality: { 'health-safety': 3, production: 4 },
    }),
    anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'control', criticality: { 'health-safety': 5 } }),
    anAsset({ id: 'historian', kind: 'historian', zone: 'dmz', criticality: { production: 2 } }),
    anAsset({ id: 'fw-1', kind: 'firewall', zone: 'dmz-control' }),
  ],
  conduits: [
    aConduit({
      id: 'dmz-control',
      zones: ['dmz', 'control'],
      organisation: 'IT networks',
      channels: [{ protocol: 'opc-ua', port: 4840, from: 'dmz', to: 'control' }],
      enforcement: ['firewall'],
      policies: ['pol-remote'],
    }),
  ],
  accessPoints: [
    anAccessPoint({ id: 'remote', zone: 'dmz' }),
    anAccessPoint({ id: 'usb', kind: 'removable-media', zone: 'control' }),
    anAccessPoint({ id: 'eng-port', kind: 'other', zone: 'control', isLogical: false }),
    anAccessPoint({ id: 'wifi', kind: 'wireless', zone: 'control', isLogical: true }),
  ],
  dataFlows: [
    aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1', protocol: 'opc-ua', port: 4840 }),
    aDataFlow({ id: 'plc-sis', from: 'plc-1', to: 'sis-1', protocol: 'profinet' }),
    aDataFlow({ id: 'usb-plc', from: 'plc-1', to: 'sis-1', protocol: 'files', accessPoint: 'usb' }),
  ],
  countermeasures: [aCountermeasure({ id: 'cm-mon', appliesTo: ['control'], isCompensating: true })],
});

describe('assembleCrs', () => {
  const model = resolveOrThrow(twoZones);
  const crs = assembleCrs(
    model,
    [target('zone', 'control', '{2 2 3 1 2 1 3}'), target('conduit', 'dmz-control', '{2 2 3 1 2 1 3}')],
    [
      resultsFor('control', [
        ['SR 1.1', 'met', []],
        ['SR 5.1', 'compensated', ['cm-mon']],
        ['SR 6.2', 'not-met', []],
      ]),
    ],
  );
  const control = crs.characteristics.find((row) => row.subject.id === 'control');
  const dmz = crs.characteristics.find((row) => row.subject.id === 'dmz');
  const conduit = crs.characteristics.find((row) => row.subject.id === 'dmz-control');

  it('lists zones then conduits, each once', () => {
    expect(crs.characteristics.map((row) => `${row.subject.kind}:${row.subject.id}`)).toEqual([
      'zone:control',
      'zone:dmz',
      'conduit:dmz-control',
    ]);
  });

  it('fills attributes a–e of a zone from the file', () => {
    expect(control).toMatchObject({
      a_identifier: 'control',
      b_accountableOrganisation: 'Production OT',
      c_logicalBoundary: 'VLAN 20, 10.20.0.0/24',
      d_physicalBoundary: 'Building A, cabinet 3',
      e_isSafetyRelated: true,
    });
    expect(dmz?.b_accountableOrganisation).toBeUndefined();
    expect(dmz?.e_isSafetyRelated).toBe(false);
  });

  it('splits logical and physical access points (f, g)', () => {
    expect(control?.f_logicalAccessPoints.map((ref) => ref.id)).toEqual(['wifi']);
    expect(control?.g_physicalAccessPoints.map((ref) => ref.id)).toEqual(['eng-port', 'usb']);
    expect(dmz?.f_logicalAccessPoints.map((ref) => ref.id)).toEqual(['remote']);
  });

  it('lists data flows that cross the boundary or use an access point (h)', () => {
    expect(control?.h_dataFlows).toEqual([
      {
        flow: { kind: 'data-flow', id: 'hist-plc' },
        from: 'historian',
        to: 'plc-1',
        protocol: 'opc-ua',
        port: '4840',
      },
      {
        flow: { kind: 'data-flow', id: 'usb-plc' },
        from: 'plc-1',
        to: 'sis-1',
        protocol: 'files',
        port: '502',
        accessPoint: 'usb',
      },
    ]);
    expect(conduit?.h_dataFlows.map((row) => row.flow.id)).toEqual(['hist-plc']);
  });

  it('lists connected conduits and zones (i)', () => {
    expect(control?.i_connected.map((ref) => `${ref.kind}:${ref.id}`)).toEqual([
      'conduit:dmz-control',
      'zone:dmz',
    ]);
    expect(conduit?.i_connected.map((ref) => ref.id)).toEqual(['control', 'dmz']);
  });

  it('lists assets with kind, worst impact and safety (j)', () => {
    expect(control?.j_assets).toEqual([
      {
        asset: { kind: 'asset', id: 'plc-1', name: 'Asset plc-1' },
        kind: 'plc',
        worstImpact: 4,
        isSafetyRelated: false,
      },
      {
        asset: { kind: 'asset', id: 'sis-1', name: 'Asset sis-1' },
        kind: 'safety-controller',
        worstImpact: 5,
        isSafetyRelated: true,
      },
    ]);
    expect(conduit?.j_assets.map((row) => row.asset.id)).toEqual(['fw-1']);
    expect(conduit?.d_physicalBoundary).toBe('Asset fw-1');
  });

  it('carries SL-T (k) and requirements with compensating countermeasures (l)', () => {
    expect(control?.k_targetLevels).toEqual(parseSecurityLevelVector('{2 2 3 1 2 1 3}'));
    expect(dmz?.k_targetLevels).toEqual(uniformVector(0));
    expect(control?.l_requirements).toEqual([
      { id: 'SR 1.1', status: 'met', compensatedBy: [] },
      { id: 'SR 5.1', status: 'compensated', compensatedBy: ['cm-mon'] },
      { id: 'SR 6.2', status: 'not-met', compensatedBy: [] },
    ]);
    expect(dmz?.l_requirements).toEqual([]);
  });

  it('resolves policies (m) and keeps assumptions (n)', () => {
    expect(control?.m_policies).toEqual([{ id: 'pol-patch', title: 'Patch policy' }]);
    expect(conduit?.m_policies).toEqual([{ id: 'pol-remote', title: 'Remote access policy' }]);
    expect(control?.n_assumptions).toEqual(['PLCs are not reachable from the internet']);
  });

  it('describes a conduit by its channels and marks it safety-related when it joins a safety zone', () => {
    expect(conduit).toMatchObject({
      b_accountableOrganisation: 'IT networks',
      c_logicalBoundary: 'dmz → control: opc-ua/4840',
      e_isSafetyRelated: true,
    });
  });

  it('assembles ZCR 6.5–6.9 from the system', () => {
    expect(crs.operatingEnvironmentAssumptions).toEqual(['Control room is badge-controlled']);
    expect(crs.threatEnvironment.sources).toEqual(['CISA ICS advisories']);
    expect(crs.policies).toEqual([
      { id: 'pol-remote', title: 'Remote access policy' },
      { id: 'pol-patch', title: 'Patch policy', description: 'Monthly' },
    ]);
    expect(crs.tolerableRisk.band).toBe(model.riskCriteria.tolerable);
    expect(crs.regulations.map((regulation) => regulation.id)).toEqual(['gmp']);
  });
});

describe('isPhysicalAccessPoint', () => {
  it.each([
    ['remote-access', undefined, false],
    ['remote-access', false, true],
    ['serial', true, true],
    ['maintenance-laptop', undefined, true],
    ['physical', undefined, true],
    ['wireless', undefined, false],
  ] as const)('classifies %s (isLogical %s) as physical: %s', (kind, isLogical, expected) => {
    const accessPoint = {
      id: 'ap',
      name: 'AP',
      kind,
      zone: 'z',
      ...(isLogical === undefined ? {} : { isLogical }),
    };
    expect(isPhysicalAccessPoint(accessPoint)).toBe(expected);
  });
});
