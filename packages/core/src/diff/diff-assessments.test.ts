import { describe, expect, it } from 'vitest';
import type {
  ApprovalState,
  Assessment,
  RequirementsResult,
  RequirementState,
  RiskRating,
  ScenarioAssessment,
  TargetLevels,
} from '../assessment/assessment';
import { SYSTEM_REQUIREMENTS } from '../catalogs/system-requirements';
import type { Finding, FindingStatus } from '../findings/finding';
import { parseSecurityLevelVector, uniformVector } from '../security-levels/security-level-vector';
import { aSystem, resolveOrThrow } from '../testing/builders';
import { assembleCrs } from '../crs/assemble-crs';
import { diffAssessments } from './diff-assessments';
import { composeModelDiff } from './model-diff';

const RANKS: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const rating = (band: string): RiskRating => ({
  likelihood: 3,
  impact: 3,
  band,
  rank: RANKS[band] ?? 0,
  isTolerable: (RANKS[band] ?? 0) <= 1,
});

const finding = (id: string, status: FindingStatus = 'open'): Finding => ({
  id,
  ruleId: id.split('@')[0] ?? id,
  title: id,
  severity: 'medium',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  subject: { kind: 'zone', id: id.split('@')[1] ?? 'control' },
  because: 'because',
  evidence: [],
  rationale: 'rationale',
  remediation: 'remediation',
  status,
});

const scenario = (id: string, unmitigated: string, residual: string): ScenarioAssessment => ({
  id,
  title: `Scenario ${id}`,
  origin: { kind: 'file' },
  source: { kind: 'threat-source', id: 'cybercriminal', capability: 2 },
  subject: { kind: 'zone', id: 'control' },
  targets: [],
  techniques: [],
  vulnerabilities: [],
  frs: ['FR1'],
  consequences: { production: 3 },
  likelihoodFactors: [],
  unmitigated: rating(unmitigated),
  existingCountermeasures: [],
  residual: rating(residual),
  plannedCountermeasures: [],
  projected: rating(residual),
  securityLevel: 2,
  securityLevelReason: 'band',
  suggestedRequirements: [],
});

const target = (kind: 'zone' | 'conduit', id: string, levels: string): TargetLevels => ({
  subject: { kind, id },
  method: 'risk-band',
  target: parseSecurityLevelVector(levels),
  derived: parseSecurityLevelVector(levels),
  reasons: [],
});

const requirements = (
  id: string,
  rows: readonly (readonly [string, RequirementState])[],
): RequirementsResult => ({
  subject: { kind: 'zone', id },
  target: uniformVector(2),
  achieved: uniformVector(1),
  achievedBasis: 'derived',
  requirements: rows.map(([requirementId, status]) => ({
    requirement: SYSTEM_REQUIREMENTS.find((row) => row.id === requirementId) ?? SYSTEM_REQUIREMENTS[0]!,
    status,
    basis: 'none',
    countermeasures: [],
    isGap: status === 'not-met' || status === 'open' || status === 'partial',
  })),
  counts: { selected: rows.length, satisfied: 0, gaps: 0, srs: 0, res: 0 },
  capabilityGaps: [],
});

const approval = (id: string, isStale: boolean): ApprovalState => ({
  approval: {
    id,
    approver: `Approver ${id}`,
    meaning: 'approved',
    signedAt: '2024-05-01',
    modelSha256: 'a'.repeat(64),
  },
  isStale,
});

const model = resolveOrThrow(aSystem());

const anAssessment = (overrides: Partial<Assessment>): Assessment => ({
  engineVersion: 'test',
  modelSha256: 'a'.repeat(64),
  system: { name: 'Test system' },
  counts: {
    assets: 3,
    zones: 2,
    conduits: 1,
    accessPoints: 1,
    dataFlows: 1,
    scenarios: 0,
    vulnerabilities: 0,
    countermeasures: 0,
  },
  warnings: [],
  findings: [],
  initialRisk: [],
  scenarios: [],
  heatMaps: { initial: [], unmitigated: [], residual: [] },
  targets: [],
  requirements: [],
  attackPaths: [],
  completeness: [],
  crs: assembleCrs(model, [], []),
  approvals: [],
  summary: {
    scenariosAboveTolerable: { unmitigated: 0, residual: 0, projected: 0 },
    findingsBySeverity: {},
    openFindings: 0,
    requirementGaps: 0,
    isComplete: false,
    hasValidApproval: false,
  },
  ...overrides,
});

describe('diffAssessments', () => {
  const before = anAssessment({
    findings: [
      finding('zone/empty@dmz'),
      finding('zone/safety-assets-mixed@control'),
      finding('conduit/unused@c1'),
    ],
    initialRisk: [
      {
        subject: { kind: 'zone', id: 'control' },
        rating: rating('medium'),
        impacts: {},
        drivers: [],
        requiresDetailedAssessment: false,
      },
    ],
    scenarios: [
      scenario('s-1', 'high', 'medium'),
      scenario('s-2', 'high', 'high'),
      scenario('s-gone', 'low', 'low'),
    ],
    targets: [
      target('zone', 'control', '{2 2 2 2 2 2 2}'),
      target('conduit', 'dmz-control', '{2 2 2 2 2 2 2}'),
    ],
    requirements: [
      requirements('control', [
        ['SR 1.1', 'met'],
        ['SR 1.3', 'not-met'],
        ['SR 5.1', 'open'],
      ]),
    ],
    approvals: [approval('ap-1', false), approval('ap-2', true)],
  });
  const after = anAssessment({
    modelSha256: 'b'.repeat(64),
    findings: [
      finding('zone/safety-assets-mixed@control', 'accepted'),
      finding('conduit/unused@c1'),
      finding('zone/wireless-devices-mixed@control'),
    ],
    initialRisk: [
      {
        subject: { kind: 'zone', id: 'control' },
        rating: rating('high'),
        impacts: {},
        drivers: [],
        requiresDetailedAssessment: true,
      },
    ],
    scenarios: [
      scenario('s-1', 'high', 'medium'),
      scenario('s-2', 'critical', 'medium'),
      scenario('s-new', 'high', 'high'),
    ],
    targets: [
      target('zone', 'control', '{3 2 3 2 2 2 2}'),
      target('conduit', 'dmz-control', '{2 2 2 2 2 2 2}'),
    ],
    requirements: [
      requirements('control', [
        ['SR 1.1', 'met'],
        ['SR 1.3', 'met'],
        ['SR 1.1 RE 2', 'open'],
      ]),
      requirements('dmz', [['SR 1.1', 'open']]),
    ],
    approvals: [approval('ap-1', true), approval('ap-2', true), approval('ap-3', false)],
  });
  const diff = diffAssessments(before, after);

  it('lists findings added, resolved and re-triaged', () => {
    expect(diff.findings.added.map((item) => item.id)).toEqual(['zone/wireless-devices-mixed@control']);
    expect(diff.findings.resolved.map((item) => item.id)).toEqual(['zone/empty@dmz']);
    expect(diff.findings.statusChanges).toEqual([
      { id: 'zone/safety-assets-mixed@control', before: 'open', after: 'accepted' },
    ]);
  });

  it('reports initial and scenario risk band changes', () => {
    expect(diff.initialRisk).toEqual([
      {
        subject: { kind: 'zone', id: 'control' },
        change: { before: 'medium', after: 'high', isWorse: true },
      },
    ]);
    expect(diff.scenarios.changed).toEqual([
      {
        id: 's-2',
        title: 'Scenario s-2',
        subject: { kind: 'zone', id: 'control' },
        unmitigated: { before: 'high', after: 'critical', isWorse: true },
        residual: { before: 'high', after: 'medium', isWorse: false },
      },
    ]);
    expect(diff.scenarios.added.map((item) => [item.id, item.unmitigated, item.residual])).toEqual([
      ['s-new', 'high', 'high'],
    ]);
    expect(diff.scenarios.removed.map((item) => item.id)).toEqual(['s-gone']);
  });

  it('reports SL-T vector changes with the FRs that moved', () => {
    expect(diff.targets).toEqual([
      {
        subject: { kind: 'zone', id: 'control' },
        before: parseSecurityLevelVector('{2 2 2 2 2 2 2}'),
        after: parseSecurityLevelVector('{3 2 3 2 2 2 2}'),
        frs: ['FR1', 'FR3'],
      },
    ]);
  });

  it('reports requirement selections and status changes per subject', () => {
    expect(diff.requirements).toEqual([
      {
        subject: { kind: 'zone', id: 'control' },
        added: ['SR 1.1 RE 2'],
        removed: ['SR 5.1'],
        statusChanges: [{ id: 'SR 1.3', before: 'not-met', after: 'met' }],
      },
      { subject: { kind: 'zone', id: 'dmz' }, added: ['SR 1.1'], removed: [], statusChanges: [] },
    ]);
  });

  it('reports approvals whose validity changed', () => {
    expect(diff.approvals).toEqual([
      { id: 'ap-1', approver: 'Approver ap-1', before: 'valid', after: 'stale' },
      { id: 'ap-3', approver: 'Approver ap-3', before: 'absent', after: 'valid' },
    ]);
  });

  it('is empty for the same assessment', () => {
    expect(diffAssessments(before, before)).toEqual({
      findings: { added: [], resolved: [], statusChanges: [] },
      initialRisk: [],
      scenarios: { added: [], removed: [], changed: [] },
      targets: [],
      requirements: [],
      approvals: [],
    });
  });

  it('combines the entity and result diffs with the digests', () => {
    const combined = composeModelDiff({ model, assessment: before }, { model, assessment: after });
    expect(combined.modelSha256).toEqual({ before: 'a'.repeat(64), after: 'b'.repeat(64), isChanged: true });
    expect(combined.entities.changes).toEqual([]);
    expect(combined.results).toEqual(diff);
  });
});
