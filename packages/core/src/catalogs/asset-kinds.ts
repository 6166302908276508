/**
 * Asset kinds and their attributes. Rules test attributes, never kind names, so a new kind needs no rule change
 * (the Threagile technologies idea). Attributes may be overridden per asset in the assessment file.
 */
export interface AssetKindDefinition {
  readonly id: string;
  readonly title: string;
  /** Typical Purdue level (0 process … 4 enterprise, 3.5 for the industrial DMZ). */
  readonly purdueLevel: number;
  /** Part of a safety instrumented system or other safety function (ZCR 3.3). */
  readonly isSafetyRelated: boolean;
  /** Connected only for a time: laptops, removable media, portable tools (ZCR 3.4). */
  readonly isTemporarilyConnected: boolean;
  /** Communicates over radio (ZCR 3.5). */
  readonly isWireless: boolean;
  /** Reached through or located on an external network: remote access, vendor, cloud, WAN (ZCR 3.6). */
  readonly isExternallyConnected: boolean;
  /** An enterprise / IT business system rather than an IACS asset (ZCR 3.2). */
  readonly isBusinessSystem: boolean;
  /** A network or security device that may implement a conduit (firewall, switch, diode, …). */
  readonly isNetworkDevice: boolean;
  /** Directly controls or protects the physical process (controllers, SIS, RTU, IED, drives). */
  readonly controlsProcess: boolean;
}

const kind = (
  id: string,
  title: string,
  purdueLevel: number,
  flags: Partial<Omit<AssetKindDefinition, 'id' | 'title' | 'purdueLevel'>> = {},
): AssetKindDefinition => ({
  id,
  title,
  purdueLevel,
  isSafetyRelated: false,
  isTemporarilyConnected: false,
  isWireless: false,
  isExternallyConnected: false,
  isBusinessSystem: false,
  isNetworkDevice: false,
  controlsProcess: false,
  ...flags,
});

/** The built-in asset kinds. */
export const ASSET_KINDS: readonly AssetKindDefinition[] = [
  kind('plc', 'Programmable logic controller', 1, { controlsProcess: true }),
  kind('dcs-controller', 'DCS controller', 1, { controlsProcess: true }),
  kind('safety-controller', 'Safety controller (SIS logic solver)', 1, {
    controlsProcess: true,
    isSafetyRelated: true,
  }),
  kind('safety-engineering-workstation', 'SIS engineering workstation', 2, { isSafetyRelated: true }),
  kind('rtu', 'Remote terminal unit', 1, { controlsProcess: true }),
  kind('ied', 'Intelligent electronic device', 1, { controlsProcess: true }),
  kind('drive', 'Variable-frequency drive / motor controller', 0, { controlsProcess: true }),
  kind('field-device', 'Field instrument or actuator', 0, { controlsProcess: true }),
  kind('io-module', 'Remote I/O or communication module', 1, { controlsProcess: true }),
  kind('robot-controller', 'Robot controller', 1, { controlsProcess: true }),
  kind('hmi', 'Human-machine interface / operator station', 2),
  kind('scada-server', 'SCADA server', 2),
  kind('engineering-workstation', 'Engineering workstation', 2),
  kind('historian', 'Process historian', 3),
  kind('opc-server', 'OPC / protocol gateway server', 2),
  kind('batch-server', 'Batch / recipe server', 3),
  kind('domain-controller', 'Directory / domain controller', 3),
  kind('patch-server', 'Patch and antivirus distribution server', 3),
  kind('backup-server', 'Backup server', 3),
  kind('jump-host', 'Remote-access jump host', 3.5),
  kind('mes', 'Manufacturing execution system', 3),
  kind('lims', 'Laboratory information management system', 3),
  kind('erp', 'Enterprise resource planning system', 4, { isBusinessSystem: true }),
  kind('business-workstation', 'Office / business workstation', 4, { isBusinessSystem: true }),
  kind('email-server', 'E-mail server', 4, { isBusinessSystem: true }),
  kind('it-server', 'Enterprise IT server', 4, { isBusinessSystem: true }),
  kind('firewall', 'Firewall', 3.5, { isNetworkDevice: true }),
  kind('data-diode', 'Data diode / unidirectional gateway', 3.5, { isNetworkDevice: true }),
  kind('router', 'Router', 3, { isNetworkDevice: true }),
  kind('switch', 'Network switch', 2, { isNetworkDevice: true }),
  kind('vpn-gateway', 'VPN gateway', 3.5, { isNetworkDevice: true, isExternallyConnected: true }),
  kind('remote-access-gateway', 'Remote-access gateway', 3.5, {
    isNetworkDevice: true,
    isExternallyConnected: true,
  }),
  kind('wireless-ap', 'Wireless access point', 2, { isNetworkDevice: true, isWireless: true }),
  kind('wireless-client', 'Wireless field client (AGV, tablet, sensor)', 1, { isWireless: true }),
  kind('cellular-modem', 'Cellular / WAN modem', 3, {
    isNetworkDevice: true,
    isExternallyConnected: true,
    isWireless: true,
  }),
  kind('cloud-service', 'Cloud service', 5, { isExternallyConnected: true }),
  kind('vendor-system', 'Vendor-side system', 5, { isExternallyConnected: true }),
  kind('portable-laptop', 'Maintenance / portable laptop', 2, { isTemporarilyConnected: true }),
  kind('removable-media', 'Removable media (USB)', 2, { isTemporarilyConnected: true }),
  kind('portable-tool', 'Portable calibration / diagnostic tool', 1, { isTemporarilyConnected: true }),
  kind('server', 'Generic server', 3),
  kind('workstation', 'Generic workstation', 2),
  kind('other', 'Other', 2),
];

const BY_ID = new Map(ASSET_KINDS.map((definition) => [definition.id, definition]));

/** Looks up an asset kind by id. */
export const findAssetKind = (id: string): AssetKindDefinition | undefined => BY_ID.get(id);

/** Attribute names that an asset may override. */
export const ASSET_ATTRIBUTE_NAMES = [
  'isSafetyRelated',
  'isTemporarilyConnected',
  'isWireless',
  'isExternallyConnected',
  'isBusinessSystem',
  'isNetworkDevice',
  'controlsProcess',
] as const;

export type AssetAttributeName = (typeof ASSET_ATTRIBUTE_NAMES)[number];
