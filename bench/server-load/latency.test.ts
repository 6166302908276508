import { describe, expect, it } from 'vitest';
import { LatencyLog, quantile, summariseLatency } from './latency';

describe('latency summary', () => {
  it('takes nearest-rank percentiles of every recorded value, growing past its first buffer', () => {
    const log = new LatencyLog();
    // 1..10000 in a shuffled order: the percentiles are known exactly.
    for (let index = 0; index < 10_000; index += 1) log.add(((index * 7919) % 10_000) + 1);
    expect(summariseLatency(log)).toEqual({
      count: 10_000,
      meanMs: 5000.5,
      p50Ms: 5000,
      p95Ms: 9500,
      p99Ms: 9900,
      maxMs: 10_000,
    });
  });

  it('answers NaN for an empty log and the single value for one request', () => {
    expect(summariseLatency(new LatencyLog()).p99Ms).toBeNaN();
    const one = new LatencyLog();
    one.add(12.5);
    expect(summariseLatency(one)).toMatchObject({ p50Ms: 12.5, p99Ms: 12.5, maxMs: 12.5 });
    expect(quantile(Float64Array.from([1, 2, 3, 4]), 0.75)).toBe(3);
  });

  it('merges logs of several kinds of request', () => {
    const reads = new LatencyLog();
    const writes = new LatencyLog();
    reads.add(1);
    reads.add(3);
    writes.add(2);
    const all = new LatencyLog();
    all.addAll(reads);
    all.addAll(writes);
    expect(Array.from(all.sorted())).toEqual([1, 2, 3]);
  });
});
