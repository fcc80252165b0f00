import { sanitizeLine } from '../core/text/sanitize.ts';
import type { CliIo } from './io.ts';

/**
 * A bug: an error meshscope did not expect. It exits 70, EX_SOFTWARE of BSD's sysexits.h ("an
 * internal software error has been detected"), so scripts can tell it from 1 (a negative answer),
 * 2 (bad usage or input) and 3 (a source failed). One line on stderr says where to report it; the
 * stack only with the global `--debug` flag.
 */
export const INTERNAL_ERROR_EXIT = 70;

/** package.json names no repository or bug tracker, so the line names the maintainers. */
const REPORT_TO = 'to the meshscope maintainers';

/** Removes the global `--debug` flag from argv (anywhere before a `--`); says whether it was there. */
export function takeDebugFlag(argv: string[]): { argv: string[]; debug: boolean } {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end);
  const kept = head.filter((a) => a !== '--debug');
  return { argv: [...kept, ...tail], debug: kept.length !== head.length };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message.split('\n')[0] ?? ''}`;
  return String(error).split('\n')[0] ?? '';
}

/** Writes the internal-error line (and with `debug` the stack) and returns the exit code, 70. */
export function reportInternalError(error: unknown, stderr: CliIo['stderr'], debug: boolean): number {
  const message = sanitizeLine(messageOf(error)).slice(0, 300) || 'unknown error';
  stderr.write(`meshscope: internal error: ${message} — please report it ${REPORT_TO} (rerun with --debug for the stack)\n`);
  if (debug && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return INTERNAL_ERROR_EXIT;
}
