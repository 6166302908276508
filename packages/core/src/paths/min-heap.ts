/** A binary min-heap ordered by a comparator; the best-first path search keeps its frontier in one. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  /** Number of items held. */
  get size(): number {
    return this.items.length;
  }

  /** Adds an item. */
  push(item: T): void {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.compare(items[index] as T, items[parent] as T) >= 0) break;
      [items[index], items[parent]] = [items[parent] as T, items[index] as T];
      index = parent;
    }
  }

  /** Removes and returns the smallest item, or undefined when empty. */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < items.length && this.compare(items[left] as T, items[smallest] as T) < 0) smallest = left;
      if (right < items.length && this.compare(items[right] as T, items[smallest] as T) < 0) smallest = right;
      if (smallest === index) break;
      [items[index], items[smallest]] = [items[smallest] as T, items[index] as T];
      index = smallest;
    }
    return top;
  }
}

/**
 * A binary min-heap of (key, value) number pairs in typed arrays, for Dijkstra over integer node indexes without
 * allocating an object per entry. Equal keys pop in no particular order.
 */
export class NumericMinHeap {
  private keys = new Float64Array(64);
  private values = new Int32Array(64);
  private length = 0;

  /** Number of entries held. */
  get size(): number {
    return this.length;
  }

  /** Adds an entry. */
  push(key: number, value: number): void {
    if (this.length === this.keys.length) {
      const keys = new Float64Array(this.length * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    const { keys, values } = this;
    let index = this.length;
    this.length += 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((keys[parent] as number) <= key) break;
      keys[index] = keys[parent] as number;
      values[index] = values[parent] as number;
      index = parent;
    }
    keys[index] = key;
    values[index] = value;
  }

  /** The smallest key; undefined when empty. */
  peekKey(): number | undefined {
    return this.length === 0 ? undefined : this.keys[0];
  }

  /** Removes the entry with the smallest key and returns its value; undefined when empty. */
  pop(): number | undefined {
    if (this.length === 0) return undefined;
    const { keys, values } = this;
    const top = values[0];
    this.length -= 1;
    const key = keys[this.length] as number;
    const value = values[this.length] as number;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      if (left >= this.length) break;
      const right = left + 1;
      const child = right < this.length && (keys[right] as number) < (keys[left] as number) ? right : left;
      if ((keys[child] as number) >= key) break;
      keys[index] = keys[child] as number;
      values[index] = values[child] as number;
      index = child;
    }
    keys[index] = key;
    values[index] = value;
    return top;
  }
}
