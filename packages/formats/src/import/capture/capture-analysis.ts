import type { CaptureDiagnostic } from './capture-diagnostic';
import type { CaptureFormat } from './capture-reader';
import type { DeviceFacts } from './device-identity';
import type { CaptureProtocolCategory } from './protocol-catalog';

/**
 * Times in the analysis are microseconds since the Unix epoch as plain numbers: exact as integers until the year
 * 2255 and cheap to compare. Use {@link formatCaptureTime} for ISO 8601 text.
 */
export type EpochMicroseconds = number;

/** How a flow's protocol was recognised: its payload, a registered port, its ethertype or its IP protocol. */
export type ProtocolEvidence = 'payload' | 'port' | 'ethertype' | 'ip-protocol' | 'llc';

/** How the flow's initiator (client) was decided. */
export type InitiatorEvidence = 'syn' | 'first-packet' | 'port';

/** A station seen on the network: an IP address, or a MAC address that never sent an IP packet. */
export interface CaptureHost {
  /** The IP address, absent for a layer-2-only station (PROFINET, GOOSE publishers …). */
  readonly ip?: string;
  readonly ipVersion?: 4 | 6;
  /** Ethernet source addresses this IP was sent from (several for a router's far side), sorted, at most 8. */
  readonly macs: readonly string[];
  /** Multicast and broadcast addresses are destinations only, not stations. */
  readonly kind: 'unicast' | 'multicast' | 'broadcast';
  readonly packetsSent: number;
  readonly packetsReceived: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly firstSeenUs: EpochMicroseconds;
  readonly lastSeenUs: EpochMicroseconds;
  /** Protocol ids this host answered as a server, sorted. */
  readonly serves: readonly string[];
  /** Protocol ids this host initiated as a client, sorted. */
  readonly uses: readonly string[];
  /** The maker: named by a device identity the host announced, else by the prefix of its only MAC address. */
  readonly vendor?: string;
  readonly vendorSource?: HostVendorSource;
}

/** Where a host's vendor came from: a device identity in payload, the built-in MAC prefix table or a loaded one. */
export type HostVendorSource = 'device-identity' | 'oui-builtin' | 'oui-file';

/** Transport of a flow; `ethernet` for layer-2 conversations keyed by MAC addresses and ethertype. */
export type FlowTransport = 'tcp' | 'udp' | 'sctp' | 'icmp' | 'icmpv6' | 'ip' | 'ethernet';

/**
 * A bidirectional conversation: packets A→B and B→A belong to one flow (5-tuple for IP, MAC pair and ethertype
 * for layer 2). The client is the initiator: the sender of the first SYN, else the first packet's sender, corrected
 * by the registered port when the capture started mid-conversation.
 */
export interface CaptureFlow {
  readonly transport: FlowTransport;
  /** IP protocol number for IP flows. */
  readonly ipProtocol?: number;
  /** Ethertype for layer-2 flows (0 for 802.2 LLC frames). */
  readonly etherType?: number;
  /** Initiator address: IP, or MAC for layer-2 flows. */
  readonly client: string;
  readonly server: string;
  readonly clientPort?: number;
  readonly serverPort?: number;
  readonly protocol?: string;
  readonly protocolEvidence?: ProtocolEvidence;
  readonly initiatorEvidence: InitiatorEvidence;
  /** TLS server name (SNI) from a ClientHello. */
  readonly serverName?: string;
  readonly packets: number;
  readonly bytes: number;
  readonly packetsToServer: number;
  readonly packetsToClient: number;
  readonly bytesToServer: number;
  readonly bytesToClient: number;
  readonly firstSeenUs: EpochMicroseconds;
  readonly lastSeenUs: EpochMicroseconds;
}

/** One protocol's share of the capture. */
export interface CaptureProtocol {
  readonly id: string;
  readonly name: string;
  readonly category: CaptureProtocolCategory;
  readonly flows: number;
  readonly packets: number;
  readonly bytes: number;
  /** The kinds of evidence that named it, sorted. */
  readonly evidence: readonly ProtocolEvidence[];
  /** Addresses answering as servers, sorted (at most 1,000). */
  readonly servers: readonly string[];
  /** Addresses initiating, sorted (at most 1,000). */
  readonly clients: readonly string[];
}

/** A device identity found in payload, with the address it was seen at. */
export interface CaptureDevice extends Readonly<DeviceFacts> {
  /** Protocol id of the message that revealed it. */
  readonly protocol: string;
  /** IP address the identity message came from. */
  readonly ip?: string;
  /** MAC address the identity message came from. */
  readonly mac?: string;
  readonly firstSeenUs: EpochMicroseconds;
}

/** Counters over the whole capture. */
export interface CaptureStats {
  readonly format?: CaptureFormat;
  /** Packets read. */
  readonly packets: number;
  /** Bytes on the wire (original frame lengths). */
  readonly bytes: number;
  /** Bytes captured (at most the snap length per packet). */
  readonly capturedBytes: number;
  /** Bytes of input read. */
  readonly fileBytes: number;
  /** True when the file ended inside a record or was corrupt: the analysis covers what came before. */
  readonly truncated: boolean;
  /** Link types of the packets, ascending. */
  readonly linkTypes: readonly number[];
  readonly ipPackets: number;
  readonly nonIpPackets: number;
  readonly malformedPackets: number;
  /** Non-first IP fragments (no transport header, so counted to hosts but not flows). */
  readonly fragments: number;
  readonly unsupportedLinkTypePackets: number;
  /** Packets skipped because their pcapng interface was never declared. */
  readonly skippedPackets: number;
  /** Packets not counted in any flow because the flow table was full. */
  readonly untrackedPackets: number;
  readonly firstSeenUs?: EpochMicroseconds;
  readonly lastSeenUs?: EpochMicroseconds;
}

/** Everything {@link analyseCapture} found, in deterministic order. */
export interface CaptureAnalysis {
  /** IP hosts by address (IPv4 before IPv6), then layer-2-only stations by MAC. */
  readonly hosts: readonly CaptureHost[];
  /** IP flows by client, server, transport and ports, then layer-2 flows. */
  readonly flows: readonly CaptureFlow[];
  /** Protocols by id. */
  readonly protocols: readonly CaptureProtocol[];
  /** Device identities by protocol and address. */
  readonly devices: readonly CaptureDevice[];
  readonly diagnostics: readonly CaptureDiagnostic[];
  readonly stats: CaptureStats;
}

/** Formats epoch microseconds as ISO 8601 UTC with six decimals (`2013-08-09T10:11:12.123456Z`). */
export const formatCaptureTime = (microseconds: EpochMicroseconds): string => {
  const milliseconds = Math.floor(microseconds / 1000);
  const rest = microseconds - milliseconds * 1000;
  const iso = new Date(milliseconds).toISOString();
  return `${iso.slice(0, -1)}${String(Math.floor(rest)).padStart(3, '0')}Z`;
};
