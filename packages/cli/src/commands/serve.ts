import { resolve } from 'node:path';
import { serverOptionsFromEnv, startServer, type StartServerOptions } from '@zonewise/server';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';

/** Options of `zonewise serve` as commander parses them (flags win over the environment). */
export interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly data?: string;
  /** False with `--no-demo`. */
  readonly demo?: boolean;
}

/**
 * `zonewise serve`: starts the workbench server (what `npm start` runs) and keeps running until SIGINT/SIGTERM.
 * Flags override `PORT`, `HOST`, `ZONEWISE_DATA_DIR`; `DATABASE_URL` selects PostgreSQL.
 */
export const serveCommand = async (
  io: CliIo,
  options: ServeOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> => {
  let fromEnv: StartServerOptions;
  try {
    fromEnv = serverOptionsFromEnv(env);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const port = options.port === undefined ? fromEnv.port : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new CliError(`--port ${options.port ?? ''}: use a port number between 0 and 65535`);
  const dataDir = options.data ?? fromEnv.dataDir;
  await startServer({
    ...fromEnv,
    ...(port === undefined ? {} : { port }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(dataDir === undefined ? {} : { dataDir: resolve(io.cwd, dataDir) }),
    loadDemo: options.demo !== false,
    log: (line) => io.stdout(`${line}\n`),
  });
  return EXIT.ok;
};
