import type { Diagnostic } from '@zonewise/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { firewallDiagnostic } from './firewall-diagnostic';

/** A parsed XML element: child elements by name (repeated ones as arrays), text as strings. */
export type XmlNode = { readonly [name: string]: XmlValue };
/** An element's content: text, a node, or the list of same-named siblings. */
export type XmlValue = string | XmlNode | readonly XmlValue[];

/** The configuration families the importer reads, by their root element. */
export type FirewallVendor = 'opnsense' | 'pfsense';

/** A well-formed configuration: its root element and a way back from any element to its line and column. */
export interface FirewallXml {
  readonly vendor: FirewallVendor;
  readonly root: XmlNode;
  /** 1-based line and column of an element's start tag, when the parser recorded it. */
  readonly placeOf: (node: XmlValue | undefined) => { line: number; column: number } | undefined;
}

/** Elements that may repeat under their parent and so are always read as lists. */
const REPEATED = new Set(['rule', 'alias', 'vlan', 'ifgroupentry', 'gateway_item']);

const metadata = XMLParser.getMetaDataSymbol() as unknown as string;

const lineStarts = (text: string): number[] => {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
};

/**
 * Checks that the text is well-formed XML with an `<opnsense>` or `<pfsense>` root and parses it. Every element's
 * start offset is kept so that later diagnostics can name a line. Malformed XML gives `firewall-invalid-xml` at the
 * parser's line and column; another root gives `firewall-unknown-format`.
 */
export const readFirewallXml = (
  input: string,
  fileName: string,
): { ok: true; xml: FirewallXml } | { ok: false; diagnostics: readonly Diagnostic[] } => {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text.trim() === '') {
    return {
      ok: false,
      diagnostics: [
        firewallDiagnostic(
          'firewall-invalid-xml',
          'error',
          { path: [], line: 1, column: 1 },
          'the file is empty: export the configuration (System > Configuration > Backups) and try again',
          fileName,
        ),
      ],
    };
  }
  const validation = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (validation !== true) {
    return {
      ok: false,
      diagnostics: [
        firewallDiagnostic(
          'firewall-invalid-xml',
          'error',
          { path: [], line: validation.err.line, column: validation.err.col },
          `not well-formed XML: ${validation.err.msg}`,
          fileName,
        ),
      ],
    };
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    captureMetaData: true,
    isArray: (name) => REPEATED.has(name),
  });
  const document = parser.parse(text) as Record<string, unknown>;
  const rootName = Object.keys(document).find((name) => name === 'opnsense' || name === 'pfsense');
  const root = rootName === undefined ? undefined : document[rootName];
  if (rootName === undefined || typeof root !== 'object' || root === null) {
    const found = Object.keys(document).filter((name) => name !== '?xml');
    return {
      ok: false,
      diagnostics: [
        firewallDiagnostic(
          'firewall-unknown-format',
          'error',
          { path: [], line: 1, column: 1 },
          `expected an OPNsense or pfSense config.xml (root element <opnsense> or <pfsense>), found ${
            found.length === 0 ? 'no element' : `<${found[0] ?? ''}>`
          }`,
          fileName,
        ),
      ],
    };
  }
  const starts = lineStarts(text);
  const placeOf = (node: XmlValue | undefined) => {
    if (!isNode(node)) return undefined;
    const meta = (node as Record<string, unknown>)[metadata] as { startIndex?: number } | undefined;
    const offset = meta?.startIndex;
    if (offset === undefined) return undefined;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
  return { ok: true, xml: { vendor: rootName, root: root as XmlNode, placeOf } };
};

const isList = (value: XmlValue | undefined): value is readonly XmlValue[] => Array.isArray(value);
const isNode = (value: XmlValue | undefined): value is XmlNode =>
  typeof value === 'object' && !Array.isArray(value);

/** The child element `name` as a node, or undefined when absent or text. */
export const childNode = (node: XmlValue | undefined, name: string): XmlNode | undefined => {
  if (!isNode(node)) return undefined;
  const child = node[name];
  const first = isList(child) ? child[0] : child;
  return isNode(first) ? first : undefined;
};

/** The children named `name` as a list of nodes (an empty element counts as an empty node). */
export const childNodes = (node: XmlValue | undefined, name: string): XmlNode[] => {
  if (!isNode(node)) return [];
  const child = node[name];
  const list: readonly XmlValue[] = child === undefined ? [] : isList(child) ? child : [child];
  return list.map((item) => (isNode(item) ? item : {}));
};

/** The text of child element `name`, trimmed; undefined when absent, '' when empty (`<any/>`). */
export const childText = (node: XmlValue | undefined, name: string): string | undefined => {
  if (!isNode(node)) return undefined;
  const child = node[name];
  if (child === undefined) return undefined;
  const value = isList(child) ? child[0] : child;
  if (typeof value === 'string') return value.trim();
  if (isNode(value)) {
    const text = value['#text'];
    return typeof text === 'string' ? text.trim() : '';
  }
  return '';
};

/** True when child element `name` is present (`<disabled/>`, `<not/>`, `<any></any>`). */
export const hasChild = (node: XmlValue | undefined, name: string): boolean =>
  isNode(node) && node[name] !== undefined;

/** The child elements of a node as [name, node] pairs, in document order, text children left out. */
export const childEntries = (node: XmlValue | undefined): [string, XmlNode][] => {
  if (!isNode(node)) return [];
  return Object.entries(node).flatMap(([name, value]) =>
    isNode(value) ? [[name, value] as [string, XmlNode]] : [],
  );
};
