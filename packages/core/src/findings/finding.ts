import type { EntityRef } from '../model/system-model';

/** Finding severity, lowest first. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank of a severity: info 0 … critical 4. */
export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** A clause of a standard that a rule or result refers to. */
export interface StandardReference {
  readonly standard: 'IEC 62443-3-2' | 'IEC 62443-3-3' | 'IEC 62443-2-1' | 'IEC 61511' | 'Zonewise';
  readonly clause: string;
}

/** Triage state of a finding, from the file's triage entries. */
export type FindingStatus = 'open' | 'accepted' | 'false-positive' | 'mitigated';

/** One rule violation. Its id `rule-id@subject-id[#key]` is stable across runs so triage survives re-assessment. */
export interface Finding {
  readonly id: string;
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly reference: StandardReference;
  readonly subject: EntityRef;
  readonly because: string;
  readonly evidence: readonly EntityRef[];
  readonly rationale: string;
  readonly remediation: string;
  readonly status: FindingStatus;
  readonly triageJustification?: string;
}
