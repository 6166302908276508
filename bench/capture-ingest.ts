import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCaptureAnalyser, type CaptureAnalysis } from '@zonewise/formats';
import { collectGarbage, currentRssMb, peakRssMb, resetPeakRss } from './memory';
import { generateSyntheticCapture, type SyntheticCaptureStats } from './synthetic-capture';

/**
 * Capture ingest benchmark (issue 5: at least 200 MB/s on one core with flat memory, side by side with
 * `tshark -q -z conv,ip`): writes a synthetic plant capture once (not timed), streams it through the analyser in
 * 4 MB chunks as `zonewise import capture` does, sampling RSS after every chunk, then times tshark on the same file.
 * Throughput is file bytes per wall second (MB = 10^6 bytes). The file stays in the page cache for both readers.
 *
 *   node --import tsx bench/capture-ingest.ts [--mb 1024] [--hosts 4000] [--flows 30000] [--repeat 1] [--file x.pcap] [--keep] [--no-tshark] [--out r.json]
 *   node --cpu-prof --cpu-prof-dir bench/results/profiles --import tsx bench/capture-ingest.ts --mb 256 --no-tshark
 */

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '1024' },
    repeat: { type: 'string', default: '1' },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'no-tshark': { type: 'boolean', default: false },
    seed: { type: 'string', default: 'zonewise-capture' },
    hosts: { type: 'string', default: '4000' },
    flows: { type: 'string', default: '30000' },
    out: { type: 'string' },
    generated: { type: 'string' },
  },
});

const MIB = 1024 * 1024;
const CHUNK_BYTES = 4 * MIB;
const TARGET_MB_PER_SECOND = 200;
/** RSS growth over the last three quarters of the file that still counts as flat (the flow table fills early). */
const FLAT_GROWTH_MB = 64;

/** One streaming run of our analyser over the file. */
export interface IngestRun {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly megabytesPerSecond: number;
  readonly startRssMb: number;
  readonly quarterRssMb: number;
  readonly endRssMb: number;
  readonly peakRssMb: number;
}

/** The tshark side of the comparison, or why it was skipped. */
export interface TsharkRun {
  readonly status: 'ok' | 'missing' | 'failed';
  readonly version?: string;
  readonly seconds?: number;
  readonly megabytesPerSecond?: number;
  readonly peakRssMb?: number;
  readonly conversations?: number;
  readonly note?: string;
}

/** What the benchmark reports (also written to `--out` for `npm run bench`). */
export interface CaptureIngestResult {
  readonly machine: string;
  readonly file: string;
  readonly fileBytes: number;
  readonly generated?: SyntheticCaptureStats & { readonly seconds: number };
  readonly packets: number;
  readonly hosts: number;
  readonly flows: number;
  readonly ipPairs: number;
  readonly protocols: readonly string[];
  readonly runs: readonly IngestRun[];
  readonly best: IngestRun;
  readonly tshark: TsharkRun;
  readonly meetsTarget: boolean;
  readonly isFlat: boolean;
}

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

const generate = (path: string, bytes: number): SyntheticCaptureStats & { seconds: number } => {
  const started = performance.now();
  const descriptor = openSync(path, 'w');
  try {
    const stats = generateSyntheticCapture(
      { bytes, seed: values.seed, hosts: Number(values.hosts), flows: Number(values.flows) },
      (chunk) => {
        let offset = 0;
        while (offset < chunk.length) offset += writeSync(descriptor, chunk, offset, chunk.length - offset);
      },
    );
    return { ...stats, seconds: (performance.now() - started) / 1000 };
  } finally {
    closeSync(descriptor);
  }
};

const ingest = (path: string, fileBytes: number): { run: IngestRun; analysis: CaptureAnalysis } => {
  collectGarbage();
  const startRssMb = currentRssMb();
  resetPeakRss();
  const buffer = new Uint8Array(CHUNK_BYTES);
  const descriptor = openSync(path, 'r');
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const analyser = createCaptureAnalyser();
  let quarterRssMb = 0;
  let endRssMb = 0;
  try {
    for (;;) {
      const read = readSync(descriptor, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      analyser.push(buffer.subarray(0, read));
      endRssMb = currentRssMb();
      if (quarterRssMb === 0 && analyser.bytesRead >= fileBytes / 4) quarterRssMb = endRssMb;
    }
  } finally {
    closeSync(descriptor);
  }
  const analysis = analyser.end();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  endRssMb = Math.max(endRssMb, currentRssMb());
  return {
    run: {
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      megabytesPerSecond: fileBytes / 1e6 / seconds,
      startRssMb,
      quarterRssMb,
      endRssMb,
      peakRssMb: peakRssMb(),
    },
    analysis,
  };
};

/** Peak RSS of another process while it runs, read from /proc (Linux); undefined elsewhere. */
const watchPeakRss = (pid: number): { stop: () => number | undefined } => {
  let peak: number | undefined;
  const read = (): void => {
    try {
      const line = readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((entry) => entry.startsWith('VmHWM:'));
      const kb = line ? Number.parseInt(line.slice(6).trim(), 10) : Number.NaN;
      if (Number.isFinite(kb)) peak = Math.max(peak ?? 0, kb / 1024);
    } catch {
      // The process has exited between two samples.
    }
  };
  const timer = setInterval(read, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
};

const runTshark = async (path: string, fileBytes: number): Promise<TsharkRun> => {
  if (values['no-tshark']) return { status: 'missing', note: 'skipped (--no-tshark)' };
  const probe = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    return {
      status: 'missing',
      note: 'tshark is not installed (sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tshark); comparison skipped',
    };
  }
  const version = /TShark \(Wireshark\) [\d.]+/.exec(probe.stdout)?.[0] ?? 'tshark';
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('tshark', ['-q', '-z', 'conv,ip', '-r', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    const watcher = watchPeakRss(child.pid ?? -1);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const peak = watcher.stop();
      if (code !== 0) {
        resolve({
          status: 'failed',
          version,
          note: `exit ${code}: ${stderr.trim().split('\n').pop() ?? ''}`,
        });
        return;
      }
      resolve({
        status: 'ok',
        version,
        seconds,
        megabytesPerSecond: fileBytes / 1e6 / seconds,
        ...(peak === undefined ? {} : { peakRssMb: peak }),
        conversations: stdout.split('\n').filter((line) => / <-> /.test(line)).length,
      });
    });
  });
};

/** Distinct unordered IP address pairs: what `tshark -z conv,ip` lists, for a cross-check of the two readers. */
const ipPairs = (analysis: CaptureAnalysis): number =>
  new Set(
    analysis.flows
      .filter((flow) => flow.transport !== 'ethernet')
      .map((flow) =>
        flow.client < flow.server ? `${flow.client} ${flow.server}` : `${flow.server} ${flow.client}`,
      ),
  ).size;

const fileBytesTarget = Math.round(Number(values.mb) * MIB);
if (values.file === undefined) {
  // Generate here, measure in a fresh child: the generator's heap must not count towards the reader's RSS.
  const path = join(tmpdir(), `zonewise-bench-${values.seed}-${values.mb}mib.pcap`);
  log(`capture: writing a ${values.mb} MiB synthetic capture to ${path} (not timed) …`);
  const generated = generate(path, fileBytesTarget);
  log(
    `  ${generated.packets.toLocaleString('en')} packets, ${generated.hosts} hosts, ${generated.flows.toLocaleString('en')} conversations in ${generated.seconds.toFixed(1)} s`,
  );
  const generatedInfo = `${path}.json`;
  writeFileSync(generatedInfo, JSON.stringify(generated));
  const forwarded = process.argv.slice(2).filter((arg) => arg !== '--keep');
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...forwarded,
      '--file',
      path,
      '--generated',
      generatedInfo,
    ],
    { stdio: 'inherit' },
  );
  if (!values.keep) rmSync(path, { force: true });
  rmSync(generatedInfo, { force: true });
  process.exit(child.status ?? 3);
}
const path = values.file;
if (!existsSync(path)) {
  log(`capture: no such file ${path}`);
  process.exit(2);
}
const generated =
  values.generated === undefined
    ? undefined
    : (JSON.parse(readFileSync(values.generated, 'utf8')) as SyntheticCaptureStats & { seconds: number });
const fileBytes = statSync(path).size;
const runs: IngestRun[] = [];
let analysis: CaptureAnalysis | undefined;
for (let run = 0; run < Math.max(1, Number(values.repeat)); run += 1) {
  const measured = ingest(path, fileBytes);
  analysis = measured.analysis;
  runs.push(measured.run);
  log(
    `  zonewise: ${measured.run.seconds.toFixed(2)} s, ${measured.run.megabytesPerSecond.toFixed(0)} MB/s, RSS ${measured.run.startRssMb.toFixed(0)} → ${measured.run.endRssMb.toFixed(0)} MB (peak ${measured.run.peakRssMb.toFixed(0)} MB)`,
  );
}
if (analysis === undefined) throw new Error('no run');
const best = runs.reduce((fastest, run) => (run.seconds < fastest.seconds ? run : fastest));
log('  tshark -q -z conv,ip …');
const tshark = await runTshark(path, fileBytes);
log(
  tshark.status === 'ok'
    ? `  tshark: ${(tshark.seconds ?? 0).toFixed(2)} s, ${(tshark.megabytesPerSecond ?? 0).toFixed(0)} MB/s`
    : `  note: ${tshark.note ?? tshark.status}`,
);

const result: CaptureIngestResult = {
  machine: `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`,
  file: path,
  fileBytes,
  ...(generated === undefined ? {} : { generated }),
  packets: analysis.stats.packets,
  hosts: analysis.hosts.length,
  flows: analysis.flows.length,
  ipPairs: ipPairs(analysis),
  protocols: analysis.protocols.map((protocol) => protocol.id),
  runs,
  best,
  tshark,
  meetsTarget: best.megabytesPerSecond >= TARGET_MB_PER_SECOND,
  isFlat: best.endRssMb - best.quarterRssMb < FLAT_GROWTH_MB,
};
if (values.out !== undefined) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);

const mb = (value: number | undefined): string => (value === undefined ? '–' : `${value.toFixed(0)} MB`);
const lines = [
  `Capture ingest: ${(fileBytes / 1e6).toFixed(0)} MB pcap (${generated === undefined ? path : 'synthetic'}), ${result.packets.toLocaleString('en')} packets, ${result.hosts.toLocaleString('en')} hosts, ${result.flows.toLocaleString('en')} flows (${result.ipPairs.toLocaleString('en')} IP pairs); ${result.machine}`,
  `Protocols: ${result.protocols.join(', ')}`,
  '',
  '| Reader | Time | MB/s | CPU | RSS start → ¼ file → end (peak) |',
  '| --- | --- | --- | --- | --- |',
  `| zonewise (one core, 4 MB chunks${runs.length > 1 ? `, best of ${runs.length}` : ''}) | ${best.seconds.toFixed(2)} s | ${best.megabytesPerSecond.toFixed(0)} | ${best.cpuSeconds.toFixed(2)} s | ${mb(best.startRssMb)} → ${mb(best.quarterRssMb)} → ${mb(best.endRssMb)} (${mb(best.peakRssMb)}) |`,
  tshark.status === 'ok'
    ? `| \`tshark -q -z conv,ip\` (${tshark.version ?? ''}) | ${(tshark.seconds ?? 0).toFixed(2)} s | ${(tshark.megabytesPerSecond ?? 0).toFixed(0)} | – | peak ${mb(tshark.peakRssMb)}; ${tshark.conversations?.toLocaleString('en') ?? '?'} conversations |`
    : `| tshark | ${tshark.note ?? tshark.status} | | | |`,
  '',
  `Target (issue 5): ≥ ${TARGET_MB_PER_SECOND} MB/s: ${result.meetsTarget ? 'met' : 'MISSED'}; flat memory (< ${FLAT_GROWTH_MB} MB growth after the first quarter): ${result.isFlat ? 'yes' : 'NO'}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
