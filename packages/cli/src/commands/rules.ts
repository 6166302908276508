import { builtInRules, builtInThreatRules, INTEGRATION_PATTERNS } from '@zonewise/core';
import { renderRulesMarkdown } from '@zonewise/formats';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';

/** `zonewise rules`: every built-in rule, threat rule and integration pattern; `--format md` gives docs/rules.md. */
export const rulesCommand = (io: CliIo, options: { readonly format: 'text' | 'md' }): number => {
  if (options.format === 'md') {
    io.stdout(renderRulesMarkdown(builtInRules, INTEGRATION_PATTERNS, builtInThreatRules));
    return EXIT.ok;
  }
  const width = Math.max(
    ...builtInRules.map((rule) => rule.id.length),
    ...builtInThreatRules.map((rule) => rule.id.length),
  );
  io.stdout('Partitioning and consistency rules\n');
  for (const rule of builtInRules) {
    io.stdout(
      `  ${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)} ${rule.reference.clause.padEnd(10)} ${rule.title}\n`,
    );
  }
  io.stdout('\nThreat rules (generate scenarios)\n');
  for (const rule of builtInThreatRules)
    io.stdout(`  ${rule.id.padEnd(width)}  ${rule.frs.join(',').padEnd(19)} ${rule.title}\n`);
  io.stdout('\nIntegration patterns (conduit templates: zonewise init --template <id>)\n');
  for (const pattern of INTEGRATION_PATTERNS)
    io.stdout(`  pattern:${pattern.id.padEnd(width - 8)}  ${pattern.title}\n`);
  io.stdout('\nzonewise explain <id> prints the rationale, detection and remedy.\n');
  return EXIT.ok;
};
