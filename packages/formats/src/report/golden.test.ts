import { readFileSync } from 'node:fs';
import { assessSystem, resolveSystem, type Assessment, type SystemModel } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { loadAssessmentText } from '../project-file/load-assessment-text';
import { renderReportHtml } from './render-html';
import { renderReportMarkdown } from './render-markdown';

// Golden reports of the examples. Review a diff like code; update with `npx vitest run -u <this file>`.
const EXAMPLES = ['pharma-tablet-plant', 'water-treatment'] as const;
// The HTML renderer walks the same document as Markdown; one HTML golden (the smaller example) pins it.
const HTML_GOLDEN = 'water-treatment';
const GENERATED_AT = '2026-11-25T10:00:00Z';

const assessExample = (name: string): { readonly model: SystemModel; readonly assessment: Assessment } => {
  const path = new URL(`../../../../examples/${name}/assessment.yaml`, import.meta.url);
  const loaded = loadAssessmentText(readFileSync(path, 'utf8'), { fileName: `${name}/assessment.yaml` });
  if (!loaded.ok) throw new Error(`${name}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const resolved = resolveSystem(loaded.file);
  if (!resolved.ok) throw new Error(`${name}: ${resolved.diagnostics.map((d) => d.message).join('; ')}`);
  return { model: resolved.value, assessment: assessSystem(resolved.value) };
};

describe.each(EXAMPLES)('report of examples/%s', (name) => {
  const { model, assessment } = assessExample(name);

  it('matches the golden Markdown report and CRS', async () => {
    await expect(
      renderReportMarkdown(model, assessment, { generatedAt: GENERATED_AT, document: 'full' }),
    ).toMatchFileSnapshot(`./__golden__/${name}.report.md`);
    await expect(
      renderReportMarkdown(model, assessment, { generatedAt: GENERATED_AT, document: 'crs' }),
    ).toMatchFileSnapshot(`./__golden__/${name}.crs.md`);
  });
});

describe(`HTML report of examples/${HTML_GOLDEN}`, () => {
  it('matches the golden HTML report', async () => {
    const { model, assessment } = assessExample(HTML_GOLDEN);
    await expect(
      renderReportHtml(model, assessment, { generatedAt: GENERATED_AT, document: 'full' }),
    ).toMatchFileSnapshot(`./__golden__/${HTML_GOLDEN}.report.html`);
  });
});
