import type { Assessment, SystemModel } from '@zonewise/core';
import type {
  Block,
  FigureBlock,
  Inline,
  InlineContent,
  ReportDocument,
  Section,
  TableBlock,
  Tone,
} from './document-model';
import { escapeMarkdown, escapeXml } from './escape';
import { buildReportDocument, type ReportOptions } from './report-document';

const TOC_CHILD_LIMIT = 60;

const NOTE_LABELS: Readonly<Record<Tone, string>> = {
  critical: 'Warning:',
  high: 'Warning:',
  medium: 'Attention:',
  low: 'Note:',
  info: 'Note:',
  ok: 'OK:',
  neutral: 'Note:',
};

/**
 * A code span that shows any text literally: the fence is longer than any backtick run inside, and `|` is
 * escaped in tables because GFM splits cells before it parses code spans.
 */
const codeSpan = (value: string, isInTable: boolean): string => {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const body = isInTable ? flat.replace(/\|/g, '\\|') : flat;
  const padded = body.startsWith('`') || body.endsWith('`') ? ` ${body} ` : body;
  return `${fence}${padded}${fence}`;
};

const renderInline = (inline: Inline, isInTable: boolean): string => {
  switch (inline.kind) {
    case 'text': {
      if (inline.isCode) return codeSpan(inline.text, isInTable);
      const escaped = escapeMarkdown(inline.text);
      if (!inline.isStrong || escaped === '') return escaped;
      return `**${escaped}**`;
    }
    case 'badge':
      return `**${escapeMarkdown(inline.text)}**`;
    case 'link':
      return `[${escapeMarkdown(inline.text)}](#${encodeURIComponent(inline.target)})`;
    case 'line-break':
      return '<br>';
  }
};

// Adjacent runs keep the spaces between them: escapeMarkdown trims each run, so spacing is restored here.
const renderContent = (content: InlineContent, isInTable = false): string =>
  content
    .map((inline, index) => {
      const rendered = renderInline(inline, isInTable);
      if (inline.kind !== 'text' || inline.isCode) return rendered;
      const leading = index > 0 && /^\s/.test(inline.text) ? ' ' : '';
      const trailing = index < content.length - 1 && /\s$/.test(inline.text) ? ' ' : '';
      return `${leading}${rendered}${trailing}`;
    })
    .join('')
    .trim();

const renderTable = (block: TableBlock): string[] => {
  const caption = block.caption === undefined ? [] : [`**${escapeMarkdown(block.caption)}**`, ''];
  if (block.rows.length === 0) return [...caption, `_${escapeMarkdown(block.emptyText ?? '—')}_`, ''];
  const row = (cells: readonly string[]): string =>
    `| ${cells.map((value) => (value === '' ? ' ' : value)).join(' | ')} |`;
  return [
    ...caption,
    row(block.columns.map((column) => escapeMarkdown(column.header))),
    row(
      block.columns.map((column) =>
        column.align === 'right' ? '---:' : column.align === 'center' ? ':---:' : '---',
      ),
    ),
    ...block.rows.map((cells) =>
      row(block.columns.map((_column, index) => renderContent(cells[index] ?? [], true))),
    ),
    '',
  ];
};

interface FigureCounter {
  next: number;
}

const renderFigure = (figure: FigureBlock, counter: FigureCounter): string[] => {
  const number = counter.next;
  counter.next += 1;
  return [
    `<a id="${escapeXml(figure.id)}"></a>`,
    '',
    `> **Figure ${number}: ${escapeMarkdown(figure.caption)}.** The figure is drawn in the HTML report; its data follows.`,
    '',
    ...(figure.fallback ? renderTable(figure.fallback) : [`_${escapeMarkdown(figure.alt)}_`, '']),
  ];
};

const renderBlock = (block: Block, counter: FigureCounter): string[] => {
  switch (block.kind) {
    case 'paragraph':
      return [renderContent(block.content), ''];
    case 'key-values':
      return [
        ...block.items.map((item) => `- **${escapeMarkdown(item.key)}:** ${renderContent(item.value)}`),
        '',
      ];
    case 'list':
      return [
        ...block.items.map(
          (item, index) => `${block.isOrdered ? `${index + 1}.` : '-'} ${renderContent(item)}`,
        ),
        '',
      ];
    case 'note':
      return [`> **${NOTE_LABELS[block.tone]}** ${renderContent(block.content)}`, ''];
    case 'table':
      return renderTable(block);
    case 'figure':
      return renderFigure(block, counter);
    case 'figure-row':
      return block.figures.flatMap((figure) => renderFigure(figure, counter));
  }
};

const renderSection = (section: Section, depth: number, counter: FigureCounter): string[] => [
  `<a id="${escapeXml(section.id)}"></a>`,
  '',
  `${'#'.repeat(Math.min(depth + 1, 6))} ${escapeMarkdown(section.title)}`,
  '',
  ...section.blocks.flatMap((block) => renderBlock(block, counter)),
  ...section.children.flatMap((child) => renderSection(child, depth + 1, counter)),
];

/**
 * Renders a report document as GitHub-flavoured Markdown in the same order as the HTML: tables with escaped
 * pipes, figures replaced by a note and their data table, every model text escaped so it renders as text.
 */
export const renderDocumentMarkdown = (document: ReportDocument): string => {
  const counter: FigureCounter = { next: 1 };
  const toc = document.sections.flatMap((section, index) => [
    `${index + 1}. [${escapeMarkdown(section.title)}](#${section.id})`,
    ...(section.children.length <= TOC_CHILD_LIMIT
      ? section.children.map((child) => `    - [${escapeMarkdown(child.title)}](#${child.id})`)
      : []),
  ]);
  const lines = [
    `# ${escapeMarkdown(document.title)}`,
    '',
    `_${escapeMarkdown(document.subtitle)}_`,
    '',
    ...document.meta.map((entry) => `- **${escapeMarkdown(entry.key)}:** ${escapeMarkdown(entry.value)}`),
    '',
    '## Contents',
    '',
    ...toc,
    '',
    ...document.sections.flatMap((section) => renderSection(section, 1, counter)),
    '---',
    '',
    `_Generated by Zonewise at ${escapeMarkdown(document.generatedAt)}._`,
    '',
  ];
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
};

/** The assessment report (or, with `document: 'crs'`, the CRS) as GitHub-flavoured Markdown. */
export const renderReportMarkdown = (
  model: SystemModel,
  assessment: Assessment,
  options: ReportOptions,
): string => renderDocumentMarkdown(buildReportDocument(model, assessment, options));
