import { describe, expect, it } from 'vitest';
import { changedPaths, changedValues } from './changed-paths';

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

describe('changedValues', () => {
  it('gives each changed path with the value on each side, absent as undefined', () => {
    expect(
      changedValues(
        { name: 'A', criticality: { production: 2 }, tags: ['x'] },
        { name: 'B', criticality: { production: 3, safety: 4 }, tags: ['x', 'y'] },
      ),
    ).toEqual([
      { path: 'criticality.production', before: 2, after: 3 },
      { path: 'criticality.safety', before: undefined, after: 4 },
      { path: 'name', before: 'A', after: 'B' },
      { path: 'tags', before: ['x'], after: ['x', 'y'] },
    ]);
    expect(changedValues({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
