import { describe, expect, it } from 'vitest';
import { plainText, type Block, type Inline, type ReportDocument, type Section } from './document-model';
import { buildReportDocument } from './report-document';
import { CRS_DOCUMENT_SECTION_IDS, REPORT_SECTION_IDS } from './section-ids';
import { buildReportFixture } from './testing/report-fixture';

const options = { generatedAt: '2026-11-25T10:00:00Z', document: 'full' } as const;
const { model, assessment } = buildReportFixture();
const full = buildReportDocument(model, assessment, options);
const crs = buildReportDocument(model, assessment, { ...options, document: 'crs' });

const allSections = (sections: readonly Section[]): readonly Section[] =>
  sections.flatMap((section) => [section, ...allSections(section.children)]);

const figuresOf = (block: Block): readonly Block[] =>
  block.kind === 'figure' ? [block] : block.kind === 'figure-row' ? block.figures : [];

const inlinesOf = (block: Block): readonly Inline[] => {
  switch (block.kind) {
    case 'paragraph':
    case 'note':
      return block.content;
    case 'key-values':
      return block.items.flatMap((item) => item.value);
    case 'list':
      return block.items.flat();
    case 'table':
      return block.rows.flat(2);
    case 'figure':
    case 'figure-row':
      return [];
  }
};

const anchorsOf = (document: ReportDocument): readonly string[] => {
  const sections = allSections(document.sections);
  return [
    ...sections.map((section) => section.id),
    ...sections
      .flatMap((section) => section.blocks.flatMap(figuresOf))
      .map((figure) => (figure.kind === 'figure' ? figure.id : '')),
  ];
};

const sectionById = (document: ReportDocument, id: string): Section | undefined =>
  allSections(document.sections).find((section) => section.id === id);

const textOf = (section: Section | undefined): string =>
  section === undefined
    ? ''
    : [
        ...section.blocks.flatMap((block) => [
          ...(block.kind === 'key-values' ? block.items.map((item) => item.key) : []),
          plainText(inlinesOf(block)),
        ]),
        ...section.children.map(textOf),
      ].join('\n');

describe('buildReportDocument', () => {
  it('follows the report outline: every top-level section in order', () => {
    expect(full.sections.map((section) => section.id)).toEqual([...REPORT_SECTION_IDS]);
  });

  it('builds the CRS alone as a controlled document', () => {
    expect(crs.sections.map((section) => section.id)).toEqual([...CRS_DOCUMENT_SECTION_IDS]);
    expect(crs.kind).toBe('crs');
    expect(sectionById(crs, 'detailed-risk')).toBeUndefined();
  });

  it('gives every section and figure a unique anchor and links only to anchors that exist', () => {
    for (const document of [full, crs]) {
      const anchors = anchorsOf(document);
      expect(new Set(anchors).size).toBe(anchors.length);
      expect(anchors.every((anchor) => /^[a-z0-9-]+$/.test(anchor))).toBe(true);
      const targets = allSections(document.sections)
        .flatMap((section) => section.blocks.flatMap(inlinesOf))
        .flatMap((inline) => (inline.kind === 'link' ? [inline.target] : []));
      if (document.kind === 'full') expect(targets.length).toBeGreaterThan(0);
      expect(targets.filter((target) => !anchors.includes(target))).toEqual([]);
    }
  });

  it('has one detailed-risk worksheet row per scenario, in its zone or conduit', () => {
    for (const scenario of assessment.scenarios) {
      const subject = allSections(full.sections).find(
        (section) => section.id.startsWith('risk-') && section.title.endsWith(`(${scenario.subject.id})`),
      );
      expect(textOf(subject)).toContain(scenario.id);
    }
  });

  it('lists the attributes a to n for every zone and conduit of the CRS', () => {
    const characteristics = sectionById(crs, 'crs-characteristics');
    expect(characteristics?.children).toHaveLength(assessment.crs.characteristics.length);
    for (const child of characteristics?.children ?? []) {
      const keys = child.blocks.flatMap((block) =>
        block.kind === 'key-values' ? block.items.map((item) => item.key) : [],
      );
      expect(keys.map((key) => key.charAt(0))).toEqual([...'abcdefghijklmn']);
      const captions = child.blocks.flatMap((block) =>
        block.kind === 'table' && block.caption ? [block.caption.charAt(0)] : [],
      );
      expect(captions).toEqual(['h', 'j', 'l']);
    }
  });

  it('puts each partitioning finding under its ZCR 3.x clause', () => {
    for (const finding of assessment.findings.filter((entry) =>
      entry.reference.clause.startsWith('ZCR 3.'),
    )) {
      const anchor = `partition-${finding.reference.clause.replace('ZCR ', '').replace('.', '-')}`;
      expect(textOf(sectionById(full, anchor))).toContain(finding.id);
    }
  });

  it('flags stale approvals in document control and in the approval section', () => {
    expect(assessment.approvals.every((entry) => entry.isStale)).toBe(true);
    for (const id of ['document-control', 'approval']) {
      const badges =
        sectionById(full, id)
          ?.blocks.flatMap(inlinesOf)
          .filter((inline) => inline.kind === 'badge') ?? [];
      expect(
        badges.some(
          (inline) => inline.kind === 'badge' && inline.tone === 'high' && inline.text.startsWith('Stale'),
        ),
      ).toBe(true);
    }
  });

  it('sorts attack paths weakest first', () => {
    const table = sectionById(full, 'attack-paths')?.blocks.find((block) => block.kind === 'table');
    const ids = table?.kind === 'table' ? table.rows.map((row) => plainText(row[1] ?? [])) : [];
    expect(ids.map((id) => id.replace(' Weakest', ''))).toEqual([
      'ap-laptop->sis',
      'ap-enterprise->control',
      'ap-vendor->sis',
    ]);
  });

  it('is deterministic and takes its time only from the options', () => {
    expect(buildReportDocument(model, assessment, options)).toEqual(full);
    const later = buildReportDocument(model, assessment, { ...options, generatedAt: 'LATER' });
    expect(JSON.stringify(later).replaceAll('LATER', options.generatedAt)).toBe(JSON.stringify(full));
  });
});
