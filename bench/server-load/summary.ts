import type { DialectName } from '@zonewise/store';
import type { LatencySummary } from './latency';
import { REQUEST_KINDS, type LoadResult } from './load-clients';

/** The issue's bar. */
export const SERVER_LOAD_TARGET = { p99Ms: 100 } as const;

/** The figures of one dialect. */
export interface ServerLoadResult {
  readonly dialect: DialectName;
  /** Server processes (`zonewise serve --workers N`); absent in results written before it existed. */
  readonly workers?: number;
  readonly status: 'ok' | 'failed';
  readonly note?: string;
  readonly clients: number;
  readonly seconds: number;
  readonly assets: number;
  readonly importSeconds: number;
  readonly throughput: number;
  readonly requests: number;
  readonly all: LatencySummary;
  readonly byKind: Readonly<Record<string, LatencySummary>>;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly conflicts: number;
  readonly edits: LoadResult['edits'];
  readonly serverCpuSeconds: number;
  /** Server CPU time per request: less sensitive than latency to other jobs on a shared machine. */
  readonly serverCpuMsPerRequest: number;
  /** CPU time of the PostgreSQL processes per request (0 on SQLite, whose work is in the server's). */
  readonly databaseCpuMsPerRequest: number;
  /** CPU time of the 50 load clients (this process) per request: they share the machine with the server. */
  readonly clientCpuMsPerRequest: number;
  readonly serverPeakRssMb: number;
  /** One-minute load average when the measured run started and when it ended. */
  readonly loadAverage: readonly [number, number];
  readonly verification: {
    readonly succeededEdits: number;
    readonly entityRevisionEdits: number;
    readonly auditUpdateRecords: number;
    readonly projectRevisionEdits: number;
    readonly chainValid: boolean;
    readonly isConsistent: boolean;
  };
  readonly meetsTarget: boolean;
}

const ms = (value: number): string => value.toFixed(1);

/** How a run is named in the tables: the database, and the number of server processes when more than one. */
export const runLabel = (result: Pick<ServerLoadResult, 'dialect' | 'workers'>): string =>
  (result.workers ?? 1) > 1 ? `${result.dialect} (${result.workers} workers)` : result.dialect;

/** The Markdown table `npm run bench -- --only server` prints and docs/benchmarks.md quotes. */
export const serverLoadTable = (results: readonly ServerLoadResult[]): string => {
  const header = [
    '| Database | Requests/s | p50 ms | p95 ms | p99 ms | max ms | Errors | Edits ok (409 retried) | Counted afterwards | Bar (p99 < 100 ms) |',
    '| -------- | ---------: | -----: | -----: | -----: | -----: | -----: | ---------------------: | ------------------ | ------------------ |',
  ];
  const rows = results.map((result) =>
    result.status !== 'ok'
      ? `| ${runLabel(result)} | failed: ${result.note ?? ''} | | | | | | | | |`
      : `| ${runLabel(result)} | ${result.throughput.toFixed(0)} | ${ms(result.all.p50Ms)} | ${ms(result.all.p95Ms)} | ${ms(result.all.p99Ms)} | ${ms(result.all.maxMs)} | ${result.errors} | ${result.edits.succeeded} (${result.conflicts}) | ${result.verification.isConsistent ? 'all edits, once' : `MISMATCH ${JSON.stringify(result.verification)}`} | ${result.meetsTarget ? 'met' : 'MISSED'} |`,
  );
  const kinds = results
    .filter((result) => result.status === 'ok')
    .flatMap((result) =>
      REQUEST_KINDS.map((kind) => {
        const summary = result.byKind[kind];
        return summary === undefined
          ? ''
          : `| ${runLabel(result)} | ${kind} | ${summary.count} | ${ms(summary.p50Ms)} | ${ms(summary.p95Ms)} | ${ms(summary.p99Ms)} |`;
      }),
    );
  return [
    ...header,
    ...rows,
    '',
    '| Database | Request | Count | p50 ms | p95 ms | p99 ms |',
    '| -------- | ------- | ----: | -----: | -----: | -----: |',
    ...kinds,
  ].join('\n');
};
