import { division, divideUint64, u16, u32, u32le } from './bytes';
import { captureDiagnostic, type CaptureDiagnostic } from './capture-diagnostic';

/** Container formats the reader understands, sniffed from the magic bytes (never from the file name). */
export type CaptureFormat = 'pcap' | 'pcapng';

/**
 * One packet record as the low-level reader hands it to a sink. The object is reused for every packet and is only
 * valid during the sink call; `bytes` is the caller's chunk (or a private copy for a record that spanned chunks).
 */
export interface RawPacket {
  bytes: Uint8Array;
  /** Where the captured frame starts in `bytes`. */
  offset: number;
  capturedLength: number;
  /** Length of the frame on the wire; larger than `capturedLength` when the capture used a snap length. */
  originalLength: number;
  /** LINKTYPE_* value of the interface (1 Ethernet, 113 Linux SLL, …). */
  linkType: number;
  /** pcapng interface id; 0 for pcap. */
  interfaceId: number;
  /** Seconds since the Unix epoch. */
  seconds: number;
  /** Nanoseconds within the second (0–999,999,999). */
  nanoseconds: number;
  /** Byte offset of the record (pcap) or block (pcapng) in the file. */
  fileOffset: number;
  /** 0-based number of the packet in the file. */
  index: number;
}

/** Receives every packet the reader completes. */
export type RawPacketSink = (packet: RawPacket) => void;

/** Limits that keep a corrupt length field from making the reader wait for, or allocate, gigabytes. */
export interface CaptureReaderLimits {
  /** Largest pcap record or pcapng block accepted, in bytes (default 64 MiB). */
  readonly maxRecordBytes?: number;
}

const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** Snap length every pcap reader accepts regardless of the header's snap length (libpcap's standard maximum). */
const STANDARD_MAX_PACKET = 262_144;
const MAX_INTERFACES = 65_536;

const STATE_START = 0;
const STATE_PCAP = 1;
const STATE_PCAPNG = 2;
const STATE_STOPPED = 3;

const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_IDB = 1;
const PCAPNG_OPB = 2;
const PCAPNG_SPB = 3;
const PCAPNG_EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

interface CaptureInterface {
  readonly linkType: number;
  readonly snapLength: number;
  /** Timestamp units per second when it fits the exact double division (≤ 2³⁷), else 0. */
  readonly divisor: number;
  /** Units per second as a bigint, for resolutions too fine for {@link divisor}. */
  readonly bigDivisor: bigint;
  readonly nanosPerUnit: number;
  readonly offsetSeconds: number;
}

const MICROSECOND_INTERFACE = (linkType: number, snapLength: number): CaptureInterface => ({
  linkType,
  snapLength,
  divisor: 1_000_000,
  bigDivisor: 1_000_000n,
  nanosPerUnit: 1000,
  offsetSeconds: 0,
});

/**
 * Streaming pcap/pcapng reader: feed it chunks of any size with {@link push}; every complete record is decoded
 * and handed to the sink at once, and at most one incomplete record is held back, so memory stays constant
 * whatever the file size. A corrupt or truncated file stops the reader with a diagnostic at the byte offset of the
 * bad record, and every packet before it has already been delivered.
 *
 * Formats: libpcap with microsecond or nanosecond magic in either byte order (and the 24-byte-record variant);
 * pcapng sections in either byte order with Interface Description, Enhanced, Simple and obsolete Packet blocks
 * (`if_tsresol`, `if_tsoffset`, several interfaces with different link types); other blocks are skipped.
 */
export class CaptureStreamReader {
  /** The container format once the magic bytes have been seen. */
  format: CaptureFormat | undefined;
  /** Bytes pushed so far. */
  bytesReceived = 0;
  /** Packets delivered so far. */
  packets = 0;
  /** Packets skipped because their block named an interface that was never described. */
  skippedPackets = 0;
  /** True when reading stopped before a clean end of file (truncated or corrupt input). */
  stoppedEarly = false;
  /** Problems found so far, in file order. */
  readonly diagnostics: CaptureDiagnostic[] = [];

  private state = STATE_START;
  /** File offset of the first byte of the next record or block. */
  private offset = 0;
  private littleEndian = true;
  private pcapNanoseconds = false;
  private pcapRecordHeader = 16;
  private pcapInterface: CaptureInterface = MICROSECOND_INTERFACE(1, 0);
  private pcapMaxCaptured = STANDARD_MAX_PACKET;
  private interfaces: CaptureInterface[] = [];
  private carry: Uint8Array | undefined;
  private carryLength = 0;
  private lastSeconds = 0;
  private lastNanoseconds = 0;
  private readonly maxRecordBytes: number;
  private readonly raw: RawPacket = {
    bytes: new Uint8Array(0),
    offset: 0,
    capturedLength: 0,
    originalLength: 0,
    linkType: 0,
    interfaceId: 0,
    seconds: 0,
    nanoseconds: 0,
    fileOffset: 0,
    index: 0,
  };

  constructor(
    private readonly sink: RawPacketSink,
    limits: CaptureReaderLimits = {},
  ) {
    this.maxRecordBytes = Math.max(64, limits.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES);
  }

  /** True once the reader has stopped: after {@link end}, or early on corrupt input. */
  get stopped(): boolean {
    return this.state === STATE_STOPPED;
  }

  /** Reads the next chunk of the file; chunks may split records anywhere. */
  push(chunk: Uint8Array): void {
    this.bytesReceived += chunk.length;
    if (this.state === STATE_STOPPED) return;
    let position = 0;
    if (this.carryLength > 0) {
      position = this.completeCarry(chunk);
      if (this.carryLength > 0 || this.state === STATE_STOPPED) return;
    }
    const end = chunk.length;
    while (position < end) {
      const available = end - position;
      const need = this.unitLength(chunk, position, available);
      if (need < 0) return;
      if (need > available) {
        this.stash(chunk, position, end);
        return;
      }
      if (!this.parseUnit(chunk, position, need)) return;
      position += need;
      this.offset += need;
    }
  }

  /** Ends the input: an incomplete record left over becomes a `capture-truncated` diagnostic. */
  end(): void {
    if (this.state === STATE_STOPPED) return;
    if (this.bytesReceived === 0) {
      this.fail('capture-empty', 0, 'The capture file is empty.');
      return;
    }
    if (this.carryLength > 0 && this.carry !== undefined) {
      const need = Math.max(this.unitLength(this.carry, 0, this.carryLength), this.carryLength + 1);
      if (this.state === STATE_STOPPED) return;
      const what = this.state === STATE_START ? 'file header' : this.format === 'pcapng' ? 'block' : 'record';
      this.fail(
        'capture-truncated',
        this.offset,
        `The capture ends inside a ${what}: ${need} bytes expected at offset ${this.offset}, only ${this.carryLength} present.`,
      );
      return;
    }
    this.state = STATE_STOPPED;
  }

  private fail(code: CaptureDiagnostic['code'], offset: number, message: string): void {
    this.diagnostics.push(captureDiagnostic(code, 'error', offset, message));
    this.state = STATE_STOPPED;
    this.stoppedEarly = true;
    this.carry = undefined;
    this.carryLength = 0;
  }

  private warn(code: CaptureDiagnostic['code'], offset: number, message: string): void {
    this.diagnostics.push(captureDiagnostic(code, 'warning', offset, message));
  }

  /** Keeps the incomplete unit at the end of a chunk in a fresh buffer, so earlier packet views stay intact. */
  private stash(chunk: Uint8Array, start: number, end: number): void {
    const carry = new Uint8Array(Math.max(64, end - start));
    carry.set(chunk.subarray(start, end));
    this.carry = carry;
    this.carryLength = end - start;
  }

  /** Fills the held-back unit from the new chunk; parses it once complete. Returns how much of the chunk it used. */
  private completeCarry(chunk: Uint8Array): number {
    let position = 0;
    for (;;) {
      const carry = this.carry;
      if (carry === undefined) return position;
      const need = this.unitLength(carry, 0, this.carryLength);
      if (need < 0) return position;
      if (need <= this.carryLength) break;
      const take = Math.min(need - this.carryLength, chunk.length - position);
      let target = carry;
      if (carry.length < this.carryLength + take) {
        // Grow with the data actually received, so a corrupt length field never allocates more than the input.
        target = new Uint8Array(Math.min(need, Math.max(this.carryLength + take, carry.length * 2)));
        target.set(carry.subarray(0, this.carryLength));
        this.carry = target;
      }
      target.set(chunk.subarray(position, position + take), this.carryLength);
      this.carryLength += take;
      position += take;
      if (this.carryLength < need) return position;
    }
    const unit = this.carry;
    const length = this.carryLength;
    this.carry = undefined;
    this.carryLength = 0;
    if (unit !== undefined && this.parseUnit(unit, 0, length)) this.offset += length;
    return position;
  }

  /**
   * Length of the record or block that starts at `position`. When fewer bytes are available than its header, the
   * header length is returned (more than `available`), so the caller waits for more input. −1: input is corrupt
   * and the reader has stopped.
   */
  private unitLength(bytes: Uint8Array, position: number, available: number): number {
    switch (this.state) {
      case STATE_PCAP: {
        const header = this.pcapRecordHeader;
        if (available < header) return header;
        const captured = u32(bytes, position + 8, this.littleEndian);
        if (captured > this.pcapMaxCaptured) {
          this.fail(
            'capture-bad-record',
            this.offset,
            `Packet record at offset ${this.offset} claims ${captured} captured bytes, more than the ${this.pcapMaxCaptured} a record may hold.`,
          );
          return -1;
        }
        return header + captured;
      }
      case STATE_PCAPNG:
        return this.blockLength(bytes, position, available, false);
      case STATE_START: {
        if (available < 4) return 4;
        const magic = u32le(bytes, position);
        if (magic === PCAPNG_SHB) return this.blockLength(bytes, position, available, true);
        if (this.sniffPcap(magic)) return 24;
        this.fail(
          'capture-bad-magic',
          0,
          `Not a pcap or pcapng capture: the file starts with 0x${magic.toString(16).padStart(8, '0')} (little-endian).`,
        );
        return -1;
      }
      default:
        return -1;
    }
  }

  /** Recognises the four pcap magic numbers (µs/ns, both byte orders) and the 24-byte-record variant. */
  private sniffPcap(magic: number): boolean {
    switch (magic) {
      case 0xa1b2c3d4:
      case 0xd4c3b2a1:
        this.pcapNanoseconds = false;
        this.pcapRecordHeader = 16;
        break;
      case 0xa1b23c4d:
      case 0x4d3cb2a1:
        this.pcapNanoseconds = true;
        this.pcapRecordHeader = 16;
        break;
      case 0xa1b2cd34:
      case 0x34cdb2a1:
        this.pcapNanoseconds = false;
        this.pcapRecordHeader = 24;
        break;
      default:
        return false;
    }
    this.littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d || magic === 0xa1b2cd34;
    return true;
  }

  private blockLength(bytes: Uint8Array, position: number, available: number, first: boolean): number {
    if (available < 8) return 8;
    let littleEndian = this.littleEndian;
    const type = u32(bytes, position, littleEndian);
    if (type === PCAPNG_SHB) {
      if (available < 12) return 12;
      const byteOrder = u32le(bytes, position + 8);
      if (byteOrder === BYTE_ORDER_MAGIC) littleEndian = true;
      else if (byteOrder === 0x4d3c2b1a) littleEndian = false;
      else {
        this.fail(
          first ? 'capture-bad-magic' : 'capture-bad-block',
          first ? 8 : this.offset,
          `Section header block at offset ${this.offset} has no valid byte-order magic.`,
        );
        return -1;
      }
    }
    const length = u32(bytes, position + 4, littleEndian);
    if (length < 12 || length % 4 !== 0 || length > this.maxRecordBytes) {
      this.fail(
        'capture-bad-block',
        this.offset,
        `Block at offset ${this.offset} has an invalid total length of ${length} bytes.`,
      );
      return -1;
    }
    return length;
  }

  /** Parses one complete unit; false when it was corrupt and the reader stopped. */
  private parseUnit(bytes: Uint8Array, position: number, length: number): boolean {
    if (this.state === STATE_PCAP) {
      this.pcapRecord(bytes, position, length);
      return true;
    }
    if (this.state === STATE_START && length === 24 && u32le(bytes, position) !== PCAPNG_SHB) {
      this.pcapHeader(bytes, position);
      return true;
    }
    return this.pcapngBlock(bytes, position, length);
  }

  private pcapHeader(bytes: Uint8Array, position: number): void {
    const snapLength = u32(bytes, position + 16, this.littleEndian);
    const linkType = u32(bytes, position + 20, this.littleEndian) & 0xffff;
    this.pcapInterface = this.pcapNanoseconds
      ? {
          linkType,
          snapLength,
          divisor: 1_000_000_000,
          bigDivisor: 1_000_000_000n,
          nanosPerUnit: 1,
          offsetSeconds: 0,
        }
      : MICROSECOND_INTERFACE(linkType, snapLength);
    this.pcapMaxCaptured = Math.min(this.maxRecordBytes, Math.max(STANDARD_MAX_PACKET, snapLength));
    this.format = 'pcap';
    this.state = STATE_PCAP;
  }

  private pcapRecord(bytes: Uint8Array, position: number, length: number): void {
    const littleEndian = this.littleEndian;
    let seconds = u32(bytes, position, littleEndian);
    let fraction = u32(bytes, position + 4, littleEndian);
    let nanoseconds = this.pcapNanoseconds ? fraction : fraction * 1000;
    if (nanoseconds >= 1_000_000_000) {
      fraction = Math.floor(nanoseconds / 1_000_000_000);
      seconds += fraction;
      nanoseconds -= fraction * 1_000_000_000;
    }
    const header = this.pcapRecordHeader;
    this.emit(
      bytes,
      position + header,
      length - header,
      u32(bytes, position + 12, littleEndian),
      this.pcapInterface.linkType,
      0,
      seconds,
      nanoseconds,
    );
  }

  private pcapngBlock(bytes: Uint8Array, position: number, length: number): boolean {
    const type = u32(bytes, position, this.littleEndian);
    if (type === PCAPNG_SHB) return this.sectionHeader(bytes, position, length);
    const littleEndian = this.littleEndian;
    if (u32(bytes, position + length - 4, littleEndian) !== length) {
      this.fail(
        'capture-bad-block',
        this.offset,
        `Block at offset ${this.offset} does not end with its own length (${length}); the file is corrupt from here.`,
      );
      return false;
    }
    switch (type) {
      case PCAPNG_IDB:
        return this.interfaceDescription(bytes, position, length);
      case PCAPNG_EPB:
      case PCAPNG_OPB: {
        if (length < 32) return this.badBlock(type, length);
        const interfaceId =
          type === PCAPNG_EPB
            ? u32(bytes, position + 8, littleEndian)
            : u16(bytes, position + 8, littleEndian);
        const captured = u32(bytes, position + 20, littleEndian);
        if (28 + captured > length - 4) return this.badBlock(type, length);
        const description = this.interfaces[interfaceId];
        if (description === undefined) {
          this.unknownInterface(interfaceId);
          return true;
        }
        this.timestamp(
          description,
          u32(bytes, position + 12, littleEndian),
          u32(bytes, position + 16, littleEndian),
        );
        this.emit(
          bytes,
          position + 28,
          captured,
          u32(bytes, position + 24, littleEndian),
          description.linkType,
          interfaceId,
          this.lastSeconds,
          this.lastNanoseconds,
        );
        return true;
      }
      case PCAPNG_SPB: {
        if (length < 16) return this.badBlock(type, length);
        const description = this.interfaces[0];
        if (description === undefined) {
          this.unknownInterface(0);
          return true;
        }
        const original = u32(bytes, position + 8, littleEndian);
        let captured = Math.min(original, length - 16);
        if (description.snapLength > 0) captured = Math.min(captured, description.snapLength);
        this.emit(
          bytes,
          position + 12,
          captured,
          original,
          description.linkType,
          0,
          this.lastSeconds,
          this.lastNanoseconds,
        );
        return true;
      }
      default:
        return true;
    }
  }

  private badBlock(type: number, length: number): false {
    this.fail(
      'capture-bad-block',
      this.offset,
      `Block of type ${type} at offset ${this.offset} is malformed (total length ${length}).`,
    );
    return false;
  }

  private unknownInterface(interfaceId: number): void {
    if (this.skippedPackets === 0) {
      this.warn(
        'capture-unknown-interface',
        this.offset,
        `Packet block at offset ${this.offset} names interface ${interfaceId}, which no interface description block declared; such packets are skipped.`,
      );
    }
    this.skippedPackets += 1;
  }

  private sectionHeader(bytes: Uint8Array, position: number, length: number): boolean {
    this.littleEndian = u32le(bytes, position + 8) === BYTE_ORDER_MAGIC;
    if (length < 28 || u32(bytes, position + length - 4, this.littleEndian) !== length) {
      return this.badBlock(PCAPNG_SHB, length);
    }
    const major = u16(bytes, position + 12, this.littleEndian);
    if (major !== 1) {
      this.fail(
        'capture-unsupported-version',
        this.offset,
        `Section header block at offset ${this.offset} declares pcapng version ${major}.${u16(bytes, position + 14, this.littleEndian)}; only version 1 is defined.`,
      );
      return false;
    }
    this.interfaces = [];
    this.format = 'pcapng';
    this.state = STATE_PCAPNG;
    return true;
  }

  private interfaceDescription(bytes: Uint8Array, position: number, length: number): boolean {
    if (length < 20) return this.badBlock(PCAPNG_IDB, length);
    const littleEndian = this.littleEndian;
    const linkType = u16(bytes, position + 8, littleEndian);
    const snapLength = u32(bytes, position + 12, littleEndian);
    let resolution = 6;
    let base2 = false;
    let offsetSeconds = 0;
    const end = position + length - 4;
    for (let option = position + 16; option + 4 <= end;) {
      const code = u16(bytes, option, littleEndian);
      const size = u16(bytes, option + 2, littleEndian);
      if (code === 0 || option + 4 + size > end) break;
      if (code === 9 && size >= 1) {
        const value = bytes[option + 4] ?? 6;
        base2 = (value & 0x80) !== 0;
        resolution = value & 0x7f;
      } else if (code === 14 && size >= 8) {
        const high = u32(bytes, option + (littleEndian ? 8 : 4), littleEndian) | 0;
        const low = u32(bytes, option + (littleEndian ? 4 : 8), littleEndian);
        offsetSeconds = high * 0x100000000 + low;
      }
      option += 4 + ((size + 3) & ~3);
    }
    if (this.interfaces.length < MAX_INTERFACES) {
      this.interfaces.push(describeInterface(linkType, snapLength, resolution, base2, offsetSeconds));
    }
    return true;
  }

  private timestamp(description: CaptureInterface, high: number, low: number): void {
    if (description.divisor > 0) {
      divideUint64(high, low, description.divisor);
      this.lastSeconds = division.quotient + description.offsetSeconds;
      this.lastNanoseconds = Math.floor(division.remainder * description.nanosPerUnit);
      return;
    }
    const units = (BigInt(high) << 32n) | BigInt(low);
    const perSecond = description.bigDivisor;
    this.lastSeconds = Number(units / perSecond) + description.offsetSeconds;
    this.lastNanoseconds = Number(((units % perSecond) * 1_000_000_000n) / perSecond);
  }

  private emit(
    bytes: Uint8Array,
    offset: number,
    capturedLength: number,
    originalLength: number,
    linkType: number,
    interfaceId: number,
    seconds: number,
    nanoseconds: number,
  ): void {
    const raw = this.raw;
    raw.bytes = bytes;
    raw.offset = offset;
    raw.capturedLength = capturedLength;
    raw.originalLength = Math.max(originalLength, capturedLength);
    raw.linkType = linkType;
    raw.interfaceId = interfaceId;
    raw.seconds = seconds;
    raw.nanoseconds = nanoseconds;
    raw.fileOffset = this.offset;
    raw.index = this.packets;
    this.lastSeconds = seconds;
    this.lastNanoseconds = nanoseconds;
    this.packets += 1;
    this.sink(raw);
  }
}

/** Interface timestamp settings from `if_tsresol` (base-10 or base-2 exponent) and `if_tsoffset`. */
const describeInterface = (
  linkType: number,
  snapLength: number,
  exponent: number,
  base2: boolean,
  offsetSeconds: number,
): CaptureInterface => {
  const bigDivisor = base2 ? 1n << BigInt(exponent) : 10n ** BigInt(exponent);
  const exact = base2 ? exponent <= 37 : exponent <= 11;
  const divisor = exact ? Number(bigDivisor) : 0;
  return {
    linkType,
    snapLength,
    divisor,
    bigDivisor,
    nanosPerUnit: exact ? 1e9 / divisor : 0,
    offsetSeconds,
  };
};

/** A packet as the public incremental reader returns it. */
export interface CapturePacket {
  /** 0-based number of the packet in the file. */
  readonly index: number;
  /** Byte offset of the packet's record (pcap) or block (pcapng). */
  readonly fileOffset: number;
  /** pcapng interface id; 0 for pcap. */
  readonly interfaceId: number;
  /** LINKTYPE_* of the packet's interface. */
  readonly linkType: number;
  /**
   * Seconds since the Unix epoch. Timestamps are split into whole seconds and nanoseconds (like `struct
   * timespec`) so that nanosecond captures stay exact without a bigint per packet.
   */
  readonly timestampSeconds: number;
  /** Nanoseconds within the second. */
  readonly timestampNanoseconds: number;
  /** The captured bytes: a view into the pushed chunk, valid as long as the caller does not overwrite it. */
  readonly data: Uint8Array;
  /** Length of the frame on the wire. */
  readonly originalLength: number;
}

/** What an incremental read amounted to once the input ended. */
export interface CaptureReadSummary {
  readonly format: CaptureFormat | undefined;
  readonly packets: number;
  /** Bytes of input received. */
  readonly bytes: number;
  /** True when the input ended inside a record or was corrupt; packets before that point were still read. */
  readonly truncated: boolean;
  readonly diagnostics: readonly CaptureDiagnostic[];
}

/** Incremental capture reader: push chunks, take the packets each chunk completed, then end. */
export interface CaptureReader {
  /** Reads a chunk and returns the packets it completed (possibly none). */
  push(chunk: Uint8Array): CapturePacket[];
  /** Ends the input; an incomplete trailing record is reported as `capture-truncated`. */
  end(): CaptureReadSummary;
  /** Bytes pushed so far, for progress reports. */
  readonly bytesRead: number;
  /** Packets read so far. */
  readonly packetsRead: number;
}

/**
 * Creates an incremental pcap/pcapng reader. Feed the file in chunks of any size (1–4 MB reads are fastest); the
 * memory held is one record at most, so files of any size stream in constant memory.
 */
export const createCaptureReader = (limits: CaptureReaderLimits = {}): CaptureReader => {
  let pending: CapturePacket[] = [];
  const reader = new CaptureStreamReader((raw) => {
    pending.push({
      index: raw.index,
      fileOffset: raw.fileOffset,
      interfaceId: raw.interfaceId,
      linkType: raw.linkType,
      timestampSeconds: raw.seconds,
      timestampNanoseconds: raw.nanoseconds,
      data: raw.bytes.subarray(raw.offset, raw.offset + raw.capturedLength),
      originalLength: raw.originalLength,
    });
  }, limits);
  return {
    push(chunk) {
      reader.push(chunk);
      const packets = pending;
      pending = [];
      return packets;
    },
    end() {
      reader.end();
      return {
        format: reader.format,
        packets: reader.packets,
        bytes: reader.bytesReceived,
        truncated: reader.stoppedEarly,
        diagnostics: [...reader.diagnostics],
      };
    },
    get bytesRead() {
      return reader.bytesReceived;
    },
    get packetsRead() {
      return reader.packets;
    },
  };
};

/** Reads a whole capture held in memory (one buffer or a sequence of chunks) into a list of packets. */
export const readCapturePackets = (
  input: Uint8Array | Iterable<Uint8Array>,
  limits: CaptureReaderLimits = {},
): CaptureReadSummary & { readonly packetList: readonly CapturePacket[] } => {
  const reader = createCaptureReader(limits);
  const packetList: CapturePacket[] = [];
  const chunks = input instanceof Uint8Array ? [input] : input;
  for (const chunk of chunks) {
    for (const packet of reader.push(chunk)) packetList.push(packet);
  }
  return { ...reader.end(), packetList };
};
