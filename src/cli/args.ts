import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../core/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs in strict mode, with its errors turned into one-line usage errors that
 * name the flag (`unknown flag --foo for "meshscope explain"`).
 */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown flag ${unknown[1]} for "meshscope ${command}"; see \`meshscope ${command} --help\``);
    const missing = /Option '([^']+)' argument missing/.exec(message);
    if (missing) throw new UsageError(`flag ${missing[1]!.replace(/^-\w, /, '')} needs a value`);
    throw new UsageError(`${command}: ${message.split('\n')[0]}`);
  }
}

/** `-o` values a command accepts. */
export function outputFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`-o ${value} is not supported; expected one of ${allowed.join(', ')}`);
}
