/**
 * Latency bookkeeping for the server load benchmark: every request's wall time is kept (a minute of 50 clients is a
 * few hundred thousand numbers), so percentiles are exact rather than estimated from buckets.
 */

/** The latencies of one kind of request, in milliseconds, with the outcomes counted. */
export class LatencyLog {
  #values = new Float64Array(4096);
  #count = 0;

  /** Adds one request's wall time. */
  add(milliseconds: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#count] = milliseconds;
    this.#count += 1;
  }

  /** How many were added. */
  get count(): number {
    return this.#count;
  }

  /** The recorded values, sorted ascending (a copy). */
  sorted(): Float64Array {
    return this.#values.slice(0, this.#count).sort();
  }

  /** Appends another log's values (to summarise several kinds together). */
  addAll(other: LatencyLog): void {
    const values = other.sorted();
    for (const value of values) this.add(value);
  }
}

/** The summary the benchmark prints and stores. */
export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** The value at quantile `q` (0–1) of sorted values, nearest-rank: the smallest value with at least q of all at or below it. */
export const quantile = (sorted: Float64Array, q: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
};

/** Count, mean, p50, p95, p99 and max of a log. */
export const summariseLatency = (log: LatencyLog): LatencySummary => {
  const sorted = log.sorted();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    meanMs: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    p50Ms: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? Number.NaN),
  };
};
