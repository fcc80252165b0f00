import type { ProxyConfig, SkippableSection } from '../core/envoy/types.ts';
import { UsageError } from '../core/errors.ts';
import { outputFormat, parseCommandArgs } from './args.ts';
import type { CliIo } from './io.ts';
import { loadProxyForCommand, proxySourceOptions } from './proxy-source.ts';

/**
 * Flag handling shared by the istioctl-style table commands (`meshscope routes`, `meshscope
 * proxy-config ...`): istioctl's flag names, Go's boolean spellings for `--verbose=false`, and
 * the clock for the secret table's VALID CERT column.
 */
const filterOptions = {
  fqdn: { type: 'string' },
  direction: { type: 'string' },
  subset: { type: 'string' },
  port: { type: 'string' },
  address: { type: 'string' },
  type: { type: 'string' },
  name: { type: 'string' },
  cluster: { type: 'string' },
  status: { type: 'string' },
} as const;

type FilterFlag = keyof typeof filterOptions;

const GO_BOOL: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/**
 * Takes Go-style boolean flags out of `args` (`--verbose`, `--verbose=false`), since node's
 * parseArgs has no `=false` form. Returns the remaining args and the values found.
 */
function takeBoolFlags(args: string[], names: readonly string[]): { rest: string[]; bools: Record<string, boolean> } {
  const rest: string[] = [];
  const bools: Record<string, boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !names.includes(m[1]!)) {
      rest.push(arg);
      continue;
    }
    if (m[2] === undefined) bools[m[1]!] = true;
    else if (Object.hasOwn(GO_BOOL, m[2])) bools[m[1]!] = GO_BOOL[m[2]]!;
    else throw new UsageError(`invalid argument "${m[2]}" for --${m[1]}: expected true or false`);
  }
  return { rest, bools };
}

/** `--port N` as istioctl's IntVar: an integer or a usage error. */
export function portFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^[+-]?\d+$/.test(text)) throw new UsageError(`invalid argument "${text}" for --port: expected an integer`);
  return Number(text);
}

/**
 * The instant VALID CERT is judged at. `MESHSCOPE_NOW` (an ISO 8601 time, undocumented) pins it
 * so golden tests of the secret table do not depend on the day they run.
 */
export function nowFrom(io: CliIo): number {
  const pinned = io.env.MESHSCOPE_NOW;
  if (pinned === undefined || pinned === '') return Date.now();
  const ms = Date.parse(pinned);
  if (Number.isNaN(ms)) throw new UsageError(`MESHSCOPE_NOW="${pinned}" is not an ISO 8601 time`);
  return ms;
}

export interface TableInvocation {
  values: Record<string, unknown>;
  /** A live proxy, POD.NAMESPACE, when given instead of --file. */
  proxy?: string;
  verbose: boolean;
  withHeaders: boolean;
  format: 'short' | 'json' | 'yaml';
  help: boolean;
}

/**
 * Parses one table command's arguments: the proxy source flags, `-o`, the filter flags this
 * command has in istioctl (`flags`), `--verbose` and `--with-headers` where `bools` allows them.
 * One positional argument, POD.NAMESPACE, names a live proxy (fetched through istioctl).
 */
export function parseTableArgs(
  command: string,
  args: string[],
  flags: readonly FilterFlag[],
  bools: readonly ('verbose' | 'with-headers')[] = [],
  defaultFormat: 'short' | 'json' = 'short',
): TableInvocation {
  const { rest, bools: found } = takeBoolFlags(args, bools);
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    ...proxySourceOptions,
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const flag of flags) options[flag] = filterOptions[flag];
  const { values, positionals } = parseCommandArgs(command, rest, options);
  if (positionals.length > 1) {
    throw new UsageError(`${command} takes one proxy, POD.NAMESPACE (got "${positionals[0]}" and "${positionals[1]}")`);
  }
  const format = values.help ? defaultFormat : outputFormat(values.output as string | undefined, ['short', 'json', 'yaml'] as const, defaultFormat);
  return { values, proxy: positionals[0], verbose: found.verbose ?? true, withHeaders: found['with-headers'] ?? false, format, help: values.help === true };
}

/** Loads the proxy named by `--file` (and `--endpoints`), or the live POD.NAMESPACE. */
export async function loadTableInput(command: string, inv: TableInvocation, io: CliIo, sections?: readonly SkippableSection[]): Promise<ProxyConfig> {
  return (await loadTableSource(command, inv, io, sections)).config;
}

/** As loadTableInput, with the dump text for views that print the dump as captured. */
export async function loadTableSource(
  command: string,
  inv: TableInvocation,
  io: CliIo,
  sections?: readonly SkippableSection[],
): ReturnType<typeof loadProxyForCommand> {
  return loadProxyForCommand(command, inv.values, inv.proxy === undefined ? [] : [inv.proxy], io, sections);
}

/** The string value of a filter flag ('' and absent are the same to istioctl). */
export function flag(inv: TableInvocation, name: FilterFlag): string | undefined {
  const value = inv.values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
