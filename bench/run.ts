import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBenchApi } from './api';
import type { CaptureIngestResult } from './capture-ingest';
import type { WebBenchResult } from './web-ui';
import { serverLoadTable, type ServerLoadResult } from './server-load/summary';
import { selectSteps, STEP_DESCRIPTIONS, type ModelInfo, type Step, type StepResult } from './steps';
import { growthCheck, growthTable, modelsTable, resultsTable, targetChecks, targetLines } from './summary';

/**
 * `npm run bench`: generates the synthetic models, then measures each step at each size in its own child process
 * (wall time and peak RSS), prints Markdown tables with the growth check and the issue's targets, and writes the raw
 * results to bench/results/latest.json.
 *
 *   npm run bench -- --sizes 1000,10000 --only resolve,assess --repeat 3 --profile
 */

const USAGE = `npm run bench -- [options]
  --sizes 1000,10000,100000   asset counts (flows are 10 per asset)
  --only load,resolve,assess,report,capture   step groups or step names (${['load-json', 'load-yaml', 'resolve', 'assess', 'assess-end-to-end', 'report-markdown', 'report-html', 'report-docx', 'report-pdf'].join(', ')}); capture: pcap ingest vs tshark; server: 50 clients against the HTTP API on SQLite and PostgreSQL; web: the UI in Chromium
  --capture-mb N              size of the synthetic capture in MiB (default 1024)
  --server-seconds N          measured seconds per database of the server load (default 60)
  --repeat N                  runs per step for the best time (default 5 up to 2k assets, 3 up to 20k, else 1)
  --profile                   CPU-profile each step; hot spots go to the results, profiles to bench/results/profiles
  --heap MB                   --max-old-space-size for the children (default: Node's own limit)
  --timeout S                 seconds before a child is stopped (default 1200)
  --keep-models               keep the generated JSON/YAML in bench/results/models
  --seed TEXT                 PRNG seed of the generator`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    only: { type: 'string' },
    repeat: { type: 'string' },
    profile: { type: 'boolean', default: false },
    heap: { type: 'string' },
    timeout: { type: 'string', default: '1200' },
    'keep-models': { type: 'boolean', default: false },
    seed: { type: 'string' },
    'capture-mb': { type: 'string', default: '1024' },
    'server-seconds': { type: 'string', default: '60' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const sizes = values.sizes
  .split(',')
  .map((entry) => Number(entry.trim().replace(/k$/i, '000')))
  .filter((size) => Number.isFinite(size) && size > 0);
const onlyNames = values.only
  ?.split(',')
  .map((entry) => entry.trim())
  .filter(Boolean);
// The capture benchmark has its own input (a synthetic pcap), so it runs once, not per model size.
const runCapture = onlyNames === undefined || onlyNames.includes('capture');
// So does the server load benchmark (its own 10k-asset project behind the HTTP API).
const runServer = onlyNames === undefined || onlyNames.includes('server');
// And the web UI benchmark (Chromium: diagram of 5,000 assets in 300 zones, 100k-row asset table).
const runWeb = onlyNames === undefined || onlyNames.includes('web');
const modelNames = onlyNames?.filter((name) => name !== 'capture' && name !== 'server' && name !== 'web');
const { steps, unknown } =
  modelNames !== undefined && modelNames.length === 0 && (runCapture || runServer || runWeb)
    ? { steps: [], unknown: [] }
    : selectSteps(modelNames);
if (
  sizes.length === 0 ||
  unknown.length > 0 ||
  (steps.length === 0 && !runCapture && !runServer && !runWeb)
) {
  process.stderr.write(
    `${unknown.length > 0 ? `unknown step or group: ${unknown.join(', ')}\n` : ''}${USAGE}\n`,
  );
  process.exit(2);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const resultsDir = join(benchDir, 'results');
const modelsDir = join(resultsDir, 'models');
const scratchDir = join(resultsDir, 'tmp');
const profileDir = join(resultsDir, 'profiles');
mkdirSync(scratchDir, { recursive: true });
const timeoutMs = Number(values.timeout) * 1000;
const nodeArgs = [
  '--import',
  'tsx',
  '--expose-gc',
  ...(values.heap ? [`--max-old-space-size=${values.heap}`] : []),
];

const repeatFor = (size: number): number =>
  values.repeat !== undefined
    ? Math.max(1, Number(values.repeat))
    : size <= 2_000
      ? 5
      : size <= 20_000
        ? 3
        : 1;

interface ChildOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stderr: string;
}

/** Runs one child (the benchmark's own script) and waits for it, stopping it after the timeout. */
const runChild = (script: string, args: readonly string[]): Promise<ChildOutcome> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, join(benchDir, script), ...args], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8_000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stderr });
    });
  });

const failureNote = (outcome: ChildOutcome): string => {
  if (outcome.timedOut) return `stopped after ${values.timeout} s`;
  const lines = outcome.stderr.split('\n').filter((line) => line.trim() !== '');
  const fatal = lines.find((line) => /FATAL ERROR|heap out of memory|Error:/.test(line));
  return `exit ${outcome.code ?? outcome.signal}${fatal ? `: ${fatal.trim().slice(0, 200)}` : lines.length > 0 ? `: ${lines[lines.length - 1]?.trim().slice(0, 200)}` : ''}`;
};

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

const gitRevision = (): string => {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  os: `${type()} ${release()}`,
};
const api = await loadBenchApi();
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

log(`zonewise bench: ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.cpu}`);
log(`sizes ${sizes.join(', ')}; steps ${steps.join(', ')}`);
for (const note of api.notes) log(`note: ${note} (those steps are skipped)`);

const models: ModelInfo[] = [];
const results: StepResult[] = [];
let capture: CaptureIngestResult | { readonly status: string; readonly note: string } | undefined;
let serverLoad:
  { readonly results: ServerLoadResult[] } | { readonly status: string; readonly note: string } | undefined;
let webUi: WebBenchResult | { readonly status: string; readonly note: string } | undefined;
const startedAt = new Date().toISOString();

const save = (): void => {
  const latest = {
    startedAt,
    finishedAt: new Date().toISOString(),
    revision: gitRevision(),
    machine,
    options: { sizes, steps, profile: values.profile, heap: values.heap ?? null, seed: values.seed ?? null },
    notes: api.notes,
    models,
    results,
    ...(capture === undefined ? {} : { capture }),
    ...(serverLoad === undefined ? {} : { serverLoad }),
    ...(webUi === undefined ? {} : { webUi }),
    growth: growthCheck(results),
    targets: targetChecks(results),
  };
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
};

for (const size of steps.length > 0 ? sizes : []) {
  const infoPath = join(scratchDir, `model-${size}.json`);
  log(`\n${size} assets: generating …`);
  const generated = await runChild('generate.ts', [
    '--size',
    String(size),
    '--dir',
    modelsDir,
    '--out',
    infoPath,
    ...(values.seed ? ['--seed', values.seed] : []),
  ]);
  if (generated.code !== 0 || !existsSync(infoPath)) {
    log(`  generation failed: ${failureNote(generated)}`);
    for (const step of steps)
      results.push({
        size,
        step,
        status: 'failed',
        note: `model generation failed: ${failureNote(generated)}`,
      });
    continue;
  }
  const model = readJson<ModelInfo>(infoPath);
  models.push(model);
  log(
    `  ${model.stats.zones} zones, ${model.stats.conduits} conduits, ${model.stats.dataFlows} flows; JSON ${model.jsonMb.toFixed(0)} MB, YAML ${model.yamlMb.toFixed(0)} MB (${model.seconds.toFixed(1)} s)`,
  );

  for (const step of steps) {
    const outPath = join(scratchDir, `result-${size}-${step}.json`);
    rmSync(outPath, { force: true });
    const loadAverage = Math.round((loadavg()[0] ?? 0) * 100) / 100;
    const outcome = await runChild('step.ts', [
      '--step',
      step,
      '--size',
      String(size),
      '--json',
      model.jsonPath,
      '--yaml',
      model.yamlPath,
      '--out',
      outPath,
      '--repeat',
      String(repeatFor(size)),
      '--root',
      root,
      ...(values.profile ? ['--profile-dir', profileDir] : []),
    ]);
    const result: StepResult = {
      ...(outcome.code === 0 && existsSync(outPath)
        ? readJson<StepResult>(outPath)
        : { size, step, status: outcome.timedOut ? 'timeout' : 'failed', note: failureNote(outcome) }),
      loadAverage,
    };
    results.push(result);
    log(
      result.status === 'ok'
        ? `  ${step.padEnd(18)} ${(result.seconds ?? 0).toFixed(3).padStart(8)} s  best ${(result.bestSeconds ?? 0).toFixed(3).padStart(8)} s  peak ${(result.peakRssMb ?? 0).toFixed(0).padStart(6)} MB  ${result.detail ?? ''}`
        : `  ${step.padEnd(18)} ${result.status}: ${result.note ?? ''}`,
    );
    save();
  }
  if (!values['keep-models']) {
    rmSync(model.jsonPath, { force: true });
    rmSync(model.yamlPath, { force: true });
  }
}
if (runCapture) {
  const capturePath = join(scratchDir, 'capture.json');
  log(`\ncapture ingest (${values['capture-mb']} MiB synthetic pcap, tshark side by side) …`);
  const outcome = await runChild('capture-ingest.ts', ['--mb', values['capture-mb'], '--out', capturePath]);
  capture =
    outcome.code === 0 && existsSync(capturePath)
      ? readJson<CaptureIngestResult>(capturePath)
      : { status: outcome.timedOut ? 'timeout' : 'failed', note: failureNote(outcome) };
}
if (runServer) {
  const serverPath = join(scratchDir, 'server-load.json');
  log(
    `\nserver load (50 clients × ${values['server-seconds']} s per run: SQLite, PostgreSQL, PostgreSQL with 2 workers; 10k assets) …`,
  );
  const outcome = await runChild('server-load.ts', [
    '--seconds',
    values['server-seconds'],
    '--out',
    serverPath,
  ]);
  serverLoad = existsSync(serverPath)
    ? readJson<{ results: ServerLoadResult[] }>(serverPath)
    : { status: outcome.timedOut ? 'timeout' : 'failed', note: failureNote(outcome) };
}
if (runWeb) {
  const webPath = join(scratchDir, 'web-ui.json');
  log('\nweb UI in Chromium (diagram 5,000 assets / 300 zones, asset table 100k rows) …');
  const outcome = await runChild('web-ui.ts', ['--out', webPath]);
  webUi = existsSync(webPath)
    ? readJson<WebBenchResult>(webPath)
    : { status: outcome.timedOut ? 'timeout' : 'failed', note: failureNote(outcome) };
}
save();
rmSync(scratchDir, { recursive: true, force: true });

const growth = growthCheck(results);
const captureSection = (): string => {
  if (capture === undefined) return '';
  if (!('best' in capture)) return `## Capture ingest\n\n${capture.status}: ${capture.note}`;
  const { best, tshark } = capture;
  return [
    `## Capture ingest (issue 5: ≥ 200 MB/s on one core, flat memory)`,
    '',
    `${(capture.fileBytes / 1e6).toFixed(0)} MB synthetic pcap, ${capture.packets.toLocaleString('en')} packets, ${capture.hosts.toLocaleString('en')} hosts, ${capture.flows.toLocaleString('en')} flows, ${capture.ipPairs.toLocaleString('en')} IP pairs.`,
    `zonewise: ${best.seconds.toFixed(2)} s, ${best.megabytesPerSecond.toFixed(0)} MB/s, RSS ${best.startRssMb.toFixed(0)} → ${best.endRssMb.toFixed(0)} MB (peak ${best.peakRssMb.toFixed(0)} MB): target ${capture.meetsTarget ? 'met' : 'MISSED'}, memory ${capture.isFlat ? 'flat' : 'NOT flat'}.`,
    tshark.status === 'ok'
      ? `tshark -q -z conv,ip: ${(tshark.seconds ?? 0).toFixed(2)} s, ${(tshark.megabytesPerSecond ?? 0).toFixed(0)} MB/s, peak ${(tshark.peakRssMb ?? 0).toFixed(0)} MB, ${tshark.conversations ?? 0} conversations.`
      : `tshark: ${tshark.note ?? tshark.status}`,
  ].join('\n');
};
const output = [
  `## Machine\n\n${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.os}; revision ${gitRevision()}`,
  `## Models\n\n${modelsTable(models)}`,
  `## Results\n\nTime s: the first (cold) run; Best s: fastest of ${sizes.map((size) => `${repeatFor(size)} at ${size}`).join(', ')} runs. Peak RSS: highest resident memory while the step ran, input included.\n\n${resultsTable(results, models)}`,
  `## Growth (best times, consecutive sizes)\n\n${growth.length > 0 ? growthTable(growth) : 'Needs at least two sizes.'}`,
  `## Targets (issue 2: assess 100k assets / 1M flows < 10 s, < 2 GB)\n\n${targetLines(targetChecks(results))}`,
  `## Steps\n\n${steps.map((step: Step) => `- ${step}: ${STEP_DESCRIPTIONS[step]}`).join('\n')}${api.notes.length > 0 ? `\n\nNot measured yet:\n${api.notes.map((note) => `- ${note}`).join('\n')}` : ''}`,
];
const sections = steps.length > 0 ? output : output.slice(0, 1);
if (runCapture) sections.push(captureSection());
if (serverLoad !== undefined)
  sections.push(
    `## Server load (issue 3: 50 clients, p99 < 100 ms, no errors, nothing lost)\n\n${'results' in serverLoad ? serverLoadTable(serverLoad.results) : `${serverLoad.status}: ${serverLoad.note}`}`,
  );
if (webUi !== undefined)
  sections.push(
    `## Web UI (issue 4: diagram of 5,000 assets in 300 zones lays out < 3 s and pans smoothly; 100k-row table scrolls without dropped frames)\n\n${'diagram' in webUi ? `Layout ${webUi.diagram.layoutMs} ms; pan: mean ${webUi.diagram.pan.meanMs.toFixed(1)} ms, p95 ${webUi.diagram.pan.p95Ms.toFixed(1)} ms, ${webUi.diagram.pan.dropped} frames > 25 ms of ${webUi.diagram.pan.frames}; table scroll: mean ${webUi.table.scroll.meanMs.toFixed(1)} ms, p95 ${webUi.table.scroll.p95Ms.toFixed(1)} ms, ${webUi.table.scroll.dropped} frames > 25 ms of ${webUi.table.scroll.frames}; wheel scroll with the cursor over the rows: p95 ${webUi.table.wheel.p95Ms.toFixed(1)} ms, ${webUi.table.wheel.dropped} frames > 25 ms of ${webUi.table.wheel.frames}.` : `${webUi.status}: ${webUi.note}`}`,
  );
process.stdout.write(`${sections.join('\n\n')}\n\nRaw results: bench/results/latest.json\n`);
