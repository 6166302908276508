import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportCommand } from '../src/commands/report';
import { CliError } from '../src/exit-codes';
import { memoryIo } from '../src/io';
import { runCli } from '../src/main';

const root = join(import.meta.dirname, '..', '..', '..');
const WATER = 'examples/water-treatment/assessment.yaml';
const files = { [WATER]: readFileSync(join(root, WATER), 'utf8') };
const GENERATED_AT = '2026-11-25T10:00:00Z';
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

describe('zonewise report --format docx|pdf', () => {
  it('writes the CRS as a Word file with -o', async () => {
    const { io, output, files: store } = memoryIo(files);
    const code = await runCli(
      [
        'report',
        WATER,
        '--document',
        'crs',
        '--format',
        'docx',
        '-o',
        'out/crs.docx',
        '--generated-at',
        GENERATED_AT,
      ],
      io,
    );
    expect(code).toBe(0);
    const bytes = store.get('out/crs.docx');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...(bytes as Uint8Array).subarray(0, 4)]).toEqual(ZIP_SIGNATURE);
    expect(output.stderr).toContain('wrote out/crs.docx (CRS, docx');
  }, 60_000);

  it('writes binary output to standard output when it is not a terminal', async () => {
    const { io, output } = memoryIo(files);
    const code = await runCli(['report', WATER, '--document', 'crs', '--format', 'docx'], io);
    expect(code).toBe(0);
    expect(output.stdout).toBe('');
    expect([...(output.stdoutBytes[0] ?? new Uint8Array()).subarray(0, 4)]).toEqual(ZIP_SIGNATURE);
  }, 60_000);

  it('refuses to write binary output to a terminal (exit 2) and names -o', async () => {
    const { io, output } = memoryIo(files, { isInteractive: true });
    const code = await runCli(['report', WATER, '--format', 'pdf'], io);
    expect(code).toBe(2);
    expect(output.stderr).toContain('-o report.pdf');
    expect(output.stdoutBytes).toEqual([]);
  });

  it('fails with exit code 2 naming the install command when Chromium is missing', async () => {
    const { io, files: store } = memoryIo(files);
    const outcome = reportCommand(io, WATER, {
      format: 'pdf',
      document: 'crs',
      output: 'crs.pdf',
      chromiumPath: '/nonexistent/chromium',
    });
    await expect(outcome).rejects.toBeInstanceOf(CliError);
    await expect(outcome).rejects.toMatchObject({ exitCode: 2 });
    await expect(outcome).rejects.toThrow('apt-get install -y chromium fonts-liberation');
    expect(store.has('crs.pdf')).toBe(false);
  }, 60_000);
});
