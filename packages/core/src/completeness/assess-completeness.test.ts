import { describe, expect, it } from 'vitest';
import type {
  ApprovalState,
  InitialRisk,
  RequirementsResult,
  RiskRating,
  ScenarioAssessment,
  TargetLevels,
} from '../assessment/assessment';
import { DEFAULT_RISK_CRITERIA } from '../catalogs/default-risk-criteria';
import type { Finding, FindingStatus } from '../findings/finding';
import type { EntityRef, SystemModel } from '../model/system-model';
import type { SystemFileInput } from '../schema/system-file';
import { uniformVector } from '../security-levels/security-level-vector';
import { aConduit, anAsset, aSystem, aZone, resolveOrThrow } from '../testing/builders';
import { assessApprovals } from './assess-approvals';
import { assessCompleteness, COMPLETENESS_STEPS, type CompletenessInput } from './assess-completeness';

const SHA = 'a'.repeat(64);

/** A model with everything ZCR 1–7 asks for. */
const completeFile = (overrides: Partial<SystemFileInput> = {}): SystemFileInput =>
  aSystem({
    assessment: {
      date: '2024-05-01',
      confidentiality: 'Internal',
      team: [{ name: 'A. Engineer', role: 'OT security' }],
      sessions: [{ date: '2024-04-20', topic: 'Workshop' }],
    },
    system: {
      name: 'Plant',
      description: 'Tablet press line',
      intendedUse: 'Production of tablets',
      equipmentUnderControl: 'Tablet presses',
      boundary: { logical: '10.0.0.0/16' },
      assumptions: ['Site is fenced'],
      threatEnvironment: { sources: ['CISA ICS advisories'] },
      policies: [{ id: 'pol-1', title: 'OT security policy' }],
      regulations: [{ id: 'reg-1', title: 'EU GMP Annex 11' }],
      references: [{ id: 'ref-1', title: 'HAZOP 2023' }],
    },
    riskCriteria: DEFAULT_RISK_CRITERIA,
    zones: [
      aZone({ id: 'control', organisation: 'Production', boundary: { logical: 'VLAN 20' } }),
      aZone({ id: 'dmz', organisation: 'IT', boundary: { logical: 'VLAN 30' } }),
    ],
    conduits: [
      aConduit({
        id: 'dmz-control',
        zones: ['dmz', 'control'],
        organisation: 'IT',
        channels: [{ protocol: 'opc-ua', port: 4840, from: 'dmz', to: 'control' }],
        enforcement: ['firewall'],
      }),
    ],
    ...overrides,
  });

const rating = (band: string, isTolerable: boolean): RiskRating => ({
  likelihood: 3,
  impact: 4,
  band,
  rank: isTolerable ? 1 : 2,
  isTolerable,
});

const initialRiskOf = (model: SystemModel, detailed: readonly string[] = []): InitialRisk[] =>
  [...model.zones, ...model.conduits].map((subject) => {
    const isZone = model.zone(subject.id) !== undefined;
    return {
      subject: { kind: isZone ? 'zone' : 'conduit', id: subject.id },
      rating: rating(detailed.includes(subject.id) ? 'high' : 'medium', !detailed.includes(subject.id)),
      impacts: {},
      drivers: [],
      requiresDetailedAssessment: detailed.includes(subject.id),
    };
  });

const subjectsOf = (model: SystemModel): EntityRef[] => [
  ...model.zones.map((zone) => ({ kind: 'zone' as const, id: zone.id })),
  ...model.conduits.map((conduit) => ({ kind: 'conduit' as const, id: conduit.id })),
];

const targetsOf = (model: SystemModel): TargetLevels[] =>
  subjectsOf(model).map((subject) => ({
    subject,
    method: 'risk-band',
    target: uniformVector(2),
    derived: uniformVector(2),
    reasons: [],
  }));

const requirementsOf = (model: SystemModel): RequirementsResult[] =>
  subjectsOf(model).map((subject) => ({
    subject,
    target: uniformVector(2),
    achieved: uniformVector(2),
    achievedBasis: 'derived',
    requirements: [],
    counts: { selected: 0, satisfied: 0, gaps: 0, srs: 0, res: 0 },
    capabilityGaps: [],
  }));

const scenario = (
  id: string,
  subjectId: string,
  ratings: { unmitigated: RiskRating; residual: RiskRating; projected: RiskRating },
  extra: Partial<ScenarioAssessment> = {},
): ScenarioAssessment => ({
  id,
  title: id,
  origin: { kind: 'file' },
  source: { kind: 'threat-source', id: 'cybercriminal', capability: 2 },
  subject: { kind: 'zone', id: subjectId },
  targets: [],
  techniques: [],
  vulnerabilities: [],
  frs: ['FR1'],
  consequences: { production: 4 },
  likelihoodFactors: [],
  existingCountermeasures: [],
  plannedCountermeasures: [],
  securityLevel: 2,
  securityLevelReason: 'band',
  suggestedRequirements: [],
  ...ratings,
  ...extra,
});

const finding = (
  ruleId: string,
  clause: string,
  subject: EntityRef,
  status: FindingStatus = 'open',
): Finding => ({
  id: `${ruleId}@${subject.id}`,
  ruleId,
  title: `Title of ${ruleId}`,
  severity: 'high',
  reference: { standard: 'IEC 62443-3-2', clause },
  subject,
  because: 'because',
  evidence: [],
  rationale: 'rationale',
  remediation: 'remediation',
  status,
});

const approved = (): ApprovalState[] => [
  {
    approval: {
      id: 'ap-1',
      approver: 'Plant manager',
      meaning: 'approved',
      signedAt: '2024-05-02',
      modelSha256: SHA,
    },
    isStale: false,
  },
];

const inputFor = (model: SystemModel, overrides: Partial<CompletenessInput> = {}): CompletenessInput => ({
  model,
  findings: [],
  initialRisk: initialRiskOf(model),
  scenarios: [],
  targets: targetsOf(model),
  requirements: requirementsOf(model),
  approvals: approved(),
  ...overrides,
});

const missingOf = (input: CompletenessInput, step: string): readonly string[] | undefined =>
  assessCompleteness(input).find((result) => result.step === step)?.missing;

describe('assessCompleteness', () => {
  it('reports every step, in workflow order, with its clause', () => {
    const steps = assessCompleteness(inputFor(resolveOrThrow(completeFile())));
    expect(steps.map((step) => step.step)).toEqual(COMPLETENESS_STEPS.map((step) => step.step));
    expect(steps[0]?.reference).toEqual({ standard: 'IEC 62443-3-2', clause: 'ZCR 1.1' });
  });

  it('finds nothing missing in a complete model', () => {
    const incomplete = assessCompleteness(inputFor(resolveOrThrow(completeFile()))).filter(
      (step) => !step.isComplete,
    );
    expect(incomplete).toEqual([]);
  });

  it('names the zone without an accountable organisation (CRS b) and marks ZCR 6.1 incomplete', () => {
    const model = resolveOrThrow(
      completeFile({
        zones: [
          aZone({ id: 'control', organisation: 'Production', boundary: { logical: 'VLAN 20' } }),
          aZone({ id: 'dmz', boundary: { logical: 'VLAN 30' } }),
        ],
      }),
    );
    const steps = assessCompleteness(inputFor(model));
    expect(steps.find((step) => step.step === 'ZCR 6.4')).toMatchObject({
      isComplete: false,
      missing: ['zone "dmz": no accountable organisation (CRS b)'],
    });
    expect(steps.find((step) => step.step === 'ZCR 6.1')?.missing).toEqual([
      'ZCR 6.4 (Zone and conduit characteristics): incomplete',
    ]);
  });

  it('lists what the SuC, documentation and CRS lack in a bare model', () => {
    const model = resolveOrThrow(
      aSystem({ accessPoints: [], dataFlows: [], assets: [anAsset({ id: 'loose', criticality: {} })] }),
    );
    const input = inputFor(model, { approvals: [] });
    expect(missingOf(input, 'ZCR 1.1')).toEqual([
      'system: no SuC boundary (logical or physical) described',
      'system: no access point listed',
      'asset "loose": not assigned to a zone',
    ]);
    expect(missingOf(input, 'ZCR 2.1')).toEqual(['asset "loose": no consequence rating (criticality)']);
    expect(missingOf(input, 'ZCR 5.13')).toHaveLength(5);
    expect(missingOf(input, 'ZCR 6.2')).toEqual([
      'system: no description',
      'system: no equipment under control',
    ]);
    expect(missingOf(input, 'ZCR 6.4')).toContain(
      'conduit "dmz-control": no accountable organisation (CRS b)',
    );
    expect(missingOf(input, 'ZCR 6.4')).toContain('zone "control": no logical boundary (CRS c)');
    expect(missingOf(input, 'ZCR 6.8')).toHaveLength(1);
    expect(missingOf(input, 'ZCR 7.1')).toEqual(['approval: none recorded']);
  });

  it('reports missing SL-T and requirements per zone and conduit (CRS k, l)', () => {
    const model = resolveOrThrow(completeFile());
    const input = inputFor(model, {
      targets: targetsOf(model).filter((levels) => levels.subject.id !== 'dmz'),
      requirements: requirementsOf(model).filter((result) => result.subject.id !== 'dmz-control'),
    });
    expect(missingOf(input, 'ZCR 6.4')).toEqual([
      'zone "dmz": no SL-T (CRS k)',
      'conduit "dmz-control": no requirements derived (CRS l)',
    ]);
  });

  it('completes a ZCR 3 clause only when no open finding of its rules remains', () => {
    const model = resolveOrThrow(completeFile());
    const control: EntityRef = { kind: 'zone', id: 'control' };
    const input = inputFor(model, {
      findings: [
        finding('zone/safety-assets-mixed', 'ZCR 3.3', control),
        finding('zone/wireless-devices-mixed', 'ZCR 3.5', control, 'accepted'),
        finding('conduit/any-protocol', 'SR 5.1', { kind: 'conduit', id: 'dmz-control' }),
      ],
    });
    const steps = assessCompleteness(input);
    expect(steps.find((step) => step.step === 'ZCR 3.3')).toMatchObject({
      isComplete: false,
      missing: ['zone "control": Title of zone/safety-assets-mixed (zone/safety-assets-mixed)'],
    });
    expect(
      steps.filter((step) => step.step.startsWith('ZCR 3.') && !step.isComplete).map((step) => step.step),
    ).toEqual(['ZCR 3.3']);
  });

  describe('ZCR 5', () => {
    const model = resolveOrThrow(completeFile());
    const high = rating('high', false);
    const medium = rating('medium', true);

    it('looks only at zones and conduits that require a detailed assessment', () => {
      expect(missingOf(inputFor(model), 'ZCR 5.1-5.5')).toEqual([]);
      const input = inputFor(model, { initialRisk: initialRiskOf(model, ['control', 'dmz-control']) });
      expect(missingOf(input, 'ZCR 5.1-5.5')).toEqual([
        'zone "control": requires a detailed assessment (ZCR 4.1) but has no threat scenario',
        'conduit "dmz-control": requires a detailed assessment (ZCR 4.1) but has no threat scenario',
      ]);
      expect(missingOf({ ...input, targets: [] }, 'ZCR 5.6')).toEqual([
        'zone "control": no SL-T',
        'conduit "dmz-control": no SL-T',
      ]);
    });

    it('asks for consequences, existing countermeasures and additional countermeasures', () => {
      const input = inputFor(model, {
        initialRisk: initialRiskOf(model, ['control']),
        scenarios: [
          scenario(
            's-ok',
            'control',
            { unmitigated: high, residual: medium, projected: medium },
            {
              existingCountermeasures: [{ kind: 'countermeasure', id: 'cm-1' }],
            },
          ),
          scenario(
            's-open',
            'control',
            { unmitigated: high, residual: high, projected: high },
            { consequences: {} },
          ),
          scenario(
            's-planned',
            'control',
            { unmitigated: high, residual: high, projected: high },
            {
              existingCountermeasures: [{ kind: 'countermeasure', id: 'cm-1' }],
              plannedCountermeasures: [{ kind: 'countermeasure', id: 'cm-2' }],
            },
          ),
          scenario('s-elsewhere', 'dmz', { unmitigated: high, residual: high, projected: high }),
        ],
      });
      expect(missingOf(input, 'ZCR 5.1-5.5')).toEqual(['threat scenario "s-open": no consequence rating']);
      expect(missingOf(input, 'ZCR 5.7-5.11')).toEqual([
        'threat scenario "s-open": unmitigated risk "high" above tolerable and no existing countermeasure evaluated',
      ]);
      expect(missingOf(input, 'ZCR 5.12')).toEqual([
        'threat scenario "s-open": residual risk "high" above tolerable and no planned countermeasure',
        'threat scenario "s-planned": residual risk "high" above tolerable and the planned countermeasures do not bring it to tolerable',
      ]);
    });
  });

  describe('ZCR 7.1', () => {
    const model = resolveOrThrow(completeFile());
    const approval = { id: 'ap-1', approver: 'Plant manager', signedAt: '2024-05-02', modelSha256: SHA };

    it('is incomplete when the only approval is stale', () => {
      const input = inputFor(model, {
        approvals: [{ approval: { ...approval, meaning: 'approved' }, isStale: true }],
      });
      expect(missingOf(input, 'ZCR 7.1')).toEqual(['approval "ap-1": stale (it approved a different model)']);
    });

    it('is incomplete when the approval only records a review', () => {
      const input = inputFor(model, {
        approvals: [{ approval: { ...approval, meaning: 'reviewed' }, isStale: false }],
      });
      expect(missingOf(input, 'ZCR 7.1')).toEqual(['approval "ap-1": reviewed, not approved']);
    });
  });
});

describe('assessApprovals', () => {
  it('marks an approval of a different model digest as stale', () => {
    const model = resolveOrThrow(
      aSystem({
        approvals: [
          { id: 'ap-current', approver: 'A', meaning: 'approved', signedAt: '2024-05-01', modelSha256: SHA },
          {
            id: 'ap-old',
            approver: 'B',
            meaning: 'approved',
            signedAt: '2024-01-01',
            modelSha256: 'b'.repeat(64),
          },
        ],
      }),
    );
    expect(assessApprovals(model, SHA).map((state) => [state.approval.id, state.isStale])).toEqual([
      ['ap-current', false],
      ['ap-old', true],
    ]);
  });
});
