import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand } from '../src/commands/backup';
import { restoreCommand } from '../src/commands/restore';
import { serveCommand } from '../src/commands/serve';
import { CliError } from '../src/exit-codes';
import { memoryIo } from '../src/io';

const BIN = fileURLToPath(new URL('../bin/zonewise.js', import.meta.url));

/** Starts `zonewise serve` as a child process and resolves with its URL once it prints the address. */
const serve = (dataDir: string) =>
  new Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }>(
    (resolvePromise, reject) => {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir], {
        env: { ...process.env, DATABASE_URL: '', ZONEWISE_ADMIN_PASSWORD: 'serve-test-admin-password' },
      });
      let output = '';
      const timer = setTimeout(() => reject(new Error(`zonewise serve did not start:\n${output}`)), 60_000);
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

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));

describe('zonewise serve, backup and restore', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zonewise-cli-serve-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the demo, backs up while running, refuses a restore until stopped, then restores', async () => {
    const dataDir = join(dir, 'data');
    const { child, url, output } = await serve(dataDir);
    let isRunning = true;
    try {
      expect(output()).toContain('Created the administrator "admin"');
      expect(output()).toContain('Loaded the demo project');
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      const docs = await fetch(`${url}/api/docs`);
      expect(docs.status).toBe(200);

      const { io, output: written } = memoryIo();
      const backup = join(dir, 'backup.sqlite');
      expect(await backupCommand(io, { data: dataDir, output: backup }, {})).toBe(0);
      expect(written.stdout).toContain('integrity ok');
      expect(() => restoreCommand(io, backup, { data: dataDir, force: true }, {})).toThrow(/in-use/);
      expect(() => restoreCommand(io, backup, { data: dataDir }, {})).toThrow(/exists/);

      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
      isRunning = false;
      expect(output()).toContain('SIGTERM: shutting down');

      expect(restoreCommand(io, backup, { data: dataDir, force: true }, {})).toBe(0);
      expect(written.stdout).toContain('kept as');
      expect(existsSync(join(dataDir, 'zonewise.sqlite.bak'))).toBe(true);
    } finally {
      if (isRunning) child.kill('SIGKILL');
    }
  }, 120_000);

  it('points PostgreSQL users at pg_dump and refuses bad usage with exit-2 errors', async () => {
    const { io } = memoryIo();
    const postgres = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/zonewise' };
    await expect(backupCommand(io, { output: join(dir, 'x.sqlite') }, postgres)).rejects.toThrow(/pg_dump/);
    expect(() => restoreCommand(io, 'x.sqlite', {}, postgres)).toThrow(/pg_dump/);
    await expect(backupCommand(io, { data: join(dir, 'empty') }, {})).rejects.toBeInstanceOf(CliError);
    await expect(
      backupCommand(io, { data: join(dir, 'empty'), output: join(dir, 'y.sqlite') }, {}),
    ).rejects.toThrow(/not-found/);
    await expect(serveCommand(io, { port: 'eighty' }, {})).rejects.toThrow(/--port/);
    await expect(serveCommand(io, {}, { PORT: '99999' })).rejects.toBeInstanceOf(CliError);
  });
});
