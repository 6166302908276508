import {
  FR_INFO,
  findRequirement,
  formatVector,
  type CrsCharacteristics,
  type RequirementState,
} from '@zonewise/core';
import {
  cell,
  code,
  codeCell,
  joinInline,
  keyValues,
  link,
  list,
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
  idsInline,
  kindLabel,
  requirementStateBadge,
  subjectAnchor,
  yesNo,
  hasOwnSections,
  subjectsLeftOutNote,
  type ReportContext,
} from '../report-context';
import { REGISTER_SOURCES, sizedTable } from '../report-size';
import { CRS_SECTION_IDS } from '../section-ids';
import { zoneDiagramFigure } from './figures';
import { riskBandsTable, riskMatrixTable } from './method';
import { systemDescription } from './system-under-consideration';

const STATE_ORDER: readonly RequirementState[] = [
  'not-met',
  'open',
  'partial',
  'compensated',
  'met',
  'not-applicable',
];

const policiesInline = (policies: CrsCharacteristics['m_policies']): InlineContent =>
  joinInline(
    policies.map((policy) => {
      const title = 'title' in policy ? policy.title : policy.name;
      return [code(policy.id), ...(title && title !== policy.id ? [text(` ${title}`)] : [])];
    }),
  );

/** Attribute l: the full requirement list in the CRS document, a summary with a link in the full report. */
const requirementsBlocks = (context: ReportContext, characteristics: CrsCharacteristics): Block[] => {
  const requirements = characteristics.l_requirements;
  if (context.kind === 'full') return [];
  return sizedTable(context.limits, {
    columns: ['Requirement', 'FR', 'Title', 'Status', 'Compensated by'],
    items: requirements,
    scope: 'subject',
    what: 'requirements',
    rank: (a, b) => STATE_ORDER.indexOf(a.status) - STATE_ORDER.indexOf(b.status),
    rankedBy: 'not met, open or partial first',
    groups: [{ label: 'Status', key: (requirement) => requirement.status }],
    fullList: REGISTER_SOURCES.compliance,
    caption: 'l. Applicable security requirements (IEC 62443-3-3)',
    emptyText: 'SL-T selects no requirements.',
    row: (requirement) => {
      const definition = findRequirement(requirement.id);
      return [
        [code(requirement.id)],
        cell(definition ? `${definition.fr} ${FR_INFO[definition.fr].abbreviation}` : undefined),
        cell(definition?.title),
        [requirementStateBadge(requirement.status)],
        joinInline(requirement.compensatedBy.map((id) => [code(id)])),
      ];
    },
  });
};

const requirementsSummary = (context: ReportContext, characteristics: CrsCharacteristics): InlineContent => {
  const counts = STATE_ORDER.map((state) => ({
    state,
    count: characteristics.l_requirements.filter((requirement) => requirement.status === state).length,
  })).filter((entry) => entry.count > 0);
  const summary = text(
    `${characteristics.l_requirements.length} SRs/REs` +
      (counts.length > 0 ? `: ${counts.map((entry) => `${entry.count} ${entry.state}`).join(', ')}` : ''),
  );
  if (context.kind === 'crs') return [summary, text(' (listed below)')];
  return [
    summary,
    text('; see the '),
    link('compliance matrix', subjectAnchor(context, 'compliance', characteristics.subject)),
  ];
};

/** Attributes a–n of one zone or conduit (ZCR 6.4). */
const characteristicsSection = (context: ReportContext, characteristics: CrsCharacteristics): Section => {
  const subject = characteristics.subject;
  return section(
    subjectAnchor(context, 'crs', subject),
    `${kindLabel(subject)}: ${subject.name ?? subject.id} (${subject.id})`,
    [
      keyValues([
        ['a. Name and identifier', characteristics.a_identifier],
        ['b. Accountable organisation', characteristics.b_accountableOrganisation ?? 'not stated'],
        ['c. Logical boundary', characteristics.c_logicalBoundary ?? 'not stated'],
        ['d. Physical boundary', characteristics.d_physicalBoundary ?? 'not stated'],
        [
          'e. Safety designation',
          characteristics.e_isSafetyRelated ? 'Safety-related' : 'Not safety-related',
        ],
        [
          'f. Logical access points',
          characteristics.f_logicalAccessPoints.length > 0
            ? idsInline(characteristics.f_logicalAccessPoints)
            : 'none',
        ],
        [
          'g. Physical access points',
          characteristics.g_physicalAccessPoints.length > 0
            ? idsInline(characteristics.g_physicalAccessPoints)
            : 'none',
        ],
        ['h. Data flows', `${characteristics.h_dataFlows.length} (table below)`],
        [
          'i. Connected zones and conduits',
          characteristics.i_connected.length > 0 ? idsInline(characteristics.i_connected) : 'none',
        ],
        ['j. Assets', `${characteristics.j_assets.length} (table below)`],
        ['k. SL-T', [code(formatVector(characteristics.k_targetLevels))]],
        ['l. Security requirements', requirementsSummary(context, characteristics)],
        [
          'm. Security policies',
          characteristics.m_policies.length > 0 ? policiesInline(characteristics.m_policies) : 'none stated',
        ],
        [
          'n. Assumptions and dependencies',
          characteristics.n_assumptions.length > 0
            ? characteristics.n_assumptions.join(' · ')
            : 'none stated',
        ],
      ]),
      ...sizedTable(context.limits, {
        columns: ['Flow', 'From', 'To', 'Protocol', { header: 'Port', align: 'right' }, 'Access point'],
        items: characteristics.h_dataFlows,
        scope: 'subject',
        what: 'data flows',
        rank: (a, b) => Number(b.accessPoint !== undefined) - Number(a.accessPoint !== undefined),
        rankedBy: 'through an access point first',
        groups: [{ label: 'Protocol', key: (flow) => flow.protocol ?? '' }],
        fullList: { kind: 'model', field: 'dataFlows' },
        caption: 'h. Data flows',
        emptyText: 'No data flows.',
        row: (flow) => [
          idsInline([flow.flow]),
          codeCell(flow.from),
          codeCell(flow.to),
          cell(flow.protocol),
          cell(flow.port),
          codeCell(flow.accessPoint),
        ],
      }),
      ...sizedTable(context.limits, {
        columns: ['Asset', 'Name', 'Kind', { header: 'Worst impact', align: 'center' }, 'Safety-related'],
        items: characteristics.j_assets,
        scope: 'subject',
        what: 'assets',
        rank: (a, b) => (b.worstImpact ?? 0) - (a.worstImpact ?? 0),
        rankedBy: 'with the worst impact first',
        groups: [{ label: 'Kind', key: (asset) => asset.kind }],
        fullList: REGISTER_SOURCES.assets,
        caption: 'j. Assets with criticality',
        emptyText: 'No assets.',
        row: (asset) => [
          codeCell(asset.asset.id),
          cell(asset.asset.name),
          cell(asset.kind),
          cell(asset.worstImpact),
          cell(yesNo(asset.isSafetyRelated)),
        ],
      }),
      ...requirementsBlocks(context, characteristics),
    ],
  );
};

/** The introduction of the CRS: what it contains and which model version it describes (ZCR 6.1). */
export const crsIntroductionBlocks = (context: ReportContext): Block[] => [
  paragraph(
    `This cybersecurity requirements specification (CRS) for ${context.model.system.name} documents the SuC description (6.2), the zone and conduit drawings (6.3), the characteristics a–n of every zone and conduit with its SL-T and IEC 62443-3-3 requirements (6.4), the operating-environment assumptions (6.5), the threat environment (6.6), the organisational security policies (6.7), the tolerable risk (6.8) and the regulatory requirements (6.9).`,
  ),
  keyValues([
    ['Model SHA-256', [code(context.assessment.modelSha256)]],
    ['Generated at', context.generatedAt],
  ]),
];

/** ZCR 6.2–6.9 as sections, in clause order. */
export const crsSections = (context: ReportContext): readonly Section[] => {
  const { model, assessment } = context;
  const crs = assessment.crs;
  const [description, drawings, characteristics, environment, threats, policies, tolerable, regulations] =
    CRS_SECTION_IDS;
  const inScope = model.assets.filter((asset) => asset.isInScope !== false);
  const assigned = inScope.filter(
    (asset) => model.zoneOf(asset.id) !== undefined || model.conduitOf(asset.id) !== undefined,
  );
  const drawingBlocks: Block[] = [
    paragraph(`${assigned.length} of ${inScope.length} assets in scope are assigned to a zone or conduit.`),
    context.kind === 'crs'
      ? zoneDiagramFigure(context, 'figure-crs-zone-diagram', `Zones and conduits of ${model.system.name}`)
      : paragraph(
          'The drawing is the ',
          link('zone and conduit diagram', 'figure-zone-diagram'),
          ' in the zones and conduits section.',
        ),
  ];
  return [
    section(description, '6.2 SuC description', [systemDescription(context)]),
    section(drawings, '6.3 Zone and conduit drawings', drawingBlocks),
    section(
      characteristics,
      '6.4 Zone and conduit characteristics',
      [
        paragraph(
          'For every zone and conduit: a name and identifier, b accountable organisation, c logical and d physical boundary, e safety designation, f logical and g physical access points, h data flows, i connected zones and conduits, j assets, k SL-T, l security requirements, m security policies, n assumptions and external dependencies.',
        ),
        ...(crs.characteristics.length === 0 ? [note('info', 'No zones or conduits are defined.')] : []),
        ...subjectsLeftOutNote(context, crs.characteristics.length, REGISTER_SOURCES.zonesConduits),
      ],
      crs.characteristics
        .filter((entry) => hasOwnSections(context, entry.subject))
        .map((entry) => characteristicsSection(context, entry)),
    ),
    section(environment, '6.5 Operating environment assumptions', [
      crs.operatingEnvironmentAssumptions.length > 0
        ? list([...crs.operatingEnvironmentAssumptions])
        : note('medium', 'No operating-environment assumptions are stated.'),
    ]),
    section(threats, '6.6 Threat environment', [
      ...(crs.threatEnvironment.description
        ? [paragraph(crs.threatEnvironment.description)]
        : [note('medium', 'The threat environment is not described.')]),
      table(
        ['Threat-intelligence source'],
        (crs.threatEnvironment.sources ?? []).map((source) => [cell(source)]),
        { emptyText: 'No threat-intelligence sources listed.' },
      ),
      table(
        ['Threat source', 'Name', { header: 'Capability (SL)', align: 'center' }],
        model.threatSources.map((source) => [
          codeCell(source.id),
          cell(source.name),
          cell(source.capability),
        ]),
        { caption: 'Threat sources considered' },
      ),
    ]),
    section(policies, '6.7 Organisational security policies', [
      table(
        ['Policy', 'Title', 'Description'],
        crs.policies.map((policy) => [codeCell(policy.id), cell(policy.title), cell(policy.description)]),
        { emptyText: 'No organisational security policies are listed.' },
      ),
    ]),
    section(tolerable, '6.8 Tolerable risk', [
      paragraph(`The highest tolerable risk band is ${crs.tolerableRisk.label}.`),
      riskMatrixTable(context),
      riskBandsTable(context),
    ]),
    section(regulations, '6.9 Regulatory requirements', [
      table(
        ['Regulation', 'Title', 'Description'],
        crs.regulations.map((regulation) => [
          codeCell(regulation.id),
          cell(regulation.title),
          cell(regulation.description),
        ]),
        { emptyText: 'No regulatory requirements are listed.' },
      ),
    ]),
  ];
};

/** The CRS inside the full report (ZCR 6). */
export const crsSection = (context: ReportContext): Section =>
  section(
    'crs',
    'Cybersecurity requirements specification (ZCR 6)',
    crsIntroductionBlocks(context),
    crsSections(context),
  );
