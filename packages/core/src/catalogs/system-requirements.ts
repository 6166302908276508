import type { Fr } from './foundational-requirements';
import type { SecurityLevel } from './security-levels';

/** Where the public sources disagree on a minimum level; see docs/adr/0005-requirement-catalog.md (letters A–F). */
export type ConfidenceNote = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** One IEC 62443-3-3 system requirement (SR) or requirement enhancement (RE). */
export interface RequirementDefinition {
  /** Identifier as the standard numbers it, e.g. "SR 1.1 RE 1". */
  readonly id: string;
  readonly fr: Fr;
  /** The SR this row belongs to ("SR 1.1" for "SR 1.1 RE 1"). */
  readonly baseId: string;
  readonly isEnhancement: boolean;
  /** Lowest SL at which the requirement is selected (cumulative per FR, IEC 62443-3-3 Annex B). */
  readonly minLevel: Exclude<SecurityLevel, 0>;
  /** Our short title (identifiers and short titles only; never the standard's text). */
  readonly title: string;
  readonly confidence?: ConfidenceNote;
}

/**
 * The 100 SRs and REs of IEC 62443-3-3:2013 + COR1:2014 with their minimum security level.
 * Generated from catalogs/iec62443-3-3-system-requirements.csv; counts for a uniform SL-T: SL1 37, SL2 60, SL3 91, SL4 100.
 */
export const SYSTEM_REQUIREMENTS: readonly RequirementDefinition[] = [
  { id: 'SR 1.1', fr: 'FR1', baseId: 'SR 1.1', isEnhancement: false, minLevel: 1, title: 'Human user identification and authentication' },
  { id: 'SR 1.1 RE 1', fr: 'FR1', baseId: 'SR 1.1', isEnhancement: true, minLevel: 2, title: 'Unique identification and authentication' },
  { id: 'SR 1.1 RE 2', fr: 'FR1', baseId: 'SR 1.1', isEnhancement: true, minLevel: 3, title: 'Multifactor authentication for untrusted networks' },
  { id: 'SR 1.1 RE 3', fr: 'FR1', baseId: 'SR 1.1', isEnhancement: true, minLevel: 4, title: 'Multifactor authentication for all networks' },
  { id: 'SR 1.2', fr: 'FR1', baseId: 'SR 1.2', isEnhancement: false, minLevel: 2, title: 'Software process and device identification and authentication', confidence: 'B' },
  { id: 'SR 1.2 RE 1', fr: 'FR1', baseId: 'SR 1.2', isEnhancement: true, minLevel: 3, title: 'Unique identification and authentication', confidence: 'B' },
  { id: 'SR 1.3', fr: 'FR1', baseId: 'SR 1.3', isEnhancement: false, minLevel: 1, title: 'Account management' },
  { id: 'SR 1.3 RE 1', fr: 'FR1', baseId: 'SR 1.3', isEnhancement: true, minLevel: 3, title: 'Unified account management' },
  { id: 'SR 1.4', fr: 'FR1', baseId: 'SR 1.4', isEnhancement: false, minLevel: 1, title: 'Identifier management' },
  { id: 'SR 1.5', fr: 'FR1', baseId: 'SR 1.5', isEnhancement: false, minLevel: 1, title: 'Authenticator management' },
  { id: 'SR 1.5 RE 1', fr: 'FR1', baseId: 'SR 1.5', isEnhancement: true, minLevel: 3, title: 'Hardware security for software process identity credentials' },
  { id: 'SR 1.6', fr: 'FR1', baseId: 'SR 1.6', isEnhancement: false, minLevel: 1, title: 'Wireless access management' },
  { id: 'SR 1.6 RE 1', fr: 'FR1', baseId: 'SR 1.6', isEnhancement: true, minLevel: 2, title: 'Unique identification and authentication' },
  { id: 'SR 1.7', fr: 'FR1', baseId: 'SR 1.7', isEnhancement: false, minLevel: 1, title: 'Strength of password-based authentication' },
  { id: 'SR 1.7 RE 1', fr: 'FR1', baseId: 'SR 1.7', isEnhancement: true, minLevel: 3, title: 'Password generation and lifetime restrictions for human users', confidence: 'B' },
  { id: 'SR 1.7 RE 2', fr: 'FR1', baseId: 'SR 1.7', isEnhancement: true, minLevel: 4, title: 'Password lifetime restrictions for all users', confidence: 'B' },
  { id: 'SR 1.8', fr: 'FR1', baseId: 'SR 1.8', isEnhancement: false, minLevel: 2, title: 'Public key infrastructure (PKI) certificates', confidence: 'B' },
  { id: 'SR 1.9', fr: 'FR1', baseId: 'SR 1.9', isEnhancement: false, minLevel: 2, title: 'Strength of public key authentication', confidence: 'B' },
  { id: 'SR 1.9 RE 1', fr: 'FR1', baseId: 'SR 1.9', isEnhancement: true, minLevel: 3, title: 'Hardware security for public key authentication' },
  { id: 'SR 1.10', fr: 'FR1', baseId: 'SR 1.10', isEnhancement: false, minLevel: 1, title: 'Authenticator feedback' },
  { id: 'SR 1.11', fr: 'FR1', baseId: 'SR 1.11', isEnhancement: false, minLevel: 1, title: 'Unsuccessful login attempts' },
  { id: 'SR 1.12', fr: 'FR1', baseId: 'SR 1.12', isEnhancement: false, minLevel: 1, title: 'System use notification' },
  { id: 'SR 1.13', fr: 'FR1', baseId: 'SR 1.13', isEnhancement: false, minLevel: 1, title: 'Access via untrusted networks' },
  { id: 'SR 1.13 RE 1', fr: 'FR1', baseId: 'SR 1.13', isEnhancement: true, minLevel: 2, title: 'Explicit access request approval', confidence: 'C' },
  { id: 'SR 2.1', fr: 'FR2', baseId: 'SR 2.1', isEnhancement: false, minLevel: 1, title: 'Authorization enforcement' },
  { id: 'SR 2.1 RE 1', fr: 'FR2', baseId: 'SR 2.1', isEnhancement: true, minLevel: 2, title: 'Authorization enforcement for all users' },
  { id: 'SR 2.1 RE 2', fr: 'FR2', baseId: 'SR 2.1', isEnhancement: true, minLevel: 2, title: 'Permission mapping to roles', confidence: 'B' },
  { id: 'SR 2.1 RE 3', fr: 'FR2', baseId: 'SR 2.1', isEnhancement: true, minLevel: 3, title: 'Supervisor override' },
  { id: 'SR 2.1 RE 4', fr: 'FR2', baseId: 'SR 2.1', isEnhancement: true, minLevel: 4, title: 'Dual approval' },
  { id: 'SR 2.2', fr: 'FR2', baseId: 'SR 2.2', isEnhancement: false, minLevel: 1, title: 'Wireless use control' },
  { id: 'SR 2.2 RE 1', fr: 'FR2', baseId: 'SR 2.2', isEnhancement: true, minLevel: 3, title: 'Identify and report unauthorized wireless devices' },
  { id: 'SR 2.3', fr: 'FR2', baseId: 'SR 2.3', isEnhancement: false, minLevel: 1, title: 'Use control for portable and mobile devices' },
  { id: 'SR 2.3 RE 1', fr: 'FR2', baseId: 'SR 2.3', isEnhancement: true, minLevel: 3, title: 'Enforcement of security status of portable and mobile devices' },
  { id: 'SR 2.4', fr: 'FR2', baseId: 'SR 2.4', isEnhancement: false, minLevel: 1, title: 'Mobile code' },
  { id: 'SR 2.4 RE 1', fr: 'FR2', baseId: 'SR 2.4', isEnhancement: true, minLevel: 3, title: 'Mobile code integrity check' },
  { id: 'SR 2.5', fr: 'FR2', baseId: 'SR 2.5', isEnhancement: false, minLevel: 1, title: 'Session lock' },
  { id: 'SR 2.6', fr: 'FR2', baseId: 'SR 2.6', isEnhancement: false, minLevel: 2, title: 'Remote session termination' },
  { id: 'SR 2.7', fr: 'FR2', baseId: 'SR 2.7', isEnhancement: false, minLevel: 3, title: 'Concurrent session control' },
  { id: 'SR 2.8', fr: 'FR2', baseId: 'SR 2.8', isEnhancement: false, minLevel: 1, title: 'Auditable events' },
  { id: 'SR 2.8 RE 1', fr: 'FR2', baseId: 'SR 2.8', isEnhancement: true, minLevel: 3, title: 'Centrally managed, system-wide audit trail' },
  { id: 'SR 2.9', fr: 'FR2', baseId: 'SR 2.9', isEnhancement: false, minLevel: 1, title: 'Audit storage capacity' },
  { id: 'SR 2.9 RE 1', fr: 'FR2', baseId: 'SR 2.9', isEnhancement: true, minLevel: 3, title: 'Warn when audit record storage capacity threshold reached' },
  { id: 'SR 2.10', fr: 'FR2', baseId: 'SR 2.10', isEnhancement: false, minLevel: 1, title: 'Response to audit processing failures' },
  { id: 'SR 2.11', fr: 'FR2', baseId: 'SR 2.11', isEnhancement: false, minLevel: 2, title: 'Timestamps', confidence: 'B' },
  { id: 'SR 2.11 RE 1', fr: 'FR2', baseId: 'SR 2.11', isEnhancement: true, minLevel: 3, title: 'Internal time synchronization', confidence: 'B' },
  { id: 'SR 2.11 RE 2', fr: 'FR2', baseId: 'SR 2.11', isEnhancement: true, minLevel: 4, title: 'Protection of time source integrity', confidence: 'B' },
  { id: 'SR 2.12', fr: 'FR2', baseId: 'SR 2.12', isEnhancement: false, minLevel: 3, title: 'Non-repudiation' },
  { id: 'SR 2.12 RE 1', fr: 'FR2', baseId: 'SR 2.12', isEnhancement: true, minLevel: 4, title: 'Non-repudiation for all users' },
  { id: 'SR 3.1', fr: 'FR3', baseId: 'SR 3.1', isEnhancement: false, minLevel: 1, title: 'Communication integrity', confidence: 'B' },
  { id: 'SR 3.1 RE 1', fr: 'FR3', baseId: 'SR 3.1', isEnhancement: true, minLevel: 3, title: 'Cryptographic integrity protection' },
  { id: 'SR 3.2', fr: 'FR3', baseId: 'SR 3.2', isEnhancement: false, minLevel: 1, title: 'Malicious code protection' },
  { id: 'SR 3.2 RE 1', fr: 'FR3', baseId: 'SR 3.2', isEnhancement: true, minLevel: 2, title: 'Malicious code protection on entry and exit points' },
  { id: 'SR 3.2 RE 2', fr: 'FR3', baseId: 'SR 3.2', isEnhancement: true, minLevel: 3, title: 'Central management and reporting for malicious code protection' },
  { id: 'SR 3.3', fr: 'FR3', baseId: 'SR 3.3', isEnhancement: false, minLevel: 1, title: 'Security functionality verification' },
  { id: 'SR 3.3 RE 1', fr: 'FR3', baseId: 'SR 3.3', isEnhancement: true, minLevel: 3, title: 'Automated mechanisms for security functionality verification' },
  { id: 'SR 3.3 RE 2', fr: 'FR3', baseId: 'SR 3.3', isEnhancement: true, minLevel: 4, title: 'Security functionality verification during normal operation' },
  { id: 'SR 3.4', fr: 'FR3', baseId: 'SR 3.4', isEnhancement: false, minLevel: 2, title: 'Software and information integrity', confidence: 'A' },
  { id: 'SR 3.4 RE 1', fr: 'FR3', baseId: 'SR 3.4', isEnhancement: true, minLevel: 3, title: 'Automated notification about integrity violations', confidence: 'B' },
  { id: 'SR 3.5', fr: 'FR3', baseId: 'SR 3.5', isEnhancement: false, minLevel: 1, title: 'Input validation' },
  { id: 'SR 3.6', fr: 'FR3', baseId: 'SR 3.6', isEnhancement: false, minLevel: 1, title: 'Deterministic output' },
  { id: 'SR 3.7', fr: 'FR3', baseId: 'SR 3.7', isEnhancement: false, minLevel: 2, title: 'Error handling', confidence: 'B' },
  { id: 'SR 3.8', fr: 'FR3', baseId: 'SR 3.8', isEnhancement: false, minLevel: 2, title: 'Session integrity' },
  { id: 'SR 3.8 RE 1', fr: 'FR3', baseId: 'SR 3.8', isEnhancement: true, minLevel: 3, title: 'Invalidation of session IDs after session termination' },
  { id: 'SR 3.8 RE 2', fr: 'FR3', baseId: 'SR 3.8', isEnhancement: true, minLevel: 3, title: 'Unique session ID generation' },
  { id: 'SR 3.8 RE 3', fr: 'FR3', baseId: 'SR 3.8', isEnhancement: true, minLevel: 4, title: 'Randomness of session IDs' },
  { id: 'SR 3.9', fr: 'FR3', baseId: 'SR 3.9', isEnhancement: false, minLevel: 2, title: 'Protection of audit information' },
  { id: 'SR 3.9 RE 1', fr: 'FR3', baseId: 'SR 3.9', isEnhancement: true, minLevel: 4, title: 'Audit records on write-once media' },
  { id: 'SR 4.1', fr: 'FR4', baseId: 'SR 4.1', isEnhancement: false, minLevel: 1, title: 'Information confidentiality', confidence: 'B' },
  { id: 'SR 4.1 RE 1', fr: 'FR4', baseId: 'SR 4.1', isEnhancement: true, minLevel: 2, title: 'Protection of confidentiality at rest or in transit via untrusted networks' },
  { id: 'SR 4.1 RE 2', fr: 'FR4', baseId: 'SR 4.1', isEnhancement: true, minLevel: 3, title: 'Protection of confidentiality across zone boundaries', confidence: 'B' },
  { id: 'SR 4.2', fr: 'FR4', baseId: 'SR 4.2', isEnhancement: false, minLevel: 2, title: 'Information persistence' },
  { id: 'SR 4.2 RE 1', fr: 'FR4', baseId: 'SR 4.2', isEnhancement: true, minLevel: 3, title: 'Purging of shared memory resources' },
  { id: 'SR 4.3', fr: 'FR4', baseId: 'SR 4.3', isEnhancement: false, minLevel: 1, title: 'Use of cryptography', confidence: 'D' },
  { id: 'SR 5.1', fr: 'FR5', baseId: 'SR 5.1', isEnhancement: false, minLevel: 1, title: 'Network segmentation' },
  { id: 'SR 5.1 RE 1', fr: 'FR5', baseId: 'SR 5.1', isEnhancement: true, minLevel: 2, title: 'Physical network segmentation', confidence: 'B' },
  { id: 'SR 5.1 RE 2', fr: 'FR5', baseId: 'SR 5.1', isEnhancement: true, minLevel: 3, title: 'Independence from non-control system networks' },
  { id: 'SR 5.1 RE 3', fr: 'FR5', baseId: 'SR 5.1', isEnhancement: true, minLevel: 4, title: 'Logical and physical isolation of critical networks' },
  { id: 'SR 5.2', fr: 'FR5', baseId: 'SR 5.2', isEnhancement: false, minLevel: 1, title: 'Zone boundary protection' },
  { id: 'SR 5.2 RE 1', fr: 'FR5', baseId: 'SR 5.2', isEnhancement: true, minLevel: 2, title: 'Deny by default, allow by exception' },
  { id: 'SR 5.2 RE 2', fr: 'FR5', baseId: 'SR 5.2', isEnhancement: true, minLevel: 3, title: 'Island mode' },
  { id: 'SR 5.2 RE 3', fr: 'FR5', baseId: 'SR 5.2', isEnhancement: true, minLevel: 3, title: 'Fail close' },
  { id: 'SR 5.3', fr: 'FR5', baseId: 'SR 5.3', isEnhancement: false, minLevel: 1, title: 'General purpose person-to-person communication restrictions', confidence: 'B' },
  { id: 'SR 5.3 RE 1', fr: 'FR5', baseId: 'SR 5.3', isEnhancement: true, minLevel: 3, title: 'Prohibit all general purpose person-to-person communications' },
  { id: 'SR 5.4', fr: 'FR5', baseId: 'SR 5.4', isEnhancement: false, minLevel: 1, title: 'Application partitioning', confidence: 'E' },
  { id: 'SR 6.1', fr: 'FR6', baseId: 'SR 6.1', isEnhancement: false, minLevel: 1, title: 'Audit log accessibility' },
  { id: 'SR 6.1 RE 1', fr: 'FR6', baseId: 'SR 6.1', isEnhancement: true, minLevel: 3, title: 'Programmatic access to audit logs' },
  { id: 'SR 6.2', fr: 'FR6', baseId: 'SR 6.2', isEnhancement: false, minLevel: 2, title: 'Continuous monitoring', confidence: 'F' },
  { id: 'SR 7.1', fr: 'FR7', baseId: 'SR 7.1', isEnhancement: false, minLevel: 1, title: 'Denial of service protection' },
  { id: 'SR 7.1 RE 1', fr: 'FR7', baseId: 'SR 7.1', isEnhancement: true, minLevel: 2, title: 'Manage communication loads' },
  { id: 'SR 7.1 RE 2', fr: 'FR7', baseId: 'SR 7.1', isEnhancement: true, minLevel: 3, title: 'Limit DoS effects to other systems or networks' },
  { id: 'SR 7.2', fr: 'FR7', baseId: 'SR 7.2', isEnhancement: false, minLevel: 1, title: 'Resource management' },
  { id: 'SR 7.3', fr: 'FR7', baseId: 'SR 7.3', isEnhancement: false, minLevel: 1, title: 'Control system backup' },
  { id: 'SR 7.3 RE 1', fr: 'FR7', baseId: 'SR 7.3', isEnhancement: true, minLevel: 2, title: 'Backup verification' },
  { id: 'SR 7.3 RE 2', fr: 'FR7', baseId: 'SR 7.3', isEnhancement: true, minLevel: 3, title: 'Backup automation' },
  { id: 'SR 7.4', fr: 'FR7', baseId: 'SR 7.4', isEnhancement: false, minLevel: 1, title: 'Control system recovery and reconstitution' },
  { id: 'SR 7.5', fr: 'FR7', baseId: 'SR 7.5', isEnhancement: false, minLevel: 1, title: 'Emergency power' },
  { id: 'SR 7.6', fr: 'FR7', baseId: 'SR 7.6', isEnhancement: false, minLevel: 1, title: 'Network and security configuration settings' },
  { id: 'SR 7.6 RE 1', fr: 'FR7', baseId: 'SR 7.6', isEnhancement: true, minLevel: 3, title: 'Machine-readable reporting of current security settings' },
  { id: 'SR 7.7', fr: 'FR7', baseId: 'SR 7.7', isEnhancement: false, minLevel: 1, title: 'Least functionality' },
  { id: 'SR 7.8', fr: 'FR7', baseId: 'SR 7.8', isEnhancement: false, minLevel: 2, title: 'Control system component inventory', confidence: 'B' },
];

const BY_ID = new Map(SYSTEM_REQUIREMENTS.map((requirement) => [normaliseRequirementId(requirement.id), requirement]));

/** Normalises spellings such as "sr1.1re1", "SR 1.1 (1)" or "SR 1.1 RE1" to "SR 1.1 RE 1". */
export function normaliseRequirementId(text: string): string {
  const match = /^\s*(?:SR)?\s*(\d+)\.(\d+)\s*(?:(?:RE)\s*\(?\s*(\d+)\s*\)?|\(\s*(\d+)\s*\))?\s*$/i.exec(text);
  if (!match) return text.trim();
  const enhancement = match[3] ?? match[4];
  return `SR ${match[1]}.${match[2]}${enhancement ? ` RE ${enhancement}` : ''}`;
}

/** Looks a requirement up by id in any common spelling. */
export const findRequirement = (id: string): RequirementDefinition | undefined => BY_ID.get(normaliseRequirementId(id));
