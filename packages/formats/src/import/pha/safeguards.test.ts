import { describe, expect, it } from 'vitest';
import { parseSafeguards, splitListCell } from './safeguards';

describe('splitListCell', () => {
  it('splits on line breaks and semicolons and drops bullets and numbering', () => {
    expect(splitListCell('1) PAH-101 alarm\n2. SIS trip\r\n- PSV-101; • operator rounds;;')).toEqual([
      'PAH-101 alarm',
      'SIS trip',
      'PSV-101',
      'operator rounds',
    ]);
    expect(splitListCell('1.2 bar relief')).toEqual(['1.2 bar relief']);
  });
});

describe('parseSafeguards', () => {
  it('reads markers in the safeguard text and strips them from the name', () => {
    const { safeguards, problems } = parseSafeguards(
      'PAH-101 [H]\nSIS trip (hackable)\nPSV-101 [NH]\nDike (not hackable)\nCheck valve',
      '',
    );
    expect(safeguards).toEqual([
      { name: 'PAH-101', isHackable: true },
      { name: 'SIS trip', isHackable: true },
      { name: 'PSV-101', isHackable: false },
      { name: 'Dike', isHackable: false },
      { name: 'Check valve', isHackable: undefined },
    ]);
    expect(problems).toEqual([]);
  });

  it('pairs one yes/no value per safeguard, or applies a single value to all', () => {
    expect(parseSafeguards('A; B; C', 'y; n; yes').safeguards.map((s) => s.isHackable)).toEqual([
      true,
      false,
      true,
    ]);
    expect(parseSafeguards('A\nB', 'Yes').safeguards.map((s) => s.isHackable)).toEqual([true, true]);
    expect(parseSafeguards('A; B', '0,1').safeguards.map((s) => s.isHackable)).toEqual([false, true]);
  });

  it('reads a hackable cell that names the hackable safeguards', () => {
    const { safeguards, problems } = parseSafeguards(
      'High chlorine alarm AAH-201; Hardware speed limiter',
      'AAH-201',
    );
    expect(safeguards.map((s) => s.isHackable)).toEqual([true, false]);
    expect(problems).toEqual([]);
  });

  it('lets a marker win over the column and reports what it cannot read', () => {
    expect(parseSafeguards('A [NH]; B', 'y; y').safeguards.map((s) => s.isHackable)).toEqual([false, true]);
    expect(parseSafeguards('A; B; C', 'y; n').problems.map((p) => p.code)).toEqual([
      'pha-hackable-count-mismatch',
    ]);
    expect(parseSafeguards('A; B', 'maybe').problems.map((p) => p.code)).toEqual(['pha-invalid-hackable']);
  });
});
