import { describe, expect, it } from 'vitest';
import { attachment, downloadFileName } from './file-name';

describe('downloadFileName', () => {
  it('keeps letters, digits, dots, dashes and underscores and adds the suffix and extension', () => {
    expect(downloadFileName('Pharma_Plant-2.0', 'report', 'html')).toBe('Pharma_Plant-2.0-report.html');
    expect(downloadFileName('Pharma plant', '', 'yaml')).toBe('Pharma-plant.yaml');
  });

  it('replaces quotes, slashes, control characters and markup so the name cannot escape the header or a folder', () => {
    const name = downloadFileName('../"evil"\r\n<script>/x', 'registers', 'xlsx');
    expect(name).toBe('evil-script-x-registers.xlsx');
    expect(attachment(name)).toBe('attachment; filename="evil-script-x-registers.xlsx"');
  });

  it('folds accents, caps the stem at 80 characters and falls back to "assessment"', () => {
    expect(downloadFileName('Café Zürich', 'crs', 'md')).toBe('Cafe-Zurich-crs.md');
    expect(downloadFileName('a'.repeat(200), '', 'json')).toBe(`${'a'.repeat(80)}.json`);
    expect(downloadFileName('☃ … ☃', 'diagram', 'svg')).toBe('assessment-diagram.svg');
    expect(downloadFileName('', '', 'yaml')).toBe('assessment.yaml');
  });
});
