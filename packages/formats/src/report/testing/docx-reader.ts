import { XMLParser, XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';

/**
 * Reads a .docx back for tests: its XML parts as text, and the body of `word/document.xml` as plain lines (headings
 * marked with `#`, table rows with `|`, repeating header rows with `H|`, images with their alt text). Golden files
 * compare these lines, not zip bytes, which carry timestamps.
 */

/** A 1×1 PNG, standing in for a rasterised figure in tests that do not need the real pixels. */
export const TINY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (character) => character.charCodeAt(0),
);

/** Every part of the zip by name; XML and relationship parts as text, others as their byte length. */
export const readDocxParts = async (
  bytes: Uint8Array,
): Promise<{ readonly xml: ReadonlyMap<string, string>; readonly binary: ReadonlyMap<string, number> }> => {
  const zip = await JSZip.loadAsync(bytes);
  const xml = new Map<string, string>();
  const binary = new Map<string, number>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    if (/\.(xml|rels)$/.test(name)) xml.set(name, await entry.async('string'));
    else binary.set(name, (await entry.async('uint8array')).length);
  }
  return { xml, binary };
};

/** Names of XML parts that are not well-formed XML (empty when all are). */
export const malformedParts = (xml: ReadonlyMap<string, string>): string[] =>
  [...xml].filter(([, text]) => XMLValidator.validate(text) !== true).map(([name]) => name);

type OrderedNode = Record<string, unknown> & { readonly ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

const tagOf = (node: OrderedNode): string => Object.keys(node).find((key) => key !== ':@') ?? '';
const childrenOf = (node: OrderedNode): OrderedNode[] => {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as OrderedNode[]) : [];
};
const find = (nodes: readonly OrderedNode[], tag: string): OrderedNode | undefined =>
  nodes.find((node) => tagOf(node) === tag);

/** The text of runs under a node: `w:t` text, tabs and breaks; field codes (`w:instrText`) are left out. */
const runText = (nodes: readonly OrderedNode[]): string =>
  nodes
    .map((node) => {
      const tag = tagOf(node);
      if (tag === '#text') return '';
      if (tag === 'w:t') {
        return childrenOf(node)
          .map((child) => child['#text'])
          .filter((text) => typeof text === 'string')
          .join('');
      }
      if (tag === 'w:tab') return '\t';
      if (tag === 'w:br') return ' / ';
      if (tag === 'w:instrText' || tag === 'w:pPr' || tag === 'w:rPr') return '';
      if (tag === 'wp:docPr') return `[image: ${node[':@']?.['descr'] ?? ''}]`;
      return runText(childrenOf(node));
    })
    .join('');

const paragraphLine = (node: OrderedNode): string | undefined => {
  const children = childrenOf(node);
  const properties = childrenOf(find(children, 'w:pPr') ?? {});
  const style = find(properties, 'w:pStyle')?.[':@']?.['w:val'] ?? '';
  const isListItem = find(properties, 'w:numPr') !== undefined;
  const text = runText(children);
  if (text.trim() === '') return undefined;
  const heading = /^Heading(\d)$/.exec(style);
  if (heading) return `${'#'.repeat(Number(heading[1]))} ${text}`;
  if (style === 'Title') return `TITLE ${text}`;
  if (style.startsWith('TOC')) return `TOC ${text}`;
  return `${isListItem ? '- ' : ''}${text}`;
};

const tableLines = (node: OrderedNode): string[] =>
  childrenOf(node)
    .filter((row) => tagOf(row) === 'w:tr')
    .map((row) => {
      const cells = childrenOf(row);
      const isHeader = find(childrenOf(find(cells, 'w:trPr') ?? {}), 'w:tblHeader') !== undefined;
      const texts = cells
        .filter((cell) => tagOf(cell) === 'w:tc')
        .map((cell) => bodyLines(childrenOf(cell)).join(' / '));
      return `${isHeader ? 'H|' : '|'} ${texts.join(' | ')}`;
    });

const bodyLines = (nodes: readonly OrderedNode[]): string[] =>
  nodes.flatMap((node) => {
    const tag = tagOf(node);
    if (tag === 'w:p') {
      const line = paragraphLine(node);
      return line === undefined ? [] : [line];
    }
    if (tag === 'w:tbl') return tableLines(node);
    if (tag === 'w:sdt') return bodyLines(childrenOf(find(childrenOf(node), 'w:sdtContent') ?? {}));
    return [];
  });

/** The body of `word/document.xml` as plain lines, in reading order. */
export const docxBodyLines = (documentXml: string): string[] => {
  const root = parser.parse(documentXml) as OrderedNode[];
  const document = find(root, 'w:document');
  const body = find(childrenOf(document ?? {}), 'w:body');
  return bodyLines(childrenOf(body ?? {}));
};
