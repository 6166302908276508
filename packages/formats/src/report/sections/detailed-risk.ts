import { FR_INFO, formatVector, vectorsEqual, type EntityRef, type ScenarioAssessment } from '@zonewise/core';
import {
  cell,
  code,
  joinInline,
  keyValues,
  note,
  paragraph,
  section,
  table,
  text,
  type Block,
  type InlineContent,
  type Section,
} from '../document-model';
import {
  bandLabel,
  byRiskDescending,
  consequencesText,
  idsInline,
  kindLabel,
  ratingInline,
  scenariosIn,
  subjectAnchor,
  subjectsLeftOutNote,
  subjectsOf,
  targetOf,
  hasOwnSections,
  type ReportContext,
} from '../report-context';
import { REGISTER_SOURCES, sizedTable } from '../report-size';

const BASIS_TEXT = {
  scenario: 'Threat scenarios',
  floor: 'Floor',
  explicit: 'Set explicitly',
  zones: 'Joined zones',
  rule: 'Rule',
} as const;

const METHOD_TEXT = {
  'risk-band': 'Risk band of the scenarios',
  'attacker-capability': 'Capability of the threat sources',
  explicit: 'Set explicitly with a justification',
  zones: 'Highest SL-T of the joined zones',
} as const;

const sourceInline = (scenario: ScenarioAssessment): InlineContent => [
  text(`${scenario.source.name ?? scenario.source.id} (SL ${scenario.source.capability})`),
];

const likelihoodFactorsText = (scenario: ScenarioAssessment): string =>
  scenario.likelihoodFactors
    .map((factor) => `${factor.label} (${factor.delta > 0 ? '+' : ''}${factor.delta})`)
    .join('; ');

/** The size rule for one subject's scenarios: highest residual risk first, counted by residual band. */
const scenarioSpec = (context: ReportContext, scenarios: readonly ScenarioAssessment[]) =>
  ({
    items: scenarios,
    scope: 'subject',
    what: 'threat scenarios',
    rank: (a: ScenarioAssessment, b: ScenarioAssessment) => byRiskDescending(a.residual, b.residual),
    rankedBy: 'with the highest residual risk first',
    groups: [
      {
        label: 'Residual risk',
        key: (scenario: ScenarioAssessment) => bandLabel(context, scenario.residual.band),
      },
    ],
    fullList: REGISTER_SOURCES.risk,
  }) as const;

/** The worksheet of one zone or conduit: one row per scenario, in cyber-PHA column order (ZCR 5.1–5.12). */
const worksheet = (context: ReportContext, scenarios: readonly ScenarioAssessment[]): Block[] =>
  sizedTable(context.limits, {
    ...scenarioSpec(context, scenarios),
    caption: 'Risk worksheet',
    columns: [
      'Scenario',
      'Source',
      'Entry',
      'Targets',
      'Consequences',
      { header: 'L', align: 'center' },
      { header: 'Unmitigated', isNoWrap: true },
      'Existing countermeasures',
      { header: 'Residual', isNoWrap: true },
      'Planned countermeasures',
      { header: 'Projected', isNoWrap: true },
      { header: 'SL', align: 'center' },
    ],
    row: (scenario) => [
      [text(scenario.title), { kind: 'line-break' }, code(scenario.id)],
      sourceInline(scenario),
      scenario.entryPoint ? idsInline([scenario.entryPoint]) : cell('–'),
      idsInline(scenario.targets),
      cell(consequencesText(context, scenario.consequences)),
      cell(scenario.unmitigated.likelihood),
      ratingInline(context, scenario.unmitigated),
      scenario.existingCountermeasures.length > 0
        ? idsInline(scenario.existingCountermeasures)
        : cell('none'),
      ratingInline(context, scenario.residual),
      scenario.plannedCountermeasures.length > 0 ? idsInline(scenario.plannedCountermeasures) : cell('none'),
      ratingInline(context, scenario.projected),
      cell(scenario.securityLevel),
    ],
  });

/** Traceability of each scenario: description, FRs, techniques, vulnerabilities, likelihood factors, SL reason. */
const scenarioDetails = (context: ReportContext, scenarios: readonly ScenarioAssessment[]): Block[] =>
  sizedTable(context.limits, {
    ...scenarioSpec(context, scenarios),
    caption: 'Scenario details',
    columns: [
      'Scenario',
      'Origin',
      'FRs',
      'Techniques',
      'Vulnerabilities',
      'Likelihood factors',
      'SL reason',
      'Suggested requirements',
    ],
    row: (scenario) => [
      [code(scenario.id), ...(scenario.description ? [text(` ${scenario.description}`)] : [])],
      cell(
        scenario.origin.kind === 'file'
          ? `Assessment file${scenario.consequenceReference ? `; consequence from ${scenario.consequenceReference}` : ''}`
          : `Threat rule ${scenario.origin.ruleId}`,
      ),
      cell(scenario.frs.map((fr) => `${fr} ${FR_INFO[fr].abbreviation}`).join(', ')),
      joinInline(scenario.techniques.map((technique) => [code(technique)])),
      idsInline(scenario.vulnerabilities),
      cell(likelihoodFactorsText(scenario)),
      cell(scenario.securityLevelReason),
      joinInline(scenario.suggestedRequirements.map((requirement) => [code(requirement)])),
    ],
  });

/** One zone or conduit: SL-T with the reason for each FR, then its worksheet. */
const subjectSection = (context: ReportContext, subject: EntityRef): Section | undefined => {
  const target = targetOf(context, subject);
  const scenarios = scenariosIn(context, subject);
  const initial = context.assessment.initialRisk.find(
    (risk) => risk.subject.kind === subject.kind && risk.subject.id === subject.id,
  );
  if (target === undefined && scenarios.length === 0) return undefined;
  const blocks: Block[] = [
    keyValues([
      ['Initial risk', initial ? ratingInline(context, initial.rating) : undefined],
      ['SL-T', target ? [code(formatVector(target.target))] : 'not derived'],
      ['Method', target ? METHOD_TEXT[target.method] : undefined],
      [
        'Derived from scenarios',
        target && !vectorsEqual(target.derived, target.target)
          ? [code(formatVector(target.derived))]
          : undefined,
      ],
      ['Justification', target?.justification],
    ]),
  ];
  if (target) {
    blocks.push(
      table(
        ['FR', { header: 'SL-T', align: 'center' }, 'Basis', 'Set by', 'Reason'],
        target.reasons.map((reason) => [
          cell(`${reason.fr} ${FR_INFO[reason.fr].abbreviation}`),
          cell(reason.level),
          cell(BASIS_TEXT[reason.basis]),
          joinInline(reason.sources.map((source) => [code(source)])),
          cell(reason.text),
        ]),
        { caption: 'SL-T per foundational requirement and why' },
      ),
    );
  }
  if (scenarios.length === 0) {
    blocks.push(
      note('info', `No threat scenarios are assessed in this ${kindLabel(subject).toLowerCase()}.`),
    );
  } else {
    blocks.push(...worksheet(context, scenarios), ...scenarioDetails(context, scenarios));
  }
  return section(
    subjectAnchor(context, 'risk', subject),
    `${kindLabel(subject)}: ${subject.name ?? subject.id} (${subject.id})`,
    blocks,
  );
};

/** Detailed risk per zone and conduit: worksheets, SL-T vectors and their justification (ZCR 5). */
export const detailedRiskSection = (context: ReportContext): Section => {
  const { assessment, model } = context;
  const above = assessment.summary.scenariosAboveTolerable;
  const subjects = subjectsOf(context);
  const children = subjects
    .filter((subject) => hasOwnSections(context, subject))
    .map((subject) => subjectSection(context, subject))
    .filter((child): child is Section => child !== undefined);
  return section(
    'detailed-risk',
    'Detailed risk per zone and conduit (ZCR 5)',
    [
      paragraph(
        'For each zone and conduit, the threat scenarios are rated before countermeasures (unmitigated, ZCR 5.5), with the existing countermeasures (residual, ZCR 5.10) and with the planned ones (projected, ZCR 5.12). L is the unmitigated likelihood; ratings read band, likelihood × impact. The SL-T vector sets one level per foundational requirement, with the scenarios or rule that set it.',
      ),
      keyValues([
        ['Threat scenarios', assessment.scenarios.length],
        ['Tolerable band', bandLabel(context, model.riskCriteria.tolerable)],
        ['Above tolerable before countermeasures', above.unmitigated],
        ['Above tolerable with existing countermeasures', above.residual],
        ['Above tolerable with planned countermeasures', above.projected],
      ]),
      ...(children.length === 0
        ? [note('info', 'No zone or conduit has an SL-T or a threat scenario yet.')]
        : []),
      ...subjectsLeftOutNote(context, subjects.length, REGISTER_SOURCES.risk),
    ],
    children,
  );
};
