import { u16be, u16le, u32be, u32le } from './bytes';
import { IP_PROTOCOL_TCP, IP_PROTOCOL_UDP } from './decode-frame';
import { protocolNumber } from './protocol-catalog';

const MODBUS = protocolNumber('modbus-tcp');
const S7COMM = protocolNumber('s7comm');
const S7COMM_PLUS = protocolNumber('s7comm-plus');
const MMS = protocolNumber('iec-61850-mms');
const ENIP = protocolNumber('ethernet-ip');
const DNP3 = protocolNumber('dnp3');
const IEC104 = protocolNumber('iec-104');
const BACNET = protocolNumber('bacnet');
const OPCUA = protocolNumber('opc-ua');
const PROFINET = protocolNumber('profinet');
const HART_IP = protocolNumber('hart-ip');
const FINS = protocolNumber('fins');
const SLMP = protocolNumber('slmp');
const FOX = protocolNumber('niagara-fox');
const C37 = protocolNumber('c37-118');
const ADS = protocolNumber('ads');
const TLS = protocolNumber('tls');
const HTTP = protocolNumber('http');
const SSH = protocolNumber('ssh');

/** TLS's protocol number, for the analyser to read the server name from a ClientHello. */
export const TLS_PROTOCOL = TLS;

const ENIP_COMMANDS = new Set([0x04, 0x63, 0x64, 0x65, 0x66, 0x6f, 0x70, 0x72, 0x73]);
const OPCUA_TYPES = new Set(['HEL', 'ACK', 'OPN', 'MSG', 'CLO', 'ERR', 'RHE']);
const HTTP_PREFIXES = [
  'GET ',
  'POST ',
  'PUT ',
  'HEAD ',
  'DELETE ',
  'OPTIONS ',
  'PATCH ',
  'CONNECT ',
  'HTTP/1.',
];
const IEC104_U_FORMATS = new Set([0x07, 0x0b, 0x13, 0x23, 0x43, 0x83]);
const MAX_UNITS_PER_SEGMENT = 32;

/**
 * Names the application protocol of one TCP or UDP payload from its bytes, whatever the ports say. Returns the
 * protocol number when the signature is strong (several fixed fields, lengths that add up, a checksum), its
 * negative when it is only plausible (the caller accepts a weak match on the protocol's own port or when a second
 * packet agrees), and 0 when nothing matches.
 */
export const identifyPayload = (
  bytes: Uint8Array,
  offset: number,
  length: number,
  ipProtocol: number,
  sourcePort: number,
  destinationPort: number,
): number => {
  if (length < 4) return 0;
  if (ipProtocol === IP_PROTOCOL_TCP) return identifyTcp(bytes, offset, length, sourcePort, destinationPort);
  if (ipProtocol === IP_PROTOCOL_UDP) return identifyUdp(bytes, offset, length);
  return 0;
};

const identifyTcp = (
  bytes: Uint8Array,
  offset: number,
  length: number,
  sourcePort: number,
  destinationPort: number,
): number => {
  const first = bytes[offset] ?? 0;
  const second = bytes[offset + 1] ?? 0;
  if (first === 3 && second === 0) {
    const tpkt = isoOnTcp(bytes, offset, length, sourcePort === 102 || destinationPort === 102);
    if (tpkt !== 0) return tpkt;
  }
  if (second === 0 && ENIP_COMMANDS.has(first) && isEnipEncapsulation(bytes, offset, length)) return ENIP;
  if (first === 0x05 && second === 0x64 && isDnp3(bytes, offset, length)) return DNP3;
  if (first === 0x68 && isIec104(bytes, offset, length)) return -IEC104;
  if (first >= 0x41 && first <= 0x5a) {
    // Upper-case ASCII: OPC UA message types, SSH banners, HTTP methods, FINS/TCP.
    const opcua = opcUa(bytes, offset, length);
    if (opcua !== 0) return opcua;
    if (startsWith(bytes, offset, length, 'SSH-')) return SSH;
    for (const prefix of HTTP_PREFIXES) if (startsWith(bytes, offset, length, prefix)) return HTTP;
    if (startsWith(bytes, offset, length, 'FINS')) return FINS;
  }
  if (first >= 0x14 && first <= 0x17) {
    const tls = tlsRecord(bytes, offset, length);
    if (tls !== 0) return tls;
  }
  if (first === 0x66 && startsWith(bytes, offset, length, 'fox ')) return FOX;
  if (isMcProtocol(bytes, offset, length)) return SLMP;
  if (first === 0xaa && isC37(bytes, offset, length)) return -C37;
  if ((first === 1 || first === 2) && isHartIp(bytes, offset, length)) return -HART_IP;
  if (isModbus(bytes, offset, length)) return -MODBUS;
  if (first === 0 && second === 0 && isAmsTcp(bytes, offset, length)) return -ADS;
  return 0;
};

const identifyUdp = (bytes: Uint8Array, offset: number, length: number): number => {
  const first = bytes[offset] ?? 0;
  const second = bytes[offset + 1] ?? 0;
  if (first === 0x81 && second <= 0x0c && u16be(bytes, offset + 2) === length) return BACNET;
  if (first === 0x05 && second === 0x64 && isDnp3(bytes, offset, length)) return DNP3;
  if (second === 0 && ENIP_COMMANDS.has(first) && isEnipEncapsulation(bytes, offset, length)) return ENIP;
  if (isCipIo(bytes, offset, length)) return ENIP;
  if (first === 4 && isPnioRpc(bytes, offset, length)) return PROFINET;
  if (first === 0x03 && second === 0x66 && bytes[offset + 2] === 0x14 && bytes[offset + 3] === 0x71)
    return ADS;
  if (isMcProtocol(bytes, offset, length)) return SLMP;
  if (first === 0xaa && isC37(bytes, offset, length)) return -C37;
  if ((first === 1 || first === 2) && isHartIp(bytes, offset, length)) return -HART_IP;
  if (
    (first & 0x3e) === 0 &&
    (first & 0x80) !== 0 &&
    second === 0 &&
    bytes[offset + 2] === 0x02 &&
    length >= 12
  ) {
    return -FINS;
  }
  return 0;
};

const startsWith = (bytes: Uint8Array, offset: number, length: number, text: string): boolean => {
  if (length < text.length) return false;
  for (let i = 0; i < text.length; i += 1) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
};

/**
 * TPKT (RFC 1006) + COTP data: S7comm (protocol id 0x32) and S7comm-plus (0x72) by their first byte; on port 102
 * any other session-layer payload is ISO/MMS (IEC 61850, ICCP). Connection requests say nothing yet.
 */
const isoOnTcp = (bytes: Uint8Array, offset: number, length: number, onPort102: boolean): number => {
  if (length < 7 || u16be(bytes, offset + 2) < 7) return 0;
  const indicator = bytes[offset + 4] ?? 0;
  const pduType = (bytes[offset + 5] ?? 0) & 0xf0;
  if (pduType !== 0xf0 || indicator !== 2) return 0;
  const start = offset + 7;
  if (length < 9) return 0;
  const protocolId = bytes[start] ?? 0;
  const next = bytes[start + 1] ?? 0;
  if (protocolId === 0x32 && (next === 1 || next === 2 || next === 3 || next === 7)) return S7COMM;
  if (protocolId === 0x72 && (next === 1 || next === 2 || next === 3 || next === 0xfe)) return S7COMM_PLUS;
  return onPort102 ? MMS : 0;
};

/** EtherNet/IP encapsulation header: known command, length field equal to what follows, options zero. */
const isEnipEncapsulation = (bytes: Uint8Array, offset: number, length: number): boolean =>
  length >= 24 && u16le(bytes, offset + 2) === length - 24 && u32le(bytes, offset + 20) === 0;

/** CIP implicit I/O over UDP: a common packet format with a sequenced address item and a connected data item. */
const isCipIo = (bytes: Uint8Array, offset: number, length: number): boolean =>
  length >= 18 &&
  u16le(bytes, offset) === 2 &&
  u16le(bytes, offset + 2) === 0x8002 &&
  u16le(bytes, offset + 4) === 8 &&
  u16le(bytes, offset + 14) === 0x00b1 &&
  u16le(bytes, offset + 16) === length - 18;

/** DNP3 link header: start bytes, a length of at least 5 and a valid header CRC. */
const isDnp3 = (bytes: Uint8Array, offset: number, length: number): boolean => {
  if (length < 10 || (bytes[offset + 2] ?? 0) < 5) return false;
  return dnp3Crc(bytes, offset, 8) === u16le(bytes, offset + 8);
};

/** CRC-16/DNP (polynomial 0x3D65 reflected, final complement) over `length` bytes. */
const dnp3Crc = (bytes: Uint8Array, offset: number, length: number): number => {
  let crc = 0;
  for (let i = 0; i < length; i += 1) {
    crc ^= bytes[offset + i] ?? 0;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xa6bc : crc >>> 1;
  }
  return ~crc & 0xffff;
};

/** IEC 60870-5-104: a segment made only of well-formed APCI units (I, S or U format). */
const isIec104 = (bytes: Uint8Array, offset: number, length: number): boolean => {
  let position = 0;
  for (let units = 0; position < length && units < MAX_UNITS_PER_SEGMENT; units += 1) {
    if (position + 6 > length || bytes[offset + position] !== 0x68) return false;
    const apduLength = bytes[offset + position + 1] ?? 0;
    if (apduLength < 4 || apduLength > 253) return false;
    const control = bytes[offset + position + 2] ?? 0;
    if ((control & 1) === 0) {
      if (apduLength < 10) return false;
    } else if ((control & 3) === 1) {
      if (control !== 1 || bytes[offset + position + 3] !== 0 || apduLength !== 4) return false;
    } else if (
      !IEC104_U_FORMATS.has(control) ||
      apduLength !== 4 ||
      bytes[offset + position + 3] !== 0 ||
      bytes[offset + position + 4] !== 0 ||
      bytes[offset + position + 5] !== 0
    ) {
      return false;
    }
    position += apduLength + 2;
  }
  return position === length;
};

/** Modbus/TCP: a segment made only of MBAP frames (protocol id 0, lengths that add up, a known function code). */
const isModbus = (bytes: Uint8Array, offset: number, length: number): boolean => {
  let position = 0;
  for (let units = 0; position < length && units < MAX_UNITS_PER_SEGMENT; units += 1) {
    if (position + 8 > length || u16be(bytes, offset + position + 2) !== 0) return false;
    const size = u16be(bytes, offset + position + 4);
    if (size < 2 || size > 512) return false;
    const functionCode = bytes[offset + position + 7] ?? 0;
    const code = functionCode & 0x7f;
    // Public codes, the user-defined ranges, and 90 (Schneider UMAS, whose frames also exceed the 254-byte limit).
    const known =
      (code >= 1 && code <= 24) ||
      code === 43 ||
      code === 90 ||
      (code >= 65 && code <= 72) ||
      (code >= 100 && code <= 110);
    if (!known || ((functionCode & 0x80) !== 0 && size !== 3)) return false;
    position += 6 + size;
  }
  return position === length;
};

/** OPC UA binary (OPC 10000-6 §7.1.2): message type, chunk type and a message size. */
const opcUa = (bytes: Uint8Array, offset: number, length: number): number => {
  if (length < 8) return 0;
  const type = String.fromCharCode(bytes[offset] ?? 0, bytes[offset + 1] ?? 0, bytes[offset + 2] ?? 0);
  if (!OPCUA_TYPES.has(type)) return 0;
  const chunk = bytes[offset + 3];
  if (chunk !== 0x46 && chunk !== 0x43 && chunk !== 0x41) return 0;
  const size = u32le(bytes, offset + 4);
  if (size === length) return OPCUA;
  return size >= 8 && size < 0x1000000 ? -OPCUA : 0;
};

/** TLS record: a handshake hello is a strong sign; other record types only a weak one. */
const tlsRecord = (bytes: Uint8Array, offset: number, length: number): number => {
  if (length < 6 || bytes[offset + 1] !== 3 || (bytes[offset + 2] ?? 9) > 4) return 0;
  const contentType = bytes[offset] ?? 0;
  const recordLength = u16be(bytes, offset + 3);
  if (recordLength === 0 || recordLength > 18432) return 0;
  if (contentType === 0x16) {
    const handshake = bytes[offset + 5];
    return handshake === 1 || handshake === 2 ? TLS : -TLS;
  }
  return contentType === 0x14 || contentType === 0x15 || contentType === 0x17 ? -TLS : 0;
};

/** MELSEC MC protocol 3E/4E binary frames: fixed subheader and I/O number, data length that adds up. */
const isMcProtocol = (bytes: Uint8Array, offset: number, length: number): boolean => {
  const first = bytes[offset] ?? 0;
  if (bytes[offset + 1] !== 0) return false;
  const base = first === 0x50 || first === 0xd0 ? 0 : first === 0x54 || first === 0xd4 ? 4 : -1;
  if (base < 0 || length < base + 11) return false;
  if (base === 4 && (bytes[offset + 4] !== 0 || bytes[offset + 5] !== 0)) return false;
  return (
    bytes[offset + base + 4] === 0xff &&
    bytes[offset + base + 5] === 0x03 &&
    u16le(bytes, offset + base + 7) === length - base - 9
  );
};

/** IEEE C37.118 frame: sync byte, frame type and version, frame size equal to the payload. */
const isC37 = (bytes: Uint8Array, offset: number, length: number): boolean => {
  const flags = bytes[offset + 1] ?? 0;
  const frameType = (flags >> 4) & 0x07;
  const version = flags & 0x0f;
  return (
    length >= 16 && frameType <= 5 && version >= 1 && version <= 3 && u16be(bytes, offset + 2) === length
  );
};

/** HART-IP header: version, message type, message id and a byte count equal to the payload. */
const isHartIp = (bytes: Uint8Array, offset: number, length: number): boolean =>
  length >= 8 &&
  (bytes[offset + 1] ?? 9) <= 4 &&
  (bytes[offset + 2] ?? 9) <= 4 &&
  u16be(bytes, offset + 6) === length;

/** AMS/TCP: two reserved zero bytes, the AMS length, and a known ADS command id. */
const isAmsTcp = (bytes: Uint8Array, offset: number, length: number): boolean =>
  length >= 38 && u32le(bytes, offset + 2) === length - 6 && u16le(bytes, offset + 22) <= 9;

/** DCE/RPC over UDP (connectionless, version 4) whose interface is one of the PROFINET IO interfaces. */
const isPnioRpc = (bytes: Uint8Array, offset: number, length: number): boolean => {
  if (length < 80 || (bytes[offset + 1] ?? 99) > 10) return false;
  const littleEndian = ((bytes[offset + 4] ?? 0) & 0x10) !== 0;
  const interfaceHead = littleEndian ? u32le(bytes, offset + 24) : u32be(bytes, offset + 24);
  return interfaceHead >= 0xdea00001 && interfaceHead <= 0xdea00004;
};

/**
 * The server name (SNI) of a TLS ClientHello, or undefined when the payload is not a ClientHello with one. Only
 * host-name characters are accepted, so a garbled record never yields a garbled name.
 */
export const readServerName = (bytes: Uint8Array, offset: number, length: number): string | undefined => {
  const end = offset + length;
  if (length < 44 || bytes[offset] !== 0x16 || bytes[offset + 5] !== 1) return undefined;
  let position = offset + 43;
  position += 1 + (bytes[position] ?? 0);
  if (position + 2 > end) return undefined;
  position += 2 + u16be(bytes, position);
  if (position + 1 > end) return undefined;
  position += 1 + (bytes[position] ?? 0);
  if (position + 2 > end) return undefined;
  const extensionsEnd = Math.min(end, position + 2 + u16be(bytes, position));
  position += 2;
  while (position + 4 <= extensionsEnd) {
    const type = u16be(bytes, position);
    const size = u16be(bytes, position + 2);
    if (type === 0) {
      if (position + 9 > extensionsEnd || bytes[position + 6] !== 0) return undefined;
      const nameLength = u16be(bytes, position + 7);
      const start = position + 9;
      if (nameLength === 0 || nameLength > 253 || start + nameLength > extensionsEnd) return undefined;
      let name = '';
      for (let i = start; i < start + nameLength; i += 1) {
        const code = bytes[i] ?? 0;
        const valid =
          (code >= 0x61 && code <= 0x7a) ||
          (code >= 0x41 && code <= 0x5a) ||
          (code >= 0x30 && code <= 0x39) ||
          code === 0x2d ||
          code === 0x2e ||
          code === 0x5f;
        if (!valid) return undefined;
        name += String.fromCharCode(code);
      }
      return name.toLowerCase();
    }
    position += 4 + size;
  }
  return undefined;
};
