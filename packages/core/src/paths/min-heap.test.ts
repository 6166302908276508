import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { MinHeap, NumericMinHeap } from './min-heap';

describe('MinHeap', () => {
  test.prop([fc.array(fc.integer({ min: -50, max: 50 }))], { seed: 62443 })(
    'pops items in ascending order',
    (values) => {
      const heap = new MinHeap<number>((a, b) => a - b);
      for (const value of values) heap.push(value);
      const popped: number[] = [];
      for (let item = heap.pop(); item !== undefined; item = heap.pop()) popped.push(item);
      expect(popped).toEqual([...values].sort((a, b) => a - b));
      expect(heap.size).toBe(0);
    },
  );
});

describe('NumericMinHeap', () => {
  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.nat(1000)), { maxLength: 300 })], {
    seed: 62443,
  })('pops values in ascending key order', (entries) => {
    const heap = new NumericMinHeap();
    entries.forEach(([key, value]) => heap.push(key, value));
    const keys: number[] = [];
    while (heap.size > 0) {
      keys.push(heap.peekKey() as number);
      heap.pop();
    }
    expect(keys).toEqual(entries.map(([key]) => key).sort((a, b) => a - b));
    expect(heap.pop()).toBeUndefined();
  });
});
