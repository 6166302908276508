// FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const ROUND_CONSTANTS = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

// FIPS 180-4 §5.3.3: initial hash value.
const INITIAL_HASH = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/**
 * Incremental SHA-256 (FIPS 180-4): feed strings (hashed as UTF-8) or bytes with `update`, then call `digest` once.
 * Strings are encoded straight into the current block's big-endian words, so hashing a large canonical model needs
 * no copy of it. Written here because core is pure and may not import node:crypto; lone surrogates hash as U+FFFD,
 * as TextEncoder would encode them.
 */
export class Sha256 {
  private readonly state = new Int32Array(INITIAL_HASH);
  private readonly schedule = new Int32Array(64);
  /** The current block as 16 big-endian words, filled byte by byte. */
  private readonly words = new Int32Array(16);
  /** Bytes in the current block, 0–63. */
  private blockLength = 0;
  /** Whole blocks hashed so far; a double is exact far beyond any model size. */
  private blockCount = 0;
  /** A high surrogate seen at the end of the previous string chunk. */
  private pendingSurrogate = 0;
  private isFinished = false;

  /** Adds the UTF-8 encoding of a string. A surrogate pair split across two calls is joined. */
  update(text: string): this {
    const words = this.words;
    const end = text.length;
    let length = this.blockLength;
    let index = 0;
    while (index < end) {
      // Fast path: four ASCII characters at a word boundary become one word (almost all of a model is ASCII).
      if ((length & 3) === 0 && index + 3 < end && this.pendingSurrogate === 0) {
        const c0 = text.charCodeAt(index);
        const c1 = text.charCodeAt(index + 1);
        const c2 = text.charCodeAt(index + 2);
        const c3 = text.charCodeAt(index + 3);
        if ((c0 | c1 | c2 | c3) < 0x80) {
          words[length >> 2] = (c0 << 24) | (c1 << 16) | (c2 << 8) | c3;
          length += 4;
          index += 4;
          if (length === 64) {
            this.compress();
            length = 0;
          }
          continue;
        }
      }
      const code = text.charCodeAt(index);
      index += 1;
      if (code < 0x80 && this.pendingSurrogate === 0) {
        words[length >> 2] = (words[length >> 2] as number) | (code << (24 - ((length & 3) << 3)));
        length += 1;
        if (length === 64) {
          this.compress();
          length = 0;
        }
        continue;
      }
      this.blockLength = length;
      this.updateCodeUnit(code);
      length = this.blockLength;
    }
    this.blockLength = length;
    return this;
  }

  /** Adds raw bytes. */
  updateBytes(bytes: Uint8Array): this {
    this.flushSurrogate();
    for (const byte of bytes) this.pushByte(byte);
    return this;
  }

  /** Finishes the hash and returns 64 lowercase hex digits; the hasher cannot be used afterwards. */
  digest(): string {
    if (this.isFinished) throw new Error('Sha256.digest() was already called');
    this.flushSurrogate();
    this.isFinished = true;
    const bitLength = (this.blockCount * 64 + this.blockLength) * 8;
    this.pushByte(0x80);
    while (this.blockLength !== 56) this.pushByte(0);
    const high = Math.floor(bitLength / 0x100000000);
    for (const word of [high, bitLength >>> 0]) {
      this.pushByte(word >>> 24);
      this.pushByte((word >>> 16) & 0xff);
      this.pushByte((word >>> 8) & 0xff);
      this.pushByte(word & 0xff);
    }
    return Array.from(this.state, (word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
  }

  private updateCodeUnit(unit: number): void {
    let code = unit;
    if (this.pendingSurrogate !== 0) {
      const high = this.pendingSurrogate;
      this.pendingSurrogate = 0;
      if (code >= 0xdc00 && code <= 0xdfff) {
        this.pushCodePoint(0x10000 + ((high - 0xd800) << 10) + (code - 0xdc00));
        return;
      }
      this.pushCodePoint(0xfffd);
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      this.pendingSurrogate = code;
      return;
    }
    if (code >= 0xdc00 && code <= 0xdfff) code = 0xfffd;
    this.pushCodePoint(code);
  }

  private flushSurrogate(): void {
    if (this.pendingSurrogate === 0) return;
    this.pendingSurrogate = 0;
    this.pushCodePoint(0xfffd);
  }

  private pushCodePoint(code: number): void {
    if (code < 0x80) {
      this.pushByte(code);
    } else if (code < 0x800) {
      this.pushByte(0xc0 | (code >> 6));
      this.pushByte(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      this.pushByte(0xe0 | (code >> 12));
      this.pushByte(0x80 | ((code >> 6) & 0x3f));
      this.pushByte(0x80 | (code & 0x3f));
    } else {
      this.pushByte(0xf0 | (code >> 18));
      this.pushByte(0x80 | ((code >> 12) & 0x3f));
      this.pushByte(0x80 | ((code >> 6) & 0x3f));
      this.pushByte(0x80 | (code & 0x3f));
    }
  }

  private pushByte(byte: number): void {
    const length = this.blockLength;
    if ((length & 3) === 0) this.words[length >> 2] = byte << 24;
    else this.words[length >> 2] = (this.words[length >> 2] as number) | (byte << (24 - ((length & 3) << 3)));
    this.blockLength = length + 1;
    if (this.blockLength === 64) {
      this.compress();
      this.blockLength = 0;
    }
  }

  // FIPS 180-4 §6.2.2, in int32 arithmetic (`| 0`), which the engine keeps unboxed.
  private compress(): void {
    this.blockCount += 1;
    const { words, schedule: w, state } = this;
    for (let t = 0; t < 16; t += 1) w[t] = words[t] as number;
    words.fill(0);
    for (let t = 16; t < 64; t += 1) {
      const w15 = w[t - 15] as number;
      const w2 = w[t - 2] as number;
      const sigma0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const sigma1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      w[t] = ((w[t - 16] as number) + sigma0 + (w[t - 7] as number) + sigma1) | 0;
    }
    let a = state[0] as number;
    let b = state[1] as number;
    let c = state[2] as number;
    let d = state[3] as number;
    let e = state[4] as number;
    let f = state[5] as number;
    let g = state[6] as number;
    let h = state[7] as number;
    for (let t = 0; t < 64; t += 1) {
      const sum1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const choice = (e & f) ^ (~e & g);
      const temp1 = (h + sum1 + choice + (ROUND_CONSTANTS[t] as number) + (w[t] as number)) | 0;
      const sum0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const temp2 = (sum0 + majority) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + temp1) | 0;
      d = c;
      c = b;
      b = a;
      a = (temp1 + temp2) | 0;
    }
    state[0] = ((state[0] as number) + a) | 0;
    state[1] = ((state[1] as number) + b) | 0;
    state[2] = ((state[2] as number) + c) | 0;
    state[3] = ((state[3] as number) + d) | 0;
    state[4] = ((state[4] as number) + e) | 0;
    state[5] = ((state[5] as number) + f) | 0;
    state[6] = ((state[6] as number) + g) | 0;
    state[7] = ((state[7] as number) + h) | 0;
  }
}

/** SHA-256 of raw bytes, as 64 lowercase hex digits. */
export const sha256Bytes = (message: Uint8Array): string => new Sha256().updateBytes(message).digest();

/**
 * SHA-256 of a string's UTF-8 encoding, as 64 lowercase hex digits. Approvals (ZCR 7) sign this digest of the
 * canonical model.
 */
export const sha256 = (text: string): string => new Sha256().update(text).digest();
