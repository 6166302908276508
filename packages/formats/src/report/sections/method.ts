import { FOUNDATIONAL_REQUIREMENTS, FR_INFO, SECURITY_LEVELS, SECURITY_LEVEL_INFO } from '@zonewise/core';
import {
  cell,
  code,
  codeCell,
  keyValues,
  note,
  paragraph,
  section,
  table,
  type Block,
  type Section,
} from '../document-model';
import { bandBadge, bandLabel, yesNo, type ReportContext } from '../report-context';
import { boundedItems } from '../report-size';
import { likelihoodRowsTopDown } from '../svg/risk-heat-map';

/** The risk matrix as a table: most likely row on top, one badge per cell (ZCR 6.8). */
export const riskMatrixTable = (context: ReportContext): Block => {
  const criteria = context.model.riskCriteria;
  const impactCount = Math.max(0, ...criteria.matrix.map((row) => row.length));
  const impacts = Array.from({ length: impactCount }, (_, index) => index + 1);
  return table(
    [
      'Likelihood \\ impact',
      ...impacts.map((impact) => ({ header: String(impact), align: 'center' as const })),
    ],
    likelihoodRowsTopDown(criteria).map((likelihood) => [
      cell(
        `${likelihood} ${criteria.likelihood.levels.find((level) => level.level === likelihood)?.label ?? ''}`.trim(),
      ),
      ...impacts.map((impact) => {
        const band = criteria.matrix[likelihood - 1]?.[impact - 1];
        return band === undefined ? [] : [bandBadge(context, band)];
      }),
    ]),
    { caption: 'Risk matrix (likelihood × worst impact → risk band)' },
  );
};

/** Risk bands with their SL and whether they are tolerable. */
export const riskBandsTable = (context: ReportContext): Block => {
  const criteria = context.model.riskCriteria;
  const tolerableRank = criteria.bands.find((band) => band.id === criteria.tolerable)?.rank ?? 0;
  return table(
    ['Band', 'Id', { header: 'SL (risk-band method)', align: 'center' }, 'Tolerable'],
    criteria.bands.map((band) => [
      [bandBadge(context, band.id)],
      codeCell(band.id),
      cell(band.securityLevel),
      cell(yesNo(band.rank <= tolerableRank)),
    ]),
    { caption: 'Risk bands, lowest first' },
  );
};

const METHOD_TEXT: Readonly<Record<'risk-band' | 'attacker-capability', string>> = {
  'risk-band':
    'Risk-band method: each threat scenario asks for the security level of its unmitigated risk band (table above). A zone’s SL-T for each foundational requirement (FR) is the highest level asked for by the scenarios that exercise that FR, and never below the floor.',
  'attacker-capability':
    'Attacker-capability method: each threat scenario asks for the security level that matches the capability of its threat source (SL 1–4). A zone’s SL-T for each FR is the highest level asked for by the scenarios that exercise that FR, and never below the floor.',
};

/** Method: scales, matrix, tolerable risk, SL-T derivation and the threat sources (ZCR 5.13, 6.8). */
export const methodSection = (context: ReportContext): Section => {
  const { model, assessment } = context;
  const criteria = model.riskCriteria;
  const maxLevels = Math.max(0, ...criteria.impactCategories.map((category) => category.levels.length));
  const techniques = new Map<string, string[]>();
  for (const scenario of assessment.scenarios) {
    for (const technique of scenario.techniques) {
      const users = techniques.get(technique);
      if (users === undefined) techniques.set(technique, [scenario.id]);
      else users.push(scenario.id);
    }
  }
  const sortedTechniques = [...techniques.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  return section('method', 'Method', [
    paragraph(
      'The assessment follows IEC 62443-3-2: the system under consideration (SuC) and its access points are identified (ZCR 1), its worst-case risk is rated (ZCR 2), it is partitioned into zones and conduits (ZCR 3), the initial risk is compared with the tolerable risk (ZCR 4), and every zone and conduit that needs it gets a detailed assessment of threat scenarios, countermeasures and residual risk, which sets its target security level (SL-T, ZCR 5). The results form the cybersecurity requirements specification (ZCR 6), which the asset owner approves (ZCR 7).',
    ),
    ...(criteria.isDefault
      ? [
          note(
            'info',
            'The assessment file gives no risk criteria, so the built-in 5 × 5 criteria below are used.',
          ),
        ]
      : []),
    table(
      [{ header: 'Level', align: 'center' }, 'Likelihood', 'Description'],
      [...criteria.likelihood.levels]
        .sort((a, b) => a.level - b.level)
        .map((level) => [cell(level.level), cell(level.label), cell(level.description)]),
      {
        caption: `Likelihood scale (${criteria.likelihood.direction === 'ascending' ? 'higher level = more likely' : 'level 1 = most likely'})`,
      },
    ),
    table(
      ['Impact category', ...Array.from({ length: maxLevels }, (_, index) => `Level ${index + 1}`)],
      criteria.impactCategories.map((category) => [
        cell(category.name),
        ...Array.from({ length: maxLevels }, (_, index) => cell(category.levels[index])),
      ]),
      { caption: 'Impact scales; a scenario’s impact is its worst category' },
    ),
    riskMatrixTable(context),
    riskBandsTable(context),
    paragraph(
      `Tolerable risk (ZCR 6.8): the highest tolerable band is ${bandLabel(context, criteria.tolerable)}. A zone, conduit or scenario rated in a higher band needs a detailed assessment (ZCR 4.1) or further countermeasures (ZCR 5.7, 5.11).`,
    ),
    keyValues([
      ['SL-T method', criteria.securityLevelTarget.method],
      ['SL-T floor', `SL ${criteria.securityLevelTarget.floor} for every FR of every zone`],
      ['Conduits', 'Highest SL-T of the zones they join, per FR, unless set explicitly with a justification'],
      ['Explicit SL-T', 'Set by hand with a justification; the derived vector is still shown for comparison'],
    ]),
    paragraph(METHOD_TEXT[criteria.securityLevelTarget.method]),
    table(
      [{ header: 'SL', align: 'center' }, 'Protects against', 'Means', 'Resources', 'Skills', 'Motivation'],
      SECURITY_LEVELS.map((level) => {
        const info = SECURITY_LEVEL_INFO[level];
        return [
          cell(level),
          cell(info.protectsAgainst),
          cell(info.means),
          cell(info.resources),
          cell(info.skills),
          cell(info.motivation),
        ];
      }),
      { caption: 'Security levels (attacker profiles)' },
    ),
    table(
      ['FR', 'Abbreviation', 'Foundational requirement', 'Purpose'],
      FOUNDATIONAL_REQUIREMENTS.map((fr) => [
        cell(fr),
        cell(FR_INFO[fr].abbreviation),
        cell(FR_INFO[fr].title),
        cell(FR_INFO[fr].purpose),
      ]),
      { caption: 'Foundational requirements in SL-vector order {IAC UC SI DC RDF TRE RA}' },
    ),
    table(
      ['Threat source', 'Name', { header: 'Capability (SL)', align: 'center' }, 'Description'],
      model.threatSources.map((source) => [
        codeCell(source.id),
        cell(source.name),
        cell(source.capability),
        cell(source.description),
      ]),
      { caption: 'Threat sources', emptyText: 'No threat sources defined.' },
    ),
    table(
      ['ATT&CK for ICS technique', 'Used by scenarios'],
      sortedTechniques.map(([technique, scenarios]) => [
        [code(technique)],
        cell(boundedItems(scenarios, context.limits.tableRows).join(', ')),
      ]),
      {
        caption: 'Threat catalog: techniques referenced by the threat scenarios',
        emptyText: 'No techniques referenced.',
      },
    ),
  ]);
};
