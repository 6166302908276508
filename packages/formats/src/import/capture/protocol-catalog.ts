/** Whether a protocol belongs to the control system (OT) or to general IT. */
export type CaptureProtocolCategory = 'ot' | 'it';

/** A protocol the capture analyser can name, with where it is usually found. */
export interface CaptureProtocolInfo {
  /** Stable id; OT ids use the canonical names of the core channel matcher (`modbus-tcp`, `ethernet-ip`, …). */
  readonly id: string;
  readonly name: string;
  readonly category: CaptureProtocolCategory;
  readonly tcpPorts?: readonly number[];
  readonly udpPorts?: readonly number[];
  readonly etherTypes?: readonly number[];
  /** IP protocol numbers for protocols that sit directly on IP (ICMP, OSPF, …). */
  readonly ipProtocols?: readonly number[];
  /** Carried inside TLS on its ports: a TLS handshake on such a port keeps this name rather than plain `tls`. */
  readonly overTls?: boolean;
}

const range = (low: number, high: number): number[] =>
  Array.from({ length: high - low + 1 }, (_, index) => low + index);

/**
 * The protocols the analyser names. Ports follow IANA and the Digital Bond control-system port list
 * (../shared/data/ics-protocol-ports/PORTS.md); payload signatures in `identify-payload.ts` override ports.
 */
export const CAPTURE_PROTOCOLS: readonly CaptureProtocolInfo[] = [
  // Control-system protocols.
  { id: 'modbus-tcp', name: 'Modbus/TCP', category: 'ot', tcpPorts: [502] },
  { id: 's7comm', name: 'S7comm', category: 'ot' },
  { id: 's7comm-plus', name: 'S7comm-plus', category: 'ot' },
  { id: 'iec-61850-mms', name: 'IEC 61850 MMS / ICCP (ISO-on-TCP)', category: 'ot' },
  // Port 102 alone cannot tell S7comm from MMS; the payload names the flows that carry data.
  { id: 'iso-tsap', name: 'ISO-on-TCP (S7comm or MMS, not told apart)', category: 'ot', tcpPorts: [102] },
  { id: 'goose', name: 'IEC 61850 GOOSE', category: 'ot', etherTypes: [0x88b8] },
  { id: 'sv', name: 'IEC 61850 Sampled Values', category: 'ot', etherTypes: [0x88ba] },
  {
    id: 'ethernet-ip',
    name: 'EtherNet/IP (CIP)',
    category: 'ot',
    tcpPorts: [44818],
    udpPorts: [44818, 2222],
  },
  { id: 'dnp3', name: 'DNP3', category: 'ot', tcpPorts: [20000], udpPorts: [20000] },
  { id: 'iec-104', name: 'IEC 60870-5-104', category: 'ot', tcpPorts: [2404] },
  { id: 'bacnet', name: 'BACnet/IP', category: 'ot', udpPorts: [47808] },
  { id: 'opc-ua', name: 'OPC UA binary', category: 'ot', tcpPorts: [4840, 4843], overTls: true },
  {
    id: 'profinet',
    name: 'PROFINET (RT, DCP, PTCP, CM)',
    category: 'ot',
    etherTypes: [0x8892],
    tcpPorts: [34962, 34963, 34964],
    udpPorts: [34962, 34963, 34964],
  },
  { id: 'hart-ip', name: 'HART-IP', category: 'ot', tcpPorts: [5094], udpPorts: [5094] },
  { id: 'fins', name: 'Omron FINS', category: 'ot', tcpPorts: [9600], udpPorts: [9600] },
  { id: 'slmp', name: 'MELSEC (SLMP/MC protocol, MELSOFT)', category: 'ot', udpPorts: [5560] },
  { id: 'niagara-fox', name: 'Niagara Fox', category: 'ot', tcpPorts: [1911, 4911], overTls: true },
  { id: 'c37-118', name: 'IEEE C37.118 synchrophasor', category: 'ot', tcpPorts: [4712], udpPorts: [4713] },
  { id: 'ads', name: 'Beckhoff ADS/AMS', category: 'ot', tcpPorts: [48898], udpPorts: [48899] },
  { id: 'ethercat', name: 'EtherCAT', category: 'ot', etherTypes: [0x88a4], udpPorts: [34980] },
  { id: 'powerlink', name: 'Ethernet POWERLINK', category: 'ot', etherTypes: [0x88ab] },
  { id: 'sercos', name: 'SERCOS III', category: 'ot', etherTypes: [0x88cd] },
  { id: 'mrp', name: 'Media Redundancy Protocol', category: 'ot', etherTypes: [0x88e3] },
  {
    id: 'ff-hse',
    name: 'Foundation Fieldbus HSE',
    category: 'ot',
    tcpPorts: range(1089, 1091),
    udpPorts: range(1089, 1091),
  },
  { id: 'roc-plus', name: 'Emerson ROC Plus', category: 'ot', tcpPorts: [4000], udpPorts: [4000] },
  { id: 'srtp', name: 'GE SRTP', category: 'ot', tcpPorts: [18245] },
  { id: 'pcworx', name: 'Phoenix Contact PCWorx', category: 'ot', tcpPorts: [1962] },
  { id: 'codesys', name: 'CODESYS runtime', category: 'ot', tcpPorts: [1217, 2455] },
  { id: 'proconos', name: 'ProConOS', category: 'ot', tcpPorts: [20547] },
  { id: 'crimson', name: 'Red Lion Crimson', category: 'ot', tcpPorts: [789] },
  { id: 'fl-net', name: 'FL-net', category: 'ot', udpPorts: range(55000, 55003) },
  { id: 'genbroker', name: 'Iconics GenBroker', category: 'ot', tcpPorts: [18000] },
  { id: 'osisoft-pi', name: 'OSIsoft PI', category: 'ot', tcpPorts: [5450] },
  // IT protocols.
  { id: 'http', name: 'HTTP', category: 'it', tcpPorts: [80, 8080] },
  { id: 'https', name: 'HTTPS', category: 'it', tcpPorts: [443, 8443], overTls: true },
  { id: 'tls', name: 'TLS', category: 'it' },
  { id: 'dns', name: 'DNS', category: 'it', tcpPorts: [53], udpPorts: [53] },
  { id: 'mdns', name: 'Multicast DNS', category: 'it', udpPorts: [5353] },
  { id: 'llmnr', name: 'LLMNR', category: 'it', tcpPorts: [5355], udpPorts: [5355] },
  { id: 'netbios', name: 'NetBIOS', category: 'it', tcpPorts: [139], udpPorts: [137, 138] },
  { id: 'smb', name: 'SMB', category: 'it', tcpPorts: [445] },
  { id: 'msrpc', name: 'MS-RPC endpoint mapper (DCOM)', category: 'it', tcpPorts: [135], udpPorts: [135] },
  { id: 'ssh', name: 'SSH', category: 'it', tcpPorts: [22] },
  { id: 'telnet', name: 'Telnet', category: 'it', tcpPorts: [23] },
  { id: 'ftp', name: 'FTP', category: 'it', tcpPorts: [20, 21] },
  { id: 'tftp', name: 'TFTP', category: 'it', udpPorts: [69] },
  { id: 'rdp', name: 'RDP', category: 'it', tcpPorts: [3389], udpPorts: [3389] },
  { id: 'vnc', name: 'VNC', category: 'it', tcpPorts: [5900] },
  { id: 'ntp', name: 'NTP', category: 'it', udpPorts: [123] },
  { id: 'snmp', name: 'SNMP', category: 'it', udpPorts: [161, 162] },
  { id: 'syslog', name: 'Syslog', category: 'it', udpPorts: [514], tcpPorts: [601, 6514] },
  { id: 'ldap', name: 'LDAP', category: 'it', tcpPorts: [389, 3268], udpPorts: [389] },
  { id: 'ldaps', name: 'LDAP over TLS', category: 'it', tcpPorts: [636, 3269], overTls: true },
  { id: 'kerberos', name: 'Kerberos', category: 'it', tcpPorts: [88], udpPorts: [88] },
  { id: 'dhcp', name: 'DHCP', category: 'it', udpPorts: [67, 68] },
  { id: 'dhcpv6', name: 'DHCPv6', category: 'it', udpPorts: [546, 547] },
  { id: 'ssdp', name: 'SSDP', category: 'it', udpPorts: [1900] },
  { id: 'sunrpc', name: 'ONC RPC portmapper', category: 'it', tcpPorts: [111], udpPorts: [111] },
  { id: 'isakmp', name: 'IKE (IPsec)', category: 'it', udpPorts: [500, 4500] },
  { id: 'radius', name: 'RADIUS', category: 'it', udpPorts: [1812, 1813] },
  { id: 'sip', name: 'SIP', category: 'it', tcpPorts: [5060], udpPorts: [5060] },
  { id: 'mssql', name: 'Microsoft SQL Server', category: 'it', tcpPorts: [1433] },
  { id: 'mysql', name: 'MySQL', category: 'it', tcpPorts: [3306] },
  { id: 'postgresql', name: 'PostgreSQL', category: 'it', tcpPorts: [5432] },
  { id: 'winrm', name: 'WinRM', category: 'it', tcpPorts: [5985, 5986] },
  { id: 'mqtt', name: 'MQTT', category: 'it', tcpPorts: [1883, 8883], overTls: true },
  { id: 'amqp', name: 'AMQP', category: 'it', tcpPorts: [5672, 5671], overTls: true },
  { id: 'ptp', name: 'Precision Time Protocol', category: 'it', etherTypes: [0x88f7], udpPorts: [319, 320] },
  { id: 'arp', name: 'ARP', category: 'it', etherTypes: [0x0806] },
  { id: 'lldp', name: 'LLDP', category: 'it', etherTypes: [0x88cc] },
  { id: 'cdp', name: 'Cisco Discovery Protocol', category: 'it', etherTypes: [0x2000] },
  { id: 'eapol', name: 'IEEE 802.1X (EAPOL)', category: 'it', etherTypes: [0x888e] },
  { id: 'stp', name: 'Spanning Tree (802.2 LLC)', category: 'it' },
  { id: 'icmp', name: 'ICMP', category: 'it', ipProtocols: [1] },
  { id: 'igmp', name: 'IGMP', category: 'it', ipProtocols: [2] },
  { id: 'icmpv6', name: 'ICMPv6', category: 'it', ipProtocols: [58] },
  { id: 'gre', name: 'GRE', category: 'it', ipProtocols: [47] },
  { id: 'esp', name: 'IPsec ESP', category: 'it', ipProtocols: [50] },
  { id: 'ospf', name: 'OSPF', category: 'it', ipProtocols: [89] },
  { id: 'vrrp', name: 'VRRP', category: 'it', ipProtocols: [112] },
];

/** Internal protocol number: 1-based index into {@link CAPTURE_PROTOCOLS}; 0 means unknown. */
export type ProtocolNumber = number;

const numbers = new Map<string, ProtocolNumber>(
  CAPTURE_PROTOCOLS.map((protocol, index) => [protocol.id, index + 1]),
);

/** The internal number of a protocol id (throws on an id that is not in the catalog: a programming error). */
export const protocolNumber = (id: string): ProtocolNumber => {
  const number = numbers.get(id);
  if (number === undefined) throw new Error(`Unknown capture protocol id ${id}`);
  return number;
};

/** The catalog entry of an internal protocol number. */
export const protocolInfo = (number: ProtocolNumber): CaptureProtocolInfo | undefined =>
  CAPTURE_PROTOCOLS[number - 1];

const TCP = 6;
const UDP = 17;
/** (transport << 16 | port) → protocol number, where transport is the IP protocol number. */
const byPort = new Map<number, ProtocolNumber>();
const byEtherType = new Map<number, ProtocolNumber>();
const byIpProtocol = new Map<number, ProtocolNumber>();
CAPTURE_PROTOCOLS.forEach((protocol, index) => {
  for (const port of protocol.tcpPorts ?? []) byPort.set((TCP << 16) | port, index + 1);
  for (const port of protocol.udpPorts ?? []) byPort.set((UDP << 16) | port, index + 1);
  for (const type of protocol.etherTypes ?? []) byEtherType.set(type, index + 1);
  for (const number of protocol.ipProtocols ?? []) byIpProtocol.set(number, index + 1);
});

/** The protocol registered for a TCP (6) or UDP (17) port, or 0. */
export const protocolByPort = (ipProtocol: number, port: number): ProtocolNumber =>
  byPort.get((ipProtocol << 16) | port) ?? 0;

/** The protocol registered for an ethertype, or 0. */
export const protocolByEtherType = (etherType: number): ProtocolNumber => byEtherType.get(etherType) ?? 0;

/** The protocol registered for an IP protocol number (ICMP, OSPF, …), or 0. */
export const protocolByIpProtocol = (ipProtocol: number): ProtocolNumber => byIpProtocol.get(ipProtocol) ?? 0;
