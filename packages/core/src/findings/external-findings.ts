/**
 * Rule-id namespaces whose findings come from checks outside the engine: `drift/` findings compare the model with a
 * capture or a firewall configuration (`zonewise check-flows`), which core never sees. Triage entries for them are
 * kept in the assessment file like any other, but only the tool that produces those findings can tell whether an
 * entry is orphaned, so the engine's orphan check leaves them alone.
 */
export const EXTERNAL_FINDING_NAMESPACES = ['drift/'] as const;

/** True when a finding id (`<rule-id>@…`) belongs to an external namespace (see {@link EXTERNAL_FINDING_NAMESPACES}). */
export const isExternalFindingId = (findingId: string): boolean =>
  EXTERNAL_FINDING_NAMESPACES.some((namespace) => findingId.startsWith(namespace));
