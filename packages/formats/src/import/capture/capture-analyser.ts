import { formatIpv4, formatIpv6, formatMac } from './bytes';
import type {
  CaptureAnalysis,
  CaptureDevice,
  CaptureFlow,
  CaptureHost,
  CaptureProtocol,
  FlowTransport,
  InitiatorEvidence,
  ProtocolEvidence,
} from './capture-analysis';
import { captureDiagnostic, type CaptureDiagnostic, type CaptureDiagnosticCode } from './capture-diagnostic';
import { CaptureStreamReader, type CaptureReaderLimits, type RawPacket } from './capture-reader';
import { DecodedFrame, decodeFrame, IP_PROTOCOL_TCP, IP_PROTOCOL_UDP } from './decode-frame';
import {
  readBacnetIAm,
  readEnipListIdentity,
  readProfinetDcp,
  readS7Identification,
  type DeviceFacts,
} from './device-identity';
import { identifyPayload, readServerName, TLS_PROTOCOL } from './identify-payload';
import { growFloat64, growInt32, growUint8, KeyedTable } from './keyed-table';
import { attachHostVendors } from './oui/attach-host-vendors';
import { builtinOuiTable, type OuiTable } from './oui/oui-table';
import {
  protocolByEtherType,
  protocolByIpProtocol,
  protocolByPort,
  protocolInfo,
  protocolNumber,
  type ProtocolNumber,
} from './protocol-catalog';

/** Bounds that keep memory flat on any capture; what does not fit is counted and reported, never kept. */
export interface CaptureAnalysisOptions extends CaptureReaderLimits {
  /** Most flows tracked (default 1,000,000). */
  readonly maxFlows?: number;
  /** Most IP hosts tracked (default 262,144). */
  readonly maxHosts?: number;
  /** Most Ethernet stations tracked (default 262,144). */
  readonly maxStations?: number;
  /** Most device identities kept (default 10,000). */
  readonly maxDevices?: number;
  /** Payload packets inspected per flow before giving up on a payload signature (default 8). */
  readonly payloadInspections?: number;
  /** A full MAC-prefix table (see `readOuiFile`), consulted before the built-in one to name host vendors. */
  readonly oui?: OuiTable;
  /** Whether the built-in table of industrial and common IT vendors names host vendors (default true). */
  readonly builtinOui?: boolean;
}

/** Incremental analyser: push chunks as they are read, then end to get the analysis. */
export interface CaptureAnalyser {
  /** Reads the next chunk of the capture (chunks may split records anywhere). */
  push(chunk: Uint8Array): void;
  /** Ends the input and returns the analysis; call once. */
  end(): CaptureAnalysis;
  /** Bytes pushed so far, for progress reports. */
  readonly bytesRead: number;
  /** Packets read so far. */
  readonly packetsRead: number;
}

const MAX_HOST_MACS = 8;
const MAX_PROTOCOL_ADDRESSES = 1000;
const BROADCAST_MAC = 0xffffffffffff;
const TWO_TO_32 = 0x100000000;
const FLOW_INITIATOR_IS_B = 1;
const FLOW_INITIATOR_BY_SYN = 2;
const HOST_SENT = 1;
const HOST_TO_BROADCAST_MAC = 2;
const STATION_SENT_IP = 1;
const ETHER_FLOW = 0x10000;
const LLC_FLOW = 0x20000;
const STP = protocolNumber('stp');

const isUnicastMac = (mac: number): boolean => (Math.floor(mac / TWO_TO_32) & 0x0100) === 0;

/** The analyser's state: typed-array tables for hosts, stations and flows, filled packet by packet. */
class Analyser implements CaptureAnalyser {
  private readonly reader: CaptureStreamReader;
  private readonly frame = new DecodedFrame();
  private readonly hostKey = new Uint32Array(4);
  private readonly stationKey = new Uint32Array(2);
  private readonly flowKey = new Uint32Array(10);
  private readonly inspections: number;
  private readonly maxDevices: number;
  private readonly vendorTables: { readonly file?: OuiTable; readonly builtin?: OuiTable };

  private readonly hosts: KeyedTable;
  private hostPacketsSent = new Float64Array(0);
  private hostPacketsReceived = new Float64Array(0);
  private hostBytesSent = new Float64Array(0);
  private hostBytesReceived = new Float64Array(0);
  private hostFirst = new Float64Array(0);
  private hostLast = new Float64Array(0);
  private hostFlags = new Uint8Array(0);
  private hostMacs = new Float64Array(0);
  private hostMacCount = new Uint8Array(0);

  private readonly stations: KeyedTable;
  private stationFirst = new Float64Array(0);
  private stationLast = new Float64Array(0);
  private stationFlags = new Uint8Array(0);

  private readonly flows: KeyedTable;
  private flowPacketsA = new Float64Array(0);
  private flowPacketsB = new Float64Array(0);
  private flowBytesA = new Float64Array(0);
  private flowBytesB = new Float64Array(0);
  private flowFirst = new Float64Array(0);
  private flowLast = new Float64Array(0);
  private flowState = new Uint8Array(0);
  private flowProtocol = new Uint8Array(0);
  private flowInspected = new Uint8Array(0);
  private flowWeak = new Uint8Array(0);
  private flowHostA = new Int32Array(0);
  private flowHostB = new Int32Array(0);
  private flowMacA = new Float64Array(0);
  private flowMacB = new Float64Array(0);
  private flowStationA = new Int32Array(0);
  private flowStationB = new Int32Array(0);
  private readonly serverNames = new Map<number, string>();
  private readonly devices = new Map<string, { device: Record<string, unknown>; order: number }>();

  private readonly warnings: CaptureDiagnostic[] = [];
  private readonly warned = new Set<string>();
  private readonly linkTypes = new Set<number>();
  private lastLinkType = -1;
  private packets = 0;
  private bytes = 0;
  private capturedBytes = 0;
  private ipPackets = 0;
  private nonIpPackets = 0;
  private malformedPackets = 0;
  private malformedOffset = -1;
  private fragments = 0;
  private unsupportedPackets = 0;
  private untrackedPackets = 0;
  private firstSeen = Infinity;
  private lastSeen = -Infinity;
  private ended = false;

  constructor(options: CaptureAnalysisOptions) {
    this.reader = new CaptureStreamReader(this.onPacket, options);
    this.inspections = Math.max(0, Math.min(255, options.payloadInspections ?? 8));
    this.maxDevices = Math.max(0, options.maxDevices ?? 10_000);
    this.vendorTables = {
      ...(options.oui === undefined ? {} : { file: options.oui }),
      ...(options.builtinOui === false ? {} : { builtin: builtinOuiTable() }),
    };
    this.hosts = new KeyedTable(4, Math.max(1, options.maxHosts ?? 262_144));
    this.stations = new KeyedTable(2, Math.max(1, options.maxStations ?? 262_144));
    this.flows = new KeyedTable(10, Math.max(1, options.maxFlows ?? 1_000_000));
    this.growHostColumns();
    this.growStationColumns();
    this.growFlowColumns();
  }

  get bytesRead(): number {
    return this.reader.bytesReceived;
  }

  get packetsRead(): number {
    return this.reader.packets;
  }

  push(chunk: Uint8Array): void {
    if (!this.ended) this.reader.push(chunk);
  }

  end(): CaptureAnalysis {
    this.ended = true;
    this.reader.end();
    if (this.malformedPackets > 0) {
      this.warnings.push(
        captureDiagnostic(
          'capture-malformed-packets',
          'warning',
          this.malformedOffset,
          `${this.malformedPackets} packets have cut-short or inconsistent headers (the first at offset ${this.malformedOffset}); they count towards hosts where their addresses could be read, not towards flows.`,
        ),
      );
    }
    return this.finish();
  }

  private warnOnce(code: CaptureDiagnosticCode, key: string, offset: number, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push(captureDiagnostic(code, 'warning', offset, message));
  }

  // ----- Hot path -----

  private readonly onPacket = (raw: RawPacket): void => {
    const time = raw.seconds * 1e6 + Math.floor(raw.nanoseconds / 1000);
    const wire = raw.originalLength;
    this.packets += 1;
    this.bytes += wire;
    this.capturedBytes += raw.capturedLength;
    if (time < this.firstSeen) this.firstSeen = time;
    if (time > this.lastSeen) this.lastSeen = time;
    if (raw.linkType !== this.lastLinkType) {
      this.lastLinkType = raw.linkType;
      this.linkTypes.add(raw.linkType);
    }
    const frame = this.frame;
    if (!decodeFrame(frame, raw.bytes, raw.offset, raw.capturedLength, raw.linkType)) {
      this.unsupportedPackets += 1;
      this.warnOnce(
        'capture-unsupported-link-type',
        `link-${raw.linkType}`,
        raw.fileOffset,
        `Link type ${raw.linkType} (first at offset ${raw.fileOffset}) is not decoded; its packets are counted but not attributed to hosts or flows.`,
      );
      return;
    }
    if (frame.malformed) {
      this.malformedPackets += 1;
      if (this.malformedOffset < 0) this.malformedOffset = raw.fileOffset;
    }
    const sourceMac = frame.sourceMac;
    if (frame.ipVersion !== 0) {
      this.ipPackets += 1;
      if (frame.fragment) this.fragments += 1;
      // The fast path counts hosts and stations through ids cached on the flow; the rest looks them up.
      if (!frame.fragment && !frame.malformed && this.ipFlow(frame, raw, time, wire)) return;
      if (sourceMac >= 0 && isUnicastMac(sourceMac)) this.touchStation(sourceMac, time, true, raw);
      this.hostSent(this.lookupHost(frame.source, time, raw), time, wire, sourceMac);
      this.hostReceived(this.lookupHost(frame.destination, time, raw), time, wire, frame.destinationMac);
      return;
    }
    this.nonIpPackets += 1;
    if (sourceMac >= 0 && isUnicastMac(sourceMac)) this.touchStation(sourceMac, time, false, raw);
    if (!frame.malformed && frame.etherType >= 0 && sourceMac >= 0 && frame.destinationMac >= 0) {
      this.etherFlow(frame, raw, time, wire);
    }
  };

  /** Finds or adds an Ethernet station and updates its times; −1 when the table is full. */
  private touchStation(mac: number, time: number, sentIp: boolean, raw: RawPacket): number {
    const key = this.stationKey;
    key[0] = Math.floor(mac / TWO_TO_32);
    key[1] = mac >>> 0;
    const id = this.stations.findOrInsert(key);
    if (id < 0) {
      this.warnOnce(
        'capture-host-limit',
        'stations',
        raw.fileOffset,
        this.limitMessage('Ethernet stations', raw),
      );
      return -1;
    }
    if (this.stations.inserted) {
      if (id >= this.stationFirst.length) this.growStationColumns();
      this.stationFirst[id] = time;
      this.stationLast[id] = time;
    } else this.stationSeen(id, time);
    if (sentIp) this.stationFlags[id]! |= STATION_SENT_IP;
    return id;
  }

  private stationSeen(id: number, time: number): void {
    if (time < this.stationFirst[id]!) this.stationFirst[id] = time;
    if (time > this.stationLast[id]!) this.stationLast[id] = time;
  }

  /** Finds or adds an IP host (first and last seen start at `time`); −1 when the table is full. */
  private lookupHost(address: Uint32Array, time: number, raw: RawPacket): number {
    const key = this.hostKey;
    key[0] = address[0]!;
    key[1] = address[1]!;
    key[2] = address[2]!;
    key[3] = address[3]!;
    const id = this.hosts.findOrInsert(key);
    if (id < 0) {
      this.warnOnce('capture-host-limit', 'hosts', raw.fileOffset, this.limitMessage('IP hosts', raw));
      return -1;
    }
    if (this.hosts.inserted) {
      if (id >= this.hostFirst.length) this.growHostColumns();
      this.hostFirst[id] = time;
      this.hostLast[id] = time;
    }
    return id;
  }

  private hostSeen(id: number, time: number): void {
    if (time < this.hostFirst[id]!) this.hostFirst[id] = time;
    if (time > this.hostLast[id]!) this.hostLast[id] = time;
  }

  /** Counts a sent packet; `mac` (−1 for none) joins the host's MAC list when unicast. */
  private hostSent(id: number, time: number, wire: number, mac: number): void {
    if (id < 0) return;
    this.hostSeen(id, time);
    this.hostPacketsSent[id]! += 1;
    this.hostBytesSent[id]! += wire;
    this.hostFlags[id]! |= HOST_SENT;
    if (mac >= 0 && isUnicastMac(mac)) this.addHostMac(id, mac);
  }

  private hostReceived(id: number, time: number, wire: number, mac: number): void {
    if (id < 0) return;
    this.hostSeen(id, time);
    this.hostPacketsReceived[id]! += 1;
    this.hostBytesReceived[id]! += wire;
    if (mac === BROADCAST_MAC) this.hostFlags[id]! |= HOST_TO_BROADCAST_MAC;
  }

  private addHostMac(id: number, mac: number): void {
    const count = this.hostMacCount[id]!;
    const base = id * MAX_HOST_MACS;
    for (let i = 0; i < count; i += 1) {
      if (this.hostMacs[base + i] === mac) return;
    }
    if (count >= MAX_HOST_MACS) return;
    this.hostMacs[base + count] = mac;
    this.hostMacCount[id] = count + 1;
  }

  /** Counts an IP packet in its flow and, through the flow's cached ids, in its hosts; false when the flow table is full. */
  private ipFlow(frame: DecodedFrame, raw: RawPacket, time: number, wire: number): boolean {
    const protocol = frame.ipProtocol;
    const sourcePort = frame.hasPorts ? frame.sourcePort : 0;
    const destinationPort = frame.hasPorts ? frame.destinationPort : 0;
    const source = frame.source;
    const destination = frame.destination;
    let sourceIsA = sourcePort <= destinationPort;
    for (let i = 0; i < 4; i += 1) {
      if (source[i] !== destination[i]) {
        sourceIsA = source[i]! < destination[i]!;
        break;
      }
    }
    const key = this.flowKey;
    const a = sourceIsA ? source : destination;
    const b = sourceIsA ? destination : source;
    key[0] = a[0]!;
    key[1] = a[1]!;
    key[2] = a[2]!;
    key[3] = a[3]!;
    key[4] = b[0]!;
    key[5] = b[1]!;
    key[6] = b[2]!;
    key[7] = b[3]!;
    key[8] = protocol;
    key[9] = sourceIsA
      ? ((sourcePort << 16) | destinationPort) >>> 0
      : ((destinationPort << 16) | sourcePort) >>> 0;
    const id = this.countFlow(key, sourceIsA, time, wire, raw);
    if (id < 0) return false;
    if (this.flows.inserted) {
      this.flowHostA[id] = this.lookupHost(a, time, raw);
      this.flowHostB[id] = this.lookupHost(b, time, raw);
      this.flowMacA[id] = -1;
      this.flowMacB[id] = -1;
    }
    const sender = sourceIsA ? this.flowHostA[id]! : this.flowHostB[id]!;
    this.hostSent(sender, time, wire, -1);
    this.hostReceived(
      sourceIsA ? this.flowHostB[id]! : this.flowHostA[id]!,
      time,
      wire,
      frame.destinationMac,
    );
    const sourceMac = frame.sourceMac;
    const macs = sourceIsA ? this.flowMacA : this.flowMacB;
    const stations = sourceIsA ? this.flowStationA : this.flowStationB;
    if (sourceMac >= 0 && macs[id] === sourceMac) {
      const station = stations[id]!;
      if (station >= 0) this.stationSeen(station, time);
    } else if (sourceMac >= 0 && isUnicastMac(sourceMac)) {
      macs[id] = sourceMac;
      stations[id] = this.touchStation(sourceMac, time, true, raw);
      if (sender >= 0) this.addHostMac(sender, sourceMac);
    }
    if (
      protocol === IP_PROTOCOL_TCP &&
      (frame.tcpFlags & 0x02) !== 0 &&
      (this.flowState[id]! & FLOW_INITIATOR_BY_SYN) === 0
    ) {
      // A SYN names the initiator; a SYN-ACK names its peer (the capture began mid-handshake).
      const senderIsInitiator = (frame.tcpFlags & 0x10) === 0;
      const initiatorIsA = senderIsInitiator === sourceIsA;
      this.flowState[id] = FLOW_INITIATOR_BY_SYN | (initiatorIsA ? 0 : FLOW_INITIATOR_IS_B);
    }
    if (frame.payloadLength === 0) return true;
    const bytes = raw.bytes;
    const payload = frame.payloadOffset;
    const length = frame.payloadLength;
    if (this.flowInspected[id]! < this.inspections)
      this.inspect(id, bytes, payload, length, protocol, sourcePort, destinationPort);
    this.readIdentity(bytes, payload, length, protocol, time);
    return true;
  }

  private inspect(
    id: number,
    bytes: Uint8Array,
    payload: number,
    length: number,
    protocol: number,
    sourcePort: number,
    destinationPort: number,
  ): void {
    this.flowInspected[id]! += 1;
    const match = identifyPayload(bytes, payload, length, protocol, sourcePort, destinationPort);
    if (match === 0) return;
    const candidate = Math.abs(match);
    const accepted =
      match > 0 ||
      this.flowWeak[id] === candidate ||
      protocolByPort(protocol, sourcePort) === candidate ||
      protocolByPort(protocol, destinationPort) === candidate;
    if (!accepted) {
      this.flowWeak[id] = candidate;
      return;
    }
    this.flowProtocol[id] = candidate;
    this.flowInspected[id] = 255;
    if (candidate === TLS_PROTOCOL) {
      const name = readServerName(bytes, payload, length);
      if (name !== undefined) this.serverNames.set(id, name);
    }
  }

  private readIdentity(
    bytes: Uint8Array,
    payload: number,
    length: number,
    protocol: number,
    time: number,
  ): void {
    const first = bytes[payload];
    if (first === 0x63 && bytes[payload + 1] === 0 && length >= 26) {
      const facts = readEnipListIdentity(bytes, payload, length);
      if (facts !== undefined) this.addDevice('ethernet-ip', this.frameSourceIp(), undefined, facts, time);
    } else if (protocol === IP_PROTOCOL_TCP && first === 3 && bytes[payload + 1] === 0 && length > 17) {
      const facts = readS7Identification(bytes, payload, length);
      if (facts !== undefined) this.addDevice('s7comm', this.frameSourceIp(), undefined, facts, time);
    } else if (protocol === IP_PROTOCOL_UDP && first === 0x81 && length >= 12) {
      const facts = readBacnetIAm(bytes, payload, length);
      if (facts !== undefined) this.addDevice('bacnet', this.frameSourceIp(), undefined, facts, time);
    }
  }

  private frameSourceIp(): string {
    return formatAddress(this.frame.source);
  }

  private etherFlow(frame: DecodedFrame, raw: RawPacket, time: number, wire: number): void {
    const source = frame.sourceMac;
    const destination = frame.destinationMac;
    const sourceIsA = source <= destination;
    const a = sourceIsA ? source : destination;
    const b = sourceIsA ? destination : source;
    const key = this.flowKey;
    key[0] = 0;
    key[1] = 0;
    key[2] = Math.floor(a / TWO_TO_32);
    key[3] = a >>> 0;
    key[4] = 0;
    key[5] = 0;
    key[6] = Math.floor(b / TWO_TO_32);
    key[7] = b >>> 0;
    key[8] = frame.etherType > 0 ? ETHER_FLOW | frame.etherType : LLC_FLOW | (frame.llcSap & 0xff);
    key[9] = 0;
    if (this.countFlow(key, sourceIsA, time, wire, raw) < 0) return;
    if (frame.etherType === 0x8892 && frame.payloadLength >= 12) {
      const facts = readProfinetDcp(raw.bytes, frame.payloadOffset, frame.payloadLength);
      if (facts !== undefined) this.addDevice('profinet', undefined, formatMac(source), facts, time);
    }
  }

  /** Finds or creates the flow for `key` and counts the packet in the sender's direction; −1 when the table is full. */
  private countFlow(
    key: Uint32Array,
    sourceIsA: boolean,
    time: number,
    wire: number,
    raw: RawPacket,
  ): number {
    const id = this.flows.findOrInsert(key);
    if (id < 0) {
      this.untrackedPackets += 1;
      this.warnOnce('capture-flow-limit', 'flows', raw.fileOffset, this.limitMessage('flows', raw));
      return -1;
    }
    if (this.flows.inserted) {
      if (id >= this.flowFirst.length) this.growFlowColumns();
      this.flowFirst[id] = time;
      this.flowLast[id] = time;
      if (!sourceIsA) this.flowState[id] = FLOW_INITIATOR_IS_B;
    } else {
      if (time < this.flowFirst[id]!) this.flowFirst[id] = time;
      if (time > this.flowLast[id]!) this.flowLast[id] = time;
    }
    if (sourceIsA) {
      this.flowPacketsA[id]! += 1;
      this.flowBytesA[id]! += wire;
    } else {
      this.flowPacketsB[id]! += 1;
      this.flowBytesB[id]! += wire;
    }
    return id;
  }

  private limitMessage(what: string, raw: RawPacket): string {
    return `The capture has more ${what} than the analysis keeps (limit reached at offset ${raw.fileOffset}); packets beyond it are counted but not attributed.`;
  }

  private addDevice(
    protocol: string,
    ip: string | undefined,
    mac: string | undefined,
    facts: DeviceFacts,
    time: number,
  ): void {
    const identity = facts.serialNumber ?? (facts.instance === undefined ? '' : String(facts.instance));
    const key = `${protocol}|${ip ?? ''}|${mac ?? ''}|${protocol === 's7comm' ? '' : identity}`;
    const known = this.devices.get(key);
    if (known !== undefined) {
      for (const [field, value] of Object.entries(facts)) {
        if (known.device[field] === undefined && value !== undefined) known.device[field] = value;
      }
      return;
    }
    if (this.devices.size >= this.maxDevices) {
      this.warnOnce(
        'capture-device-limit',
        'devices',
        this.reader.bytesReceived,
        `More than ${this.maxDevices} device identities; the rest are not kept.`,
      );
      return;
    }
    const device: Record<string, unknown> = { protocol };
    if (ip !== undefined) device.ip = ip;
    if (mac !== undefined) device.mac = mac;
    Object.assign(device, facts, { firstSeenUs: time });
    this.devices.set(key, { device, order: this.devices.size });
  }

  // ----- Column growth -----

  private growHostColumns(): void {
    const capacity = this.hosts.entryCapacity;
    this.hostPacketsSent = growFloat64(this.hostPacketsSent, capacity);
    this.hostPacketsReceived = growFloat64(this.hostPacketsReceived, capacity);
    this.hostBytesSent = growFloat64(this.hostBytesSent, capacity);
    this.hostBytesReceived = growFloat64(this.hostBytesReceived, capacity);
    this.hostFirst = growFloat64(this.hostFirst, capacity);
    this.hostLast = growFloat64(this.hostLast, capacity);
    this.hostFlags = growUint8(this.hostFlags, capacity);
    this.hostMacs = growFloat64(this.hostMacs, capacity * MAX_HOST_MACS);
    this.hostMacCount = growUint8(this.hostMacCount, capacity);
  }

  private growStationColumns(): void {
    const capacity = this.stations.entryCapacity;
    this.stationFirst = growFloat64(this.stationFirst, capacity);
    this.stationLast = growFloat64(this.stationLast, capacity);
    this.stationFlags = growUint8(this.stationFlags, capacity);
  }

  private growFlowColumns(): void {
    const capacity = this.flows.entryCapacity;
    this.flowPacketsA = growFloat64(this.flowPacketsA, capacity);
    this.flowPacketsB = growFloat64(this.flowPacketsB, capacity);
    this.flowBytesA = growFloat64(this.flowBytesA, capacity);
    this.flowBytesB = growFloat64(this.flowBytesB, capacity);
    this.flowFirst = growFloat64(this.flowFirst, capacity);
    this.flowLast = growFloat64(this.flowLast, capacity);
    this.flowState = growUint8(this.flowState, capacity);
    this.flowProtocol = growUint8(this.flowProtocol, capacity);
    this.flowInspected = growUint8(this.flowInspected, capacity);
    this.flowWeak = growUint8(this.flowWeak, capacity);
    this.flowHostA = growInt32(this.flowHostA, capacity);
    this.flowHostB = growInt32(this.flowHostB, capacity);
    this.flowMacA = growFloat64(this.flowMacA, capacity);
    this.flowMacB = growFloat64(this.flowMacB, capacity);
    this.flowStationA = growInt32(this.flowStationA, capacity);
    this.flowStationB = growInt32(this.flowStationB, capacity);
  }

  // ----- Result -----

  private finish(): CaptureAnalysis {
    const roles = new Map<string, { serves: Set<string>; uses: Set<string> }>();
    const flows = this.finishFlows(roles);
    const protocols = this.finishProtocols(flows);
    const devices = [...this.devices.values()]
      .map((entry) => orderDeviceFields(entry.device))
      .sort(compareDevices);
    const hosts = attachHostVendors(this.finishHosts(roles, flows), devices, this.vendorTables);
    const diagnostics = [...this.reader.diagnostics, ...this.warnings].sort(
      (x, y) => x.offset - y.offset || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0),
    );
    const hasPackets = this.packets > 0;
    return {
      hosts,
      flows: flows.map((entry) => entry.flow),
      protocols,
      devices,
      diagnostics,
      stats: {
        ...(this.reader.format === undefined ? {} : { format: this.reader.format }),
        packets: this.packets,
        bytes: this.bytes,
        capturedBytes: this.capturedBytes,
        fileBytes: this.reader.bytesReceived,
        truncated: this.reader.stoppedEarly,
        linkTypes: [...this.linkTypes].sort((x, y) => x - y),
        ipPackets: this.ipPackets,
        nonIpPackets: this.nonIpPackets,
        malformedPackets: this.malformedPackets,
        fragments: this.fragments,
        unsupportedLinkTypePackets: this.unsupportedPackets,
        skippedPackets: this.reader.skippedPackets,
        untrackedPackets: this.untrackedPackets,
        ...(hasPackets ? { firstSeenUs: this.firstSeen, lastSeenUs: this.lastSeen } : {}),
      },
    };
  }

  private finishFlows(roles: Map<string, { serves: Set<string>; uses: Set<string> }>): FlowEntry[] {
    const table = this.flows;
    const entries: FlowEntry[] = [];
    for (let id = 0; id < table.size; id += 1) {
      const kind = table.keyWord(id, 8);
      const isEther = kind >= ETHER_FLOW;
      const ports = table.keyWord(id, 9);
      const portA = ports >>> 16;
      const portB = ports & 0xffff;
      const hasPorts = !isEther && (kind === IP_PROTOCOL_TCP || kind === IP_PROTOCOL_UDP || kind === 132);
      let clientIsB = (this.flowState[id]! & FLOW_INITIATOR_IS_B) !== 0;
      let initiatorEvidence: InitiatorEvidence =
        (this.flowState[id]! & FLOW_INITIATOR_BY_SYN) !== 0 ? 'syn' : 'first-packet';
      if (hasPorts && initiatorEvidence === 'first-packet') {
        // No SYN seen: the capture started mid-conversation, so the side on the service port is the server.
        const clientRank = this.serverPortRank(id, kind, clientIsB ? portB : portA);
        const serverRank = this.serverPortRank(id, kind, clientIsB ? portA : portB);
        if (clientRank > serverRank) {
          clientIsB = !clientIsB;
          initiatorEvidence = 'port';
        }
      }
      const clientPort = clientIsB ? portB : portA;
      const serverPort = clientIsB ? portA : portB;
      const [protocol, evidence] = this.flowProtocolOf(id, kind, isEther, hasPorts, clientPort, serverPort);
      const client = this.endpoint(id, clientIsB ? 4 : 0, isEther);
      const server = this.endpoint(id, clientIsB ? 0 : 4, isEther);
      const packetsA = this.flowPacketsA[id]!;
      const packetsB = this.flowPacketsB[id]!;
      const bytesA = this.flowBytesA[id]!;
      const bytesB = this.flowBytesB[id]!;
      const info = protocol === 0 ? undefined : protocolInfo(protocol);
      const serverName = this.serverNames.get(id);
      const flow: CaptureFlow = {
        transport: isEther ? 'ethernet' : transportOf(kind),
        ...(isEther ? { etherType: kind & ETHER_FLOW ? kind & 0xffff : 0 } : { ipProtocol: kind }),
        client,
        server,
        ...(hasPorts ? { clientPort, serverPort } : {}),
        ...(info === undefined || evidence === undefined
          ? {}
          : { protocol: info.id, protocolEvidence: evidence }),
        initiatorEvidence,
        ...(serverName === undefined ? {} : { serverName }),
        packets: packetsA + packetsB,
        bytes: bytesA + bytesB,
        packetsToServer: clientIsB ? packetsB : packetsA,
        packetsToClient: clientIsB ? packetsA : packetsB,
        bytesToServer: clientIsB ? bytesB : bytesA,
        bytesToClient: clientIsB ? bytesA : bytesB,
        firstSeenUs: this.flowFirst[id]!,
        lastSeenUs: this.flowLast[id]!,
      };
      if (info !== undefined) {
        role(roles, server).serves.add(info.id);
        role(roles, client).uses.add(info.id);
      }
      entries.push({ id, clientIsB, isEther, flow, protocol, evidence });
    }
    return entries.sort((x, y) => this.compareFlows(x, y));
  }

  /**
   * How strongly a port says "server": the port of the protocol found in the payload first, then registered ports,
   * then system ports (below 1024).
   */
  private serverPortRank(id: number, transport: number, port: number): number {
    const byPort = protocolByPort(transport, port);
    const byPayload = this.flowProtocol[id]!;
    if (byPayload !== 0 && byPort === byPayload) return 5;
    if (byPort !== 0) return port < 1024 ? 4 : 3;
    return port < 1024 ? 1 : 0;
  }

  private flowProtocolOf(
    id: number,
    kind: number,
    isEther: boolean,
    hasPorts: boolean,
    clientPort: number,
    serverPort: number,
  ): [ProtocolNumber, ProtocolEvidence | undefined] {
    if (isEther) {
      if (kind >= LLC_FLOW) return (kind & 0xff) === 0x42 ? [STP, 'llc'] : [0, undefined];
      const byType = protocolByEtherType(kind & 0xffff);
      return byType === 0 ? [0, undefined] : [byType, 'ethertype'];
    }
    const byPayload = this.flowProtocol[id]!;
    const byPort = hasPorts ? protocolByPort(kind, serverPort) || protocolByPort(kind, clientPort) : 0;
    if (byPayload !== 0) {
      // TLS on a port whose protocol runs over TLS (HTTPS on 443, LDAPS, OPC UA over TLS …) keeps that name.
      if (byPayload === TLS_PROTOCOL && byPort !== 0 && protocolInfo(byPort)?.overTls === true)
        return [byPort, 'payload'];
      return [byPayload, 'payload'];
    }
    if (byPort !== 0) return [byPort, 'port'];
    const byIp = hasPorts ? 0 : protocolByIpProtocol(kind);
    return byIp === 0 ? [0, undefined] : [byIp, 'ip-protocol'];
  }

  private endpoint(id: number, base: number, isEther: boolean): string {
    const table = this.flows;
    if (isEther) return formatMac(table.keyWord(id, base + 2) * TWO_TO_32 + table.keyWord(id, base + 3));
    const words = this.hostKey;
    for (let i = 0; i < 4; i += 1) words[i] = table.keyWord(id, base + i);
    return formatAddress(words);
  }

  private compareFlows(x: FlowEntry, y: FlowEntry): number {
    if (x.isEther !== y.isEther) return x.isEther ? 1 : -1;
    const table = this.flows;
    for (const side of [0, 4]) {
      const baseX = (side === 0) === x.clientIsB ? 4 : 0;
      const baseY = (side === 0) === y.clientIsB ? 4 : 0;
      for (let i = 0; i < 4; i += 1) {
        const difference = table.keyWord(x.id, baseX + i) - table.keyWord(y.id, baseY + i);
        if (difference !== 0) return difference;
      }
    }
    const kinds = table.keyWord(x.id, 8) - table.keyWord(y.id, 8);
    if (kinds !== 0) return kinds;
    const serverPorts = (x.flow.serverPort ?? 0) - (y.flow.serverPort ?? 0);
    if (serverPorts !== 0) return serverPorts;
    return (x.flow.clientPort ?? 0) - (y.flow.clientPort ?? 0);
  }

  private finishProtocols(flows: readonly FlowEntry[]): CaptureProtocol[] {
    const summaries = new Map<ProtocolNumber, ProtocolSummary>();
    for (const entry of flows) {
      if (entry.protocol === 0 || entry.evidence === undefined) continue;
      let summary = summaries.get(entry.protocol);
      if (summary === undefined) {
        summary = {
          flows: 0,
          packets: 0,
          bytes: 0,
          evidence: new Set(),
          servers: new Set(),
          clients: new Set(),
        };
        summaries.set(entry.protocol, summary);
      }
      summary.flows += 1;
      summary.packets += entry.flow.packets;
      summary.bytes += entry.flow.bytes;
      summary.evidence.add(entry.evidence);
      if (summary.servers.size < MAX_PROTOCOL_ADDRESSES) summary.servers.add(entry.flow.server);
      if (summary.clients.size < MAX_PROTOCOL_ADDRESSES) summary.clients.add(entry.flow.client);
    }
    const protocols: CaptureProtocol[] = [];
    for (const [number, summary] of summaries) {
      const info = protocolInfo(number);
      if (info === undefined) continue;
      protocols.push({
        id: info.id,
        name: info.name,
        category: info.category,
        flows: summary.flows,
        packets: summary.packets,
        bytes: summary.bytes,
        evidence: [...summary.evidence].sort(),
        servers: [...summary.servers].sort(compareAddresses),
        clients: [...summary.clients].sort(compareAddresses),
      });
    }
    return protocols.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  private finishHosts(
    roles: Map<string, { serves: Set<string>; uses: Set<string> }>,
    flows: readonly FlowEntry[],
  ): CaptureHost[] {
    const table = this.hosts;
    const ipHosts: { words: number[]; host: CaptureHost }[] = [];
    for (let id = 0; id < table.size; id += 1) {
      const words = [table.keyWord(id, 0), table.keyWord(id, 1), table.keyWord(id, 2), table.keyWord(id, 3)];
      const isV4 = words[0] === 0 && words[1] === 0 && words[2] === 0xffff;
      const ip = isV4 ? formatIpv4(words[3]!) : formatIpv6(words[0]!, words[1]!, words[2]!, words[3]!);
      const macs: string[] = [];
      const base = id * MAX_HOST_MACS;
      for (let i = 0; i < this.hostMacCount[id]!; i += 1) macs.push(formatMac(this.hostMacs[base + i]!));
      const flags = this.hostFlags[id]!;
      const kind = hostKind(words, isV4, flags);
      const hostRoles = roles.get(ip);
      ipHosts.push({
        words: isV4 ? [0, words[3]!] : [1, ...words],
        host: {
          ip,
          ipVersion: isV4 ? 4 : 6,
          macs: macs.sort(),
          kind,
          packetsSent: this.hostPacketsSent[id]!,
          packetsReceived: this.hostPacketsReceived[id]!,
          bytesSent: this.hostBytesSent[id]!,
          bytesReceived: this.hostBytesReceived[id]!,
          firstSeenUs: this.hostFirst[id]!,
          lastSeenUs: this.hostLast[id]!,
          serves: [...(hostRoles?.serves ?? [])].sort(),
          uses: [...(hostRoles?.uses ?? [])].sort(),
        },
      });
    }
    ipHosts.sort((x, y) => compareWordLists(x.words, y.words));
    const stationTraffic = new Map<
      string,
      { packetsSent: number; packetsReceived: number; bytesSent: number; bytesReceived: number }
    >();
    for (const entry of flows) {
      if (!entry.isEther) continue;
      const { client, server } = entry.flow;
      const clientTraffic = traffic(stationTraffic, client);
      const serverTraffic = traffic(stationTraffic, server);
      clientTraffic.packetsSent += entry.flow.packetsToServer;
      clientTraffic.bytesSent += entry.flow.bytesToServer;
      clientTraffic.packetsReceived += entry.flow.packetsToClient;
      clientTraffic.bytesReceived += entry.flow.bytesToClient;
      serverTraffic.packetsSent += entry.flow.packetsToClient;
      serverTraffic.bytesSent += entry.flow.bytesToClient;
      serverTraffic.packetsReceived += entry.flow.packetsToServer;
      serverTraffic.bytesReceived += entry.flow.bytesToServer;
    }
    const stations: { mac: number; host: CaptureHost }[] = [];
    const stationTable = this.stations;
    for (let id = 0; id < stationTable.size; id += 1) {
      if ((this.stationFlags[id]! & STATION_SENT_IP) !== 0) continue;
      const mac = stationTable.keyWord(id, 0) * TWO_TO_32 + stationTable.keyWord(id, 1);
      const text = formatMac(mac);
      const counts = stationTraffic.get(text) ?? {
        packetsSent: 0,
        packetsReceived: 0,
        bytesSent: 0,
        bytesReceived: 0,
      };
      const stationRoles = roles.get(text);
      stations.push({
        mac,
        host: {
          macs: [text],
          kind: 'unicast',
          ...counts,
          firstSeenUs: this.stationFirst[id]!,
          lastSeenUs: this.stationLast[id]!,
          serves: [...(stationRoles?.serves ?? [])].sort(),
          uses: [...(stationRoles?.uses ?? [])].sort(),
        },
      });
    }
    stations.sort((x, y) => x.mac - y.mac);
    return [...ipHosts.map((entry) => entry.host), ...stations.map((entry) => entry.host)];
  }
}

interface FlowEntry {
  readonly id: number;
  readonly clientIsB: boolean;
  readonly isEther: boolean;
  readonly flow: CaptureFlow;
  readonly protocol: ProtocolNumber;
  readonly evidence: ProtocolEvidence | undefined;
}

interface ProtocolSummary {
  flows: number;
  packets: number;
  bytes: number;
  evidence: Set<ProtocolEvidence>;
  servers: Set<string>;
  clients: Set<string>;
}

const role = (
  roles: Map<string, { serves: Set<string>; uses: Set<string> }>,
  address: string,
): { serves: Set<string>; uses: Set<string> } => {
  let entry = roles.get(address);
  if (entry === undefined) {
    entry = { serves: new Set(), uses: new Set() };
    roles.set(address, entry);
  }
  return entry;
};

const traffic = (
  totals: Map<
    string,
    { packetsSent: number; packetsReceived: number; bytesSent: number; bytesReceived: number }
  >,
  address: string,
): { packetsSent: number; packetsReceived: number; bytesSent: number; bytesReceived: number } => {
  let entry = totals.get(address);
  if (entry === undefined) {
    entry = { packetsSent: 0, packetsReceived: 0, bytesSent: 0, bytesReceived: 0 };
    totals.set(address, entry);
  }
  return entry;
};

const transportOf = (ipProtocol: number): FlowTransport => {
  switch (ipProtocol) {
    case 6:
      return 'tcp';
    case 17:
      return 'udp';
    case 132:
      return 'sctp';
    case 1:
      return 'icmp';
    case 58:
      return 'icmpv6';
    default:
      return 'ip';
  }
};

const formatAddress = (words: Uint32Array): string =>
  words[0] === 0 && words[1] === 0 && words[2] === 0xffff
    ? formatIpv4(words[3]!)
    : formatIpv6(words[0]!, words[1]!, words[2]!, words[3]!);

const hostKind = (words: readonly number[], isV4: boolean, flags: number): CaptureHost['kind'] => {
  if (isV4) {
    const address = words[3]!;
    if (address === 0xffffffff) return 'broadcast';
    if (address >>> 28 === 0xe) return 'multicast';
  } else if (words[0]! >>> 24 === 0xff) return 'multicast';
  return (flags & HOST_SENT) === 0 && (flags & HOST_TO_BROADCAST_MAC) !== 0 ? 'broadcast' : 'unicast';
};

const compareWordLists = (x: readonly number[], y: readonly number[]): number => {
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const difference = x[i]! - y[i]!;
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
};

/** Orders address strings: IPv4 numerically, then IPv6 and MAC text. */
const compareAddresses = (x: string, y: string): number => {
  const a = ipv4Number(x);
  const b = ipv4Number(y);
  if (a >= 0 && b >= 0) return a - b;
  if (a >= 0) return -1;
  if (b >= 0) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
};

const ipv4Number = (text: string): number => {
  const parts = text.split('.');
  if (parts.length !== 4) return -1;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
};

/** Field order of device records, so that merged identities print the same way whatever arrived first. */
const DEVICE_FIELDS = [
  'protocol',
  'ip',
  'mac',
  'vendor',
  'vendorId',
  'deviceType',
  'productName',
  'productCode',
  'orderNumber',
  'revision',
  'firmware',
  'serialNumber',
  'name',
  'moduleName',
  'plantName',
  'deviceId',
  'instance',
  'announcedIp',
  'firstSeenUs',
] as const;

const orderDeviceFields = (device: Record<string, unknown>): CaptureDevice => {
  const ordered: Record<string, unknown> = {};
  for (const field of DEVICE_FIELDS) {
    if (device[field] !== undefined) ordered[field] = device[field];
  }
  return ordered as unknown as CaptureDevice;
};

const compareDevices = (x: CaptureDevice, y: CaptureDevice): number => {
  const keys = [
    [x.protocol, y.protocol],
    [x.ip ?? '', y.ip ?? ''],
    [x.mac ?? '', y.mac ?? ''],
    [String(x.instance ?? '').padStart(8, '0'), String(y.instance ?? '').padStart(8, '0')],
    [x.serialNumber ?? '', y.serialNumber ?? ''],
  ] as const;
  for (const [a, b] of keys) {
    if (a !== b) {
      if (a.includes('.') && b.includes('.')) return compareAddresses(a, b);
      return a < b ? -1 : 1;
    }
  }
  return 0;
};

/** Creates an incremental capture analyser (see {@link analyseCapture}); push chunks, then end. */
export const createCaptureAnalyser = (options: CaptureAnalysisOptions = {}): CaptureAnalyser =>
  new Analyser(options);

/**
 * Reads a pcap or pcapng capture and reports its hosts, bidirectional flows, protocols (by payload signature where
 * ports lie, else by port, ethertype or IP protocol) and the device identities found in payload, with diagnostics
 * for truncated or corrupt input at their byte offsets. Pure and deterministic: the same bytes give the same
 * result, however they are split into chunks. Memory is bounded by the table limits in `options`.
 */
export const analyseCapture = (
  input: Uint8Array | Iterable<Uint8Array>,
  options: CaptureAnalysisOptions = {},
): CaptureAnalysis => {
  const analyser = createCaptureAnalyser(options);
  const chunks = input instanceof Uint8Array ? [input] : input;
  for (const chunk of chunks) analyser.push(chunk);
  return analyser.end();
};
