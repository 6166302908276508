/** Process exit codes (docs/architecture.md, Errors). */
export const EXIT = {
  ok: 0,
  /** A `--fail-on` gate failed. */
  gateFailed: 1,
  /** Invalid input or usage. */
  invalidInput: 2,
  /** An unexpected error: a bug. */
  crash: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure that ends a command with a message and an exit code (never a stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.invalidInput,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
