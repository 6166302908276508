import type { Assessment, SystemModel } from '@zonewise/core';
import type {
  Block,
  FigureBlock,
  Inline,
  InlineContent,
  ReportDocument,
  Section,
  TableBlock,
  TableColumn,
  Tone,
} from './document-model';
import { escapeXml } from './escape';
import { buildReportDocument, type ReportOptions } from './report-document';
import { REPORT_CSS } from './report-styles';

/** Figures wider than this scroll on screen instead of shrinking below a readable size. */
const WIDE_FIGURE = 1600;
/** Sections with more children than this list only themselves in the table of contents. */
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

/** Longer runs without a space get break opportunities, so that ids, hashes and hostile strings wrap in tables. */
const LONG_TOKEN = 24;
const TOKEN_CHUNK = 12;

/** Escapes text and puts `<wbr>` into long unbroken runs (between characters, never inside an entity). */
const escapeWrapping = (value: string): string =>
  value
    .split(/(\s+)/)
    .map((token) => {
      const characters = [...token];
      if (characters.length <= LONG_TOKEN) return escapeXml(token);
      const chunks: string[] = [];
      for (let start = 0; start < characters.length; start += TOKEN_CHUNK) {
        chunks.push(escapeXml(characters.slice(start, start + TOKEN_CHUNK).join('')));
      }
      return chunks.join('<wbr>');
    })
    .join('');

const renderInline = (inline: Inline): string => {
  switch (inline.kind) {
    case 'text': {
      let html = escapeWrapping(inline.text);
      if (inline.isCode) html = `<code>${html}</code>`;
      if (inline.isStrong) html = `<strong>${html}</strong>`;
      return html;
    }
    case 'badge':
      return `<span class="badge badge-${inline.tone}">${escapeWrapping(inline.text)}</span>`;
    case 'link':
      return `<a href="#${escapeXml(inline.target)}">${escapeWrapping(inline.text)}</a>`;
    case 'line-break':
      return '<br>';
  }
};

const renderContent = (content: InlineContent): string => content.map(renderInline).join('');

const columnClass = (column: TableColumn): string => {
  const classes = [
    ...(column.align === 'right' || column.align === 'center' ? [`align-${column.align}`] : []),
    ...(column.isNoWrap ? ['nowrap'] : []),
  ];
  return classes.length === 0 ? '' : ` class="${classes.join(' ')}"`;
};

const renderTable = (block: TableBlock): string => {
  if (block.rows.length === 0) {
    return [
      block.caption === undefined ? '' : `<p class="caption">${escapeXml(block.caption)}</p>`,
      `<p class="empty">${escapeXml(block.emptyText ?? '—')}</p>`,
    ].join('');
  }
  const head = block.columns
    .map((column) => `<th scope="col"${columnClass(column)}>${escapeXml(column.header)}</th>`)
    .join('');
  const body = block.rows
    .map(
      (row) =>
        `<tr>${block.columns.map((column, index) => `<td${columnClass(column)}>${renderContent(row[index] ?? [])}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return [
    '<div class="table-wrap"><table>',
    block.caption === undefined ? '' : `<caption>${escapeXml(block.caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody></table></div>`,
  ].join('');
};

interface FigureCounter {
  next: number;
}

const renderFigure = (figure: FigureBlock, counter: FigureCounter): string => {
  const number = counter.next;
  counter.next += 1;
  return [
    `<figure id="${escapeXml(figure.id)}" class="figure${figure.width > WIDE_FIGURE ? ' figure-wide' : ''}">`,
    // The SVG builders escape every text they embed, so the figure is inserted as markup.
    `<div class="figure-body">${figure.svg}</div>`,
    `<figcaption>Figure ${number}: ${escapeXml(figure.caption)}</figcaption>`,
    '</figure>',
  ].join('\n');
};

const renderBlock = (block: Block, counter: FigureCounter): string => {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${renderContent(block.content)}</p>`;
    case 'key-values':
      return `<dl class="kv">${block.items.map((item) => `<dt>${escapeXml(item.key)}</dt><dd>${renderContent(item.value)}</dd>`).join('')}</dl>`;
    case 'list': {
      const tag = block.isOrdered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${renderContent(item)}</li>`).join('\n')}</${tag}>`;
    }
    case 'note':
      return `<div class="note note-${block.tone}" role="note"><span class="note-label">${NOTE_LABELS[block.tone]}</span>${renderContent(block.content)}</div>`;
    case 'table':
      return renderTable(block);
    case 'figure':
      return renderFigure(block, counter);
    case 'figure-row':
      return `<div class="figure-row">\n${block.figures.map((figure) => renderFigure(figure, counter)).join('\n')}\n</div>`;
  }
};

const renderSection = (section: Section, depth: number, counter: FigureCounter): string => {
  const level = Math.min(depth + 1, 6);
  return [
    `<section id="${escapeXml(section.id)}">`,
    `<h${level}>${escapeXml(section.title)}</h${level}>`,
    ...section.blocks.map((block) => renderBlock(block, counter)),
    ...section.children.map((child) => renderSection(child, depth + 1, counter)),
    '</section>',
  ].join('\n');
};

const renderToc = (sections: readonly Section[]): string => {
  const item = (section: Section): string => {
    const children =
      section.children.length > 0 && section.children.length <= TOC_CHILD_LIMIT
        ? `<ol>${section.children.map((child) => `<li><a href="#${escapeXml(child.id)}">${escapeXml(child.title)}</a></li>`).join('')}</ol>`
        : '';
    return `<li><a href="#${escapeXml(section.id)}">${escapeXml(section.title)}</a>${children}</li>`;
  };
  return `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>\n${sections.map(item).join('\n')}\n</ol></nav>`;
};

/**
 * Renders a report document as one self-contained HTML file: inline CSS and SVG, no scripts, no external
 * resources, print-ready with page breaks. Every text from the model is escaped.
 */
export const renderDocumentHtml = (document: ReportDocument): string => {
  const counter: FigureCounter = { next: 1 };
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Zonewise">',
    `<title>${escapeXml(document.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="title-page">',
    `<p class="kicker">${escapeXml(document.subtitle)}</p>`,
    `<h1>${escapeXml(document.title)}</h1>`,
    `<dl class="meta">${document.meta.map((entry) => `<dt>${escapeXml(entry.key)}</dt><dd>${escapeXml(entry.value)}</dd>`).join('')}</dl>`,
    '</header>',
    renderToc(document.sections),
    '<main>',
    ...document.sections.map((section) => renderSection(section, 1, counter)),
    '</main>',
    `<footer>Generated by Zonewise at ${escapeXml(document.generatedAt)}. The report reflects the model whose SHA-256 is given in the document control section.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};

/** The assessment report (or, with `document: 'crs'`, the CRS) as one self-contained HTML file. */
export const renderReportHtml = (
  model: SystemModel,
  assessment: Assessment,
  options: ReportOptions,
): string => renderDocumentHtml(buildReportDocument(model, assessment, options));
