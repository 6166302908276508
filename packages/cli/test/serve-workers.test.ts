import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createThrowawayPostgres, TEST_DIALECTS } from '@zonewise/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../src/commands/serve';
import { CliError } from '../src/exit-codes';
import { memoryIo } from '../src/io';

const BIN = fileURLToPath(new URL('../bin/zonewise.js', import.meta.url));
const ADMIN_PASSWORD = 'workers-test-admin-password';

interface Answer {
  readonly status: number;
  readonly worker: string | undefined;
  readonly setCookie: string[];
  readonly body: Record<string, unknown>;
}

/** One request on a new TCP connection (no keep-alive), so the cluster may hand each to another worker. */
const send = (
  url: string,
  method: string,
  path: string,
  options: { readonly headers?: Record<string, string>; readonly body?: unknown } = {},
): Promise<Answer> =>
  new Promise((resolvePromise, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const outgoing = request(
      `${url}${path}`,
      {
        method,
        agent: false,
        headers: {
          connection: 'close',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const worker = response.headers['x-zonewise-worker'];
          resolvePromise({
            status: response.statusCode ?? 0,
            worker: Array.isArray(worker) ? worker[0] : worker,
            setCookie: response.headers['set-cookie'] ?? [],
            body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

/** Starts `zonewise serve --workers N` and resolves once the primary prints the address. */
const serveWorkers = (databaseUrl: string, workers: number) =>
  new Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }>(
    (resolvePromise, reject) => {
      const child = spawn(
        process.execPath,
        [BIN, 'serve', '--port', '0', '--no-demo', '--workers', String(workers)],
        { env: { ...process.env, DATABASE_URL: databaseUrl, ZONEWISE_ADMIN_PASSWORD: ADMIN_PASSWORD } },
      );
      let output = '';
      const timer = setTimeout(() => reject(new Error(`zonewise serve did not start:\n${output}`)), 90_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Zonewise workbench on (http:\/\/\S+)/.exec(output);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolvePromise({ child, url: match[1], output: () => output });
        }
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`zonewise serve exited with ${String(code)}:\n${output}`));
      });
    },
  );

/** The process ids of a process's children (Linux /proc). */
const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter((text) => text !== '')
    .map(Number);

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!TEST_DIALECTS.includes('postgres'))('zonewise serve --workers 2 on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await createThrowawayPostgres();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('answers from both workers with one shared session, and stops them all on SIGTERM', async () => {
    const { child, url, output } = await serveWorkers(database.url, 2);
    let isRunning = true;
    try {
      expect(output()).toContain('2 worker processes');
      expect(output().match(/Zonewise workbench on/g)).toHaveLength(1);
      const workerPids = childrenOf(child.pid ?? 0);
      expect(workerPids).toHaveLength(2);

      const login = await send(url, 'POST', '/api/auth/login', {
        body: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(login.status).toBe(200);
      const cookie = login.setCookie.map((line) => line.split(';')[0]).join('; ');
      const csrfToken = String(login.body['csrfToken']);
      const session = { cookie, 'x-csrf-token': csrfToken };

      // A write on whichever worker takes the connection, then reads spread over both.
      const created = await send(url, 'POST', '/api/projects', {
        headers: session,
        body: { name: 'Made on one worker' },
      });
      expect(created.status).toBe(201);
      const projectId = String(
        (created.body['project'] as { id?: string } | undefined)?.id ?? created.body['id'],
      );
      const answers = await Promise.all(
        Array.from({ length: 16 }, () =>
          send(url, 'GET', `/api/projects/${projectId}`, { headers: session }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
      expect(new Set([login.worker, created.worker, ...answers.map((answer) => answer.worker)])).toEqual(
        new Set(['1', '2']),
      );
      // The session ends for both workers at once: it lives in the database.
      expect((await send(url, 'POST', '/api/auth/logout', { headers: session })).status).toBeLessThan(300);
      const after = await Promise.all(
        Array.from({ length: 8 }, () => send(url, 'GET', `/api/projects/${projectId}`, { headers: session })),
      );
      expect(after.map((answer) => answer.status)).toEqual(after.map(() => 401));

      const exited = new Promise<number | null>((resolvePromise) =>
        child.once('exit', (code) => resolvePromise(code)),
      );
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      isRunning = false;
      expect(output()).toContain('SIGTERM: shutting down 2 worker processes');
      expect(workerPids.filter(isAlive)).toEqual([]);
    } finally {
      if (isRunning) {
        for (const pid of childrenOf(child.pid ?? 0)) process.kill(pid, 'SIGKILL');
        child.kill('SIGKILL');
      }
    }
  }, 120_000);
});

describe('zonewise serve --workers refusals', () => {
  it('refuses several workers on the embedded SQLite database and bad counts, with exit-2 errors', async () => {
    const { io } = memoryIo();
    await expect(serveCommand(io, { workers: '2' }, {})).rejects.toThrow(/one writer process per file/);
    await expect(serveCommand(io, {}, { ZONEWISE_WORKERS: '3' })).rejects.toBeInstanceOf(CliError);
    await expect(
      serveCommand(io, { workers: 'two' }, { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' }),
    ).rejects.toThrow(/--workers "two"/);
    await expect(
      serveCommand(io, {}, { ZONEWISE_WORKERS: '0', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' }),
    ).rejects.toThrow(/ZONEWISE_WORKERS "0"/);
  });

  it('refuses trusted proxies that are not IP addresses, naming the flag or the variable', async () => {
    const { io } = memoryIo();
    await expect(serveCommand(io, { trustProxy: 'proxy.example' }, {})).rejects.toThrow(
      /--trust-proxy "proxy\.example"/,
    );
    await expect(serveCommand(io, {}, { ZONEWISE_TRUST_PROXY: '10.0.0.0/8' })).rejects.toBeInstanceOf(
      CliError,
    );
  });
});
