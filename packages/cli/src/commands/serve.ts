import { resolve } from 'node:path';
import {
  parseTrustedProxies,
  parseWorkers,
  serverOptionsFromEnv,
  startServerWorkers,
  workersFromEnv,
  type StartServerOptions,
} from '@zonewise/server';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';

/** Options of `zonewise serve` as commander parses them (flags win over the environment). */
export interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly data?: string;
  /** False with `--no-demo`. */
  readonly demo?: boolean;
  /** Server processes (PostgreSQL only); default `ZONEWISE_WORKERS` or 1. */
  readonly workers?: string;
  /** Reverse proxies whose X-Forwarded-For is believed; default `ZONEWISE_TRUST_PROXY`. */
  readonly trustProxy?: string;
}

/**
 * `zonewise serve`: starts the workbench server (what `npm start` runs) and keeps running until SIGINT/SIGTERM.
 * Flags override `PORT`, `HOST`, `ZONEWISE_DATA_DIR`, `ZONEWISE_WORKERS`, `ZONEWISE_TRUST_PROXY`; `DATABASE_URL`
 * selects PostgreSQL, which
 * may run several server processes (`--workers N`).
 */
export const serveCommand = async (
  io: CliIo,
  options: ServeOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> => {
  let fromEnv: StartServerOptions;
  let workers: number;
  let trustedProxies: readonly string[] | undefined;
  try {
    fromEnv = serverOptionsFromEnv(env);
    workers =
      options.workers === undefined ? workersFromEnv(env) : parseWorkers(options.workers, '--workers');
    trustedProxies =
      options.trustProxy === undefined ? undefined : parseTrustedProxies(options.trustProxy, '--trust-proxy');
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (workers > 1 && (fromEnv.databaseUrl === undefined || !/^postgres(ql)?:/i.test(fromEnv.databaseUrl)))
    throw new CliError(
      `--workers ${workers}: the embedded SQLite database allows one writer process per file, so it runs as one ` +
        'process; use PostgreSQL (DATABASE_URL=postgres://…) for several server processes',
    );
  const port = options.port === undefined ? fromEnv.port : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new CliError(`--port ${options.port ?? ''}: use a port number between 0 and 65535`);
  const dataDir = options.data ?? fromEnv.dataDir;
  await startServerWorkers({
    ...fromEnv,
    workers,
    ...(port === undefined ? {} : { port }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(dataDir === undefined ? {} : { dataDir: resolve(io.cwd, dataDir) }),
    ...(trustedProxies === undefined ? {} : { settings: { ...fromEnv.settings, trustedProxies } }),
    loadDemo: options.demo !== false,
    log: (line) => io.stdout(`${line}\n`),
  });
  return EXIT.ok;
};
