import { createRandom, type Random } from './random';

/**
 * A synthetic plant capture for the capture-ingest benchmark (issue 5): classic pcap (little-endian, µs) with
 * thousands of hosts and tens of thousands of conversations in a realistic OT/IT mix (Modbus/TCP, S7comm,
 * EtherNet/IP explicit and implicit I/O, DNP3, IEC 60870-5-104, OPC UA, HTTP, TLS with SNI, DNS, ARP), some of it
 * VLAN-tagged. Every frame is built once per conversation and then copied with a fresh timestamp and TCP sequence
 * numbers, so a gigabyte is written in seconds and the file is the same for a seed on every machine.
 */

/** What the generator wrote. */
export interface SyntheticCaptureStats {
  readonly bytes: number;
  readonly packets: number;
  readonly hosts: number;
  readonly flows: number;
  /** Conversations per protocol id (the analyser's ids), for checking what the reader finds. */
  readonly flowsByProtocol: Readonly<Record<string, number>>;
}

/** Size and shape of the capture. */
export interface SyntheticCaptureOptions {
  /** Stop once at least this many bytes were written (the file header included). */
  readonly bytes: number;
  readonly seed?: string;
  readonly hosts?: number;
  readonly flows?: number;
  /** Size of the chunks handed to `write` (default 4 MB). */
  readonly chunkBytes?: number;
}

type ProtocolId =
  | 'modbus-tcp'
  | 's7comm'
  | 'ethernet-ip'
  | 'ethernet-ip-io'
  | 'dnp3'
  | 'iec-104'
  | 'opc-ua'
  | 'http'
  | 'tls'
  | 'dns';

/** Conversation mix by count; OT protocols dominate as on a plant network. */
const PROTOCOL_WEIGHTS: readonly (readonly [ProtocolId, number])[] = [
  ['modbus-tcp', 24],
  ['s7comm', 12],
  ['ethernet-ip', 10],
  ['ethernet-ip-io', 5],
  ['dnp3', 8],
  ['iec-104', 8],
  ['opc-ua', 8],
  ['http', 6],
  ['tls', 11],
  ['dns', 8],
];

const OT_SERVER_PORTS: Readonly<Record<ProtocolId, number>> = {
  'modbus-tcp': 502,
  s7comm: 102,
  'ethernet-ip': 44818,
  'ethernet-ip-io': 2222,
  dnp3: 20000,
  'iec-104': 2404,
  'opc-ua': 4840,
  http: 80,
  tls: 443,
  dns: 53,
};

/** Vendor prefixes for the field devices' MAC addresses (IEEE OUI assignments). */
const FIELD_OUIS = [0x0000bc, 0x001b1b, 0x000e8c, 0x0080f4, 0x00c0af, 0x000130, 0x0090e8, 0x00a045];
const IT_OUIS = [0x00000c, 0x005056, 0x001a4b, 0x00145e, 0x3c2c30];

const TCP = 6;
const UDP = 17;
const TCP_SYN = 0x02;
const TCP_ACK = 0x10;
const TCP_PSH_ACK = 0x18;

/** One pre-built frame of a conversation, with where its TCP sequence numbers sit (−1 for UDP and ARP). */
interface FrameTemplate {
  readonly bytes: Uint8Array;
  readonly tcpOffset: number;
  readonly toServer: boolean;
}

interface Conversation {
  readonly opening: readonly FrameTemplate[];
  readonly steady: readonly FrameTemplate[];
}

interface Endpoint {
  readonly ip: number;
  readonly mac: number;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);

const filled = (length: number, random: Random): Uint8Array => {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index += 1) bytes[index] = random.int(0, 255);
  return bytes;
};

const setU16be = (bytes: Uint8Array, offset: number, value: number): void => {
  bytes[offset] = (value >>> 8) & 0xff;
  bytes[offset + 1] = value & 0xff;
};

const setU16le = (bytes: Uint8Array, offset: number, value: number): void => {
  bytes[offset] = value & 0xff;
  bytes[offset + 1] = (value >>> 8) & 0xff;
};

const setU32be = (bytes: Uint8Array, offset: number, value: number): void => {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
};

const setU32le = (bytes: Uint8Array, offset: number, value: number): void => {
  bytes[offset] = value & 0xff;
  bytes[offset + 1] = (value >>> 8) & 0xff;
  bytes[offset + 2] = (value >>> 16) & 0xff;
  bytes[offset + 3] = (value >>> 24) & 0xff;
};

const setMac = (bytes: Uint8Array, offset: number, mac: number): void => {
  setU16be(bytes, offset, Math.floor(mac / 0x100000000));
  setU32be(bytes, offset + 2, mac >>> 0);
};

/** CRC-16/DNP over a DNP3 link header, as the analyser checks it. */
const dnp3Crc = (bytes: Uint8Array, length: number): number => {
  let crc = 0;
  for (let index = 0; index < length; index += 1) {
    crc ^= bytes[index] ?? 0;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xa6bc : crc >>> 1;
  }
  return ~crc & 0xffff;
};

/** Ethernet (+ optional 802.1Q tag) + IPv4 + TCP or UDP around a payload; returns the frame and the TCP offset. */
const ipFrame = (
  source: Endpoint,
  destination: Endpoint,
  transport: number,
  sourcePort: number,
  destinationPort: number,
  payload: Uint8Array,
  vlan: number,
  tcpFlags = TCP_PSH_ACK,
): { bytes: Uint8Array; tcpOffset: number } => {
  const ethernetLength = vlan > 0 ? 18 : 14;
  const transportLength = transport === TCP ? 20 : 8;
  const ipLength = 20 + transportLength + payload.length;
  const bytes = new Uint8Array(ethernetLength + ipLength);
  setMac(bytes, 0, destination.mac);
  setMac(bytes, 6, source.mac);
  if (vlan > 0) {
    setU16be(bytes, 12, 0x8100);
    setU16be(bytes, 14, vlan);
  }
  setU16be(bytes, ethernetLength - 2, 0x0800);
  const ip = ethernetLength;
  bytes[ip] = 0x45;
  setU16be(bytes, ip + 2, ipLength);
  bytes[ip + 6] = 0x40;
  bytes[ip + 8] = 64;
  bytes[ip + 9] = transport;
  setU32be(bytes, ip + 12, source.ip);
  setU32be(bytes, ip + 16, destination.ip);
  const header = ip + 20;
  setU16be(bytes, header, sourcePort);
  setU16be(bytes, header + 2, destinationPort);
  if (transport === TCP) {
    bytes[header + 12] = 0x50;
    bytes[header + 13] = tcpFlags;
    setU16be(bytes, header + 14, 64240);
  } else {
    setU16be(bytes, header + 4, 8 + payload.length);
  }
  bytes.set(payload, header + transportLength);
  return { bytes, tcpOffset: transport === TCP ? header : -1 };
};

const modbusPayloads = (random: Random): [Uint8Array, Uint8Array] => {
  const registers = random.int(1, 60);
  const request = new Uint8Array(12);
  setU16be(request, 0, random.int(0, 65535));
  setU16be(request, 4, 6);
  request[6] = random.int(1, 247);
  request[7] = 3;
  setU16be(request, 8, random.int(0, 9999));
  setU16be(request, 10, registers);
  const response = new Uint8Array(9 + 2 * registers);
  response.set(request.subarray(0, 4));
  setU16be(response, 4, 3 + 2 * registers);
  response[6] = request[6] ?? 1;
  response[7] = 3;
  response[8] = 2 * registers;
  response.set(filled(2 * registers, random), 9);
  return [request, response];
};

/** TPKT + COTP DT + S7comm job/ack-data (read variable). */
const s7Payloads = (random: Random): [Uint8Array, Uint8Array] => {
  const s7 = (rosctr: number, parameterLength: number, dataLength: number): Uint8Array => {
    const headerLength = rosctr === 3 ? 12 : 10;
    const length = 7 + headerLength + parameterLength + dataLength;
    const bytes = new Uint8Array(length);
    bytes[0] = 3;
    setU16be(bytes, 2, length);
    bytes[4] = 2;
    bytes[5] = 0xf0;
    bytes[6] = 0x80;
    bytes[7] = 0x32;
    bytes[8] = rosctr;
    setU16be(bytes, 11, random.int(1, 65535));
    setU16be(bytes, 13, parameterLength);
    setU16be(bytes, 15, dataLength);
    bytes[7 + headerLength] = 0x04;
    bytes.set(filled(parameterLength + dataLength - 1, random), 8 + headerLength);
    return bytes;
  };
  return [s7(1, 14, 0), s7(3, 2, random.int(8, 200))];
};

/** EtherNet/IP SendRRData (0x6f) with an unconnected CIP request and its reply. */
const enipPayloads = (random: Random): [Uint8Array, Uint8Array] => {
  const encapsulation = (dataLength: number): Uint8Array => {
    const bytes = new Uint8Array(24 + dataLength);
    setU16le(bytes, 0, 0x6f);
    setU16le(bytes, 2, dataLength);
    setU32le(bytes, 4, random.int(1, 0x7fffffff));
    bytes.set(filled(8, random), 12);
    bytes.set(filled(dataLength, random), 24);
    return bytes;
  };
  return [encapsulation(random.int(20, 60)), encapsulation(random.int(20, 400))];
};

/** CIP implicit I/O over UDP 2222: sequenced address item + connected data item. */
const cipIoPayload = (random: Random): Uint8Array => {
  const dataLength = random.int(8, 120);
  const bytes = new Uint8Array(18 + dataLength);
  setU16le(bytes, 0, 2);
  setU16le(bytes, 2, 0x8002);
  setU16le(bytes, 4, 8);
  setU32le(bytes, 6, random.int(1, 0x7fffffff));
  setU32le(bytes, 10, random.int(0, 0x7fffffff));
  setU16le(bytes, 14, 0x00b1);
  setU16le(bytes, 16, dataLength);
  bytes.set(filled(dataLength, random), 18);
  return bytes;
};

const dnp3Frame = (random: Random, userData: number): Uint8Array => {
  const blocks = Math.ceil(userData / 16);
  const bytes = new Uint8Array(10 + userData + 2 * blocks);
  bytes[0] = 0x05;
  bytes[1] = 0x64;
  bytes[2] = 5 + userData;
  bytes[3] = 0xc4;
  setU16le(bytes, 4, random.int(1, 65519));
  setU16le(bytes, 6, random.int(1, 65519));
  setU16le(bytes, 8, dnp3Crc(bytes, 8));
  bytes.set(filled(bytes.length - 10, random), 10);
  return bytes;
};

/** IEC 60870-5-104 I-format APDUs (interrogation and measured values) and an S-format acknowledgement. */
const iec104Payloads = (random: Random): [Uint8Array, Uint8Array] => {
  const apdu = (asdu: number): Uint8Array => {
    const bytes = new Uint8Array(6 + asdu);
    bytes[0] = 0x68;
    bytes[1] = 4 + asdu;
    setU16le(bytes, 2, random.int(0, 32767) << 1);
    setU16le(bytes, 4, random.int(0, 32767) << 1);
    bytes.set(filled(asdu, random), 6);
    return bytes;
  };
  return [apdu(10), apdu(random.int(12, 200))];
};

const opcUaMessage = (type: string, bodyLength: number, random: Random): Uint8Array => {
  const bytes = new Uint8Array(8 + bodyLength);
  bytes.set(ascii(type));
  bytes[3] = 0x46;
  setU32le(bytes, 4, bytes.length);
  bytes.set(filled(bodyLength, random), 8);
  return bytes;
};

const tlsClientHello = (serverName: string, random: Random): Uint8Array => {
  const name = ascii(serverName);
  const sni = new Uint8Array(9 + name.length);
  setU16be(sni, 0, 0);
  setU16be(sni, 2, 5 + name.length);
  setU16be(sni, 4, 3 + name.length);
  sni[6] = 0;
  setU16be(sni, 7, name.length);
  sni.set(name, 9);
  const hello = new Uint8Array(4 + 2 + 32 + 1 + 2 + 2 + 2 + 2 + sni.length);
  hello[0] = 1;
  const body = hello.length - 4;
  hello[1] = (body >>> 16) & 0xff;
  setU16be(hello, 2, body & 0xffff);
  hello[4] = 3;
  hello[5] = 3;
  hello.set(filled(32, random), 6);
  let position = 38;
  hello[position] = 0;
  position += 1;
  setU16be(hello, position, 2);
  setU16be(hello, position + 2, 0x1301);
  position += 4;
  hello[position] = 1;
  hello[position + 1] = 0;
  position += 2;
  setU16be(hello, position, sni.length);
  hello.set(sni, position + 2);
  const record = new Uint8Array(5 + hello.length);
  record[0] = 0x16;
  record[1] = 3;
  record[2] = 1;
  setU16be(record, 3, hello.length);
  record.set(hello, 5);
  return record;
};

const tlsApplicationData = (length: number, random: Random): Uint8Array => {
  const bytes = new Uint8Array(5 + length);
  bytes[0] = 0x17;
  bytes[1] = 3;
  bytes[2] = 3;
  setU16be(bytes, 3, length);
  bytes.set(filled(length, random), 5);
  return bytes;
};

const dnsQuery = (name: string, id: number, isResponse: boolean): Uint8Array => {
  const labels = name.split('.').flatMap((label) => [label.length, ...ascii(label)]);
  const answer = isResponse ? [0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 10, 0, 0, 1] : [];
  return Uint8Array.from([
    id >>> 8,
    id & 0xff,
    isResponse ? 0x81 : 0x01,
    isResponse ? 0x80 : 0x00,
    0,
    1,
    0,
    isResponse ? 1 : 0,
    0,
    0,
    0,
    0,
    ...labels,
    0,
    0,
    1,
    0,
    1,
    ...answer,
  ]);
};

/** Payloads of one conversation: what opens it (once) and the request/response pair it repeats. */
const conversationPayloads = (
  protocol: ProtocolId,
  random: Random,
  serverName: string,
): { opening: [Uint8Array, Uint8Array][]; steady: [Uint8Array, Uint8Array] } => {
  switch (protocol) {
    case 'modbus-tcp':
      return { opening: [], steady: modbusPayloads(random) };
    case 's7comm':
      return { opening: [], steady: s7Payloads(random) };
    case 'ethernet-ip':
      return { opening: [], steady: enipPayloads(random) };
    case 'ethernet-ip-io':
      return { opening: [], steady: [cipIoPayload(random), cipIoPayload(random)] };
    case 'dnp3':
      return { opening: [], steady: [dnp3Frame(random, 10), dnp3Frame(random, random.int(16, 200))] };
    case 'iec-104':
      return { opening: [], steady: iec104Payloads(random) };
    case 'opc-ua':
      return {
        opening: [[opcUaMessage('HEL', 24, random), opcUaMessage('ACK', 20, random)]],
        steady: [
          opcUaMessage('MSG', random.int(60, 200), random),
          opcUaMessage('MSG', random.int(100, 1200), random),
        ],
      };
    case 'http':
      return {
        opening: [],
        steady: [
          ascii(
            `GET /api/v1/tags/${random.int(1, 9999)} HTTP/1.1\r\nHost: ${serverName}\r\nAccept: */*\r\n\r\n`,
          ),
          new Uint8Array([
            ...ascii('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n'),
            ...filled(1300, random),
          ]),
        ],
      };
    case 'tls':
      return {
        opening: [[tlsClientHello(serverName, random), tlsApplicationData(random.int(1000, 1400), random)]],
        steady: [tlsApplicationData(random.int(60, 400), random), tlsApplicationData(1455, random)],
      };
    case 'dns':
      return {
        opening: [],
        steady: [
          dnsQuery(serverName, random.int(0, 65535), false),
          dnsQuery(serverName, random.int(0, 65535), true),
        ],
      };
  }
};

const buildConversation = (
  protocol: ProtocolId,
  client: Endpoint,
  server: Endpoint,
  clientPort: number,
  vlan: number,
  random: Random,
  serverName: string,
): Conversation => {
  const transport = protocol === 'dns' || protocol === 'ethernet-ip-io' ? UDP : TCP;
  const serverPort = OT_SERVER_PORTS[protocol];
  const frame = (toServer: boolean, payload: Uint8Array, flags = TCP_PSH_ACK): FrameTemplate => {
    const built = toServer
      ? ipFrame(client, server, transport, clientPort, serverPort, payload, vlan, flags)
      : ipFrame(server, client, transport, serverPort, clientPort, payload, vlan, flags);
    return { ...built, toServer };
  };
  const payloads = conversationPayloads(protocol, random, serverName);
  const opening: FrameTemplate[] =
    transport === TCP
      ? [
          frame(true, new Uint8Array(0), TCP_SYN),
          frame(false, new Uint8Array(0), TCP_SYN | TCP_ACK),
          frame(true, new Uint8Array(0), TCP_ACK),
        ]
      : [];
  for (const [request, response] of payloads.opening)
    opening.push(frame(true, request), frame(false, response));
  return { opening, steady: [frame(true, payloads.steady[0]), frame(false, payloads.steady[1])] };
};

const ipv4 = (a: number, b: number, c: number, d: number): number =>
  ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/**
 * Writes the synthetic capture through `write` in chunks (the chunk is reused: copy it or write it out before
 * returning). Deterministic for a seed.
 */
export const generateSyntheticCapture = (
  options: SyntheticCaptureOptions,
  write: (chunk: Uint8Array) => void,
): SyntheticCaptureStats => {
  const random = createRandom(options.seed ?? 'zonewise-capture');
  const hostCount = Math.max(200, options.hosts ?? 4000);
  const flowCount = Math.max(100, options.flows ?? 30_000);

  // Hosts: field devices (PLCs, RTUs, drives) serve OT protocols, HMIs/SCADA/engineering stations use them, a few
  // IT servers answer HTTP, TLS and DNS for workstations and HMIs.
  const fieldCount = Math.floor(hostCount * 0.75);
  const operatorCount = Math.floor(hostCount * 0.15);
  const itServerCount = Math.max(10, Math.floor(hostCount * 0.025));
  const hosts: Endpoint[] = [];
  for (let index = 0; index < hostCount; index += 1) {
    const role =
      index < fieldCount
        ? 0
        : index < fieldCount + operatorCount
          ? 1
          : index < fieldCount + operatorCount + itServerCount
            ? 2
            : 3;
    const oui = role === 0 ? random.pick(FIELD_OUIS) : random.pick(IT_OUIS);
    const ip =
      role === 0
        ? ipv4(10, 10 + (index >> 8), index & 0xff, 10 + (index % 200))
        : ipv4(10, 200 + role, index >> 8, index & 0xff);
    hosts.push({ ip, mac: oui * 0x1000000 + random.int(0, 0xffffff) });
  }
  const field = hosts.slice(0, fieldCount);
  const operators = hosts.slice(fieldCount, fieldCount + operatorCount);
  const itServers = hosts.slice(fieldCount + operatorCount, fieldCount + operatorCount + itServerCount);
  const workstations = hosts.slice(fieldCount + operatorCount + itServerCount);

  const conversations: Conversation[] = [];
  const protocols: string[] = [];
  for (let index = 0; index < flowCount; index += 1) {
    const protocol = random.weighted(PROTOCOL_WEIGHTS);
    const isIt = protocol === 'http' || protocol === 'tls' || protocol === 'dns';
    const client = isIt && random.chance(0.6) ? random.pick(workstations) : random.pick(operators);
    const server = isIt ? random.pick(itServers) : random.pick(field);
    const vlan = random.chance(0.2) ? random.int(10, 40) : 0;
    const clientPort = protocol === 'ethernet-ip-io' ? 2222 : 1024 + ((index * 7919) % 64000);
    const serverName = `${random.pick(['historian', 'mes', 'patch', 'ad', 'license', 'opc'])}${random.int(1, 40)}.plant.example`;
    conversations.push(buildConversation(protocol, client, server, clientPort, vlan, random, serverName));
    protocols.push(protocol === 'ethernet-ip-io' ? 'ethernet-ip' : protocol === 'tls' ? 'https' : protocol);
  }
  const arp = (() => {
    const bytes = new Uint8Array(42);
    setMac(bytes, 0, 0xffffffffffff);
    const sender = random.pick(operators);
    setMac(bytes, 6, sender.mac);
    setU16be(bytes, 12, 0x0806);
    setU16be(bytes, 14, 1);
    setU16be(bytes, 16, 0x0800);
    bytes[18] = 6;
    bytes[19] = 4;
    setU16be(bytes, 20, 1);
    setMac(bytes, 22, sender.mac);
    setU32be(bytes, 28, sender.ip);
    setU32be(bytes, 38, random.pick(field).ip);
    return bytes;
  })();

  const chunkBytes = Math.max(65_536, options.chunkBytes ?? 4 * 1024 * 1024);
  const chunk = new Uint8Array(chunkBytes);
  const view = new DataView(chunk.buffer);
  let used = 0;
  let written = 0;
  const flush = (): void => {
    write(chunk.subarray(0, used));
    written += used;
    used = 0;
  };
  // pcap file header: magic, v2.4, snaplen 65535, Ethernet.
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, 1, true);
  used = 24;

  const started = new Uint8Array(flowCount);
  const clientSequence = new Uint32Array(flowCount);
  const serverSequence = new Uint32Array(flowCount);
  let microseconds = Date.UTC(2026, 2, 2, 6, 0, 0) * 1000;
  let packets = 0;
  const emit = (template: FrameTemplate, flow: number): void => {
    const length = template.bytes.length;
    if (used + 16 + length > chunkBytes) flush();
    microseconds += 1 + Math.floor(random.next() * 150);
    view.setUint32(used, Math.floor(microseconds / 1e6), true);
    view.setUint32(used + 4, microseconds % 1e6, true);
    view.setUint32(used + 8, length, true);
    view.setUint32(used + 12, length, true);
    chunk.set(template.bytes, used + 16);
    if (template.tcpOffset >= 0) {
      const tcp = used + 16 + template.tcpOffset;
      const payload = length - template.tcpOffset - 20;
      const own = template.toServer ? clientSequence : serverSequence;
      const other = template.toServer ? serverSequence : clientSequence;
      view.setUint32(tcp + 4, own[flow] ?? 0, false);
      view.setUint32(tcp + 8, other[flow] ?? 0, false);
      own[flow] =
        ((own[flow] ?? 0) + Math.max(payload, ((chunk[tcp + 13] ?? 0) & TCP_SYN) !== 0 ? 1 : 0)) >>> 0;
    }
    used += 16 + length;
    packets += 1;
  };
  while (written + used < options.bytes) {
    if (random.next() < 0.002) {
      emit({ bytes: arp, tcpOffset: -1, toServer: true }, 0);
      continue;
    }
    // Skewed popularity: a few chatty pollers, a long tail of quiet conversations.
    const roll = random.next();
    const flow = Math.floor(roll * roll * flowCount);
    const conversation = conversations[flow];
    if (conversation === undefined) continue;
    if (started[flow] === 0) {
      started[flow] = 1;
      clientSequence[flow] = random.int(0, 0x7fffffff);
      serverSequence[flow] = random.int(0, 0x7fffffff);
      for (const template of conversation.opening) emit(template, flow);
    }
    for (const template of conversation.steady) emit(template, flow);
  }
  if (used > 0) flush();
  const flowsByProtocol: Record<string, number> = {};
  protocols.forEach((id, flow) => {
    if (started[flow] === 1) flowsByProtocol[id] = (flowsByProtocol[id] ?? 0) + 1;
  });
  return {
    bytes: written,
    packets,
    hosts: hostCount,
    flows: started.reduce((sum, value) => sum + value, 0),
    flowsByProtocol,
  };
};
