import { createHash } from 'node:crypto';
import * as core from '@zonewise/core';
import type { SystemModel } from '@zonewise/core';

/**
 * The entry points the benchmark measures, looked up at run time. The engine (`assessSystem`), the file loader
 * (`loadAssessmentText`) and the report renderers are built in parallel with this harness, so each may be missing;
 * the harness then measures what exists and prints a note for the rest instead of failing to start.
 */

/** What `loadAssessmentText` of `@zonewise/formats` returns, as far as the benchmark needs it. */
export type LoadedText =
  | { readonly ok: true; readonly file: unknown }
  | { readonly ok: false; readonly diagnostics: readonly unknown[] };

/** Report renderers take the model, the assessment and options, and return the document text. */
export type RenderReport = (
  model: SystemModel,
  assessment: unknown,
  options: { readonly generatedAt: string; readonly document: 'full' },
) => string;

/** The measured entry points; optional ones are absent when that part of the product is not built yet. */
export interface BenchApi {
  readonly resolveSystem: typeof core.resolveSystem;
  readonly assessSystem?: (model: SystemModel) => unknown;
  readonly loadAssessmentText?: (text: string, options: { readonly fileName: string }) => LoadedText;
  readonly renderReportMarkdown?: RenderReport;
  readonly renderReportHtml?: RenderReport;
  /** Why an entry point is missing, one line each. */
  readonly notes: readonly string[];
}

// A non-literal specifier keeps the type checker from resolving a package whose index may not exist yet.
const FORMATS_PACKAGE: string = '@zonewise/formats';

const functionOf = <T>(module: Record<string, unknown>, name: string): T | undefined => {
  const value = module[name];
  return typeof value === 'function' ? (value as T) : undefined;
};

/** Imports `@zonewise/core` and, when it loads, `@zonewise/formats`, and picks the entry points that exist. */
export const loadBenchApi = async (): Promise<BenchApi> => {
  const notes: string[] = [];
  const coreExports = core as unknown as Record<string, unknown>;
  let formats: Record<string, unknown> = {};
  try {
    formats = (await import(FORMATS_PACKAGE)) as Record<string, unknown>;
  } catch (error) {
    notes.push(
      `@zonewise/formats does not load yet (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  const pureAssess = functionOf<(model: SystemModel, options?: unknown) => unknown>(
    coreExports,
    'assessSystem',
  );
  // Measure what the CLI runs: the engine with Node's native SHA-256 for the model digest (packages/cli/src/engine.ts).
  const assessSystem = pureAssess
    ? (model: SystemModel) =>
        pureAssess(model, {
          createDigest: () => {
            const hash = createHash('sha256');
            return {
              update: (chunk: string) => hash.update(chunk, 'utf8'),
              digest: () => hash.digest('hex'),
            };
          },
        })
    : undefined;
  const loadAssessmentText = functionOf<BenchApi['loadAssessmentText']>(formats, 'loadAssessmentText');
  const renderReportMarkdown = functionOf<RenderReport>(formats, 'renderReportMarkdown');
  const renderReportHtml = functionOf<RenderReport>(formats, 'renderReportHtml');
  if (!assessSystem) notes.push('@zonewise/core does not export assessSystem yet');
  if (!loadAssessmentText) notes.push('@zonewise/formats does not export loadAssessmentText yet');
  if (!renderReportMarkdown) notes.push('@zonewise/formats does not export renderReportMarkdown yet');
  if (!renderReportHtml) notes.push('@zonewise/formats does not export renderReportHtml yet');
  return {
    resolveSystem: core.resolveSystem,
    ...(assessSystem ? { assessSystem } : {}),
    ...(loadAssessmentText ? { loadAssessmentText } : {}),
    ...(renderReportMarkdown ? { renderReportMarkdown } : {}),
    ...(renderReportHtml ? { renderReportHtml } : {}),
    notes,
  };
};
