import { closestMatch, warning, type Diagnostic, type SystemModel } from '@zonewise/core';
import type { DriftFinding } from './drift-rules';

/**
 * Triage entries for drift findings that the checks just run did not produce (code `orphan-triage`, as the engine
 * reports its own). The engine leaves `drift/…` entries alone because it cannot run these checks; only entries of
 * the rules that ran are judged, so a capture-only run never calls firewall triage orphaned.
 */
export const orphanDriftTriage = (
  model: SystemModel,
  findings: readonly DriftFinding[],
  ruleIdsRun: readonly string[],
): Diagnostic[] => {
  const ids = findings.map((finding) => finding.id);
  const known = new Set(ids);
  const rules = new Set(ruleIdsRun);
  return model.triage.flatMap((entry, index) => {
    const ruleId = entry.finding.split('@')[0] ?? '';
    if (!rules.has(ruleId) || known.has(entry.finding)) return [];
    const hint = closestMatch(entry.finding, ids);
    return [
      warning(
        'orphan-triage',
        ['triage', index, 'finding'],
        `Triage entry for "${entry.finding}" matches no drift finding of this check${hint ? `: did you mean "${hint}"?` : ': the drift is gone or the id is mistyped; remove or correct the entry.'}`,
      ),
    ];
  });
};
