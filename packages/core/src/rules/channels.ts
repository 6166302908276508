import type { Channel } from '../model/system-model';

/**
 * Protocol and port matching shared by the data-flow and conduit rules and the integration-pattern check. Users
 * spell protocols many ways ("OPC UA", "opcua", "opc-ua"); comparing canonical names keeps a flow from being
 * reported as not allowed only because of spelling.
 */

const squash = (text: string): string => text.toLowerCase().replace(/[\s\-_./]+/g, '');

/** Spellings (after lower-casing and removing spaces, dashes, dots, slashes, underscores) → canonical name. */
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    any: 'any',
    '*': 'any',
    all: 'any',
    ip: 'any',
    opcua: 'opc-ua',
    opcuatcp: 'opc-ua',
    opcuabinary: 'opc-ua',
    opcda: 'opc-da',
    opcclassic: 'opc-da',
    dcom: 'opc-da',
    modbus: 'modbus-tcp',
    modbustcp: 'modbus-tcp',
    modbusip: 'modbus-tcp',
    mbtcp: 'modbus-tcp',
    s7: 's7comm',
    s7comm: 's7comm',
    isotsap: 's7comm',
    s7commplus: 's7comm-plus',
    enip: 'ethernet-ip',
    ethernetip: 'ethernet-ip',
    cip: 'ethernet-ip',
    dnp3: 'dnp3',
    dnp: 'dnp3',
    iec104: 'iec-104',
    iec608705104: 'iec-104',
    iec61850: 'iec-61850-mms',
    iec61850mms: 'iec-61850-mms',
    mms: 'iec-61850-mms',
    profinet: 'profinet',
    pnio: 'profinet',
    bacnet: 'bacnet',
    bacnetip: 'bacnet',
    hartip: 'hart-ip',
    fins: 'fins',
    omronfins: 'fins',
    slmp: 'slmp',
    melsec: 'slmp',
    https: 'https',
    http: 'http',
    rdp: 'rdp',
    msrdp: 'rdp',
    ssh: 'ssh',
    smb: 'smb',
    cifs: 'smb',
    mqtt: 'mqtt',
    mqtts: 'mqtt',
    amqp: 'amqp',
    amqps: 'amqp',
    syslog: 'syslog',
    ntp: 'ntp',
    snmp: 'snmp',
  }),
);

/** Canonical names already computed: rules compare protocols once per flow and channel, so this is hot. */
const canonicalCache = new Map<string, string>();
const CACHE_LIMIT = 10_000;

/** Canonical protocol name: "OPC UA" → "opc-ua", "Modbus" → "modbus-tcp"; unknown names lower-cased and squashed. */
export const canonicalProtocol = (protocol: string): string => {
  const cached = canonicalCache.get(protocol);
  if (cached !== undefined) return cached;
  const key = squash(protocol.trim());
  const canonical = ALIASES.get(key) ?? key;
  if (canonicalCache.size < CACHE_LIMIT) canonicalCache.set(protocol, canonical);
  return canonical;
};

/** True when two protocol names denote the same protocol (case, punctuation and known aliases ignored). */
export const sameProtocol = (a: string, b: string): boolean => canonicalProtocol(a) === canonicalProtocol(b);

/** True for a channel protocol that admits every protocol ("any", "*", "all", "ip"). */
export const isAnyProtocol = (protocol: string): boolean => canonicalProtocol(protocol) === 'any';

type PortSpec =
  | { readonly kind: 'any' }
  | { readonly kind: 'range'; readonly low: number; readonly high: number }
  | { readonly kind: 'named'; readonly text: string };

/** Reads a port as the file writes it: absent (any), a number, "any"/"*", "502" or a range "1024-2048". */
const parsePort = (port: number | string | undefined): PortSpec => {
  if (port === undefined) return { kind: 'any' };
  if (typeof port === 'number') return { kind: 'range', low: port, high: port };
  const text = port.trim().toLowerCase();
  if (text === '' || text === 'any' || text === '*') return { kind: 'any' };
  const range = /^(\d{1,5})\s*-\s*(\d{1,5})$/.exec(text);
  if (range) {
    const low = Number(range[1]);
    const high = Number(range[2]);
    return { kind: 'range', low: Math.min(low, high), high: Math.max(low, high) };
  }
  if (/^\d{1,5}$/.test(text)) return { kind: 'range', low: Number(text), high: Number(text) };
  return { kind: 'named', text };
};

/** True for a port that admits every port: absent is "unspecified", so only "any", "*" and 0-65535 count. */
export const isAnyPort = (port: number | string | undefined): boolean => {
  if (port === undefined) return false;
  const spec = parsePort(port);
  return spec.kind === 'any' || (spec.kind === 'range' && spec.low === 0 && spec.high === 65535);
};

/**
 * True when a channel's port admits a flow's port. An absent port on either side matches anything (the flow does
 * not say, or the channel does not restrict); a flow range must lie inside the channel range.
 */
export const portAllows = (
  channelPort: number | string | undefined,
  flowPort: number | string | undefined,
): boolean => {
  const allowed = parsePort(channelPort);
  const wanted = parsePort(flowPort);
  if (allowed.kind === 'any' || wanted.kind === 'any') return true;
  if (allowed.kind === 'named' || wanted.kind === 'named') {
    return allowed.kind === 'named' && wanted.kind === 'named' && allowed.text === wanted.text;
  }
  return wanted.low >= allowed.low && wanted.high <= allowed.high;
};

/** True when a channel's protocol admits a protocol ("any" admits all). */
export const protocolAllows = (channelProtocol: string, protocol: string): boolean =>
  isAnyProtocol(channelProtocol) || sameProtocol(channelProtocol, protocol);

/** True when the channel lets a connection with this protocol and port be initiated from one zone to another. */
export const channelAllows = (
  channel: Channel,
  flow: { readonly protocol: string; readonly port?: number | string | undefined },
  fromZone: string,
  toZone: string,
): boolean =>
  channel.from === fromZone &&
  channel.to === toZone &&
  protocolAllows(channel.protocol, flow.protocol) &&
  portAllows(channel.port, flow.port);

/** Industrial protocols with no encryption of their own: readable and forgeable on any network they cross. */
const CLEARTEXT_INDUSTRIAL = new Set([
  'modbus-tcp',
  's7comm',
  'ethernet-ip',
  'dnp3',
  'iec-104',
  'iec-61850-mms',
  'profinet',
  'bacnet',
  'hart-ip',
  'fins',
  'slmp',
  'opc-da',
]);

/** Industrial protocols that can be secured but are cleartext when configured so (`isEncrypted: false`). */
const SECURABLE_INDUSTRIAL = new Set(['opc-ua', 's7comm-plus', 'mqtt', 'amqp']);

/** True when a channel carries an industrial protocol without encryption. */
export const isCleartextIndustrial = (channel: Channel): boolean => {
  const protocol = canonicalProtocol(channel.protocol);
  if (CLEARTEXT_INDUSTRIAL.has(protocol)) return channel.isEncrypted !== true;
  return SECURABLE_INDUSTRIAL.has(protocol) && channel.isEncrypted === false;
};
