import {
  canonicalProtocol,
  isAnyPort,
  isAnyProtocol,
  portAllows,
  sameProtocol,
  type ChannelInput,
} from '@zonewise/core';
import { CAPTURE_PROTOCOLS } from '../import/capture/protocol-catalog';

/**
 * One piece of what a channel lets through: TCP or UDP with a port range (absent: every port), another IP protocol
 * (absent name: every one), or a protocol known only by name (no port the catalog could give).
 */
export interface ServicePiece {
  readonly transport: 'tcp' | 'udp' | 'other' | 'named';
  readonly low?: number;
  readonly high?: number;
  readonly name?: string;
}

const KNOWN_PORTS = new Map<string, { transport: 'tcp' | 'udp'; port: number }[]>();
for (const protocol of CAPTURE_PROTOCOLS) {
  const name = canonicalProtocol(protocol.id);
  const ports = KNOWN_PORTS.get(name) ?? [];
  for (const port of protocol.tcpPorts ?? []) ports.push({ transport: 'tcp', port });
  for (const port of protocol.udpPorts ?? []) ports.push({ transport: 'udp', port });
  KNOWN_PORTS.set(name, ports);
}

/** The ISO-on-TCP port carries S7comm and MMS alike; a flow the analyser could not tell apart fits either name. */
const ISO_TSAP_NAMES = new Set(['s7comm', 's7comm-plus', 'iec-61850-mms']);

const TRANSPORT_NAMES = new Set(['tcp', 'udp']);

/** Registered ports of a protocol name ("modbus" → tcp/502), from the capture protocol catalog. */
export const registeredPorts = (protocol: string): readonly { transport: 'tcp' | 'udp'; port: number }[] =>
  KNOWN_PORTS.get(canonicalProtocol(protocol)) ?? [];

const parsePortRange = (port: number | string): { low: number; high: number } | undefined => {
  if (typeof port === 'number') return { low: port, high: port };
  const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5}))?\s*$/.exec(port);
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = Number(match[2] ?? match[1]);
  return { low: Math.min(low, high), high: Math.max(low, high) };
};

/**
 * The pieces of a channel. `generous` reads the channel as the model does when it allows traffic (no transport:
 * both TCP and UDP; a named protocol: its registered ports and its name); `strict` reads it as traffic that has to
 * get through (no transport: the protocol's registered transports, else TCP).
 */
export const channelPieces = (channel: ChannelInput, mode: 'generous' | 'strict'): ServicePiece[] => {
  const declared = channel.transport;
  const isAny = isAnyProtocol(channel.protocol);
  const hasPort = channel.port !== undefined && !isAnyPort(channel.port);
  if (declared === 'other') {
    return [
      isAny ? { transport: 'other' } : { transport: 'other', name: canonicalProtocol(channel.protocol) },
    ];
  }
  if (!hasPort) {
    if (isAny) {
      return declared
        ? [{ transport: declared }]
        : [{ transport: 'tcp' }, { transport: 'udp' }, { transport: 'other' }];
    }
    const name = canonicalProtocol(channel.protocol);
    if (TRANSPORT_NAMES.has(name)) return [{ transport: name as 'tcp' | 'udp' }];
    const known = registeredPorts(name).filter(
      (item) => declared === undefined || item.transport === declared,
    );
    const pieces: ServicePiece[] = known.map((item) => ({
      transport: item.transport,
      low: item.port,
      high: item.port,
    }));
    if (known.length === 0 || mode === 'generous') pieces.push({ transport: 'named', name });
    return pieces;
  }
  const range = parsePortRange(channel.port ?? '');
  if (!range)
    return [{ transport: 'named', name: `${canonicalProtocol(channel.protocol)}:${String(channel.port)}` }];
  let transports: ('tcp' | 'udp')[];
  if (declared) transports = [declared];
  else if (mode === 'generous') transports = ['tcp', 'udp'];
  else {
    const inRange = (item: { port: number }) => item.port >= range.low && item.port <= range.high;
    const byName = registeredPorts(channel.protocol).filter(inRange);
    const byPort = byName.length > 0 ? byName : [...KNOWN_PORTS.values()].flat().filter(inRange);
    const known = [...new Set(byPort.map((item) => item.transport))];
    transports = known.length > 0 ? known : ['tcp'];
  }
  return transports.map((transport) => ({ transport, ...range }));
};

/** True when `outer` lets through everything `piece` stands for. */
const pieceCovered = (outer: ServicePiece, piece: ServicePiece): boolean => {
  if (outer.transport !== piece.transport) return false;
  if (piece.transport === 'named' || piece.transport === 'other') {
    return outer.name === undefined || outer.name === piece.name;
  }
  if (outer.low === undefined || outer.high === undefined) return true;
  if (piece.low === undefined || piece.high === undefined) return false;
  return outer.low <= piece.low && outer.high >= piece.high;
};

/** True when the pieces of `outer` cover the piece. */
export const piecesCover = (outer: readonly ServicePiece[], piece: ServicePiece): boolean =>
  outer.some((candidate) => pieceCovered(candidate, piece));

const piecesMeet = (a: ServicePiece, b: ServicePiece): boolean => {
  if (a.transport !== b.transport) return false;
  if (a.transport === 'named' || a.transport === 'other') {
    return a.name === undefined || b.name === undefined || a.name === b.name;
  }
  if (a.low === undefined || a.high === undefined || b.low === undefined || b.high === undefined) return true;
  return a.low <= b.high && b.low <= a.high;
};

/** True when some traffic of the piece is also traffic of one of `outer` (they share a transport and a port). */
export const piecesOverlap = (outer: readonly ServicePiece[], piece: ServicePiece): boolean =>
  outer.some((candidate) => piecesMeet(candidate, piece));

/** "tcp/502", "udp/1024-2048", "tcp/any", "icmp", "modbus-tcp". */
export const describePiece = (piece: ServicePiece): string => {
  if (piece.transport === 'named') return piece.name ?? 'any';
  if (piece.transport === 'other') return piece.name ?? 'other';
  if (piece.low === undefined || piece.high === undefined) return `${piece.transport}/any`;
  return `${piece.transport}/${piece.low === piece.high ? piece.low : `${piece.low}-${piece.high}`}`;
};

/** An observed conversation as the channel matcher sees it. */
export interface FlowService {
  readonly transport: string;
  readonly dstPort?: number;
  readonly protocol?: string;
}

/**
 * True when a channel admits an observed flow. A channel with a port decides by transport and port (names can lie
 * as much as ports do, and the firewall enforcing the channel only sees ports); a channel without a port decides by
 * protocol name ("any" admits all) or by the protocol's registered ports.
 */
export const channelAdmitsFlow = (channel: ChannelInput, flow: FlowService): boolean => {
  const transport = flow.transport.toLowerCase();
  const isPortTransport = transport === 'tcp' || transport === 'udp';
  if (channel.transport === 'tcp' || channel.transport === 'udp') {
    if (transport !== channel.transport) return false;
  } else if (channel.transport === 'other' && isPortTransport) {
    return false;
  }
  if (channel.port !== undefined && !isAnyPort(channel.port)) {
    return flow.dstPort !== undefined && isPortTransport && portAllows(channel.port, flow.dstPort);
  }
  if (isAnyProtocol(channel.protocol)) return true;
  const name = canonicalProtocol(channel.protocol);
  if (name === transport) return true;
  if (flow.protocol !== undefined) {
    if (sameProtocol(name, flow.protocol)) return true;
    if (flow.protocol === 'iso-tsap' && ISO_TSAP_NAMES.has(name)) return true;
  }
  return (
    flow.dstPort !== undefined &&
    registeredPorts(name).some((item) => item.transport === transport && item.port === flow.dstPort)
  );
};
