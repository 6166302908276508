import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { MinHeap } from './min-heap';

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
