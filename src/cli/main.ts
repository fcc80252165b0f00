import { isReportedError } from '../core/errors.ts';
import { sanitizeLine } from '../core/text/sanitize.ts';
import { configureInputLimits } from '../sources/input-limits.ts';
import { guardedIo } from './guarded-io.ts';
import { reportInternalError, takeDebugFlag } from './internal-error.ts';
import type { CliIo, Command } from './io.ts';
import { usage, VERSION } from './usage.ts';

export { reportInternalError };

/**
 * Subcommands, loaded lazily so `--version`, `--help` and the table commands never load ink.
 * Each module exports `run: Command`.
 */
const commands: Record<string, () => Promise<{ run: Command }>> = {
  'route-check': () => import('./commands/route-check.ts'),
  explain: () => import('./commands/explain.ts'),
  intent: () => import('./commands/intent.ts'),
  findings: () => import('./commands/findings.ts'),
  analyze: () => import('./commands/analyze.ts'),
  routes: () => import('./commands/tables.ts').then((m) => ({ run: m.routes })),
  clusters: () => import('./commands/tables.ts').then((m) => ({ run: m.clusters })),
  listeners: () => import('./commands/tables.ts').then((m) => ({ run: m.listeners })),
  endpoints: () => import('./commands/tables.ts').then((m) => ({ run: m.endpoints })),
  'proxy-config': () => import('./commands/proxy-config.ts'),
  pc: () => import('./commands/proxy-config.ts'),
  top: () => import('./commands/top.ts'),
  snapshot: () => import('./commands/snapshot.ts'),
  diff: () => import('./commands/diff.ts'),
};

/** The one-line load warning after a command (loaded then: `--help` and `--version` never need it). */
async function loadWarnings(io: CliIo): Promise<void> {
  (await import('./warnings.ts')).writeLoadWarnings(io);
}

/**
 * The CLI entry: argv without the program name; returns the process exit code. Every write goes
 * through the terminal guard (guarded-io.ts). An error that is not a ReportedError is a bug: one
 * line and exit 70 (internal-error.ts), the stack with --debug.
 */
export async function main(args: string[], given: CliIo): Promise<number> {
  const io = guardedIo(given);
  const { argv, debug } = takeDebugFlag(args);
  const [first, ...rest] = argv;
  try {
    configureInputLimits(io.env);
    if (first === '--version' || first === '-v') {
      io.stdout.write(`meshscope ${VERSION}\n`);
      return 0;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(usage());
      return 0;
    }
    if (first !== undefined && Object.hasOwn(commands, first)) {
      const { run } = await commands[first]!();
      const code = await run(rest, io);
      await loadWarnings(io);
      return code;
    }
    if (first !== undefined && !first.startsWith('-') && !first.includes('.')) {
      io.stderr.write(`meshscope: unknown command "${sanitizeLine(first)}"; run \`meshscope --help\` for the list\n`);
      return 2;
    }
    // No subcommand: the interactive TUI (it falls back to the overview without a terminal).
    const { run } = await import('./commands/tui.ts');
    const code = await run(argv, io);
    await loadWarnings(io);
    return code;
  } catch (error) {
    if (isReportedError(error)) {
      io.stderr.write(`meshscope: ${sanitizeLine(error.message)}\n`);
      return error.exitCode;
    }
    return reportInternalError(error, io.stderr, debug);
  }
}
