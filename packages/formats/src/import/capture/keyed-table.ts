/**
 * An open-addressing hash table from fixed-width keys (a few 32-bit words) to dense entry numbers 0, 1, 2, … in
 * insertion order. Keys live in one `Uint32Array`, so a lookup allocates nothing: per-packet string keys in a `Map`
 * are several times slower at a million flows (../shared/docs/performance.md). Callers keep their per-entry
 * columns in typed arrays indexed by the entry number and grow them with {@link entryCapacity}.
 */
export class KeyedTable {
  /** Number of entries. */
  size = 0;
  /** Set by {@link findOrInsert}: true when the last call created the entry. */
  inserted = false;
  /** Entries the key store can hold before it grows; columns sized to this stay in step. */
  entryCapacity: number;
  private keys: Uint32Array;
  private hashes: Uint32Array;
  private slots: Int32Array;
  private mask: number;

  constructor(
    private readonly width: number,
    /** Most entries ever stored; {@link findOrInsert} returns −1 for a new key beyond it. */
    readonly maxEntries: number,
    initialCapacity = 1024,
  ) {
    this.entryCapacity = Math.max(16, Math.min(initialCapacity, maxEntries));
    this.keys = new Uint32Array(this.entryCapacity * width);
    this.hashes = new Uint32Array(this.entryCapacity);
    let slotCount = 32;
    while (slotCount < this.entryCapacity * 2) slotCount *= 2;
    this.slots = new Int32Array(slotCount).fill(-1);
    this.mask = slotCount - 1;
  }

  /** Entry number for `key` (its first `width` words), inserting it if new; −1 when new and the table is full. */
  findOrInsert(key: Uint32Array): number {
    const width = this.width;
    const hash = hashWords(key, width);
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.matches(entry, key)) {
        this.inserted = false;
        return entry;
      }
      slot = (slot + 1) & mask;
    }
    this.inserted = false;
    if (this.size >= this.maxEntries) return -1;
    const entry = this.size;
    if (entry >= this.entryCapacity) {
      this.grow();
      return this.findOrInsert(key);
    }
    this.keys.set(key.subarray(0, width), entry * width);
    this.hashes[entry] = hash;
    slots[slot] = entry;
    this.size = entry + 1;
    this.inserted = true;
    return entry;
  }

  /** Word `index` of the key of `entry`. */
  keyWord(entry: number, index: number): number {
    return this.keys[entry * this.width + index]!;
  }

  private matches(entry: number, key: Uint32Array): boolean {
    const keys = this.keys;
    const base = entry * this.width;
    for (let i = 0; i < this.width; i += 1) {
      if (keys[base + i] !== key[i]) return false;
    }
    return true;
  }

  private grow(): void {
    const capacity = Math.min(this.maxEntries, this.entryCapacity * 2);
    const keys = new Uint32Array(capacity * this.width);
    keys.set(this.keys);
    const hashes = new Uint32Array(capacity);
    hashes.set(this.hashes);
    let slotCount = this.slots.length;
    while (slotCount < capacity * 2) slotCount *= 2;
    const slots = new Int32Array(slotCount).fill(-1);
    const mask = slotCount - 1;
    for (let entry = 0; entry < this.size; entry += 1) {
      let slot = hashes[entry]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.keys = keys;
    this.hashes = hashes;
    this.slots = slots;
    this.mask = mask;
    this.entryCapacity = capacity;
  }
}

/** Mixes the key words (multiply-rotate per word, then a final avalanche) into a 32-bit hash. */
const hashWords = (key: Uint32Array, width: number): number => {
  let hash = 0x9e3779b9 ^ width;
  for (let i = 0; i < width; i += 1) {
    let word = Math.imul(key[i]!, 0xcc9e2d51);
    word = (word << 15) | (word >>> 17);
    hash ^= Math.imul(word, 0x1b873593);
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
};

/** Grows a typed column to `capacity` entries, keeping its contents. */
export const growFloat64 = (
  column: Float64Array<ArrayBuffer>,
  capacity: number,
): Float64Array<ArrayBuffer> => {
  if (column.length >= capacity) return column;
  const grown = new Float64Array(capacity);
  grown.set(column);
  return grown;
};

/** Grows a byte column to `capacity` entries, keeping its contents. */
export const growUint8 = (column: Uint8Array<ArrayBuffer>, capacity: number): Uint8Array<ArrayBuffer> => {
  if (column.length >= capacity) return column;
  const grown = new Uint8Array(capacity);
  grown.set(column);
  return grown;
};

/** Grows an int column to `capacity` entries, keeping its contents. */
export const growInt32 = (column: Int32Array<ArrayBuffer>, capacity: number): Int32Array<ArrayBuffer> => {
  if (column.length >= capacity) return column;
  const grown = new Int32Array(capacity);
  grown.set(column);
  return grown;
};
