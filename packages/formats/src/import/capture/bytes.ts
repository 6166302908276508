/**
 * Small byte helpers for the capture readers and decoders. They index a `Uint8Array` directly instead of going
 * through a `DataView`, because a view per record would allocate on the hot path. Reads past the end yield
 * `undefined`, which the bitwise operators turn into 0, so a short buffer reads as zero bytes, never as an error.
 */

/** Unsigned 16-bit big-endian value at `offset`. */
export const u16be = (bytes: Uint8Array, offset: number): number =>
  (bytes[offset]! << 8) | bytes[offset + 1]!;

/** Unsigned 16-bit little-endian value at `offset`. */
export const u16le = (bytes: Uint8Array, offset: number): number =>
  bytes[offset]! | (bytes[offset + 1]! << 8);

/** Unsigned 32-bit big-endian value at `offset`. */
export const u32be = (bytes: Uint8Array, offset: number): number =>
  ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>>
  0;

/** Unsigned 32-bit little-endian value at `offset`. */
export const u32le = (bytes: Uint8Array, offset: number): number =>
  (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>>
  0;

/** Unsigned 16-bit value in the given byte order. */
export const u16 = (bytes: Uint8Array, offset: number, littleEndian: boolean): number =>
  littleEndian ? u16le(bytes, offset) : u16be(bytes, offset);

/** Unsigned 32-bit value in the given byte order. */
export const u32 = (bytes: Uint8Array, offset: number, littleEndian: boolean): number =>
  littleEndian ? u32le(bytes, offset) : u32be(bytes, offset);

/** Formats an IPv4 address held as an unsigned 32-bit number (`0x0a000001` → `10.0.0.1`). */
export const formatIpv4 = (address: number): string =>
  `${address >>> 24}.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.${address & 0xff}`;

/**
 * Formats an IPv6 address given as four 32-bit words, in the RFC 5952 canonical text form (lower case, leading
 * zeros dropped, the longest run of two or more zero groups shortened to `::`).
 */
export const formatIpv6 = (w0: number, w1: number, w2: number, w3: number): string => {
  const groups = [
    w0 >>> 16,
    w0 & 0xffff,
    w1 >>> 16,
    w1 & 0xffff,
    w2 >>> 16,
    w2 & 0xffff,
    w3 >>> 16,
    w3 & 0xffff,
  ];
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
};

/** Formats a MAC address held as a 48-bit number (exact in a double) as `00:1b:1b:12:34:56`. */
export const formatMac = (mac: number): string => {
  const high = Math.floor(mac / 0x100000000);
  const low = mac >>> 0;
  const bytes = [high >>> 8, high & 0xff, low >>> 24, (low >>> 16) & 0xff, (low >>> 8) & 0xff, low & 0xff];
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':');
};

/** Reads a 48-bit MAC address at `offset` as a number. */
export const readMac = (bytes: Uint8Array, offset: number): number =>
  u16be(bytes, offset) * 0x100000000 + u32be(bytes, offset + 2);

/**
 * Decodes printable ASCII (Latin-1) text, stopping at the first NUL and trimming trailing spaces, as device
 * identity fields pad their names with NULs or blanks. Non-printable bytes become `?`.
 */
export const readAscii = (bytes: Uint8Array, offset: number, length: number): string => {
  const end = Math.min(bytes.length, offset + length);
  let text = '';
  for (let i = offset; i < end; i += 1) {
    const byte = bytes[i] ?? 0;
    if (byte === 0) break;
    text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '?';
  }
  return text.trim();
};

/** Scratch result of {@link divideUint64}: reused so the division allocates nothing. */
export const division = { quotient: 0, remainder: 0 };

/**
 * Divides the unsigned 64-bit value `high·2³² + low` by `divisor` (an integer up to 2³⁷) exactly, with 16-bit long
 * division so that every intermediate stays below 2⁵³. pcapng timestamps in nanoseconds exceed 2⁵³, so a plain
 * double division would lose the last digits. The result lands in {@link division}.
 */
export const divideUint64 = (high: number, low: number, divisor: number): void => {
  if (high < 0x200000) {
    const value = high * 0x100000000 + low;
    const quotient = Math.floor(value / divisor);
    division.quotient = quotient;
    division.remainder = value - quotient * divisor;
    return;
  }
  let remainder = 0;
  let quotient = 0;
  const limbs = [high >>> 16, high & 0xffff, low >>> 16, low & 0xffff];
  for (const limb of limbs) {
    const current = remainder * 0x10000 + limb;
    const digit = Math.floor(current / divisor);
    remainder = current - digit * divisor;
    quotient = quotient * 0x10000 + digit;
  }
  division.quotient = quotient;
  division.remainder = remainder;
};
