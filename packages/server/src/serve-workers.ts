import cluster, { type Worker } from 'node:cluster';
import { locateDatabase, openDatabase } from '@zonewise/store';
import { prepareFirstStart, startServer, type RunningServer, type StartServerOptions } from './serve';

/** How many server processes at most (`--workers`, `ZONEWISE_WORKERS`). */
export const MAX_WORKERS = 64;

/**
 * The number of server processes from `ZONEWISE_WORKERS` (default 1). Throws a message naming the variable when
 * it is not a whole number from 1 to `MAX_WORKERS`.
 */
export const workersFromEnv = (env: NodeJS.ProcessEnv = process.env): number => {
  const text = env['ZONEWISE_WORKERS'];
  return text === undefined || text.trim() === '' ? 1 : parseWorkers(text, 'ZONEWISE_WORKERS');
};

/** Parses a worker count given as `source` (a flag or a variable name, for the message). */
export const parseWorkers = (text: string, source: string): number => {
  const workers = Number(text.trim());
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS)
    throw new Error(`${source} "${text}": use a whole number of server processes from 1 to ${MAX_WORKERS}`);
  return workers;
};

/** `startServerWorkers` options: `startServer`'s and how many processes. */
export interface ServerWorkersOptions extends StartServerOptions {
  /** Server processes sharing the port (node:cluster). Default 1: `startServer` in this process. */
  readonly workers?: number;
}

/** Several server processes started by `startServerWorkers` (in the primary process). */
export interface RunningWorkers {
  readonly url: string;
  readonly workers: number;
  /** The workers' process ids, in the order they were started (replacements of crashed workers included). */
  readonly pids: () => number[];
  /** Asks every worker to drain and close, and resolves once all have exited. */
  close(): Promise<void>;
}

type WorkerMessage =
  | { readonly type: 'zonewise:listening'; readonly url: string }
  | { readonly type: 'zonewise:failed'; readonly message: string };

const SHUTDOWN = 'zonewise:shutdown';

const isWorkerMessage = (message: unknown): message is WorkerMessage =>
  typeof message === 'object' &&
  message !== null &&
  ((message as { type?: unknown }).type === 'zonewise:listening' ||
    (message as { type?: unknown }).type === 'zonewise:failed');

/**
 * One worker: the server on the shared port (node:cluster hands it connections), tagging its responses with its
 * id. It closes on the primary's shutdown message or its own SIGINT/SIGTERM (a terminal's Ctrl-C reaches every
 * process of the group), draining requests first.
 */
const runWorker = async (options: ServerWorkersOptions): Promise<RunningServer> => {
  const worker = cluster.worker;
  const log = options.log ?? ((line: string) => console.log(line));
  let running: RunningServer;
  try {
    running = await startServer({
      ...options,
      loadDemo: false,
      handleSignals: false,
      workerId: worker?.id ?? 0,
      // The primary prints the address once for all workers.
      log: (line) => {
        if (!line.startsWith('Zonewise workbench on') && !line.startsWith('API docs:')) log(line);
      },
    });
  } catch (error) {
    process.send?.({ type: 'zonewise:failed', message: (error as Error).message } satisfies WorkerMessage);
    // Without the IPC channel nothing keeps the failed worker alive: it exits once the error is reported.
    worker?.disconnect();
    throw error;
  }
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('message', (message) => {
    if (message === SHUTDOWN) shutdown();
  });
  process.send?.({ type: 'zonewise:listening', url: running.url } satisfies WorkerMessage);
  return running;
};

/**
 * First-start work done once, before the workers start: migrations, the first administrator and the demo project
 * (several processes doing it at once would race for the same rows).
 */
const prepareDatabase = async (options: ServerWorkersOptions, log: (line: string) => void) => {
  const location = locateDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  if (location.dialect === 'sqlite')
    throw new Error(
      `${options.workers ?? 1} workers: the embedded SQLite database allows one writer process per file, so it runs ` +
        'as one process; use PostgreSQL (DATABASE_URL=postgres://…) for several server processes',
    );
  const connection = await openDatabase(location);
  try {
    await prepareFirstStart(connection, options, log);
    return connection.location;
  } finally {
    await connection.close();
  }
};

/**
 * Starts the workbench in `workers` processes sharing one port (node:cluster), for PostgreSQL: sessions, counters
 * and locks live in the database, so any worker may answer any request. With one worker it is `startServer` in this
 * process; the embedded SQLite database refuses more than one (one writer process per file). The primary prepares
 * the database, forks the workers (each re-runs the same command and starts one server), replaces a worker that
 * dies, and on SIGINT/SIGTERM or `close()` drains and stops them all.
 */
export const startServerWorkers = async (
  options: ServerWorkersOptions = {},
): Promise<RunningServer | RunningWorkers> => {
  if (cluster.isWorker) return runWorker(options);
  const workers = options.workers ?? 1;
  if (workers === 1) return startServer(options);
  const log = options.log ?? ((line: string) => console.log(line));
  const location = await prepareDatabase(options, log);

  const started: Worker[] = [];
  let stopping = false;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolvePromise) => {
    resolveStopped = resolvePromise;
  });
  const live = new Set<Worker>();

  const fork = (): Promise<string> =>
    new Promise((resolvePromise, reject) => {
      const worker = cluster.fork();
      started.push(worker);
      live.add(worker);
      let isListening = false;
      worker.on('message', (message: unknown) => {
        if (!isWorkerMessage(message)) return;
        if (message.type === 'zonewise:listening') {
          isListening = true;
          resolvePromise(message.url);
        } else reject(new Error(`a server worker did not start: ${message.message}`));
      });
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        if (!isListening) reject(new Error(`a server worker exited before listening (${signal ?? code})`));
        else if (!stopping) {
          log(`Server worker ${worker.id} exited (${signal ?? code}); starting a replacement.`);
          fork().catch((error: unknown) => {
            log(`The replacement worker did not start: ${(error as Error).message}; stopping.`);
            void close();
          });
        }
        if (stopping && live.size === 0) resolveStopped();
      });
    });

  const close = (): Promise<void> => {
    if (!stopping) {
      stopping = true;
      if (live.size === 0) resolveStopped();
      for (const worker of live) {
        if (worker.isConnected()) worker.send(SHUTDOWN);
        else worker.process.kill('SIGTERM');
      }
      // Workers drain for up to 5 s (startServer's grace period); after that they are stopped.
      const timer = setTimeout(() => {
        for (const worker of live) worker.process.kill('SIGKILL');
      }, 10_000);
      timer.unref();
      void stopped.then(() => clearTimeout(timer));
    }
    return stopped;
  };

  let url: string;
  try {
    url = (await Promise.all(Array.from({ length: workers }, fork)))[0] ?? '';
  } catch (error) {
    await close();
    throw error;
  }
  log(`Zonewise workbench on ${url} (database: postgres ${location}, ${workers} worker processes)`);
  log(`API docs: ${url}/api/docs`);

  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      log(`${signal}: shutting down ${live.size} worker processes`);
      void close().then(() => process.exit(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return {
    url,
    workers,
    pids: () => started.map((worker) => worker.process.pid ?? 0),
    close,
  };
};
