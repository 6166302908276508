import type { AssetAttributeName } from './asset-kinds';
import type { Fr } from './foundational-requirements';
import type { SecurityLevel } from './security-levels';
import type { ConduitInput, EnforcementKind } from '../schema/system-file';

/**
 * Integration patterns: the conduits nearly every plant has to design, as reusable templates (IEC 62443-3-2
 * ZCR 3.1, 5.6; IEC 62443-3-3 FR5). A conduit names the pattern it follows with `pattern:`; the rule
 * `conduit/pattern-deviation` checks it against the template, and `zonewise init --template` builds conduit
 * skeletons from it with `conduitFromPattern`. The content is our own engineering guidance, not text of the standard.
 */

/** The part a zone plays at one end of a pattern. */
export type ZoneRoleId =
  'process-control' | 'engineering' | 'site-operations' | 'dmz' | 'enterprise' | 'external' | 'temporary';

/** A zone role and the asset traits that suggest a zone plays it (used to tell which end of a conduit is which). */
export interface ZoneRoleDefinition {
  readonly id: ZoneRoleId;
  readonly title: string;
  readonly description: string;
  /** An asset suggests the role when it has any of `attributes` or a Purdue level in `purdueLevels` … */
  readonly attributes: readonly AssetAttributeName[];
  readonly purdueLevels?: { readonly min: number; readonly max: number };
  /** … and none of `excluded`. */
  readonly excluded: readonly AssetAttributeName[];
}

/** The zone roles the patterns use. */
export const ZONE_ROLES: readonly ZoneRoleDefinition[] = [
  {
    id: 'process-control',
    title: 'Process control',
    description: 'Controllers, safety systems, HMIs and SCADA servers (Purdue levels 0–2).',
    attributes: ['controlsProcess'],
    purdueLevels: { min: 0, max: 2 },
    excluded: ['isTemporarilyConnected', 'isExternallyConnected', 'isBusinessSystem'],
  },
  {
    id: 'engineering',
    title: 'Engineering',
    description: 'Engineering workstations and tools that program and configure controllers (level 2).',
    attributes: [],
    purdueLevels: { min: 2, max: 2 },
    excluded: ['controlsProcess', 'isTemporarilyConnected', 'isWireless'],
  },
  {
    id: 'site-operations',
    title: 'Site operations',
    description: 'Site-wide operations systems: historian, MES, batch, patch and domain servers (level 3).',
    attributes: [],
    purdueLevels: { min: 3, max: 3 },
    excluded: ['isBusinessSystem', 'isExternallyConnected'],
  },
  {
    id: 'dmz',
    title: 'Industrial DMZ',
    description:
      'The demilitarised zone between enterprise and site: mirrors, jump hosts, brokers (level 3.5).',
    attributes: [],
    purdueLevels: { min: 3.5, max: 3.5 },
    excluded: [],
  },
  {
    id: 'enterprise',
    title: 'Enterprise',
    description: 'Business systems: ERP, office IT, e-mail (level 4).',
    attributes: ['isBusinessSystem'],
    purdueLevels: { min: 4, max: 4 },
    excluded: ['isExternallyConnected'],
  },
  {
    id: 'external',
    title: 'External',
    description:
      'Systems on networks the asset owner does not control: vendors, cloud services, WAN (level 5).',
    attributes: ['isExternallyConnected'],
    purdueLevels: { min: 5, max: 5 },
    excluded: [],
  },
  {
    id: 'temporary',
    title: 'Temporary devices',
    description: 'Maintenance laptops, removable media and portable tools that connect only for a time.',
    attributes: ['isTemporarilyConnected'],
    excluded: [],
  },
];

/** One channel a pattern allows. */
export interface PatternChannel {
  readonly protocol: string;
  /** Port, range "a-b", or absent for any. */
  readonly port?: number | string;
  /** `forward`: the `from` role initiates towards the `to` role; `reverse`: the other way round. */
  readonly direction: 'forward' | 'reverse';
  readonly isEncrypted: boolean;
  readonly purpose: string;
}

/** A reusable conduit template. */
export interface IntegrationPattern {
  /** Permanent kebab-case id used in `conduit.pattern`. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Which zone roles the conduit joins; `from` is the side nearer the process unless the pattern says otherwise. */
  readonly roles: { readonly from: ZoneRoleId; readonly to: ZoneRoleId };
  readonly channels: readonly PatternChannel[];
  /** Enforcement the conduit must have to follow the pattern. */
  readonly requiredEnforcement: readonly EnforcementKind[];
  /** Enforcement that good practice adds. */
  readonly recommendedEnforcement: readonly EnforcementKind[];
  /** Minimum conduit SL-T per FR for typical plants, and why. */
  readonly securityLevelGuidance: {
    readonly minimum: Readonly<Partial<Record<Fr, SecurityLevel>>>;
    readonly note: string;
  };
  /** IEC 62443-3-3 SR/RE ids the pattern helps to meet (ids from catalogs/system-requirements). */
  readonly requirements: readonly string[];
  /** Nothing may be initiated from the `to` side into the `from` side (enforced one-way data flow). */
  readonly isOneWay: boolean;
  /** The conduit crosses a network the asset owner does not control. */
  readonly isExternal: boolean;
}

/** The built-in integration patterns (issue scope §6). */
export const INTEGRATION_PATTERNS: readonly IntegrationPattern[] = [
  {
    id: 'historian-dmz-replication',
    title: 'Historian replication through a DMZ',
    description:
      'The site historian replicates process data to a mirror historian in the industrial DMZ. Business users read ' +
      'the mirror and never reach the site historian. Only the site side starts connections.',
    roles: { from: 'site-operations', to: 'dmz' },
    channels: [
      {
        protocol: 'opc-ua',
        port: 4840,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'Replication to the DMZ mirror',
      },
      {
        protocol: 'https',
        port: 443,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'Replication over the historian web API',
      },
    ],
    requiredEnforcement: ['firewall'],
    recommendedEnforcement: ['ids'],
    securityLevelGuidance: {
      minimum: { FR1: 2, FR3: 2, FR5: 2 },
      note: 'Authenticate the replicating services and restrict the boundary (FR5) at least to SL 2; keep the conduit at the SL-T of the site-operations zone in every FR.',
    },
    requirements: ['SR 1.2', 'SR 3.1', 'SR 5.1', 'SR 5.2', 'SR 5.2 RE 1'],
    isOneWay: true,
    isExternal: false,
  },
  {
    id: 'mes-control-opcua',
    title: 'MES to control over OPC UA',
    description:
      'The MES reads production data from and writes orders to an OPC UA server in the control zone, with signed and ' +
      'encrypted sessions and application certificates. The control side does not open connections to the MES.',
    roles: { from: 'site-operations', to: 'process-control' },
    channels: [
      {
        protocol: 'opc-ua',
        port: 4840,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'MES client sessions to the OPC UA server',
      },
    ],
    requiredEnforcement: ['firewall'],
    recommendedEnforcement: ['ids'],
    securityLevelGuidance: {
      minimum: { FR1: 2, FR2: 2, FR3: 2, FR5: 2 },
      note: 'The conduit reaches into the control zone, so authenticate applications by certificate (FR1), limit what the MES may write (FR2) and protect integrity in transit (FR3) at least at SL 2.',
    },
    requirements: ['SR 1.2', 'SR 2.1', 'SR 3.1', 'SR 4.1', 'SR 5.1', 'SR 5.2'],
    isOneWay: false,
    isExternal: false,
  },
  {
    id: 'erp-mes',
    title: 'ERP to MES',
    description:
      'Order and confirmation exchange between the MES and the enterprise ERP. The MES side starts every connection ' +
      '(an API call or a message broker); where the ERP must push, it does so to a broker in the DMZ, not into site ' +
      'operations.',
    roles: { from: 'site-operations', to: 'enterprise' },
    channels: [
      {
        protocol: 'https',
        port: 443,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'MES calls the ERP interface',
      },
      {
        protocol: 'amqp',
        port: 5671,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'MES exchanges messages through a broker',
      },
    ],
    requiredEnforcement: ['firewall'],
    recommendedEnforcement: ['proxy', 'ids'],
    securityLevelGuidance: {
      minimum: { FR1: 2, FR3: 2, FR4: 2, FR5: 2 },
      note: 'Business data crosses between IT and OT: authenticate both ends, protect integrity and confidentiality in transit, and keep the OT network independent of the enterprise network (FR5).',
    },
    requirements: ['SR 1.2', 'SR 3.1', 'SR 4.1', 'SR 5.1', 'SR 5.1 RE 2', 'SR 5.2', 'SR 5.2 RE 1'],
    isOneWay: false,
    isExternal: false,
  },
  {
    id: 'cloud-one-way',
    title: 'Cloud analytics through a one-way gateway',
    description:
      'Process data leaves the site for a cloud analytics service through a data diode or unidirectional gateway. ' +
      'Nothing can be sent from the cloud towards the site, so the cloud service can never become a way in.',
    roles: { from: 'site-operations', to: 'external' },
    channels: [
      {
        protocol: 'mqtt',
        port: 8883,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'Telemetry published to the cloud broker',
      },
      {
        protocol: 'https',
        port: 443,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'Batch upload to the cloud service',
      },
    ],
    requiredEnforcement: ['data-diode'],
    recommendedEnforcement: ['firewall'],
    securityLevelGuidance: {
      minimum: { FR3: 2, FR4: 2, FR5: 3 },
      note: 'The conduit crosses the internet: a hardware-enforced one-way boundary carries FR5 to SL 3, and data leaving the site is protected in transit (FR3, FR4).',
    },
    requirements: ['SR 1.13', 'SR 4.1', 'SR 5.1', 'SR 5.1 RE 3', 'SR 5.2', 'SR 5.2 RE 1'],
    isOneWay: true,
    isExternal: true,
  },
  {
    id: 'vendor-remote-access',
    title: 'Vendor remote access through a DMZ jump host',
    description:
      'A vendor engineer reaches a jump host in the DMZ over an encrypted session with multi-factor authentication, ' +
      'approved per session by the asset owner. From the jump host a separate, restricted conduit leads on to the ' +
      'equipment; the vendor never connects to control zones directly.',
    roles: { from: 'external', to: 'dmz' },
    channels: [
      {
        protocol: 'https',
        port: 443,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'Remote-access portal or VPN over TLS',
      },
    ],
    requiredEnforcement: ['firewall', 'mfa', 'jump-host'],
    recommendedEnforcement: ['vpn', 'ids'],
    securityLevelGuidance: {
      minimum: { FR1: 3, FR2: 2, FR5: 2, FR6: 2 },
      note: 'Access from an untrusted network calls for multi-factor authentication (FR1 at SL 3), explicit session approval and termination (FR2), and monitoring of every session (FR6).',
    },
    requirements: [
      'SR 1.1',
      'SR 1.1 RE 2',
      'SR 1.13',
      'SR 1.13 RE 1',
      'SR 2.6',
      'SR 2.8',
      'SR 5.2',
      'SR 6.2',
    ],
    isOneWay: false,
    isExternal: true,
  },
  {
    id: 'engineering-to-controllers',
    title: 'Engineering workstation to controllers',
    description:
      'Engineering workstations program and diagnose controllers with the vendor protocols. Only the engineering ' +
      'side starts connections, and only towards the controllers it is responsible for.',
    roles: { from: 'engineering', to: 'process-control' },
    channels: [
      {
        protocol: 's7comm',
        port: 102,
        direction: 'forward',
        isEncrypted: false,
        purpose: 'Program download and diagnostics',
      },
      {
        protocol: 'ethernet-ip',
        port: 44818,
        direction: 'forward',
        isEncrypted: false,
        purpose: 'Program download and diagnostics',
      },
      {
        protocol: 'modbus-tcp',
        port: 502,
        direction: 'forward',
        isEncrypted: false,
        purpose: 'Diagnostics and parameterisation',
      },
      {
        protocol: 'opc-ua',
        port: 4840,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'Configuration over OPC UA',
      },
    ],
    requiredEnforcement: ['firewall'],
    recommendedEnforcement: ['acl', 'ids'],
    securityLevelGuidance: {
      minimum: { FR1: 2, FR2: 2, FR3: 2, FR5: 2, FR6: 1 },
      note: 'Whoever holds this conduit can change controller logic: authenticate and authorise every engineer (FR1, FR2), protect program integrity (FR3) and log every download (FR6).',
    },
    requirements: ['SR 1.1', 'SR 2.1', 'SR 2.8', 'SR 3.1', 'SR 3.4', 'SR 5.2'],
    isOneWay: false,
    isExternal: false,
  },
  {
    id: 'patch-distribution',
    title: 'Patch and antivirus distribution',
    description:
      'A downstream patch and antivirus server in site operations pulls approved updates from an upstream server in ' +
      'the DMZ and distributes them inside the site. No update source outside the DMZ is reachable from the site.',
    roles: { from: 'site-operations', to: 'dmz' },
    channels: [
      {
        protocol: 'https',
        port: 443,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'Antivirus signature download',
      },
      {
        protocol: 'https',
        port: 8531,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'Patch synchronisation from the upstream server',
      },
    ],
    requiredEnforcement: ['firewall'],
    recommendedEnforcement: ['proxy', 'ids'],
    securityLevelGuidance: {
      minimum: { FR3: 2, FR5: 2 },
      note: 'Updates change software on every node: verify their integrity and origin (FR3) and keep the path narrow (FR5).',
    },
    requirements: ['SR 3.2', 'SR 3.2 RE 1', 'SR 3.4', 'SR 5.2'],
    isOneWay: false,
    isExternal: false,
  },
  {
    id: 'maintenance-laptop',
    title: 'Maintenance laptop connection',
    description:
      'Maintenance laptops connect to a dedicated maintenance zone and reach the controllers through a restricted ' +
      'conduit, after a malware scan and with an authenticated, logged session.',
    roles: { from: 'temporary', to: 'process-control' },
    channels: [
      {
        protocol: 's7comm',
        port: 102,
        direction: 'forward',
        isEncrypted: false,
        purpose: 'Diagnostics and program changes',
      },
      {
        protocol: 'ethernet-ip',
        port: 44818,
        direction: 'forward',
        isEncrypted: false,
        purpose: 'Diagnostics and program changes',
      },
      { protocol: 'modbus-tcp', port: 502, direction: 'forward', isEncrypted: false, purpose: 'Diagnostics' },
      {
        protocol: 'ssh',
        port: 22,
        direction: 'forward',
        isEncrypted: true,
        purpose: 'Device maintenance shells',
      },
    ],
    requiredEnforcement: ['firewall'],
    recommendedEnforcement: ['acl', 'ids'],
    securityLevelGuidance: {
      minimum: { FR1: 2, FR2: 2, FR3: 2, FR5: 2 },
      note: 'A device that has been elsewhere connects to controllers: control portable-device use (FR2), scan for malicious code (FR3) and restrict what it may reach (FR5).',
    },
    requirements: ['SR 1.1', 'SR 2.1', 'SR 2.3', 'SR 2.8', 'SR 3.2', 'SR 5.2'],
    isOneWay: false,
    isExternal: false,
  },
];

const BY_ID = new Map(INTEGRATION_PATTERNS.map((pattern) => [pattern.id, pattern]));

/** Looks up an integration pattern by id. */
export const findIntegrationPattern = (id: string): IntegrationPattern | undefined => BY_ID.get(id);

/** Looks up a zone role by id. */
export const findZoneRole = (id: ZoneRoleId): ZoneRoleDefinition | undefined =>
  ZONE_ROLES.find((role) => role.id === id);

/**
 * A conduit skeleton that follows a pattern between two zones: `fromZone` plays the pattern's `from` role. Channels
 * are mapped onto the zones, enforcement is the required plus recommended set. Undefined for an unknown pattern.
 */
export const conduitFromPattern = (
  patternId: string,
  fromZone: string,
  toZone: string,
): ConduitInput | undefined => {
  const pattern = findIntegrationPattern(patternId);
  if (!pattern) return undefined;
  return {
    id: `${fromZone}-to-${toZone}`,
    name: pattern.title,
    description: pattern.description,
    zones: [fromZone, toZone],
    channels: pattern.channels.map((channel) => ({
      protocol: channel.protocol,
      ...(channel.port === undefined ? {} : { port: channel.port }),
      from: channel.direction === 'forward' ? fromZone : toZone,
      to: channel.direction === 'forward' ? toZone : fromZone,
      isEncrypted: channel.isEncrypted,
      purpose: channel.purpose,
    })),
    enforcement: [...new Set([...pattern.requiredEnforcement, ...pattern.recommendedEnforcement])],
    isExternal: pattern.isExternal,
    pattern: pattern.id,
  };
};
