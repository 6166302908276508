import type { SystemFileInput } from '@zonewise/core';
import type { CvssRating } from './cvss-score';
import { MATCH_CONFIDENCES, type AdvisoryMatch, type MatchConfidence } from './match-advisories';

/** One vulnerability entry of the assessment file. */
export type VulnerabilityEntry = NonNullable<SystemFileInput['vulnerabilities']>[number];

/** Options of `mergeAdvisoryMatches`. */
export interface AdvisoryMergeOptions {
  /** Matches below this confidence are reported as skipped, not written. */
  readonly minConfidence: MatchConfidence;
  /** Every id already used in the file (ids are unique across the whole file). */
  readonly takenIds: ReadonlySet<string>;
}

/** The new vulnerability list and what changed. */
export interface AdvisoryMergeResult {
  readonly vulnerabilities: readonly VulnerabilityEntry[];
  /** Ids of entries added, updated (new assets or fields) and left as they were. */
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /** Matches below the minimum confidence. */
  readonly skipped: readonly AdvisoryMatch[];
}

const CVSS_RANK: Record<CvssRating['version'], number> = { '4.0': 4, '3.1': 3, '3.0': 2, '2.0': 1 };

const groupKey = (match: AdvisoryMatch): string =>
  match.cve ?? `${match.advisoryId}#${match.vulnerabilityIndex}`;

const baseId = (match: AdvisoryMatch): string => {
  const raw =
    match.cve === undefined
      ? `vuln-${match.advisoryId}-${match.vulnerabilityIndex + 1}`
      : `vuln-${match.cve}`;
  return raw.toLowerCase().replace(/[^a-z0-9._:/-]+/g, '-');
};

const uniqueSorted = (values: readonly string[]): string[] => [...new Set(values)].sort();

const bestRating = (matches: readonly AdvisoryMatch[]): CvssRating | undefined => {
  let best: CvssRating | undefined;
  for (const { cvss } of matches) {
    if (cvss === undefined) continue;
    if (
      best === undefined ||
      CVSS_RANK[cvss.version] > CVSS_RANK[best.version] ||
      (cvss.version === best.version && cvss.score > best.score)
    ) {
      best = cvss;
    }
  }
  return best;
};

/** What the matches of one CVE say, merged across assets and advisories. */
const imported = (matches: readonly AdvisoryMatch[]) => {
  const advisories = uniqueSorted(matches.map((match) => match.advisoryId));
  const byAdvisory = [...matches].sort((a, b) =>
    a.advisoryId < b.advisoryId ? -1 : a.advisoryId > b.advisoryId ? 1 : 0,
  );
  const remediations = new Map<string, string>();
  for (const match of byAdvisory) {
    if (match.remediation !== undefined && !remediations.has(match.remediation)) {
      remediations.set(match.remediation, match.advisoryId);
    }
  }
  const remediation = [...remediations]
    .map(([text, advisory]) => (advisories.length > 1 ? `${advisory}: ${text}` : text))
    .join('\n');
  const known = matches.filter((match) => match.isKnownExploited !== undefined);
  const cvss = bestRating(matches);
  const title = byAdvisory.find((match) => match.title !== undefined)?.title;
  return {
    assets: uniqueSorted(matches.map((match) => match.assetId)),
    advisory: advisories.join(', '),
    ...(cvss === undefined ? {} : { cvss: { ...cvss } }),
    ...(title === undefined ? {} : { title }),
    ...(remediation === '' ? {} : { remediation }),
    ...(known.length === 0
      ? {}
      : { isKnownExploited: known.some((match) => match.isKnownExploited === true) }),
  };
};

/**
 * Turns matches into the assessment file's `vulnerabilities`: one entry per CVE (`vuln-<cve>`, or
 * `vuln-<advisory>-<n>` for a vulnerability without CVE) listing every matched asset, so that threat scenarios can
 * refer to one stable id. An entry with the same CVE (any id) is updated, never duplicated: new assets are added,
 * absent fields filled and the known-exploited flag raised, but values the user wrote are kept.
 */
export const mergeAdvisoryMatches = (
  existing: readonly VulnerabilityEntry[],
  matches: readonly AdvisoryMatch[],
  options: AdvisoryMergeOptions,
): AdvisoryMergeResult => {
  const floor = MATCH_CONFIDENCES.indexOf(options.minConfidence);
  const kept = matches.filter((match) => MATCH_CONFIDENCES.indexOf(match.confidence) >= floor);
  const skipped = matches.filter((match) => MATCH_CONFIDENCES.indexOf(match.confidence) < floor);
  const groups = new Map<string, AdvisoryMatch[]>();
  for (const match of kept) {
    const list = groups.get(groupKey(match));
    if (list) list.push(match);
    else groups.set(groupKey(match), [match]);
  }
  const vulnerabilities = [...existing];
  const byCve = new Map<string, number>();
  const byId = new Map<string, number>();
  vulnerabilities.forEach((entry, position) => {
    if (entry.cve !== undefined) byCve.set(entry.cve.trim().toUpperCase(), position);
    byId.set(entry.id, position);
  });
  const taken = new Set(options.takenIds);
  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  const fresh: VulnerabilityEntry[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    if (first === undefined) continue;
    const facts = imported(group);
    const id = baseId(first);
    const position = (first.cve === undefined ? undefined : byCve.get(first.cve)) ?? byId.get(id);
    const present = position === undefined ? undefined : vulnerabilities[position];
    if (position === undefined || present === undefined) {
      let unique = id;
      for (let suffix = 2; taken.has(unique); suffix += 1) unique = `${id}-${suffix}`;
      taken.add(unique);
      fresh.push({ id: unique, ...(first.cve === undefined ? {} : { cve: first.cve }), ...facts });
      added.push(unique);
      continue;
    }
    const next: VulnerabilityEntry = {
      ...present,
      assets: [...present.assets, ...facts.assets.filter((asset) => !present.assets.includes(asset))],
      ...(present.cve === undefined && first.cve !== undefined ? { cve: first.cve } : {}),
      ...(present.advisory === undefined ? { advisory: facts.advisory } : {}),
      ...(present.title === undefined && facts.title !== undefined ? { title: facts.title } : {}),
      ...(present.cvss === undefined && facts.cvss !== undefined ? { cvss: facts.cvss } : {}),
      ...(present.remediation === undefined && facts.remediation !== undefined
        ? { remediation: facts.remediation }
        : {}),
      ...(facts.isKnownExploited === true ||
      (present.isKnownExploited === undefined && facts.isKnownExploited === false)
        ? { isKnownExploited: present.isKnownExploited === true || facts.isKnownExploited }
        : {}),
    };
    vulnerabilities[position] = next;
    (JSON.stringify(next) === JSON.stringify(present) ? unchanged : updated).push(present.id);
  }
  fresh.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    vulnerabilities: [...vulnerabilities, ...fresh],
    added: added.sort(),
    updated,
    unchanged,
    skipped,
  };
};
