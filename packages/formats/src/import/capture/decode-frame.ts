import { readMac, u16be, u32be, u32le } from './bytes';

/** Ethertypes that carry 802.1Q / 802.1ad (QinQ) VLAN tags. */
const isVlanTag = (etherType: number): boolean =>
  etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100 || etherType === 0x9200;
const MAX_VLAN_TAGS = 4;
const MAX_IPV6_EXTENSIONS = 8;

/** TCP's IP protocol number. */
export const IP_PROTOCOL_TCP = 6;
/** UDP's IP protocol number. */
export const IP_PROTOCOL_UDP = 17;
/** SCTP's IP protocol number (ports at the same place as TCP and UDP). */
export const IP_PROTOCOL_SCTP = 132;

/**
 * What one frame decoded to, as a mutable struct that the decoder refills for every packet: the analyser's hot
 * path reads numbers from it and allocates nothing. IP addresses are four 32-bit words; IPv4 addresses are held
 * IPv4-mapped (`::ffff:a.b.c.d`) so one key layout serves both versions.
 */
export class DecodedFrame {
  /** Ethernet source as a 48-bit number, −1 when the link layer has none. */
  sourceMac = -1;
  /** Ethernet destination, −1 when the link layer has none (Linux SLL records only the sender). */
  destinationMac = -1;
  /** Ethertype after VLAN tags and SNAP; 0 for 802.2 LLC frames without SNAP; −1 when unknown. */
  etherType = -1;
  /** Outer VLAN id, −1 when untagged. */
  vlanId = -1;
  /** 802.2 LLC DSAP for LLC frames (0x42 spanning tree, 0xfe OSI), −1 otherwise. */
  llcSap = -1;
  /** 4 or 6 when an IP header was read, 0 otherwise. */
  ipVersion = 0;
  readonly source = new Uint32Array(4);
  readonly destination = new Uint32Array(4);
  /** IP protocol number of the transport (after IPv6 extension headers), −1 when there is no IP. */
  ipProtocol = -1;
  /** A non-first IP fragment: it carries no transport header. */
  fragment = false;
  /** True when the transport has ports (TCP, UDP, SCTP) and they were read. */
  hasPorts = false;
  sourcePort = 0;
  destinationPort = 0;
  /** TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10). */
  tcpFlags = 0;
  /** Application payload (TCP/UDP), or the frame payload after the ethertype for non-IP frames. */
  payloadOffset = 0;
  payloadLength = 0;
  /** A header was cut short or inconsistent; the fields read before that point stay valid. */
  malformed = false;

  /** Clears every field before the next frame is decoded into the struct. */
  reset(): void {
    this.sourceMac = -1;
    this.destinationMac = -1;
    this.etherType = -1;
    this.vlanId = -1;
    this.llcSap = -1;
    this.ipVersion = 0;
    this.ipProtocol = -1;
    this.fragment = false;
    this.hasPorts = false;
    this.sourcePort = 0;
    this.destinationPort = 0;
    this.tcpFlags = 0;
    this.payloadOffset = 0;
    this.payloadLength = 0;
    this.malformed = false;
  }
}

/**
 * Decodes the link, network and transport headers of one frame into `out`. Returns false for a link type the
 * decoder does not know (the caller counts the packet but cannot attribute it); malformed frames return true with
 * `out.malformed` set.
 */
export const decodeFrame = (
  out: DecodedFrame,
  bytes: Uint8Array,
  offset: number,
  length: number,
  linkType: number,
): boolean => {
  out.reset();
  const end = Math.min(bytes.length, offset + length);
  switch (linkType) {
    case 1:
      if (end - offset < 14) {
        out.malformed = true;
        return true;
      }
      out.destinationMac = readMac(bytes, offset);
      out.sourceMac = readMac(bytes, offset + 6);
      decodeEtherType(out, bytes, u16be(bytes, offset + 12), offset + 14, end);
      return true;
    case 113:
      decodeLinuxCooked(out, bytes, offset, end);
      return true;
    case 276:
      decodeLinuxCooked2(out, bytes, offset, end);
      return true;
    case 0:
    case 108:
      decodeLoopback(out, bytes, offset, end, linkType === 108);
      return true;
    case 12:
    case 14:
    case 101:
      decodeRawIp(out, bytes, offset, end);
      return true;
    case 228:
      decodeIpv4(out, bytes, offset, end);
      return true;
    case 229:
      decodeIpv6(out, bytes, offset, end);
      return true;
    default:
      return false;
  }
};

/** Ethertype dispatch with 802.1Q/QinQ tags and 802.2 LLC/SNAP; `position` is just after the type field. */
const decodeEtherType = (
  out: DecodedFrame,
  bytes: Uint8Array,
  type: number,
  position: number,
  end: number,
): void => {
  let etherType = type;
  let cursor = position;
  for (let tags = 0; isVlanTag(etherType) && tags < MAX_VLAN_TAGS; tags += 1) {
    if (cursor + 4 > end) {
      out.malformed = true;
      return;
    }
    if (tags === 0) out.vlanId = u16be(bytes, cursor) & 0x0fff;
    etherType = u16be(bytes, cursor + 2);
    cursor += 4;
  }
  if (etherType < 0x0600) {
    // An 802.3 length field: 802.2 LLC follows, with SNAP carrying a real ethertype.
    if (cursor + 3 > end) {
      out.malformed = true;
      return;
    }
    if (
      bytes[cursor] === 0xaa &&
      bytes[cursor + 1] === 0xaa &&
      bytes[cursor + 2] === 0x03 &&
      cursor + 8 <= end
    ) {
      etherType = u16be(bytes, cursor + 6);
      cursor += 8;
    } else {
      out.etherType = 0;
      out.llcSap = bytes[cursor] ?? 0;
      out.payloadOffset = cursor;
      out.payloadLength = end - cursor;
      return;
    }
  }
  out.etherType = etherType;
  if (etherType === 0x0800) decodeIpv4(out, bytes, cursor, end);
  else if (etherType === 0x86dd) decodeIpv6(out, bytes, cursor, end);
  else {
    out.payloadOffset = cursor;
    out.payloadLength = end - cursor;
  }
};

/** Linux "cooked" capture v1 (LINKTYPE_LINUX_SLL): 16-byte header, sender address only. */
const decodeLinuxCooked = (out: DecodedFrame, bytes: Uint8Array, offset: number, end: number): void => {
  if (end - offset < 16) {
    out.malformed = true;
    return;
  }
  if (u16be(bytes, offset + 2) === 1 && u16be(bytes, offset + 4) === 6)
    out.sourceMac = readMac(bytes, offset + 6);
  cookedProtocol(out, bytes, u16be(bytes, offset + 14), offset + 16, end);
};

/** Linux "cooked" capture v2 (LINKTYPE_LINUX_SLL2): 20-byte header with the protocol first. */
const decodeLinuxCooked2 = (out: DecodedFrame, bytes: Uint8Array, offset: number, end: number): void => {
  if (end - offset < 20) {
    out.malformed = true;
    return;
  }
  if (u16be(bytes, offset + 8) === 1 && bytes[offset + 11] === 6) out.sourceMac = readMac(bytes, offset + 12);
  cookedProtocol(out, bytes, u16be(bytes, offset), offset + 20, end);
};

/** SLL protocol field: an ethertype, or 1 (Novell 802.3) / 4 (802.2 LLC) for frames without one. */
const cookedProtocol = (
  out: DecodedFrame,
  bytes: Uint8Array,
  protocol: number,
  position: number,
  end: number,
): void => {
  if (protocol >= 0x0600) {
    decodeEtherType(out, bytes, protocol, position, end);
    return;
  }
  out.etherType = 0;
  if (protocol === 4) out.llcSap = bytes[position] ?? -1;
  out.payloadOffset = position;
  out.payloadLength = Math.max(0, end - position);
};

/** BSD loopback (NULL, address family in host byte order) and OpenBSD LOOP (network byte order). */
const decodeLoopback = (
  out: DecodedFrame,
  bytes: Uint8Array,
  offset: number,
  end: number,
  networkOrder: boolean,
): void => {
  if (end - offset < 4) {
    out.malformed = true;
    return;
  }
  // The writer's byte order is unknown for NULL; families are small numbers, so the zero half tells it.
  const bigEndian = networkOrder || (bytes[offset] === 0 && bytes[offset + 1] === 0);
  const family = bigEndian ? u32be(bytes, offset) : u32le(bytes, offset);
  if (family === 2) decodeIpv4(out, bytes, offset + 4, end);
  else if (family === 10 || family === 24 || family === 28 || family === 30)
    decodeIpv6(out, bytes, offset + 4, end);
  else {
    out.etherType = 0;
    out.payloadOffset = offset + 4;
    out.payloadLength = end - offset - 4;
  }
};

const decodeRawIp = (out: DecodedFrame, bytes: Uint8Array, offset: number, end: number): void => {
  const version = (bytes[offset] ?? 0) >> 4;
  if (version === 4) decodeIpv4(out, bytes, offset, end);
  else if (version === 6) decodeIpv6(out, bytes, offset, end);
  else out.malformed = true;
};

const decodeIpv4 = (out: DecodedFrame, bytes: Uint8Array, offset: number, end: number): void => {
  if (offset + 20 > end || (bytes[offset] ?? 0) >> 4 !== 4) {
    out.malformed = true;
    return;
  }
  const headerLength = ((bytes[offset] ?? 0) & 0x0f) * 4;
  const totalLength = u16be(bytes, offset + 2);
  if (headerLength < 20 || offset + headerLength > end || (totalLength !== 0 && totalLength < headerLength)) {
    out.malformed = true;
    return;
  }
  out.ipVersion = 4;
  const source = out.source;
  const destination = out.destination;
  source[0] = 0;
  source[1] = 0;
  source[2] = 0xffff;
  source[3] = u32be(bytes, offset + 12);
  destination[0] = 0;
  destination[1] = 0;
  destination[2] = 0xffff;
  destination[3] = u32be(bytes, offset + 16);
  out.ipProtocol = bytes[offset + 9] ?? 0;
  // A zero total length is what TCP segmentation offload leaves in locally captured packets.
  const ipEnd = totalLength === 0 ? end : Math.min(end, offset + totalLength);
  if ((u16be(bytes, offset + 6) & 0x1fff) !== 0) {
    out.fragment = true;
    return;
  }
  decodeTransport(out, bytes, offset + headerLength, ipEnd);
};

const decodeIpv6 = (out: DecodedFrame, bytes: Uint8Array, offset: number, end: number): void => {
  if (offset + 40 > end || (bytes[offset] ?? 0) >> 4 !== 6) {
    out.malformed = true;
    return;
  }
  out.ipVersion = 6;
  for (let i = 0; i < 4; i += 1) {
    out.source[i] = u32be(bytes, offset + 8 + i * 4);
    out.destination[i] = u32be(bytes, offset + 24 + i * 4);
  }
  const payloadLength = u16be(bytes, offset + 4);
  const ipEnd = payloadLength === 0 ? end : Math.min(end, offset + 40 + payloadLength);
  let next = bytes[offset + 6] ?? 0;
  let cursor = offset + 40;
  out.ipProtocol = next;
  for (let extension = 0; extension < MAX_IPV6_EXTENSIONS; extension += 1) {
    if (next === 0 || next === 43 || next === 60 || next === 51) {
      if (cursor + 8 > ipEnd) {
        out.malformed = true;
        return;
      }
      const size = next === 51 ? ((bytes[cursor + 1] ?? 0) + 2) * 4 : ((bytes[cursor + 1] ?? 0) + 1) * 8;
      next = bytes[cursor] ?? 0;
      cursor += size;
    } else if (next === 44) {
      if (cursor + 8 > ipEnd) {
        out.malformed = true;
        return;
      }
      const fragmentOffset = u16be(bytes, cursor + 2) >> 3;
      next = bytes[cursor] ?? 0;
      cursor += 8;
      if (fragmentOffset !== 0) {
        out.ipProtocol = next;
        out.fragment = true;
        return;
      }
    } else break;
    out.ipProtocol = next;
  }
  if (cursor > ipEnd) {
    out.malformed = true;
    return;
  }
  decodeTransport(out, bytes, cursor, ipEnd);
};

const decodeTransport = (out: DecodedFrame, bytes: Uint8Array, offset: number, end: number): void => {
  const protocol = out.ipProtocol;
  if (protocol === IP_PROTOCOL_TCP) {
    if (offset + 20 > end) {
      out.malformed = true;
      return;
    }
    const headerLength = ((bytes[offset + 12] ?? 0) >> 4) * 4;
    if (headerLength < 20) {
      out.malformed = true;
      return;
    }
    out.hasPorts = true;
    out.sourcePort = u16be(bytes, offset);
    out.destinationPort = u16be(bytes, offset + 2);
    out.tcpFlags = bytes[offset + 13] ?? 0;
    out.payloadOffset = offset + headerLength;
    out.payloadLength = Math.max(0, end - offset - headerLength);
    return;
  }
  if (protocol === IP_PROTOCOL_UDP || protocol === IP_PROTOCOL_SCTP) {
    const headerLength = protocol === IP_PROTOCOL_UDP ? 8 : 12;
    if (offset + headerLength > end) {
      out.malformed = true;
      return;
    }
    out.hasPorts = true;
    out.sourcePort = u16be(bytes, offset);
    out.destinationPort = u16be(bytes, offset + 2);
    let payloadEnd = end;
    if (protocol === IP_PROTOCOL_UDP) {
      const datagramLength = u16be(bytes, offset + 4);
      if (datagramLength >= 8) payloadEnd = Math.min(end, offset + datagramLength);
    }
    out.payloadOffset = offset + headerLength;
    out.payloadLength = Math.max(0, payloadEnd - offset - headerLength);
    return;
  }
  out.payloadOffset = offset;
  out.payloadLength = Math.max(0, end - offset);
};
