import { describe, expect, it } from 'vitest';
import { isScoreMismatch, scoreCvssVector } from './cvss-score';

describe('scoreCvssVector', () => {
  it.each([
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H', '3.0', 8.6],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 9.8],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0', 9.3],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', '2.0', 7.5],
  ])('scores %s', (vector, version, score) => {
    expect(scoreCvssVector(vector)).toEqual({ ok: true, rating: { version, score, vector } });
  });

  it.each(['', 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS:3.1/AV:N', 'CVSS:9.9/AV:N'])(
    'refuses %j',
    (vector) => {
      expect(scoreCvssVector(vector).ok).toBe(false);
    },
  );
});

describe('isScoreMismatch', () => {
  it('tolerates rounding but not a different score', () => {
    expect(isScoreMismatch(8.6, 8.6)).toBe(false);
    expect(isScoreMismatch(8.6, 8.61)).toBe(false);
    expect(isScoreMismatch(8.6, 8.8)).toBe(true);
  });
});
