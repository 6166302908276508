/**
 * Builders for small synthetic captures in tests: frames (Ethernet, IPv4/IPv6, TCP/UDP) and containers (pcap in
 * either byte order with µs or ns timestamps, pcapng with several interfaces and block types). Checksums are
 * left zero: the reader and analyser never verify them.
 */

/** A growable byte writer with explicit byte order. */
class ByteWriter {
  private bytes = new Uint8Array(256);
  length = 0;

  constructor(private readonly littleEndian = true) {}

  private reserve(size: number): void {
    if (this.length + size <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < this.length + size) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  u8(value: number): this {
    this.reserve(1);
    this.bytes[this.length] = value & 0xff;
    this.length += 1;
    return this;
  }

  u16(value: number): this {
    return this.littleEndian ? this.u8(value).u8(value >>> 8) : this.u8(value >>> 8).u8(value);
  }

  u32(value: number): this {
    return this.littleEndian
      ? this.u8(value)
          .u8(value >>> 8)
          .u8(value >>> 16)
          .u8(value >>> 24)
      : this.u8(value >>> 24)
          .u8(value >>> 16)
          .u8(value >>> 8)
          .u8(value);
  }

  bytesOf(data: Uint8Array): this {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
    return this;
  }

  pad4(): this {
    while (this.length % 4 !== 0) this.u8(0);
    return this;
  }

  /** Overwrites a 32-bit value at `offset` (used to patch block lengths). */
  patch32(offset: number, value: number): this {
    const saved = this.length;
    this.length = offset;
    this.u32(value);
    this.length = saved;
    return this;
  }

  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Concatenates byte arrays. */
export const concatBytes = (...parts: readonly Uint8Array[]): Uint8Array => {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/** Bytes of an ASCII string. */
export const ascii = (text: string): Uint8Array =>
  Uint8Array.from(text, (character) => character.charCodeAt(0));

/** Bytes from a hex string (spaces allowed). */
export const hex = (text: string): Uint8Array => {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from({ length: clean.length / 2 }, (_, index) =>
    parseInt(clean.slice(index * 2, index * 2 + 2), 16),
  );
};

const macBytes = (mac: string): number[] => mac.split(':').map((part) => parseInt(part, 16));
const ipv4Bytes = (address: string): number[] => address.split('.').map(Number);

const ipv6Bytes = (address: string): number[] => {
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [
    ...headGroups,
    ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'),
    ...tailGroups,
  ];
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >>> 8, value & 0xff];
  });
};

/** Options of {@link ethernet}. */
export interface EthernetOptions {
  readonly source?: string;
  readonly destination?: string;
  readonly etherType: number;
  /** VLAN tags, outermost first: [tpid, vlan id]. */
  readonly vlans?: readonly (readonly [number, number])[];
  readonly payload: Uint8Array;
}

/** An Ethernet II frame (optionally 802.1Q/QinQ tagged). */
export const ethernet = (options: EthernetOptions): Uint8Array => {
  const writer = new ByteWriter(false);
  for (const byte of macBytes(options.destination ?? '00:00:00:00:00:02')) writer.u8(byte);
  for (const byte of macBytes(options.source ?? '00:00:00:00:00:01')) writer.u8(byte);
  for (const [tpid, vlan] of options.vlans ?? []) writer.u16(tpid).u16(vlan);
  writer.u16(options.etherType).bytesOf(options.payload);
  return writer.done();
};

/** Options of {@link ipv4}. */
export interface Ipv4Options {
  readonly source: string;
  readonly destination: string;
  readonly protocol: number;
  readonly payload: Uint8Array;
  /** Fragment offset in 8-byte units (non-zero for a later fragment). */
  readonly fragmentOffset?: number;
}

/** An IPv4 packet with a 20-byte header. */
export const ipv4 = (options: Ipv4Options): Uint8Array => {
  const writer = new ByteWriter(false);
  writer
    .u8(0x45)
    .u8(0)
    .u16(20 + options.payload.length)
    .u16(1)
    .u16(options.fragmentOffset ?? 0)
    .u8(64)
    .u8(options.protocol)
    .u16(0);
  for (const byte of ipv4Bytes(options.source)) writer.u8(byte);
  for (const byte of ipv4Bytes(options.destination)) writer.u8(byte);
  return writer.bytesOf(options.payload).done();
};

/** Options of {@link ipv6}. */
export interface Ipv6Options {
  readonly source: string;
  readonly destination: string;
  readonly nextHeader: number;
  readonly payload: Uint8Array;
}

/** An IPv6 packet (extension headers, if any, go at the start of `payload` with `nextHeader` naming the first). */
export const ipv6 = (options: Ipv6Options): Uint8Array => {
  const writer = new ByteWriter(false);
  writer.u32(0x60000000).u16(options.payload.length).u8(options.nextHeader).u8(64);
  for (const byte of ipv6Bytes(options.source)) writer.u8(byte);
  for (const byte of ipv6Bytes(options.destination)) writer.u8(byte);
  return writer.bytesOf(options.payload).done();
};

/** TCP flag bits. */
export const TCP_FLAGS = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10 } as const;

/** A TCP segment with a 20-byte header. */
export const tcp = (
  sourcePort: number,
  destinationPort: number,
  flags: number,
  payload: Uint8Array = new Uint8Array(0),
): Uint8Array =>
  new ByteWriter(false)
    .u16(sourcePort)
    .u16(destinationPort)
    .u32(1)
    .u32(0)
    .u8(0x50)
    .u8(flags)
    .u16(65535)
    .u16(0)
    .u16(0)
    .bytesOf(payload)
    .done();

/** A UDP datagram. */
export const udp = (
  sourcePort: number,
  destinationPort: number,
  payload: Uint8Array = new Uint8Array(0),
): Uint8Array =>
  new ByteWriter(false)
    .u16(sourcePort)
    .u16(destinationPort)
    .u16(8 + payload.length)
    .u16(0)
    .bytesOf(payload)
    .done();

/** Convenience: an Ethernet frame carrying IPv4/TCP. */
export const tcpFrame = (
  source: string,
  destination: string,
  sourcePort: number,
  destinationPort: number,
  flags: number,
  payload: Uint8Array = new Uint8Array(0),
): Uint8Array =>
  ethernet({
    etherType: 0x0800,
    payload: ipv4({
      source,
      destination,
      protocol: 6,
      payload: tcp(sourcePort, destinationPort, flags, payload),
    }),
  });

/** Convenience: an Ethernet frame carrying IPv4/UDP. */
export const udpFrame = (
  source: string,
  destination: string,
  sourcePort: number,
  destinationPort: number,
  payload: Uint8Array = new Uint8Array(0),
): Uint8Array =>
  ethernet({
    etherType: 0x0800,
    payload: ipv4({ source, destination, protocol: 17, payload: udp(sourcePort, destinationPort, payload) }),
  });

/** One packet of a synthetic capture. */
export interface PacketSpec {
  readonly data: Uint8Array;
  readonly seconds?: number;
  /** Sub-second part in nanoseconds (written as µs in a microsecond capture). */
  readonly nanoseconds?: number;
  readonly originalLength?: number;
}

/** Options of {@link buildPcap}. */
export interface PcapOptions {
  readonly littleEndian?: boolean;
  readonly nanosecond?: boolean;
  readonly linkType?: number;
  readonly snapLength?: number;
  /** The 24-byte-record variant (magic 0xa1b2cd34). */
  readonly modified?: boolean;
}

/** A classic libpcap file. */
export const buildPcap = (packets: readonly PacketSpec[], options: PcapOptions = {}): Uint8Array => {
  const writer = new ByteWriter(options.littleEndian ?? true);
  const magic = options.modified ? 0xa1b2cd34 : options.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4;
  writer
    .u32(magic)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(options.snapLength ?? 65535)
    .u32(options.linkType ?? 1);
  for (const packet of packets) {
    const nanoseconds = packet.nanoseconds ?? 0;
    writer
      .u32(packet.seconds ?? 0)
      .u32(options.nanosecond ? nanoseconds : Math.floor(nanoseconds / 1000))
      .u32(packet.data.length)
      .u32(packet.originalLength ?? packet.data.length);
    if (options.modified) writer.u32(0).u16(0).u8(0).u8(0);
    writer.bytesOf(packet.data);
  }
  return writer.done();
};

/** An interface of a synthetic pcapng section. */
export interface PcapngInterface {
  readonly linkType: number;
  readonly snapLength?: number;
  /** Raw `if_tsresol` byte (6 = µs, 9 = ns, 0x80|n = 2^-n). */
  readonly tsresol?: number;
  /** `if_tsoffset` in seconds. */
  readonly tsoffset?: number;
}

/** A block of a synthetic pcapng section. */
export type PcapngBlock =
  | {
      readonly kind: 'epb';
      readonly interfaceId: number;
      readonly timestamp: bigint;
      readonly data: Uint8Array;
      readonly originalLength?: number;
    }
  | {
      readonly kind: 'opb';
      readonly interfaceId: number;
      readonly timestamp: bigint;
      readonly data: Uint8Array;
    }
  | { readonly kind: 'spb'; readonly data: Uint8Array; readonly originalLength?: number }
  | { readonly kind: 'raw'; readonly type: number; readonly body: Uint8Array };

/** Options of {@link buildPcapngSection}. */
export interface PcapngSection {
  readonly littleEndian?: boolean;
  readonly major?: number;
  readonly interfaces: readonly PcapngInterface[];
  readonly blocks: readonly PcapngBlock[];
}

const block = (writer: ByteWriter, type: number, body: (writer: ByteWriter) => void): void => {
  const start = writer.length;
  writer.u32(type).u32(0);
  body(writer);
  writer.pad4();
  const length = writer.length - start + 4;
  writer.u32(length);
  writer.patch32(start + 4, length);
};

/** One pcapng section: SHB, IDBs, then the given blocks. */
export const buildPcapngSection = (section: PcapngSection): Uint8Array => {
  const writer = new ByteWriter(section.littleEndian ?? true);
  block(writer, 0x0a0d0d0a, (w) => {
    w.u32(0x1a2b3c4d)
      .u16(section.major ?? 1)
      .u16(0)
      .u32(0xffffffff)
      .u32(0xffffffff);
  });
  for (const description of section.interfaces) {
    block(writer, 1, (w) => {
      w.u16(description.linkType)
        .u16(0)
        .u32(description.snapLength ?? 0);
      if (description.tsresol !== undefined) w.u16(9).u16(1).u8(description.tsresol).pad4();
      if (description.tsoffset !== undefined) {
        const offset = BigInt.asUintN(64, BigInt(description.tsoffset));
        w.u16(14).u16(8);
        const low = Number(offset & 0xffffffffn);
        const high = Number(offset >> 32n);
        if (section.littleEndian ?? true) w.u32(low).u32(high);
        else w.u32(high).u32(low);
      }
      w.u16(0).u16(0);
    });
  }
  for (const entry of section.blocks) {
    switch (entry.kind) {
      case 'epb':
      case 'opb':
        block(writer, entry.kind === 'epb' ? 6 : 2, (w) => {
          if (entry.kind === 'epb') w.u32(entry.interfaceId);
          else w.u16(entry.interfaceId).u16(0);
          w.u32(Number(entry.timestamp >> 32n))
            .u32(Number(entry.timestamp & 0xffffffffn))
            .u32(entry.data.length)
            .u32(entry.kind === 'epb' ? (entry.originalLength ?? entry.data.length) : entry.data.length)
            .bytesOf(entry.data)
            .pad4();
        });
        break;
      case 'spb':
        block(writer, 3, (w) => {
          w.u32(entry.originalLength ?? entry.data.length)
            .bytesOf(entry.data)
            .pad4();
        });
        break;
      case 'raw':
        block(writer, entry.type, (w) => {
          w.bytesOf(entry.body);
        });
        break;
    }
  }
  return writer.done();
};
