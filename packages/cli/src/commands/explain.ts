import {
  builtInRules,
  builtInThreatRules,
  closestMatch,
  findAssetKind,
  findIntegrationPattern,
  findRequirement,
  findRule,
  FR_INFO,
  INTEGRATION_PATTERNS,
  parseFr,
  ASSET_KINDS,
  type AnyRule,
  type EntityRef,
} from '@zonewise/core';
import { assess } from '../engine';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { loadAssessment } from '../load-assessment';
import { printDiagnostics } from '../print-diagnostics';

const CONFIDENCE_NOTES: Readonly<Record<string, string>> = {
  A: 'Corrigendum 1 (2014) moved it to SL 2; the 2013 print shows SL 1.',
  B: 'Public sources disagree on the level; the value follows the per-requirement text.',
  C: 'Medium confidence: one source shows SL 3; verify against a licensed copy.',
  D: 'One source claims SL 2 and up; that source is not trusted on this row.',
  E: 'Confirmed at all levels by an identical national adoption of the standard.',
  F: 'Medium confidence: sources disagree between SL 1 and SL 2.',
};

const ruleText = (rule: AnyRule): string =>
  [
    `${rule.id}  (${rule.severity}, ${rule.reference.standard} ${rule.reference.clause}, applies to each ${rule.appliesTo})`,
    rule.title,
    '',
    `Why it matters: ${rule.rationale}`,
    `What it checks: ${rule.detection}`,
    `How to fix it:  ${rule.remediation}`,
  ].join('\n');

const refText = (ref: EntityRef): string => `${ref.kind} ${ref.id}${ref.name ? ` (${ref.name})` : ''}`;

/** Every id `explain` knows, for "did you mean". */
const knownIds = (): string[] => [
  ...builtInRules.map((rule) => rule.id),
  ...builtInThreatRules.map((rule) => rule.id),
  ...INTEGRATION_PATTERNS.map((pattern) => `pattern:${pattern.id}`),
  ...ASSET_KINDS.map((kind) => `kind:${kind.id}`),
];

/** Explains a finding in the context of an assessment file. */
const explainFinding = (io: CliIo, id: string, file: string): number => {
  const outcome = loadAssessment(io, file);
  if (!outcome.ok) {
    printDiagnostics(io, outcome.diagnostics);
    return EXIT.invalidInput;
  }
  const assessment = assess(outcome.model);
  const finding = assessment.findings.find((candidate) => candidate.id === id);
  if (!finding) {
    const hint = closestMatch(
      id,
      assessment.findings.map((candidate) => candidate.id),
    );
    throw new CliError(`${file} has no finding "${id}"${hint ? `: did you mean "${hint}"?` : ''}.`);
  }
  io.stdout(
    [
      `${finding.id}  (${finding.severity}, ${finding.status}${finding.triageJustification ? `: ${finding.triageJustification}` : ''})`,
      finding.title,
      '',
      `Because:  ${finding.because}`,
      `Evidence: ${finding.evidence.map(refText).join('; ')}`,
      `Clause:   ${finding.reference.standard} ${finding.reference.clause}`,
      '',
      `Why it matters: ${finding.rationale}`,
      `How to fix it:  ${finding.remediation}`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
};

/** `zonewise explain <id>`: a rule, threat rule, finding, requirement, FR, integration pattern or asset kind. */
export const explainCommand = (io: CliIo, id: string, options: { readonly file?: string }): number => {
  if (id.includes('@')) {
    if (options.file) return explainFinding(io, id, options.file);
    const rule = findRule(id.slice(0, id.indexOf('@')));
    if (!rule) throw new CliError(`"${id}" is not a finding id of any built-in rule.`);
    io.stdout(`${ruleText(rule)}\n\n(pass --file <assessment> to see this finding's evidence)\n`);
    return EXIT.ok;
  }
  const rule = findRule(id);
  if (rule) {
    io.stdout(`${ruleText(rule)}\n`);
    return EXIT.ok;
  }
  const threat = builtInThreatRules.find((candidate) => candidate.id === id);
  if (threat) {
    io.stdout(
      [
        `${threat.id}  (threat rule, ${threat.reference.standard} ${threat.reference.clause})`,
        threat.title,
        '',
        `Exercises: ${threat.frs.map((fr) => `${fr} ${FR_INFO[fr].abbreviation}`).join(', ')}`,
        `Default source: ${threat.source}; ATT&CK for ICS: ${threat.techniques.join(', ')}`,
        `Why it matters: ${threat.rationale}`,
        `What generates it: ${threat.detection}`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  }
  const requirement = findRequirement(id);
  if (requirement) {
    io.stdout(
      [
        `${requirement.id}  (${requirement.fr} ${FR_INFO[requirement.fr].abbreviation}, ${requirement.isEnhancement ? `enhancement of ${requirement.baseId}` : 'system requirement'})`,
        requirement.title,
        `Selected from SL ${requirement.minLevel} in ${requirement.fr} (IEC 62443-3-3 Ed.1 + COR1).`,
        ...(requirement.confidence
          ? [`Note ${requirement.confidence}: ${CONFIDENCE_NOTES[requirement.confidence] ?? ''}`]
          : []),
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  }
  const fr = /^(fr\s*\d|[a-z]{2,3})$/i.test(id.trim()) ? parseFr(id.replace(/\s+/g, '')) : undefined;
  if (fr) {
    io.stdout(`${fr} ${FR_INFO[fr].abbreviation}: ${FR_INFO[fr].title}\n${FR_INFO[fr].purpose}\n`);
    return EXIT.ok;
  }
  const pattern = findIntegrationPattern(id.replace(/^pattern:/, ''));
  if (pattern) {
    io.stdout(
      [
        `pattern:${pattern.id}  ${pattern.title}${pattern.isOneWay ? ' (one-way)' : ''}${pattern.isExternal ? ' (external)' : ''}`,
        pattern.description,
        `Zones: ${pattern.roles.from} → ${pattern.roles.to}`,
        'Channels:',
        ...pattern.channels.map(
          (channel) =>
            `  ${channel.protocol}${channel.port === undefined ? '' : `/${channel.port}`} ${channel.direction === 'forward' ? `${pattern.roles.from} → ${pattern.roles.to}` : `${pattern.roles.to} → ${pattern.roles.from}`}${channel.isEncrypted ? ' encrypted' : ''}: ${channel.purpose}`,
        ),
        `Required enforcement: ${pattern.requiredEnforcement.join(', ') || 'none'}; recommended: ${pattern.recommendedEnforcement.join(', ') || 'none'}`,
        `SL-T guidance: ${pattern.securityLevelGuidance.note}`,
        `Addresses: ${pattern.requirements.join(', ')}`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  }
  const kind = findAssetKind(id.replace(/^kind:/, ''));
  if (kind) {
    const flags = Object.entries(kind)
      .filter(([key, value]) => (key.startsWith('is') || key === 'controlsProcess' ? value === true : false))
      .map(([key]) => key);
    io.stdout(
      `kind:${kind.id}  ${kind.title}\nTypical Purdue level ${kind.purdueLevel}; attributes: ${flags.join(', ') || 'none'}\n`,
    );
    return EXIT.ok;
  }
  const hint = closestMatch(id, knownIds());
  throw new CliError(
    `"${id}" is not a rule, threat rule, finding, requirement, FR, pattern or asset kind${hint ? `: did you mean "${hint}"?` : ': run "zonewise rules" to list them.'}`,
  );
};
