import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './render-html';
import { renderReportMarkdown } from './render-markdown';
import { REPORT_SECTION_IDS } from './section-ids';
import { buildReportFixture } from './testing/report-fixture';

const options = { generatedAt: '2026-11-25T10:00:00Z', document: 'full' } as const;
const LONG = 'y'.repeat(1700);
const HOSTILE = ` <script>alert(1)</script> a|b \`tick\` *bold* [link](http://evil.example) ${LONG}`;

const { model, assessment } = buildReportFixture();
const markdown = renderReportMarkdown(model, assessment, options);
const hostile = buildReportFixture({ hostile: HOSTILE });
const hostileMarkdown = renderReportMarkdown(hostile.model, hostile.assessment, options);

/** Number of cell separators in a table line: pipes not escaped with a backslash. */
const cellSeparators = (line: string): number => (line.match(/(?<!\\)\|/g) ?? []).length;

/** Consecutive lines that start with a pipe, i.e. each GFM table. */
const tablesOf = (text: string): readonly (readonly string[])[] => {
  const tables: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length > 0) {
      tables.push(current);
      current = [];
    }
  }
  return tables;
};

describe('renderReportMarkdown', () => {
  it('has an anchor and a heading for every section of the outline, in the same order as the HTML', () => {
    const order = (text: string): readonly string[] =>
      [...text.matchAll(/(?:<a id="|<section id=")([a-z0-9-]+)"/g)]
        .map((match) => match[1] ?? '')
        .filter((id) => !id.startsWith('figure-'));
    const html = renderReportHtml(model, assessment, options);
    expect(order(markdown)).toEqual(order(html));
    for (const id of REPORT_SECTION_IDS) expect(markdown).toContain(`](#${id})`);
  });

  it('writes well-formed GFM tables: every row has as many cells as its header', () => {
    for (const text of [markdown, hostileMarkdown]) {
      const tables = tablesOf(text);
      expect(tables.length).toBeGreaterThan(30);
      for (const table of tables) {
        const columns = cellSeparators(table[0] ?? '');
        expect(table[1]).toMatch(/^\| (:?---:?) (\| :?---:? )*\|$/);
        expect(table.filter((line) => cellSeparators(line) !== columns)).toEqual([]);
      }
    }
  });

  it('renders hostile model text as text', () => {
    expect(hostileMarkdown).not.toMatch(/(?<!\\)<script/);
    expect(hostileMarkdown).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(hostileMarkdown).toContain('a\\|b');
    expect(hostileMarkdown).toContain('\\`tick\\`');
    expect(hostileMarkdown).toContain('\\*bold\\*');
    expect(hostileMarkdown).toContain('\\[link\\](http://evil.example)');
    expect(hostileMarkdown).toContain(LONG);
  });

  it('replaces each figure by a note and its data', () => {
    expect(markdown).not.toContain('<svg');
    expect(markdown).toMatch(
      /> \*\*Figure 1: .*\.\*\* The figure is drawn in the HTML report; its data follows\./,
    );
    expect(markdown).toContain('<a id="figure-heat-map-residual"></a>');
  });

  it('returns the same text for the same input', () => {
    expect(renderReportMarkdown(model, assessment, options)).toBe(markdown);
  });
});
