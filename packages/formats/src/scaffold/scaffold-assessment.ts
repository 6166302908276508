import {
  conduitFromPattern,
  findIntegrationPattern,
  findZoneRole,
  type ConduitInput,
  type Diagnostic,
  type ZoneInput,
} from '@zonewise/core';
import { stringify } from 'yaml';

/** Zones of the scaffold that play a pattern's zone roles; other roles get a zone named after the role. */
const SCAFFOLD_ZONE_OF_ROLE: Readonly<Record<string, string>> = { 'process-control': 'control', dmz: 'dmz' };

const indentList = (items: readonly unknown[]): string =>
  items.length === 0
    ? ''
    : stringify(items, { lineWidth: 0 })
        .split('\n')
        .map((line) => (line === '' ? line : `  ${line}`))
        .join('\n');

/** Zones and conduits that the chosen integration patterns add to the scaffold, or diagnostics for unknown ids. */
const patternParts = (
  patterns: readonly string[],
): { zones: ZoneInput[]; conduits: ConduitInput[]; diagnostics: Diagnostic[] } => {
  const zones: ZoneInput[] = [];
  const conduits: ConduitInput[] = [];
  const diagnostics: Diagnostic[] = [];
  const zoneFor = (role: string): string => {
    const existing = SCAFFOLD_ZONE_OF_ROLE[role];
    if (existing) return existing;
    if (!zones.some((zone) => zone.id === role)) {
      const definition = findZoneRole(role as Parameters<typeof findZoneRole>[0]);
      zones.push({ id: role, name: definition?.title ?? role, organisation: 'OT operations' });
    }
    return role;
  };
  patterns.forEach((patternId, index) => {
    const pattern = findIntegrationPattern(patternId);
    if (!pattern) {
      diagnostics.push({
        code: 'unknown-pattern',
        severity: 'error',
        path: ['template', index],
        message: `Integration pattern "${patternId}" does not exist: run "zonewise rules" to list the patterns.`,
      });
      return;
    }
    const conduit = conduitFromPattern(pattern.id, zoneFor(pattern.roles.from), zoneFor(pattern.roles.to));
    if (conduit) conduits.push({ ...conduit, id: pattern.id });
  });
  return { zones, conduits, diagnostics };
};

/**
 * The starting file `zonewise init` writes: a small, valid, commented assessment that walks through ZCR 1–7 in the
 * order an assessor fills it in, plus one conduit per chosen integration pattern (with the zones its roles need).
 * Comments are the documentation; every value is a realistic example to overwrite.
 */
export const scaffoldAssessment = (options: {
  readonly name: string;
  readonly patterns?: readonly string[];
}):
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } => {
  const parts = patternParts(options.patterns ?? []);
  if (parts.diagnostics.length > 0) return { ok: false, diagnostics: parts.diagnostics };
  return { ok: true, text: scaffoldText(options.name, indentList(parts.zones), indentList(parts.conduits)) };
};

const scaffoldText = (
  name: string,
  extraZones: string,
  extraConduits: string,
): string => `# Zonewise assessment file (IEC 62443-3-2). Validate with: zonewise validate assessment.yaml
# JSON Schema for editors: zonewise schema > assessment.schema.json
formatVersion: 1

# ZCR 5.13: who assessed, when, and how the document is classified.
assessment:
  title: ${JSON.stringify(`${name} cybersecurity risk assessment`)}
  version: "0.1"
  confidentiality: Internal
  team:
    - name: Your Name
      role: OT security engineer

# ZCR 1.1 and 6.2: the system under consideration (SuC) and its boundary.
system:
  name: ${JSON.stringify(name)}
  intendedUse: Describe what the system does and why it exists.
  equipmentUnderControl: Describe the process or equipment it controls.
  owner: Asset owner organisation
  boundary:
    logical: Networks and address ranges inside the SuC, e.g. 10.10.0.0/16.
    physical: Buildings, rooms and cabinets inside the SuC.
  assumptions: # ZCR 6.5
    - Control rooms and cabinets are locked and badge-controlled.
  threatEnvironment: # ZCR 6.6
    description: Ransomware crews and opportunistic malware are the main concern.
    sources: [CISA ICS advisories, sector ISAC]
  policies: # ZCR 6.7
    - id: pol-remote-access
      title: Remote access only through the DMZ jump host with MFA
  regulations: [] # ZCR 6.9, e.g. NIS2, 21 CFR Part 11

# ZCR 6.8: leave riskCriteria out to use the built-in 5x5 matrix (tolerable up to "medium").

# ZCR 1.1: every way into the SuC.
accessPoints:
  - id: ap-remote
    name: Vendor remote access
    kind: remote-access
    zone: dmz

# ZCR 3: zones group assets with common security requirements.
zones:
  - id: dmz
    name: Industrial DMZ
    organisation: OT operations
  - id: control
    name: Control zone
    organisation: OT operations
${extraZones}
# ZCR 3.1: every communication between zones goes through a conduit; channels say what may cross and who initiates.
conduits:
  - id: dmz-control
    name: DMZ to control
    zones: [dmz, control]
    enforcement: [firewall]
    channels:
      - { protocol: opc-ua, port: 4840, from: dmz, to: control }
${extraConduits}
# Assets: kind decides the attributes rules test (see zonewise explain for kinds); criticality is the worst-case
# impact per category (1-5) if the asset is compromised (ZCR 2).
assets:
  - id: historian
    name: Historian replica (DMZ)
    kind: historian
    purdueLevel: 3.5
    zone: dmz
    criticality: { production: 2 }
  - id: plc-1
    name: Line PLC
    kind: plc
    zone: control
    criticality: { health-safety: 3, production: 4 }

dataFlows:
  - { id: flow-historian-plc, from: historian, to: plc-1, protocol: opc-ua, port: 4840, purpose: Process data collection }

# ZCR 5: threat scenarios you assess by hand (the engine adds scenarios from its threat rules).
threatScenarios:
  - id: ts-remote-ransomware
    title: Ransomware through vendor remote access reaches the line PLC
    source: cybercriminal
    entryPoint: ap-remote
    zone: control
    targets: [plc-1]
    consequences: { production: 4, health-safety: 2 }
    likelihood: 3
    frs: [FR1, FR2, FR5]

countermeasures:
  - id: cm-firewall
    title: Firewall between DMZ and control zone, deny by default
    type: technical
    status: existing
    requirements: [SR 5.1, SR 5.2]
    appliesTo: [dmz-control]
    likelihoodReduction: 1
`;
