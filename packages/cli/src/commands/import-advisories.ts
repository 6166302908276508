import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic, SystemFileInput } from '@zonewise/core';
import {
  buildAdvisoryIndex,
  formatDiagnostic,
  isCsafDocument,
  loadKevCatalog,
  matchAdvisories,
  mergeAdvisoryMatches,
  parseJsonText,
  readCsafAdvisory,
  summariseAdvisories,
  validateCsafDocument,
  type AdvisoryMatch,
  type AdvisoryStatistics,
  type CsafAdvisory,
  type KevCatalog,
  type MatchConfidence,
} from '@zonewise/formats';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { mergeIntoAssessment } from '../import/merge-into-assessment';

/** Options of `zonewise import advisories`. */
export interface ImportAdvisoriesOptions {
  /** Assessment file whose assets are matched and whose `vulnerabilities` receive the matches. */
  readonly into?: string;
  /** CISA KEV catalog JSON (`known_exploited_vulnerabilities.json`); without it no known-exploited flag is set. */
  readonly kev?: string;
  readonly format: 'text' | 'json';
  /** Weakest match written into the file; default `medium` (fuzzy product names are only reported). */
  readonly minConfidence?: MatchConfidence;
}

/** Progress every this many files on an interactive terminal. */
const PROGRESS_EVERY = 200;
/** Errors printed per invalid file before "… and N more". */
const ERRORS_PER_FILE = 5;
/** Match lines printed in text before pointing to --format json. */
const MATCH_LINES = 500;

/** CSAF mandatory test 6.1.9, invalid CVSS computation: the only failure an advisory is still imported with. */
const SCORE_TEST = '6.1.9';

/** Signature and checksum sidecars of a CSAF provider directory: never advisories. */
const isSidecar = (path: string): boolean => /\.(?:sha256|sha512|asc|sig)$/i.test(path);

/**
 * The files to read: each input file as given, and every `.json` file under each input folder (recursively, sorted,
 * sidecars skipped). A path that is not on disk is passed through so that the IO reports it (or, in tests, reads
 * it from memory).
 */
const listInputFiles = (io: CliIo, inputs: readonly string[]): string[] => {
  const walk = (folder: string, shown: string): string[] =>
    readdirSync(folder, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .flatMap((entry) => {
        const path = join(folder, entry.name);
        const label = join(shown, entry.name);
        if (entry.isDirectory()) return walk(path, label);
        return entry.isFile() && entry.name.toLowerCase().endsWith('.json') ? [label] : [];
      });
  return inputs.flatMap((input) => {
    const absolute = resolve(io.cwd, input);
    try {
      if (statSync(absolute).isDirectory()) return walk(absolute, input);
    } catch {
      return [input];
    }
    return isSidecar(input) ? [] : [input];
  });
};

interface ReadOutcome {
  readonly advisories: CsafAdvisory[];
  readonly files: number;
  readonly invalid: number;
  readonly notCsaf: number;
  readonly unreadable: number;
  readonly warnings: number;
}

const printLine = (io: CliIo, diagnostic: Diagnostic): void => io.stderr(`${formatDiagnostic(diagnostic)}\n`);

/** Reads, validates and extracts every file, printing problems as they come and progress on stderr. */
const readAdvisories = async (io: CliIo, files: readonly string[]): Promise<ReadOutcome> => {
  const advisories: CsafAdvisory[] = [];
  let invalid = 0;
  let notCsaf = 0;
  let unreadable = 0;
  let warnings = 0;
  for (const [position, file] of files.entries()) {
    if (io.isInteractive && position > 0 && position % PROGRESS_EVERY === 0) {
      io.stderr(`read ${position}/${files.length} files…\n`);
    }
    let text: string;
    try {
      text = io.readText(file);
    } catch (cause) {
      if (!(cause instanceof CliError)) throw cause;
      io.stderr(`${cause.message}\n`);
      unreadable += 1;
      continue;
    }
    const parsed = parseJsonText(text, file);
    if (!parsed.ok) {
      printLine(io, parsed.diagnostic);
      invalid += 1;
      continue;
    }
    if (!isCsafDocument(parsed.value)) {
      for (const diagnostic of readCsafAdvisory(parsed.value, { file }).diagnostics) {
        printLine(io, { ...diagnostic, severity: 'warning' });
      }
      notCsaf += 1;
      continue;
    }
    const validation = await validateCsafDocument(parsed.value, { file });
    const onlyScores = validation.failedTests.every((test) => test === SCORE_TEST);
    if (!validation.isValid && !onlyScores) {
      for (const error of validation.errors.slice(0, ERRORS_PER_FILE)) printLine(io, error);
      const more = validation.errors.length - ERRORS_PER_FILE;
      io.stderr(
        `${file}: ${more > 0 ? `… and ${more} more errors; ` : ''}not a valid CSAF 2.0 document, skipped.\n`,
      );
      invalid += 1;
      continue;
    }
    const { advisory, diagnostics } = readCsafAdvisory(parsed.value, { file });
    // A wrong base score (test 6.1.9) is reported and the score recomputed from the vector, the primary data,
    // rather than losing the whole advisory.
    const explained = diagnostics.some((diagnostic) => diagnostic.code === 'cvss-score-mismatch');
    const scoreErrors = explained
      ? []
      : validation.errors.map((error) => ({ ...error, severity: 'warning' as const }));
    for (const diagnostic of [...diagnostics, ...scoreErrors]) printLine(io, diagnostic);
    warnings += diagnostics.length + scoreErrors.length;
    if (advisory) advisories.push(advisory);
  }
  io.stderr(
    `read ${files.length} file${files.length === 1 ? '' : 's'}: ${advisories.length} advisories, ${invalid} invalid, ${notCsaf} not CSAF, ${unreadable} unreadable, ${warnings} warnings\n`,
  );
  return { advisories, files: files.length, invalid, notCsaf, unreadable, warnings };
};

const loadKev = (io: CliIo, path: string): KevCatalog | undefined => {
  const parsed = parseJsonText(io.readText(path), path);
  if (!parsed.ok) {
    printLine(io, parsed.diagnostic);
    return undefined;
  }
  const loaded = loadKevCatalog(parsed.value, path);
  if (!loaded.ok) {
    printLine(io, loaded.diagnostic);
    return undefined;
  }
  return loaded.catalog;
};

const renderStatistics = (statistics: AdvisoryStatistics, hasKev: boolean): string => {
  const versions = Object.entries(statistics.cvssVersions)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([version, count]) => `v${version} ${count}`)
    .join(', ');
  const lines = [
    `${statistics.advisories} advisories, ${statistics.vulnerabilities} vulnerabilities (${statistics.distinctCves} distinct CVEs), ${statistics.products} products`,
    `CVSS scores: ${versions === '' ? 'none' : versions}`,
    `Vendors (${statistics.vendors.length}): ${statistics.vendors
      .slice(0, 15)
      .map(({ vendor, advisories }) => `${vendor} ${advisories}`)
      .join(', ')}${statistics.vendors.length > 15 ? ', …' : ''}`,
    hasKev
      ? `Known exploited (CISA KEV): ${statistics.knownExploited.length} CVEs${statistics.knownExploited
          .map(({ cve, advisories }) => `\n  ${cve}  ${advisories.join(', ')}`)
          .join('')}`
      : 'Known exploited: not checked (pass --kev known_exploited_vulnerabilities.json, the CISA KEV catalog)',
    'Pass --into <assessment> to match these advisories to its assets.',
  ];
  return `${lines.join('\n')}\n`;
};

const matchLine = (match: AdvisoryMatch): string =>
  [
    match.assetId,
    match.advisoryId,
    match.cve ?? `(vulnerability ${match.vulnerabilityIndex + 1})`,
    match.cvss === undefined ? 'no CVSS' : `CVSS ${match.cvss.version} ${match.cvss.score}`,
    match.isKnownExploited === true ? 'KNOWN EXPLOITED' : undefined,
    match.confidence,
    `(${match.why.summary})`,
  ]
    .filter((part) => part !== undefined)
    .join('  ');

/** Every `id` in the file: ids are unique across the whole file, so new vulnerability ids must avoid them all. */
const idsIn = (value: unknown, into = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) for (const item of value) idsIn(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'id' && typeof item === 'string') into.add(item);
      else idsIn(item, into);
    }
  }
  return into;
};

const plural = (count: number, word: string, words = `${word}s`): string =>
  `${count} ${count === 1 ? word : words}`;

/**
 * `zonewise import advisories <files or folders…>`: validates CSAF 2.0 advisories offline and either prints what they
 * contain or, with `--into`, matches them to the assessment's assets (vendor, product, version) and writes one
 * `vulnerabilities` entry per CVE (`vuln-<cve>`, every matched asset listed; an entry with the same CVE is updated).
 * `--kev` takes the CISA KEV catalog (e.g. ../shared/data/cisa-kev/known_exploited_vulnerabilities.json or a newer
 * copy) to set `isKnownExploited`. Invalid files are reported with file, JSON path and code, and skipped; exit 2
 * only when no advisory could be read or the assessment cannot be updated.
 */
export const importAdvisoriesCommand = async (
  io: CliIo,
  inputs: readonly string[],
  options: ImportAdvisoriesOptions,
): Promise<number> => {
  if (inputs.length === 0) throw new CliError('name at least one CSAF file or folder of CSAF files.');
  const minConfidence = options.minConfidence ?? 'medium';
  const kev = options.kev === undefined ? undefined : loadKev(io, options.kev);
  if (options.kev !== undefined && kev === undefined) return EXIT.invalidInput;
  const files = listInputFiles(io, inputs);
  if (files.length === 0) {
    io.stderr(`no .json files in ${inputs.join(', ')}: CSAF advisories are JSON files.\n`);
    return EXIT.invalidInput;
  }
  const read = await readAdvisories(io, files);
  if (read.advisories.length === 0) {
    io.stderr('no CSAF advisory could be read; nothing to import.\n');
    return EXIT.invalidInput;
  }
  if (options.into === undefined) {
    const statistics = summariseAdvisories(read.advisories, kev);
    if (options.format === 'json') {
      const { advisories: _, ...counts } = read;
      io.stdout(`${JSON.stringify({ files: counts, statistics }, null, 2)}\n`);
    } else {
      io.stdout(renderStatistics(statistics, kev !== undefined));
    }
    return EXIT.ok;
  }

  const index = buildAdvisoryIndex(read.advisories);
  for (const advisory of index.superseded) {
    io.stderr(
      `${advisory.file ?? advisory.id}: ${advisory.id} also in a later release; the later one is used.\n`,
    );
  }
  return mergeIntoAssessment(
    io,
    options.into,
    (file) => {
      const assets = file.assets ?? [];
      const result = matchAdvisories(index, assets, kev === undefined ? {} : { kev });
      const merged = mergeAdvisoryMatches(file.vulnerabilities ?? [], result.matches, {
        minConfidence,
        takenIds: idsIn(file),
      });
      const written = result.matches.filter((match) => !merged.skipped.includes(match));
      const details = {
        matches: result.matches,
        added: merged.added,
        updated: merged.updated,
        unchanged: merged.unchanged,
        skippedBelowConfidence: merged.skipped.length,
        assetsWithoutIdentity: result.assetsWithoutIdentity,
        suppressedByFixedStatus: result.suppressedByStatus,
      };
      const summary = [
        ...written.slice(0, MATCH_LINES).map(matchLine),
        ...(written.length > MATCH_LINES
          ? [`… ${written.length - MATCH_LINES} more matches (--format json)`]
          : []),
        `${plural(written.length, 'match', 'matches')} for ${plural(assets.length, 'asset')} against ${plural(index.advisories.length, 'advisory', 'advisories')}: added ${plural(merged.added.length, 'vulnerability', 'vulnerabilities')}, updated ${merged.updated.length}, unchanged ${merged.unchanged.length}`,
        ...(merged.skipped.length > 0
          ? [
              `skipped ${plural(merged.skipped.length, 'match', 'matches')} below --min-confidence ${minConfidence} (fuzzy product names or unknown versions; pass --min-confidence low to include them)`,
            ]
          : []),
        ...(result.suppressedByStatus > 0
          ? [
              `left out ${plural(result.suppressedByStatus, 'match', 'matches')} whose version the advisory lists as fixed`,
            ]
          : []),
        ...(result.assetsWithoutIdentity.length > 0
          ? [
              `${plural(result.assetsWithoutIdentity.length, 'asset')} without vendor or product, not matched: ${result.assetsWithoutIdentity.slice(0, 10).join(', ')}${result.assetsWithoutIdentity.length > 10 ? ', …' : ''}`,
            ]
          : []),
        ...(kev === undefined
          ? [
              'known-exploited flags not set: pass --kev known_exploited_vulnerabilities.json (the CISA KEV catalog)',
            ]
          : []),
      ];
      const next: SystemFileInput = { ...file, vulnerabilities: [...merged.vulnerabilities] };
      return { file: next, summary, details };
    },
    { format: options.format },
  );
};
