/**
 * Version strings and the affected-version expressions that CISA CSAF advisories use, parsed into comparable values.
 * Handles VERS-like `vers:<scheme>/…` constraints, plain operators (`<V4.1.8`, `>=1.220|<=1.281`, `>= V7.80 < V9.30`),
 * prose (`V2.0 and prior`, `All versions < V2.0 SP1`, `prior to 3.0`), ranges (`1.0 - 2.3`), wildcards (`12.6.*`)
 * and firmware strings (`FW 10.012`, `Rev 4.003`). Anything else is `unknown`, never a guess.
 */

/** One version as comparable segments: numbers and lowercase letter runs (`V5.1 SP1` → 5, 1, 'sp', 1). */
export interface ParsedVersion {
  readonly text: string;
  readonly segments: readonly (number | string)[];
}

/** A comparison in a version range. */
export type VersionOperator = '<' | '<=' | '>' | '>=' | '=' | '!=';

/** One comparison of a range, e.g. `< V4.1.8`. */
export interface VersionConstraint {
  readonly operator: VersionOperator;
  readonly version: ParsedVersion;
}

/** An affected-version expression: every version, a set of constraints (VERS semantics), a prefix, or unparseable. */
export type VersionSpec =
  | { readonly kind: 'all'; readonly text: string }
  | {
      readonly kind: 'constraints';
      readonly text: string;
      readonly constraints: readonly VersionConstraint[];
    }
  | { readonly kind: 'prefix'; readonly text: string; readonly prefix: ParsedVersion }
  | { readonly kind: 'unknown'; readonly text: string };

/** Whether a version lies in a spec: yes, no, or unknown (no version, or a spec or version that cannot be read). */
export type VersionVerdict = 'in-range' | 'out-of-range' | 'unknown';

/** Words that may follow a version number (`SP1`, `HF 8`, `Update 15`, `Build 9342`). */
const QUALIFIERS = new Set([
  'sp',
  'hf',
  'hotfix',
  'update',
  'upd',
  'patch',
  'p',
  'build',
  'b',
  'r',
  'rev',
  'revision',
  'release',
  'service',
  'pack',
  'rc',
  'beta',
  'alpha',
  'kit',
  'u',
]);

/** Words before a version that name it (`FW 10.012`, `Firmware V2.1`, `Rev. 4.3`, `Ver.9.1.0`). */
const VERSION_PREFIX =
  /^(?:(?:firmware|fw|software|sw|version|vers|ver|v|revision|rev|r|release|rel|build|os|hios|series\s+[a-z]\s*,?\s*(?:fw|firmware)?)[\s.:_-]*)+(?=\d)/;

const FIRST_WORD = /^\d+(?:\.\d+)*[a-z]*(?:[-._]?[a-z]{0,4}\d+[a-z]*)*$/;
const LATER_WORD = /^[a-z]{0,8}\d[a-z0-9.-]*$/;

const tidy = (text: string): string =>
  text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/["'’]/g, '')
    .replace(/_+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;:]+$/, '');

const segmentsOf = (text: string): (number | string)[] => {
  const segments: (number | string)[] = [];
  for (const match of text.matchAll(/\d+|[a-z]+/g)) {
    const run = match[0];
    segments.push(/^\d/.test(run) ? Number.parseInt(run, 10) : run);
  }
  return segments;
};

/**
 * Reads one version (`6.006`, `V2.1`, `FW 10.012`, `V5.1 SP1 HF8`, `2023 R2`). Returns undefined when the text is not
 * a version (no number, or words that are not version qualifiers, such as a serial-number remark).
 */
export const parseVersion = (text: string): ParsedVersion | undefined => {
  let rest = tidy(text).replace(/^[a-z]{1,4}-(?=v?\d)/, '');
  rest = rest.replace(VERSION_PREFIX, '');
  if (!/^\d/.test(rest)) return undefined;
  const words = rest.split(/[\s,]+/).filter((word) => word !== '');
  const [first, ...later] = words;
  if (first === undefined || !FIRST_WORD.test(first)) return undefined;
  for (const word of later) {
    if (!QUALIFIERS.has(word) && !LATER_WORD.test(word)) return undefined;
  }
  const segments = segmentsOf(words.join(' '));
  return { text: text.trim(), segments };
};

/** Compares two versions segment by segment; trailing zeros are ignored (2.0 = 2), letters sort before numbers. */
export const compareVersions = (left: ParsedVersion, right: ParsedVersion): number => {
  const a = left.segments;
  const b = right.segments;
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a[index];
    const y = b[index];
    if (x === y) continue;
    if (x === undefined) return b.slice(index).every((segment) => segment === 0) ? 0 : -1;
    if (y === undefined) return a.slice(index).every((segment) => segment === 0) ? 0 : 1;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : 1;
    return typeof x === 'string' ? -1 : 1;
  }
  return 0;
};

const OPERATOR = /(<=|>=|!=|==|=<|=>|≤|≥|<|>|=)/;
const OPERATOR_NAMES: Record<string, VersionOperator> = {
  '<': '<',
  '<=': '<=',
  '=<': '<=',
  '≤': '<=',
  '>': '>',
  '>=': '>=',
  '=>': '>=',
  '≥': '>=',
  '=': '=',
  '==': '=',
  '!=': '!=',
};

const constraints = (text: string, parts: readonly [VersionOperator, string][]): VersionSpec => {
  const parsed: VersionConstraint[] = [];
  for (const [operator, versionText] of parts) {
    const version = parseVersion(versionText);
    if (version === undefined) return { kind: 'unknown', text };
    parsed.push({ operator, version });
  }
  return parsed.length === 0 ? { kind: 'unknown', text } : { kind: 'constraints', text, constraints: parsed };
};

/** Splits `>= V7.80 < V9.30`, `>=1.220|<=1.281`, `>= V5.0 and < V6.4` or `11.3.1 | 12.3.1` into comparisons. */
const operatorConstraints = (text: string, body: string): VersionSpec => {
  const parts: [VersionOperator, string][] = [];
  for (const alternative of body.split(/\s*(?:\||,|;|\band\b|&&)\s*/)) {
    if (alternative === '') continue;
    const pieces = alternative.split(OPERATOR).map((piece) => piece.trim());
    // split() with a capture group alternates text, operator, text, …
    if (pieces[0] !== '') {
      if (pieces.length > 1) return { kind: 'unknown', text };
      parts.push(['=', pieces[0] ?? '']);
      continue;
    }
    for (let index = 1; index < pieces.length; index += 2) {
      const operator = OPERATOR_NAMES[pieces[index] ?? ''];
      const version = pieces[index + 1] ?? '';
      if (operator === undefined || version === '') return { kind: 'unknown', text };
      parts.push([operator, version]);
    }
  }
  return constraints(text, parts);
};

const PROSE_BEFORE =
  /^(.+?)\s*(?:and|or|&)\s+(?:prior|earlier|before|older|below|lower)(?:\s+versions?)?$|^(.+?)\s+(?:or|and)\s+(?:prior|earlier)\s+versions?$/;
const PROSE_AFTER = /^(.+?)\s*(?:and|or|&)\s+(?:later|newer|above|higher|after|up)(?:\s+versions?)?$/;
const PROSE_LESS =
  /^(?:prior to|before|earlier than|older than|lower than|below|up to but not including)\s+(.+)$/;
const PROSE_UP_TO = /^(?:up to(?: and including)?|through)\s+(.+)$/;
const PROSE_FROM = /^(?:from|starting (?:with|from)|since)\s+(.+?)\s+(?:to|through|until)\s+(.+)$/;
const HYPHEN_RANGE = /^(v?\d[\w.]*)\s*(?:-|–|to|through)\s*(v?\d[\w.]*)$/;

/**
 * Parses the affected-version text of a CSAF product (`product_version` or `product_version_range` branch name).
 * `vers:` constraints follow the VERS rules (`|`-separated, sorted); CISA's `vers:all/` scheme is read the same way.
 */
export const parseVersionSpec = (raw: string): VersionSpec => {
  const text = raw.trim();
  let body = tidy(text);
  const vers = /^vers:([a-z0-9.+-]+)\/(.*)$/.exec(body);
  if (vers) body = (vers[2] ?? '').trim();
  body = body.replace(/\s+versions?$/, '').trim();
  if (body === '*' || body === '' || /^(?:all|all versions?|any|any versions?|every version)$/.test(body)) {
    return body === '' && vers === null ? { kind: 'unknown', text } : { kind: 'all', text };
  }
  const all = /^all\s+versions?\s*(?:of\s+\S+\s*)?(.*)$/.exec(body);
  if (all) body = (all[1] ?? '').trim();
  if (body === '') return { kind: 'all', text };

  const wildcard = /^(v?\d+(?:\.\d+)*)\.(?:\*|x)$/.exec(body);
  if (wildcard) {
    const prefix = parseVersion(wildcard[1] ?? '');
    return prefix ? { kind: 'prefix', text, prefix } : { kind: 'unknown', text };
  }
  if (/(?:^|\.)(?:\*|x)(?:\.|$)/.test(body)) return { kind: 'unknown', text };

  const before = PROSE_BEFORE.exec(body);
  if (before) return constraints(text, [['<=', before[1] ?? before[2] ?? '']]);
  const after = PROSE_AFTER.exec(body);
  if (after) return constraints(text, [['>=', after[1] ?? '']]);
  const less = PROSE_LESS.exec(body);
  if (less) return constraints(text, [['<', less[1] ?? '']]);
  const upTo = PROSE_UP_TO.exec(body);
  if (upTo) return constraints(text, [['<=', upTo[1] ?? '']]);
  const from = PROSE_FROM.exec(body);
  if (from)
    return constraints(text, [
      ['>=', from[1] ?? ''],
      ['<=', from[2] ?? ''],
    ]);
  const range = HYPHEN_RANGE.exec(body);
  if (range && !OPERATOR.test(body))
    return constraints(text, [
      ['>=', range[1] ?? ''],
      ['<=', range[2] ?? ''],
    ]);
  return operatorConstraints(text, body);
};

const isLower = (operator: VersionOperator): boolean => operator === '>' || operator === '>=';
const isUpper = (operator: VersionOperator): boolean => operator === '<' || operator === '<=';

/**
 * The VERS containment rule over the parsed constraints: equalities first, then the sorted `<`/`>` bounds read as
 * intervals (a lower bound followed by an upper bound is one interval; a leading upper or trailing lower bound is
 * open). This reads CISA's `>=1.220|<=1.281` and VERS's `>=1.0|<1.5` alike.
 */
const satisfies = (version: ParsedVersion, list: readonly VersionConstraint[]): boolean => {
  for (const { operator, version: bound } of list) {
    const order = compareVersions(version, bound);
    if (order === 0 && (operator === '=' || operator === '>=' || operator === '<=')) return true;
    if (order === 0 && operator === '!=') return false;
  }
  const bounds = list
    .filter(({ operator }) => isLower(operator) || isUpper(operator))
    .sort((a, b) => compareVersions(a.version, b.version));
  if (bounds.length === 0) return list.some(({ operator }) => operator === '!=');
  const first = bounds[0];
  const last = bounds[bounds.length - 1];
  if (first && isUpper(first.operator) && compareVersions(version, first.version) < 0) return true;
  if (last && isLower(last.operator) && compareVersions(version, last.version) > 0) return true;
  for (let index = 0; index + 1 < bounds.length; index += 1) {
    const low = bounds[index];
    const high = bounds[index + 1];
    if (low && high && isLower(low.operator) && isUpper(high.operator)) {
      if (compareVersions(version, low.version) > 0 && compareVersions(version, high.version) < 0)
        return true;
    }
  }
  return false;
};

/** Whether `version` (an asset's version text, or undefined when unknown) lies in `spec`. */
export const checkVersion = (spec: VersionSpec, version: ParsedVersion | undefined): VersionVerdict => {
  if (spec.kind === 'all') return 'in-range';
  if (spec.kind === 'unknown' || version === undefined) return 'unknown';
  if (spec.kind === 'prefix') {
    const prefix = spec.prefix.segments;
    return prefix.every((segment, index) => version.segments[index] === segment)
      ? 'in-range'
      : 'out-of-range';
  }
  return satisfies(version, spec.constraints) ? 'in-range' : 'out-of-range';
};
