import {
  FOUNDATIONAL_REQUIREMENTS,
  FR_INFO,
  findZoneRole,
  ZONE_ROLES,
  type AnyRule,
  type IntegrationPattern,
  type RuleSubjectKind,
  type ThreatRule,
  type ZoneRoleId,
} from '@zonewise/core';

/**
 * Renders docs/rules.md: every rule's documentation (id, reference, severity, rationale, detection, remediation)
 * and the integration-pattern catalog, in the order given. Pure and deterministic, so a test can compare the
 * committed file with the registry and fail when it is stale.
 */

const GROUP_TITLES: Readonly<Record<RuleSubjectKind, string>> = {
  zone: 'Zone rules',
  asset: 'Asset rules',
  'data-flow': 'Data-flow rules',
  conduit: 'Conduit rules',
  'access-point': 'Access-point rules',
};

/** A table cell: one line, pipes escaped. */
const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;

const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  row(header),
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map(row),
];

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

const roleTitle = (id: ZoneRoleId): string => findZoneRole(id)?.title ?? id;

const renderRule = (rule: AnyRule): string[] => [
  `### \`${rule.id}\``,
  '',
  `**${rule.title}**`,
  '',
  `- Applies to: ${rule.appliesTo}`,
  `- Default severity: ${rule.severity}`,
  `- Reference: ${rule.reference.standard} ${rule.reference.clause}`,
  '',
  `**Why it matters.** ${rule.rationale}`,
  '',
  `**What is checked.** ${rule.detection}`,
  '',
  `**How to fix.** ${rule.remediation}`,
  '',
];

const renderPattern = (pattern: IntegrationPattern): string[] => {
  const minimum = FOUNDATIONAL_REQUIREMENTS.flatMap((fr) => {
    const level = pattern.securityLevelGuidance.minimum[fr];
    return level === undefined ? [] : [`${fr} (${FR_INFO[fr].abbreviation}) ≥ ${level}`];
  });
  const from = roleTitle(pattern.roles.from);
  const to = roleTitle(pattern.roles.to);
  return [
    `### \`${pattern.id}\``,
    '',
    `**${pattern.title}**`,
    '',
    pattern.description,
    '',
    `- Zones: ${from} (\`${pattern.roles.from}\`) → ${to} (\`${pattern.roles.to}\`)`,
    `- One-way: ${yesNo(pattern.isOneWay)}`,
    `- External: ${yesNo(pattern.isExternal)}`,
    `- Required enforcement: ${pattern.requiredEnforcement.join(', ')}`,
    `- Recommended enforcement: ${pattern.recommendedEnforcement.length === 0 ? 'none' : pattern.recommendedEnforcement.join(', ')}`,
    `- SL-T guidance: ${minimum.join(', ')}. ${pattern.securityLevelGuidance.note}`,
    `- Requirements addressed: ${pattern.requirements.join(', ')}`,
    '',
    ...table(
      ['Protocol', 'Port', 'Initiated by', 'Towards', 'Encrypted', 'Purpose'],
      pattern.channels.map((channel) => [
        channel.protocol,
        channel.port === undefined ? 'any' : String(channel.port),
        channel.direction === 'forward' ? from : to,
        channel.direction === 'forward' ? to : from,
        yesNo(channel.isEncrypted),
        channel.purpose,
      ]),
    ),
    '',
  ];
};

/** The threat rules: each generates threat scenarios (ZCR 5.1) from the model. */
const renderThreatRules = (threatRules: readonly ThreatRule[]): string[] => [
  `## Threat rules (${threatRules.length})`,
  '',
  'Threat rules generate threat scenarios from the model (entry points, reachability through conduits, asset kinds, ' +
    'vulnerabilities); scenario ids are `threat-rule-id@subject`. A scenario in the file with the same entry point and ' +
    'zone replaces the generated one.',
  '',
  ...threatRules.flatMap((rule) => [
    `### \`${rule.id}\``,
    '',
    `**${rule.title}** · ${rule.reference.standard} ${rule.reference.clause} · exercises ${rule.frs.join(', ')} · ` +
      `default source \`${rule.source}\` · ATT&CK for ICS ${rule.techniques.join(', ')}`,
    '',
    `- **Rationale:** ${rule.rationale}`,
    `- **Detection:** ${rule.detection}`,
    '',
  ]),
];

/** The text of docs/rules.md for these rules and integration patterns. */
export const renderRulesMarkdown = (
  rules: readonly AnyRule[],
  patterns: readonly IntegrationPattern[],
  threatRules: readonly ThreatRule[] = [],
): string => {
  const groups: RuleSubjectKind[] = [];
  for (const rule of rules) if (!groups.includes(rule.appliesTo)) groups.push(rule.appliesTo);
  const used = new Set(patterns.flatMap((pattern) => [pattern.roles.from, pattern.roles.to]));
  const roles = ZONE_ROLES.filter((role) => used.has(role.id));
  const lines = [
    '# Rules and integration patterns',
    '',
    '<!-- Generated from the rule registry and the pattern catalog by `npm run docs:rules`. Do not edit by hand. -->',
    '',
    'Zonewise checks the zone and conduit partitioning of a system (IEC 62443-3-2 ZCR 3) and the consistency of the ' +
      'model. Each finding has the id `rule-id@subject-id` (with `#key` when one subject breaks a rule more than once); ' +
      'triage entries refer to that id. `zonewise explain <rule-id>` prints the same text as below.',
    '',
    `## Rule index (${rules.length})`,
    '',
    ...table(
      ['Rule', 'Title', 'Severity', 'Reference'],
      rules.map((rule) => [
        `\`${rule.id}\``,
        rule.title,
        rule.severity,
        `${rule.reference.standard} ${rule.reference.clause}`,
      ]),
    ),
    '',
    ...groups.flatMap((group) => [
      `## ${GROUP_TITLES[group]}`,
      '',
      ...rules.filter((rule) => rule.appliesTo === group).flatMap(renderRule),
    ]),
    ...(threatRules.length === 0 ? [] : renderThreatRules(threatRules)),
    `## Integration patterns (${patterns.length})`,
    '',
    'A conduit that names a pattern (`pattern: <id>`) is checked against it by `conduit/pattern-deviation`; ' +
      '`zonewise init --template` builds conduits from them. Which zone plays which role is inferred from the assets ' +
      'in the zones:',
    '',
    ...table(
      ['Role', 'Title', 'Typical contents'],
      roles.map((role) => [`\`${role.id}\``, role.title, role.description]),
    ),
    '',
    ...patterns.flatMap(renderPattern),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
};
