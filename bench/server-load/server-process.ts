import { writeFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import * as server from '@zonewise/server';
import { createStoreContext, locateDatabase, openDatabase } from '@zonewise/store';

/**
 * The server under load, in its own process so the load clients do not share its event loop: `zonewise serve` as
 * far as it exists (`startServer` once the server package exports it, else the same app bound with
 * `@hono/node-server`), on the database named by `--database-url` or `--data`. Prints `listening <url>` on stdout
 * and stops on SIGTERM. With `--profile FILE`, SIGUSR2 starts the V8 CPU profiler and SIGTERM writes the profile to
 * FILE before stopping, so the profile covers the measured run only (not start-up or the import).
 *
 *   node --import tsx bench/server-load/server-process.ts --data /tmp/zw   |   --database-url postgres://…
 */

const { values } = parseArgs({
  options: { data: { type: 'string' }, 'database-url': { type: 'string' }, profile: { type: 'string' } },
});

type StartServer = (options: {
  readonly port: number;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly loadDemo: boolean;
  readonly handleSignals: boolean;
  readonly log: (line: string) => void;
}) => Promise<{ readonly url: string; close(): Promise<void> }>;

const startServer = (server as Record<string, unknown>)['startServer'] as StartServer | undefined;

const listen = async (): Promise<{ url: string; close: () => Promise<void> }> => {
  if (startServer !== undefined) {
    return startServer({
      port: 0,
      ...(values.data === undefined ? {} : { dataDir: values.data }),
      ...(values['database-url'] === undefined ? {} : { databaseUrl: values['database-url'] }),
      loadDemo: false,
      handleSignals: false,
      log: (line) => process.stderr.write(`${line}\n`),
    });
  }
  const connection = await openDatabase(
    locateDatabase({ databaseUrl: values['database-url'], dataDir: values.data }),
  );
  const app = server.createApp({
    connection,
    store: createStoreContext(connection.db, connection.dialect),
    passwords: server.argon2Passwords,
    settings: server.DEFAULT_SETTINGS,
  });
  const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((resolve) => http.close(resolve));
      await connection.close();
    },
  };
};

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
writeSync(1, `listening ${running.url}\n`);
process.once('SIGTERM', () => {
  void writeProfile()
    .then(() => running.close())
    .then(() => process.exit(0));
});
