import type { AttackCatalog, AttackMitigation } from './attack-catalog';

/** A mitigation for some of the given techniques, with the IEC 62443-3-3 SRs it maps to. */
export interface MitigationSuggestion {
  readonly mitigation: AttackMitigation;
  /** The given technique ids this mitigation mitigates, sorted. */
  readonly techniques: readonly string[];
  /** `mitigation.systemRequirements`, repeated for convenience ("SR 1.1", "SR 5.1"). */
  readonly systemRequirements: readonly string[];
}

/**
 * The mitigations ATT&CK relates to the given techniques (`mitigates` relationships), those covering the most of
 * them first, each with the IEC 62443-3-3 system requirements it is labelled with, so that a threat scenario's
 * techniques lead to countermeasures an assessor can trace to SRs. Unknown technique ids are ignored.
 */
export const suggestMitigations = (
  catalog: AttackCatalog,
  techniqueIds: readonly string[],
): MitigationSuggestion[] => {
  const wanted = new Set(techniqueIds.map((id) => id.trim().toUpperCase()));
  const covered = new Map<string, Set<string>>();
  for (const relation of catalog.mitigates) {
    if (!wanted.has(relation.technique)) continue;
    const techniques = covered.get(relation.mitigation) ?? new Set<string>();
    techniques.add(relation.technique);
    covered.set(relation.mitigation, techniques);
  }
  return catalog.mitigations
    .filter((mitigation) => covered.has(mitigation.id))
    .map((mitigation) => ({
      mitigation,
      techniques: [...(covered.get(mitigation.id) ?? [])].sort(),
      systemRequirements: mitigation.systemRequirements,
    }))
    .sort(
      (a, b) =>
        b.techniques.length - a.techniques.length ||
        (a.mitigation.id < b.mitigation.id ? -1 : a.mitigation.id > b.mitigation.id ? 1 : 0),
    );
};
