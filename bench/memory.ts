import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Peak resident memory of the current process. Linux keeps the high-water mark in /proc/self/status (VmHWM) and lets
 * a process reset it (write "5" to /proc/self/clear_refs), which is how one child process measures the peak of one
 * step after its setup. Elsewhere the harness falls back to `process.resourceUsage().maxRSS` for the whole process.
 */

const MB = 1024 * 1024;

const statusField = (name: string): number | undefined => {
  try {
    const line = readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith(`${name}:`));
    const kb = line ? Number.parseInt(line.slice(name.length + 1).trim(), 10) : Number.NaN;
    return Number.isFinite(kb) ? (kb * 1024) / MB : undefined;
  } catch {
    return undefined;
  }
};

/** Peak RSS in MB since the process started or since the last successful {@link resetPeakRss}. */
export const peakRssMb = (): number => statusField('VmHWM') ?? (process.resourceUsage().maxRSS * 1024) / MB;

/** Current RSS in MB. */
export const currentRssMb = (): number => statusField('VmRSS') ?? process.memoryUsage().rss / MB;

/** Resets the peak to the current RSS; false where the platform does not allow it (then peaks cover the process). */
export const resetPeakRss = (): boolean => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
};

/** Runs a full garbage collection when the process was started with --expose-gc. */
export const collectGarbage = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};
