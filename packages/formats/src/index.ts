// Public API of @zonewise/formats. Other packages import only from here.

export * from './rules-doc/render-rules-markdown';

// Assessment report and CRS: document model, HTML and Markdown renderers, SVG figures.
export {
  plainText,
  type Block,
  type FigureBlock,
  type Inline,
  type InlineContent,
  type ReportDocument,
  type Section,
  type TableBlock,
  type TableColumn,
  type Tone,
} from './report/document-model';
export { buildReportDocument, type ReportOptions } from './report/report-document';
export { DEFAULT_REPORT_SIZE_LIMITS, type ReportSizeLimits } from './report/report-size';
export {
  REPORT_SECTION_IDS,
  CRS_SECTION_IDS,
  CRS_DOCUMENT_SECTION_IDS,
  type ReportSectionId,
} from './report/section-ids';
export { renderReportHtml, renderDocumentHtml } from './report/render-html';
export { renderReportMarkdown, renderDocumentMarkdown } from './report/render-markdown';
export {
  buildDocxDocument,
  renderDocumentDocx,
  renderReportDocx,
  type DocxOptions,
  type RasteriseSvg,
} from './report/render-docx';
export { renderZoneDiagramSvg, type ZoneDiagramOptions } from './report/svg/zone-diagram';
export { renderRiskHeatMapSvg, type RiskHeatMapOptions } from './report/svg/risk-heat-map';
export {
  renderSecurityLevelRadarSvg,
  type SecurityLevelSeries,
  type SecurityLevelChartOptions,
} from './report/svg/security-level-radar';
export { renderSecurityLevelBarsSvg } from './report/svg/security-level-bars';
export type { SvgFigure } from './report/svg/svg-text';

// Assessment file: YAML/JSON reader with line:column diagnostics, deterministic writers, in-place YAML update, JSON Schema.
export {
  detectAssessmentFormat,
  loadAssessmentText,
  type AssessmentFormat,
  type FailedLoad,
  type LoadOptions,
  type LoadResult,
  type LoadedAssessment,
} from './project-file/load-assessment-text';
export type { SourcePosition } from './project-file/locate-node';
export { locateDiagnostics, type AssessmentSource } from './project-file/locate-diagnostics';
export { formatDiagnostic } from './project-file/format-diagnostic';
export { saveAssessmentJson, saveAssessmentYaml, type SaveYamlOptions } from './project-file/save-assessment';
export { updateAssessmentYaml, type UpdateYamlOptions } from './project-file/update-assessment-yaml';
export { ASSESSMENT_SCHEMA_ID, assessmentJsonSchema } from './project-file/assessment-json-schema';

// init scaffold
export { scaffoldAssessment } from './scaffold/scaffold-assessment';

// Network captures: streaming pcap/pcapng reader and analyser (hosts, flows, protocols, device identities).
export * from './import/capture/index';

// Firewall configurations: OPNsense/pfSense config.xml to zone and conduit candidates, with notes on risky rules.
export * from './import/firewall/index';

// CSAF advisories: offline validation, product extraction, matching to assets (vendor/product/version, KEV, CVSS).
export * from './import/advisories/index';

// Conformance check: drift between the model and observed traffic or a firewall configuration.
export * from './conformance/index';

// Tables for the importers: CSV (encoding, delimiter and header detection) and XLSX sheets in one shape; --map files.
export * from './import/tabular/index';

// Asset inventories: CSV/XLSX exports merged into the assessment's assets by IP, MAC or name.
export * from './import/inventory/index';

// Process hazard analyses: HAZOP/LOPA worksheets as consequence references for threat scenarios.
export * from './import/pha/index';

// MITRE ATT&CK for ICS: STIX 2.1 bundle as a threat catalog, with IEC 62443 labels of mitigations.
export * from './import/attack/index';

// Registers: asset, zone/conduit, risk, compliance, countermeasure and vulnerability registers as XLSX/CSV, and back.
export * from './export/registers/index';

// Zone/conduit diagram: ELK layout (elkjs) and standalone SVG, readable up to hundreds of zones.
export * from './diagram/index';
