import type { SyntheticModelStats } from './synthetic-model';

/**
 * The steps the benchmark measures, the `--only` groups they belong to, and the result one child process reports for
 * one step at one size. Shared by the parent (`run.ts`) and the child (`step.ts`).
 */

/** Every measured step, in the order they run. */
export const STEPS = [
  'load-json',
  'load-yaml',
  'resolve',
  'assess',
  'assess-end-to-end',
  'report-markdown',
  'report-html',
  'report-docx',
  'report-pdf',
  'registers-xlsx',
  'diagram',
] as const;

/** One measured step. */
export type Step = (typeof STEPS)[number];

/** `--only` accepts these group names (or single step names). */
export const STEP_GROUPS: Readonly<Record<string, readonly Step[]>> = {
  load: ['load-json', 'load-yaml'],
  resolve: ['resolve'],
  assess: ['assess', 'assess-end-to-end'],
  report: ['report-markdown', 'report-html', 'report-docx', 'report-pdf'],
  registers: ['registers-xlsx'],
  diagram: ['diagram'],
};

/** What each step times (the setup before it is not timed). */
export const STEP_DESCRIPTIONS: Readonly<Record<Step, string>> = {
  'load-json': 'text of the JSON file → document (`loadAssessmentText`)',
  'load-yaml': 'text of the YAML file → document (`loadAssessmentText`)',
  resolve: 'parsed document → model (`resolveSystem`)',
  assess: 'model → assessment (`assessSystem`)',
  'assess-end-to-end':
    'JSON text → load → resolve → assess, what `zonewise assess` does after reading the file',
  'report-markdown': 'model + assessment → Markdown report (`renderReportMarkdown`)',
  'report-html': 'model + assessment → HTML report (`renderReportHtml`)',
  'report-docx': 'model + assessment → Word report, figures rasterised by resvg (`renderReportDocx`)',
  'report-pdf': 'model + assessment → HTML → PDF printed by Chromium (`renderReportPdf`)',
  'registers-xlsx': 'model + assessment → registers → .xlsx bytes (`buildRegisters`, `writeRegistersXlsx`)',
  diagram: 'model + assessment → ELK layout → SVG (`renderZoneConduitDiagram`)',
};

/** Expands `--only` values (group or step names) to steps in run order; unknown names are returned separately. */
export const selectSteps = (only: readonly string[] | undefined): { steps: Step[]; unknown: string[] } => {
  if (!only || only.length === 0) return { steps: [...STEPS], unknown: [] };
  const chosen = new Set<Step>();
  const unknown: string[] = [];
  for (const name of only) {
    const group = STEP_GROUPS[name];
    if (group) for (const step of group) chosen.add(step);
    else if ((STEPS as readonly string[]).includes(name)) chosen.add(name as Step);
    else unknown.push(name);
  }
  return { steps: STEPS.filter((step) => chosen.has(step)), unknown };
};

/** One function of a CPU profile with its self and total time. */
export interface HotSpot {
  readonly function: string;
  readonly location: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

/** The outcome of one step at one size, measured in its own child process. */
export interface StepResult {
  readonly size: number;
  readonly step: Step;
  readonly status: 'ok' | 'skipped' | 'failed' | 'timeout';
  /** Wall time of the first (cold) run. */
  readonly seconds?: number;
  /**
   * CPU time (user + system, all threads) of the first run. Less sensitive than wall time to other processes on a
   * shared machine; above wall time when V8's helper threads collect garbage in parallel.
   */
  readonly cpuSeconds?: number;
  /** Fastest of the runs (the first plus repeats): the figure the growth check uses. */
  readonly bestSeconds?: number;
  readonly runs?: readonly number[];
  /** Peak RSS while the step ran, including what setup left resident (the input, the model). */
  readonly peakRssMb?: number;
  /** RSS after setup, before the step. */
  readonly baselineRssMb?: number;
  /** Peak RSS of the whole child, setup included. */
  readonly processPeakRssMb?: number;
  /** True when the peak covers the step only (Linux); false when it covers the whole process. */
  readonly peakIsPerStep?: boolean;
  /** One-minute load average when the step started: above the core count, other processes competed for the CPU. */
  readonly loadAverage?: number;
  /** What came out: counts, sizes, diagnostics. */
  readonly detail?: string;
  readonly note?: string;
  readonly profile?: string;
  /** With `--profile`: the functions with the most total time (self + callees) during the step. */
  readonly hotSpots?: readonly HotSpot[];
  /** With `--profile`: the functions with the most self time during the step. */
  readonly selfHotSpots?: readonly HotSpot[];
}

/** Statistics of a generated model file. */
export interface ModelInfo {
  readonly size: number;
  readonly seconds: number;
  readonly jsonPath: string;
  readonly yamlPath: string;
  readonly jsonMb: number;
  readonly yamlMb: number;
  readonly stats: SyntheticModelStats;
}
