import { describe, expect, it } from 'vitest';
import { summariseProfile, topSelfTime, type CpuProfile } from './profile-summary';

const frame = (functionName: string, line: number) => ({
  functionName,
  url: 'file:///repo/packages/core/src/a.ts',
  lineNumber: line,
});

// root → main → (walk → walk (recursion), format); samples: walk ×3 (two in the recursive frame), format ×1, main ×1.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
    { id: 2, callFrame: frame('main', 0), children: [3, 5] },
    { id: 3, callFrame: frame('walk', 9), children: [4] },
    { id: 4, callFrame: frame('walk', 9), children: [] },
    { id: 5, callFrame: frame('format', 19), children: [] },
  ],
  startTime: 0,
  endTime: 6000,
  samples: [3, 4, 4, 5, 2, 2],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
};

describe('summariseProfile', () => {
  it('counts total time once per stack for recursive functions and shortens locations', () => {
    const spots = summariseProfile(profile, { root: '/repo' });
    expect(spots.map((spot) => [spot.function, spot.location, spot.totalMs, spot.selfMs])).toEqual([
      ['main', 'packages/core/src/a.ts:1', 5, 1],
      ['walk', 'packages/core/src/a.ts:10', 3, 3],
      ['format', 'packages/core/src/a.ts:20', 1, 1],
    ]);
  });

  it('orders by self time on request', () => {
    expect(topSelfTime(profile, { root: '/repo', limit: 2 }).map((spot) => spot.function)).toEqual([
      'walk',
      'main',
    ]);
  });
});
