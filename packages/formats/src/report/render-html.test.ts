import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './render-html';
import { CRS_DOCUMENT_SECTION_IDS, REPORT_SECTION_IDS } from './section-ids';
import { buildReportFixture } from './testing/report-fixture';

const options = { generatedAt: '2026-11-25T10:00:00Z', document: 'full' } as const;
const LONG = 'x'.repeat(1700);
const HOSTILE = ` <script>alert("x")</script> "><img src=x onerror=alert(1)> | \`tick\` ${LONG}`;

const { model, assessment } = buildReportFixture();
const html = renderReportHtml(model, assessment, options);
const hostile = buildReportFixture({ hostile: HOSTILE });
const hostileHtml = renderReportHtml(hostile.model, hostile.assessment, options);

/** Tags of the document with their attributes, e.g. `<a href="#x">`. */
const tags = (text: string): readonly string[] => text.match(/<[a-zA-Z][^>]*>/g) ?? [];

describe('renderReportHtml', () => {
  it('has an element for every section of the outline and a table-of-contents link to each', () => {
    for (const id of REPORT_SECTION_IDS) {
      expect(html).toContain(`<section id="${id}">`);
      expect(html).toContain(`<a href="#${id}">`);
    }
    const crsHtml = renderReportHtml(model, assessment, { ...options, document: 'crs' });
    for (const id of CRS_DOCUMENT_SECTION_IDS) expect(crsHtml).toContain(`<section id="${id}">`);
  });

  it('fetches nothing: no external URL in any src or href, no scripts, no imports', () => {
    for (const text of [html, hostileHtml]) {
      const attributes = tags(text).flatMap((tag) => [
        ...tag.matchAll(/\b(src|href|xlink:href|action)\s*=\s*"([^"]*)"/gi),
      ]);
      expect(attributes.filter((match) => !(match[2] ?? '').startsWith('#'))).toEqual([]);
      expect(text).not.toMatch(/<(script|iframe|object|embed|link|img)\b/i);
      expect(text).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
      expect(text).not.toMatch(/@import/i);
    }
  });

  it('links only to ids that exist in the file', () => {
    const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]);
    expect(targets.filter((target) => !ids.has(target))).toEqual([]);
  });

  it('renders hostile model text as text', () => {
    expect(hostileHtml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(hostileHtml).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(tags(hostileHtml).some((tag) => /onerror|onload|javascript:/i.test(tag))).toBe(false);
    // Long strings stay whole (only break opportunities are added) and are allowed to wrap.
    expect(hostileHtml.replace(/<wbr>/g, '')).toContain(LONG);
    expect(hostileHtml).toMatch(/x{12}<wbr>x{12}/);
  });

  it('gives every badge a text, so colour is never the only signal', () => {
    const badges = [...html.matchAll(/<span class="badge badge-[a-z]+">([^<]*)<\/span>/g)];
    expect(badges.length).toBeGreaterThan(20);
    expect(badges.filter((match) => (match[1] ?? '').trim() === '')).toEqual([]);
  });

  it('inlines the figures as SVG with numbered captions', () => {
    for (const id of [
      'figure-zone-diagram',
      'figure-heat-map-unmitigated',
      'figure-heat-map-residual',
      'figure-heat-map-initial',
    ]) {
      expect(html).toMatch(new RegExp(`<figure id="${id}"[^>]*>\\s*<div class="figure-body"><svg `));
    }
    expect(html).toContain('<figcaption>Figure 1: ');
  });

  it('is print-ready: page breaks per section and repeated table headers', () => {
    expect(html).toContain('@media print');
    expect(html).toContain('break-before: page');
    expect(html).toContain('thead { display: table-header-group; }');
  });

  it('returns the same text for the same input', () => {
    expect(renderReportHtml(model, assessment, options)).toBe(html);
  });
});
