import { describe, expect, it } from 'vitest';
import { selectSteps, type StepResult } from './steps';
import { growthCheck, nLogNRatio, targetChecks } from './summary';

const ok = (size: number, step: StepResult['step'], bestSeconds: number, peakRssMb = 100): StepResult => ({
  size,
  step,
  status: 'ok',
  seconds: bestSeconds,
  bestSeconds,
  peakRssMb,
});

describe('selectSteps', () => {
  it('expands groups and step names in run order and reports unknown names', () => {
    expect(selectSteps(['report', 'resolve'])).toEqual({
      steps: ['resolve', 'report-markdown', 'report-html', 'report-docx', 'report-pdf'],
      unknown: [],
    });
    expect(selectSteps(['assess-end-to-end', 'bogus'])).toEqual({
      steps: ['assess-end-to-end'],
      unknown: ['bogus'],
    });
    expect(selectSteps(['diagram', 'registers'])).toEqual({
      steps: ['registers-xlsx', 'diagram'],
      unknown: [],
    });
    expect(selectSteps(undefined).steps).toHaveLength(11);
  });
});

describe('growthCheck', () => {
  it('accepts linear growth and flags quadratic growth between consecutive sizes', () => {
    const growth = growthCheck([
      ok(1_000, 'resolve', 0.1),
      ok(10_000, 'resolve', 1),
      ok(100_000, 'resolve', 100),
    ]);
    expect(growth.map((row) => [row.from, row.to, row.verdict])).toEqual([
      [1_000, 10_000, 'within n·log n'],
      [10_000, 100_000, 'worse than n·log n'],
    ]);
    expect(growth[0]?.exponent).toBeCloseTo(1);
    expect(growth[1]?.exponent).toBeCloseTo(2);
    expect(growth[0]?.nLogNRatio).toBeCloseTo(nLogNRatio(1_000, 10_000));
  });

  it('skips steps that did not run and marks tiny base times as noisy', () => {
    const skipped: StepResult = { size: 10_000, step: 'assess', status: 'skipped' };
    expect(growthCheck([ok(1_000, 'assess', 0.5), skipped])).toEqual([]);
    expect(growthCheck([ok(1_000, 'resolve', 0.001), ok(10_000, 'resolve', 0.01)])[0]?.isNoisy).toBe(true);
  });
});

describe('targetChecks', () => {
  it('applies the issue bar to assess at 100k assets', () => {
    const [assess, endToEnd] = targetChecks([
      ok(100_000, 'assess', 4, 1500),
      ok(100_000, 'assess-end-to-end', 12, 2500),
    ]);
    expect(assess).toMatchObject({ meetsTime: true, meetsMemory: true, status: 'ok' });
    expect(endToEnd).toMatchObject({ meetsTime: false, meetsMemory: false, status: 'ok' });
    expect(targetChecks([])[0]).toMatchObject({ meetsTime: false, status: 'not measured' });
  });
});
