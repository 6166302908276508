import type { SyntheticModelStats } from './synthetic-model';
import { STEPS, type ModelInfo, type Step, type StepResult } from './steps';

/**
 * Turns raw step results into the Markdown the harness prints and `docs/benchmarks.md` quotes: the results table, the
 * growth check against n·log n between consecutive sizes, and the targets of issue 2 (assess 100k assets / 1M flows
 * in under 10 s and under 2 GB).
 */

/** Issue 2's bar for `assess` at 100k assets and 1M flows. */
export const TARGETS = { size: 100_000, seconds: 10, peakRssMb: 2048 } as const;

/** Base times under this many seconds are dominated by start-up effects, so their ratios are marked noisy. */
export const NOISY_BELOW_SECONDS = 0.02;

const seconds = (value: number | undefined): string =>
  value === undefined
    ? '–'
    : value < 0.1
      ? value.toFixed(3)
      : value < 10
        ? value.toFixed(2)
        : value.toFixed(1);
const mb = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(0));
const count = (value: number): string => value.toLocaleString('en-US');

/** The Markdown table of every result: size, step, time, peak RSS and what came out. */
export const resultsTable = (results: readonly StepResult[], models: readonly ModelInfo[]): string => {
  const flowsOf = new Map(models.map((model) => [model.size, model.stats.dataFlows]));
  const lines = [
    '| Assets | Flows | Step | Time s | CPU s | Best s | Peak RSS MB | RSS before MB | Output / note |',
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const result of results) {
    const flows = flowsOf.get(result.size);
    const note =
      result.status === 'ok' ? (result.detail ?? '') : `**${result.status}**: ${result.note ?? ''}`;
    lines.push(
      `| ${count(result.size)} | ${flows === undefined ? '–' : count(flows)} | ${result.step} | ${seconds(result.seconds)} | ${seconds(result.cpuSeconds)} | ${seconds(result.bestSeconds)} | ${mb(result.peakRssMb)} | ${mb(result.baselineRssMb)} | ${note.replace(/\|/g, '\\|')} |`,
    );
  }
  return lines.join('\n');
};

/** The Markdown table of the generated models. */
export const modelsTable = (models: readonly ModelInfo[]): string => {
  const lines = [
    '| Assets | Zones | Conduits | Flows (intra / conduit / violating) | Scenarios | Vulns | Countermeasures | JSON MB | YAML MB | Generate s |',
    '| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const model of models) {
    const stat = (key: keyof SyntheticModelStats): string => count(Number(model.stats[key]));
    lines.push(
      `| ${count(model.size)} | ${stat('zones')} | ${stat('conduits')} | ${stat('dataFlows')} (${stat('intraZoneFlows')} / ${stat('conduitFlows')} / ${stat('violatingFlows')}) | ${stat('threatScenarios')} | ${stat('vulnerabilities')} | ${stat('countermeasures')} | ${model.jsonMb.toFixed(1)} | ${model.yamlMb.toFixed(1)} | ${seconds(model.seconds)} |`,
    );
  }
  return lines.join('\n');
};

/** One step's growth between two consecutive sizes. */
export interface Growth {
  readonly step: Step;
  readonly from: number;
  readonly to: number;
  readonly timeRatio: number;
  /** (to·log to) / (from·log from): the ratio n·log n growth allows. */
  readonly nLogNRatio: number;
  /** log(timeRatio) / log(to/from): 1 is linear, 2 quadratic. */
  readonly exponent: number;
  readonly verdict: 'within n·log n' | 'worse than n·log n';
  readonly isNoisy: boolean;
}

/** n·log n ratio between two sizes. */
export const nLogNRatio = (from: number, to: number): number => (to * Math.log(to)) / (from * Math.log(from));

/** Compares the best time of each step between consecutive measured sizes with n·log n. */
export const growthCheck = (results: readonly StepResult[]): Growth[] => {
  const growth: Growth[] = [];
  for (const step of STEPS) {
    const measured = results
      .filter(
        (result) =>
          result.step === step &&
          result.status === 'ok' &&
          result.bestSeconds !== undefined &&
          result.bestSeconds > 0,
      )
      .sort((a, b) => a.size - b.size);
    for (let index = 1; index < measured.length; index += 1) {
      const small = measured[index - 1] as StepResult;
      const large = measured[index] as StepResult;
      const timeRatio = (large.bestSeconds as number) / (small.bestSeconds as number);
      const allowed = nLogNRatio(small.size, large.size);
      growth.push({
        step,
        from: small.size,
        to: large.size,
        timeRatio,
        nLogNRatio: allowed,
        exponent: Math.log(timeRatio) / Math.log(large.size / small.size),
        verdict: timeRatio <= allowed ? 'within n·log n' : 'worse than n·log n',
        isNoisy: (small.bestSeconds as number) < NOISY_BELOW_SECONDS,
      });
    }
  }
  return growth;
};

/** The Markdown table of the growth check. */
export const growthTable = (growth: readonly Growth[]): string => {
  const lines = [
    '| Step | Sizes | Time ratio | n·log n ratio | Exponent | Verdict |',
    '| --- | --- | ---: | ---: | ---: | --- |',
  ];
  for (const row of growth) {
    lines.push(
      `| ${row.step} | ${count(row.from)} → ${count(row.to)} | ${row.timeRatio.toFixed(1)} | ${row.nLogNRatio.toFixed(1)} | ${row.exponent.toFixed(2)} | ${row.verdict}${row.isNoisy ? ` (base under ${NOISY_BELOW_SECONDS * 1000} ms: noisy)` : ''} |`,
    );
  }
  return lines.join('\n');
};

/** One target of the issue, checked against a measured result. */
export interface TargetCheck {
  readonly step: Step;
  readonly seconds: number | undefined;
  readonly peakRssMb: number | undefined;
  readonly meetsTime: boolean;
  readonly meetsMemory: boolean;
  readonly status: StepResult['status'] | 'not measured';
}

/** The issue's bar applied to `assess` (and the end-to-end run) at the target size. */
export const targetChecks = (results: readonly StepResult[]): TargetCheck[] =>
  (['assess', 'assess-end-to-end'] as const).map((step) => {
    const result = results.find((entry) => entry.step === step && entry.size === TARGETS.size);
    const time = result?.seconds;
    const peak = result?.peakRssMb;
    return {
      step,
      seconds: time,
      peakRssMb: peak,
      meetsTime: time !== undefined && time < TARGETS.seconds,
      meetsMemory: peak !== undefined && peak < TARGETS.peakRssMb,
      status: result?.status ?? 'not measured',
    };
  });

/** The Markdown lines of the target check. */
export const targetLines = (checks: readonly TargetCheck[]): string =>
  checks
    .map((check) =>
      check.status !== 'ok'
        ? `- ${check.step} at ${count(TARGETS.size)} assets: ${check.status}`
        : `- ${check.step} at ${count(TARGETS.size)} assets: ${seconds(check.seconds)} s (target < ${TARGETS.seconds} s: ${check.meetsTime ? 'met' : 'MISSED'}), peak ${mb(check.peakRssMb)} MB (target < ${TARGETS.peakRssMb} MB: ${check.meetsMemory ? 'met' : 'MISSED'})`,
    )
    .join('\n');
