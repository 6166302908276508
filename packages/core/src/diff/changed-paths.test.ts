import { describe, expect, it } from 'vitest';
import { changedPaths } from './changed-paths';

describe('changedPaths', () => {
  it.each([
    [{ a: 1 }, { a: 1 }, []],
    [{ a: 1, b: undefined }, { a: 1 }, []],
    [{ criticality: { production: 3 } }, { criticality: { production: 4 } }, ['criticality.production']],
    [
      { channels: [{ port: 1 }, { port: 2 }] },
      { channels: [{ port: 1 }, { port: 3 }] },
      ['channels[1].port'],
    ],
    [{ tags: ['a'] }, { tags: ['a', 'b'] }, ['tags']],
    [{ b: 1, a: 1 }, { a: 2, b: 2, c: 3 }, ['a', 'b', 'c']],
    [1, 2, ['']],
  ])('compares %j with %j', (before, after, expected) => {
    expect(changedPaths(before, after)).toEqual(expected);
  });
});
