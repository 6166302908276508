import { describe, expect, it } from 'vitest';
import { createRandom } from './random';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: string) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('keeps int, pick, weighted and sample within their bounds', () => {
    const random = createRandom('bounds');
    for (let index = 0; index < 1_000; index += 1) {
      const value = random.int(3, 7);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(7);
      expect(['x', 'y']).toContain(random.pick(['x', 'y']));
      expect(
        random.weighted([
          ['only', 1],
          ['never', 0],
        ] as const),
      ).toBe('only');
    }
    const sample = random.sample([1, 2, 3, 4, 5, 6], 3);
    expect(new Set(sample).size).toBe(3);
    expect([...sample].sort()).toEqual(sample);
    expect(random.hex(64)).toMatch(/^[0-9a-f]{64}$/);
  });
});
