import { writeFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector';
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { startServerWorkers } from '@zonewise/server';

/**
 * The server under load, in its own process so the load clients do not share its event loop: `zonewise serve` as
 * it runs (`startServerWorkers`, i.e. `startServer` for one process), on the database named by `--database-url` or
 * `--data`. Prints `listening <url>` on stdout and stops on SIGTERM. With `--workers N` (PostgreSQL) the process is
 * the cluster primary and its N children serve; each re-runs this script as a worker. With `--profile FILE`
 * (one process only), SIGUSR2 starts the V8 CPU profiler and SIGTERM writes the profile to FILE before stopping, so
 * the profile covers the measured run only (not start-up or the import).
 *
 *   node --import tsx bench/server-load/server-process.ts --data /tmp/zw   |   --database-url postgres://… [--workers 2]
 */

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    'database-url': { type: 'string' },
    profile: { type: 'string' },
    workers: { type: 'string', default: '1' },
  },
});

const listen = async (): Promise<{ url: string; close: () => Promise<void> }> =>
  startServerWorkers({
    port: 0,
    workers: Number(values.workers),
    ...(values.data === undefined ? {} : { dataDir: values.data }),
    ...(values['database-url'] === undefined ? {} : { databaseUrl: values['database-url'] }),
    loadDemo: false,
    handleSignals: false,
    log: (line) => process.stderr.write(`${line}\n`),
  });

const profiler = new Session();
const profileFile = values.profile;
if (profileFile !== undefined) {
  profiler.connect();
  process.once('SIGUSR2', () => {
    profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
  });
}
const writeProfile = (): Promise<void> =>
  new Promise((resolve) => {
    if (profileFile === undefined) return resolve();
    profiler.post('Profiler.stop', (error, result) => {
      if (error === null) writeFileSync(profileFile, JSON.stringify(result.profile));
      resolve();
    });
  });

const running = await listen();
// A cluster worker serves until the primary tells it to stop; only the primary reports and handles SIGTERM.
if (cluster.isWorker) await new Promise(() => undefined);
writeSync(1, `listening ${running.url}\n`);
process.once('SIGTERM', () => {
  void writeProfile()
    .then(() => running.close())
    .then(() => process.exit(0));
});
