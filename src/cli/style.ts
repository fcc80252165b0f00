import { ansi, plain, type Style } from '../core/report/style.ts';
import type { CliIo } from './io.ts';

/** ANSI colour only for a TTY, and never with NO_COLOR set (https://no-color.org) or --no-color. */
export function styleFor(io: CliIo, noColorFlag = false): Style {
  const noColor = noColorFlag || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') || io.env.TERM === 'dumb';
  return io.stdout.isTTY === true && !noColor ? ansi : plain;
}
