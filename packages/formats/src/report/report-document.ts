import type { Assessment, SystemModel } from '@zonewise/core';
import { section, type ReportDocument } from './document-model';
import { AnchorRegistry } from './escape';
import {
  indexAssessment,
  selectDetailedSubjects,
  type ReportContext,
  type ReportDocumentKind,
} from './report-context';
import { DEFAULT_REPORT_SIZE_LIMITS, type ReportSizeLimits } from './report-size';
import { CRS_DOCUMENT_SECTION_IDS, CRS_SECTION_IDS, REPORT_SECTION_IDS } from './section-ids';
import { attackPathsSection } from './sections/attack-paths';
import { appendicesSection, approvalSection, completenessSection } from './sections/closing';
import { crsIntroductionBlocks, crsSection, crsSections } from './sections/crs';
import { detailedRiskSection } from './sections/detailed-risk';
import { findingsSection } from './sections/findings';
import { documentControlSection, executiveSummarySection } from './sections/front-matter';
import { gapAnalysisSection } from './sections/gap-analysis';
import { initialRiskSection } from './sections/initial-risk';
import { methodSection } from './sections/method';
import { recommendationsSection } from './sections/recommendations';
import { systemUnderConsiderationSection } from './sections/system-under-consideration';
import {
  PARTITIONING_CLAUSES,
  partitionAnchor,
  zonesAndConduitsSection,
} from './sections/zones-and-conduits';

/** What to build: the timestamp to print (the caller's clock, never ours) and which document. */
export interface ReportOptions {
  /** Printed as given, e.g. an ISO 8601 time; the renderers never read a clock. */
  readonly generatedAt: string;
  /** `full`: the assessment report; `crs`: the cybersecurity requirements specification alone. */
  readonly document: ReportDocumentKind;
  /**
   * The size rule (see `ReportSizeLimits`): tables longer than these limits print counts, the most relevant rows
   * and where the full list is (the registers workbook of `zonewise export registers`). Each field defaults to
   * `DEFAULT_REPORT_SIZE_LIMITS`.
   */
  readonly limits?: Partial<ReportSizeLimits>;
}

/**
 * Builds the neutral report document from the model and the engine's results: the assessment report following
 * the outline of product.md (ZCR 5.13, 6, 7), or the CRS alone as a controlled document (ZCR 6). Pure and
 * deterministic: the same inputs give the same tree.
 */
export const buildReportDocument = (
  model: SystemModel,
  assessment: Assessment,
  options: ReportOptions,
): ReportDocument => {
  const anchors = new AnchorRegistry();
  const base = {
    model,
    assessment,
    kind: options.document,
    generatedAt: options.generatedAt,
    anchors,
    index: indexAssessment(assessment),
    limits: { ...DEFAULT_REPORT_SIZE_LIMITS, ...options.limits },
  };
  const context: ReportContext = { ...base, detailedSubjects: selectDetailedSubjects(base) };
  const info = model.assessment;
  const meta = [
    { key: 'Document', value: info.documentId ?? '' },
    { key: 'Version', value: info.version ?? '' },
    { key: 'Date', value: info.date ?? '' },
    { key: 'Classification', value: info.confidentiality ?? '' },
    { key: 'Generated at', value: options.generatedAt },
    { key: 'Model SHA-256', value: assessment.modelSha256 },
  ].filter((entry) => entry.value !== '');

  if (options.document === 'crs') {
    anchors.reserve([...CRS_DOCUMENT_SECTION_IDS, 'figure-crs-zone-diagram']);
    return {
      kind: 'crs',
      title: `Cybersecurity requirements specification: ${model.system.name}`,
      subtitle: 'IEC 62443-3-2 ZCR 6: zones, conduits, target security levels and requirements',
      meta,
      generatedAt: options.generatedAt,
      sections: [
        documentControlSection(context),
        section('crs-introduction', 'Introduction (ZCR 6.1)', crsIntroductionBlocks(context)),
        ...crsSections(context),
        approvalSection(context),
      ],
    };
  }

  anchors.reserve([
    ...REPORT_SECTION_IDS,
    ...CRS_SECTION_IDS,
    ...PARTITIONING_CLAUSES.map((clause) => partitionAnchor(clause.clause)),
    'appendix-assets',
    'appendix-vulnerabilities',
    'appendix-countermeasures',
    'appendix-evidence',
    'appendix-warnings',
    'figure-zone-diagram',
    'figure-heat-map-unmitigated',
    'figure-heat-map-residual',
    'figure-heat-map-initial',
  ]);
  return {
    kind: 'full',
    title: info.title ?? `Cybersecurity risk assessment: ${model.system.name}`,
    subtitle: 'IEC 62443-3-2 risk assessment report, ZCR 1 to ZCR 7',
    meta,
    generatedAt: options.generatedAt,
    sections: [
      documentControlSection(context),
      executiveSummarySection(context),
      methodSection(context),
      systemUnderConsiderationSection(context),
      initialRiskSection(context),
      zonesAndConduitsSection(context),
      detailedRiskSection(context),
      gapAnalysisSection(context),
      recommendationsSection(context),
      findingsSection(context),
      attackPathsSection(context),
      crsSection(context),
      approvalSection(context),
      completenessSection(context),
      appendicesSection(context),
    ],
  };
};
