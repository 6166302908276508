import type { SecurityLevel } from './security-levels';

/** A threat-source profile and the security level needed to resist it (IEC 62443-3-3 §4.2 attacker profiles). */
export interface ThreatSourceDefinition {
  readonly id: string;
  readonly name: string;
  readonly capability: Exclude<SecurityLevel, 0>;
  readonly description: string;
}

/** Built-in threat sources; an assessment may add its own. */
export const THREAT_SOURCES: readonly ThreatSourceDefinition[] = [
  {
    id: 'careless-insider',
    name: 'Careless insider / accidental',
    capability: 1,
    description:
      'Staff or contractors who cause harm by mistake, e.g. an infected USB stick or a wrong download.',
  },
  {
    id: 'untargeted-malware',
    name: 'Untargeted malware',
    capability: 2,
    description: 'Commodity malware and worms that spread opportunistically with generic means.',
  },
  {
    id: 'hacktivist',
    name: 'Hacktivist / motivated individual',
    capability: 2,
    description: 'Intentional attacker with simple means, low resources and generic skills.',
  },
  {
    id: 'malicious-insider',
    name: 'Malicious insider',
    capability: 3,
    description: 'Employee or contractor with process knowledge and legitimate access.',
  },
  {
    id: 'cybercriminal',
    name: 'Organised cybercriminals / ransomware',
    capability: 3,
    description: 'Sophisticated means, moderate resources, some IACS-specific knowledge, financial motive.',
  },
  {
    id: 'nation-state',
    name: 'Nation-state / APT',
    capability: 4,
    description: 'Sophisticated means, extended resources, IACS-specific skills and high motivation.',
  },
];

const BY_ID = new Map(THREAT_SOURCES.map((source) => [source.id, source]));

/** Looks up a built-in threat source by id. */
export const findThreatSource = (id: string): ThreatSourceDefinition | undefined => BY_ID.get(id);
