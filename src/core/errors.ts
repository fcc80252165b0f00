/**
 * Errors a person can act on. Each maps to one of the contract's exit codes:
 * 2 for bad usage or unreadable input, 3 for a data source that failed.
 * The message is one line that names the file or flag, the field and what was expected.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  override readonly name = 'UsageError';
}

/** Input that cannot be read or has the wrong shape (exit 2). */
export class InputError extends Error {
  readonly exitCode = 2;
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/** A data source (istioctl, the cluster) failed (exit 3). */
export class SourceError extends Error {
  readonly exitCode = 3;
  override readonly name = 'SourceError';
}

/** The errors meshscope reports as a single line instead of a stack trace. */
export type ReportedError = UsageError | InputError | SourceError;

export function isReportedError(error: unknown): error is ReportedError {
  return error instanceof UsageError || error instanceof InputError || error instanceof SourceError;
}
