import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { findSourceMap, type SourceMap } from 'node:module';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Assessment, SystemModel } from '@zonewise/core';
import {
  buildRegisters,
  renderReportDocx,
  renderZoneConduitDiagram,
  writeRegistersXlsx,
} from '@zonewise/formats';
import { DEFAULT_CHROMIUM_PATH, rasteriseSvg, renderReportPdf } from '@zonewise/server';
import { loadBenchApi, type BenchApi } from './api';
import { collectGarbage, currentRssMb, peakRssMb, resetPeakRss } from './memory';
import { remapProfile, summariseProfile, topSelfTime, type CpuProfile } from './profile-summary';
import { STEPS, type HotSpot, type Step, type StepResult } from './steps';

/**
 * Child process of the benchmark: prepares the input of one step (untimed), then times the step alone and reads the
 * peak RSS it reached. One process per step and size, so that no step inherits another's heap or JIT state.
 *
 *   node --import tsx --expose-gc bench/step.ts --step assess --size 100000 --json m.json --yaml m.yaml --out r.json
 */

const { values } = parseArgs({
  options: {
    step: { type: 'string' },
    size: { type: 'string' },
    json: { type: 'string' },
    yaml: { type: 'string' },
    out: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    'profile-dir': { type: 'string' },
    root: { type: 'string', default: process.cwd() },
  },
});

const step = values.step as Step;
if (!(STEPS as readonly string[]).includes(step) || !values.json || !values.yaml || !values.out) {
  process.stderr.write(
    'usage: step.ts --step <step> --size <n> --json <file> --yaml <file> --out <result.json>\n',
  );
  process.exit(2);
}
const size = Number(values.size);
const repeat = Math.max(1, Number(values.repeat));
const jsonPath = values.json;
const yamlPath = values.yaml;
const outPath = values.out;

/** A step whose input could not be prepared: nothing to time. */
class Unavailable extends Error {
  constructor(
    message: string,
    readonly status: 'skipped' | 'failed',
  ) {
    super(message);
  }
}

const MB = 1024 * 1024;

const describe = (value: unknown): string => {
  if (typeof value === 'string') return `${(value.length / MB).toFixed(1)} M characters`;
  if (typeof value !== 'object' || value === null) return typeof value;
  const counts = Object.entries(value)
    .filter(([, entry]) => Array.isArray(entry))
    .map(([key, entry]) => `${key} ${(entry as unknown[]).length}`);
  return counts.slice(0, 8).join(', ');
};

const load = (api: BenchApi, text: string, format: 'json' | 'yaml'): unknown => {
  if (!api.loadAssessmentText) {
    if (format === 'json') return JSON.parse(text) as unknown;
    throw new Unavailable(
      'YAML loading needs loadAssessmentText from @zonewise/formats, which is not there yet',
      'skipped',
    );
  }
  const loaded = api.loadAssessmentText(text, {
    fileName: format === 'json' ? 'synthetic.json' : 'synthetic.yaml',
  });
  if (!loaded.ok) {
    throw new Unavailable(
      `loadAssessmentText rejected the synthetic ${format}: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`,
      'failed',
    );
  }
  return loaded.file;
};

const resolve = (api: BenchApi, document: unknown): SystemModel => {
  const resolved = api.resolveSystem(document);
  if (!resolved.ok) {
    const codes = [...new Set(resolved.diagnostics.map((diagnostic) => diagnostic.code))].join(', ');
    throw new Unavailable(
      `resolveSystem rejected the synthetic model (${resolved.diagnostics.length} diagnostics: ${codes})`,
      'failed',
    );
  }
  return resolved.value;
};

const needAssess = (api: BenchApi): NonNullable<BenchApi['assessSystem']> => {
  if (!api.assessSystem)
    throw new Unavailable('assessSystem is not exported by @zonewise/core yet', 'skipped');
  return api.assessSystem;
};

/** Builds the untimed input of a step and returns the timed operation with a description of its output. */
const prepare = (api: BenchApi): { run: () => unknown; detail: (output: unknown) => string } => {
  const reportOptions = { generatedAt: '2026-01-01T00:00:00.000Z', document: 'full' } as const;
  const readJson = () => readFileSync(jsonPath, 'utf8');
  switch (step) {
    case 'load-json': {
      const text = readJson();
      return {
        run: () => load(api, text, 'json'),
        detail: () =>
          `${(text.length / MB).toFixed(0)} MB of JSON${api.loadAssessmentText ? '' : ' (measured with JSON.parse: no loadAssessmentText yet)'}`,
      };
    }
    case 'load-yaml': {
      if (!api.loadAssessmentText) load(api, '', 'yaml');
      const text = readFileSync(yamlPath, 'utf8');
      return {
        run: () => load(api, text, 'yaml'),
        detail: () => `${(text.length / MB).toFixed(0)} MB of YAML`,
      };
    }
    case 'resolve': {
      const document = JSON.parse(readJson()) as unknown;
      return {
        run: () => api.resolveSystem(document),
        detail: (output) => {
          const resolved = output as ReturnType<BenchApi['resolveSystem']>;
          if (!resolved.ok)
            throw new Unavailable(
              `resolveSystem rejected the synthetic model: ${resolved.diagnostics
                .slice(0, 3)
                .map((d) => d.code)
                .join(', ')}`,
              'failed',
            );
          return `ok, ${resolved.warnings.length} warnings`;
        },
      };
    }
    case 'assess': {
      const assess = needAssess(api);
      const model = resolve(api, JSON.parse(readJson()));
      return { run: () => assess(model), detail: describe };
    }
    case 'assess-end-to-end': {
      const assess = needAssess(api);
      const text = readJson();
      return { run: () => assess(resolve(api, load(api, text, 'json'))), detail: describe };
    }
    case 'report-markdown':
    case 'report-html': {
      const render = step === 'report-html' ? api.renderReportHtml : api.renderReportMarkdown;
      if (!render)
        throw new Unavailable(
          `${step === 'report-html' ? 'renderReportHtml' : 'renderReportMarkdown'} is not exported by @zonewise/formats yet`,
          'skipped',
        );
      const assess = needAssess(api);
      const model = resolve(api, JSON.parse(readJson()));
      const assessment = assess(model);
      return {
        run: () => render(model, assessment, { generatedAt: '2026-01-01T00:00:00.000Z', document: 'full' }),
        detail: describe,
      };
    }
    case 'report-docx':
    case 'report-pdf': {
      if (step === 'report-pdf' && !existsSync(DEFAULT_CHROMIUM_PATH))
        throw new Unavailable(`no Chromium at ${DEFAULT_CHROMIUM_PATH}`, 'skipped');
      const assess = needAssess(api);
      const model = resolve(api, JSON.parse(readJson()));
      const assessment = assess(model) as Assessment;
      return {
        // Async: the step's time runs until the bytes are there (the caller awaits the promise).
        run: () =>
          step === 'report-docx'
            ? renderReportDocx(model, assessment, { ...reportOptions, rasterise: rasteriseSvg })
            : renderReportPdf(model, assessment, reportOptions),
        detail: (output) => `${((output as Uint8Array).length / MB).toFixed(1)} MB ${step.slice(7)}`,
      };
    }
    case 'registers-xlsx':
    case 'diagram': {
      const assess = needAssess(api);
      const model = resolve(api, JSON.parse(readJson()));
      const assessment = assess(model) as Assessment;
      return step === 'registers-xlsx'
        ? {
            run: () => writeRegistersXlsx(buildRegisters(model, assessment, reportOptions), reportOptions),
            detail: (output) => `${((output as Uint8Array).length / MB).toFixed(1)} MB xlsx`,
          }
        : {
            run: () => renderZoneConduitDiagram(model, { targets: assessment.targets }),
            detail: (output) => {
              const figure = output as { svg: string; width: number; height: number };
              return `${(figure.svg.length / MB).toFixed(1)} MB SVG, ${figure.width}×${figure.height} px`;
            },
          };
    }
  }
};

/** Maps a profile taken through tsx back to the TypeScript sources, with the source maps tsx registered. */
const remapToSources = (profile: CpuProfile): CpuProfile => {
  const maps = new Map<string, SourceMap | undefined>();
  const files = new Map<string, readonly string[] | undefined>();
  return remapProfile(
    profile,
    (url, line, column) => {
      if (!maps.has(url)) maps.set(url, findSourceMap(url));
      const entry = maps.get(url)?.findEntry(line, column);
      if (!entry || !('originalSource' in entry)) return undefined;
      return { url: entry.originalSource, line: entry.originalLine, column: entry.originalColumn };
    },
    (url, line) => {
      if (!files.has(url)) {
        try {
          files.set(
            url,
            readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8').split('\n'),
          );
        } catch {
          files.set(url, undefined);
        }
      }
      return files.get(url)?.[line];
    },
  );
};

const main = async (): Promise<StepResult> => {
  const api = await loadBenchApi();
  let operation: ReturnType<typeof prepare>;
  try {
    operation = prepare(api);
  } catch (error) {
    if (error instanceof Unavailable) return { size, step, status: error.status, note: error.message };
    throw error;
  }
  collectGarbage();
  const processPeakRssMb = peakRssMb();
  const baselineRssMb = currentRssMb();
  const peakIsPerStep = resetPeakRss();

  let session: Session | undefined;
  if (values['profile-dir']) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let output: unknown;
  try {
    output = await operation.run();
  } catch (error) {
    if (error instanceof Unavailable) return { size, step, status: error.status, note: error.message };
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peak = peakRssMb();
  let profilePath: string | undefined;
  let hotSpots: readonly HotSpot[] = [];
  let selfHotSpots: readonly HotSpot[] = [];
  if (session && values['profile-dir']) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(values['profile-dir'], { recursive: true });
    profilePath = join(values['profile-dir'], `${size}-${step}.cpuprofile`);
    const mapped = remapToSources(profile as CpuProfile);
    writeFileSync(profilePath, JSON.stringify(mapped));
    hotSpots = summariseProfile(mapped, { root: values.root, limit: 25 });
    selfHotSpots = topSelfTime(mapped, { root: values.root, limit: 25 });
    session.disconnect();
  }
  let detail: string;
  try {
    detail = operation.detail(output);
  } catch (error) {
    if (error instanceof Unavailable) return { size, step, status: error.status, note: error.message };
    throw error;
  }
  output = undefined;

  const runs = [seconds];
  for (let index = 1; index < repeat; index += 1) {
    collectGarbage();
    const again = performance.now();
    output = await operation.run();
    runs.push((performance.now() - again) / 1000);
    output = undefined;
  }
  return {
    size,
    step,
    status: 'ok',
    seconds,
    cpuSeconds,
    bestSeconds: Math.min(...runs),
    runs,
    peakRssMb: peak,
    baselineRssMb,
    processPeakRssMb: Math.max(processPeakRssMb, peak),
    peakIsPerStep,
    detail,
    ...(profilePath ? { profile: profilePath, hotSpots, selfHotSpots } : {}),
  };
};

const result = await main();
writeFileSync(outPath, `${JSON.stringify(result)}\n`);
