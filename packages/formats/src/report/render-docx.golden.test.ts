import { readFileSync } from 'node:fs';
import { assessSystem, resolveSystem, type Assessment, type SystemModel } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { loadAssessmentText } from '../project-file/load-assessment-text';
import { renderReportDocx } from './render-docx';
import { docxBodyLines, malformedParts, readDocxParts, TINY_PNG } from './testing/docx-reader';

// Golden text of the Word reports of the examples: the body of word/document.xml as lines (headings `#`, table rows
// `|`, repeating header rows `H|`, images with their alt text), not the zip bytes, which carry timestamps. Review a
// diff like code; update with `npx vitest run -u <this file>`.
const EXAMPLES = ['pharma-tablet-plant', 'water-treatment'] as const;
const GENERATED_AT = '2026-11-25T10:00:00Z';

const assessExample = (name: string): { readonly model: SystemModel; readonly assessment: Assessment } => {
  const path = new URL(`../../../../examples/${name}/assessment.yaml`, import.meta.url);
  const loaded = loadAssessmentText(readFileSync(path, 'utf8'), { fileName: `${name}/assessment.yaml` });
  if (!loaded.ok) throw new Error(`${name}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const resolved = resolveSystem(loaded.file);
  if (!resolved.ok) throw new Error(`${name}: ${resolved.diagnostics.map((d) => d.message).join('; ')}`);
  return { model: resolved.value, assessment: assessSystem(resolved.value) };
};

describe.each(EXAMPLES)('Word report of examples/%s', (name) => {
  it('has well-formed parts and matches the golden text', async () => {
    const { model, assessment } = assessExample(name);
    const bytes = await renderReportDocx(model, assessment, {
      generatedAt: GENERATED_AT,
      document: 'full',
      rasterise: () => TINY_PNG,
    });
    const parts = await readDocxParts(bytes);
    expect(malformedParts(parts.xml)).toEqual([]);
    const lines = docxBodyLines(parts.xml.get('word/document.xml') ?? '');
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(`./__golden__/${name}.report.docx.txt`);
  }, 120_000);
});
