import { existsSync } from 'node:fs';
import path from 'node:path';
import { explainLogFiles } from '../../app/log-groups.ts';
import { type AccessLogEntry, parseAccessLogLine } from '../../core/accesslog/access-log.ts';
import type { LogFileInput } from '../../core/accesslog/log-attribution.ts';
import { InputError, UsageError } from '../../core/errors.ts';
import { renderRequestGroupsMarkdown, renderRequestGroupsText, requestGroupsJson } from '../../core/report/request-groups-report.ts';
import { readTextFile } from '../../sources/text-file.ts';
import type { CliIo } from '../io.ts';
import { styleFor } from '../style.ts';

/** A `--log` value that names a file: `FILE`, or `POD.NS=FILE` naming the proxy that wrote it. */
export interface LogFileArg {
  file: string;
  proxy?: string;
}

const short = (v: string): string => (v.length > 60 ? `${v.slice(0, 57)}...` : v);

function asFile(value: string, cwd: string): LogFileArg | undefined {
  if (existsSync(path.resolve(cwd, value))) return { file: value };
  const eq = value.indexOf('=');
  if (eq > 0 && existsSync(path.resolve(cwd, value.slice(eq + 1)))) return { proxy: value.slice(0, eq), file: value.slice(eq + 1) };
  return undefined;
}

/** An access log line has spaces (TEXT) or is a JSON object; a bare word is a file name. */
const looksLikeLine = (value: string): boolean => /\s/.test(value.trim()) || value.trim().startsWith('{');

/**
 * The `--log` values as files, or null when they are one access log line (`--log 'LINE'`: exactly
 * one value that is not an existing file, nor `POD.NS=` an existing file). Of several values, one
 * that names no file is a usage error naming it.
 */
export function logFileArguments(values: readonly string[], cwd: string): LogFileArg[] | null {
  const files = values.map((v) => asFile(v, cwd));
  if (values.length === 1 && files[0] === undefined) return null;
  return values.map((v, i) => {
    const found = files[i];
    if (found) return found;
    if (looksLikeLine(v)) throw new UsageError(`--log "${short(v)}": an access log line goes alone (one --log 'LINE'); with several --log each names a file`);
    const eq = v.indexOf('=');
    throw new UsageError(eq > 0 ? `--log ${v}: no such file: ${v.slice(eq + 1)}` : `--log ${v}: no such file`);
  });
}

/**
 * The one `--log` value as an access log line. A bare word that is not one was most likely a
 * file name: the error says both.
 */
export function parseLogLineArgument(value: string): AccessLogEntry {
  try {
    return parseAccessLogLine(value);
  } catch (error) {
    if (!(error instanceof UsageError) || looksLikeLine(value)) throw error;
    throw new UsageError(`--log ${short(value)}: no such file, and ${error.message.replace(/^--log: /, '')}`);
  }
}

const CONFLICTS = ['from', 'file', 'endpoints', 'why-not', 'random', 'header', 'sni', 'alpn', 'ip', 'inbound', 'peer', 'principal', 'port', 'endpoint'];

/**
 * `explain --snapshot S --log FILE…`: the access logs of several proxies grouped by x-request-id,
 * each request's hops client side first, the hop that produced a failure and why in the snapshot's
 * configuration. Exit 0 when no request failed, 1 when one did, 2 for unreadable input.
 */
export async function explainLogs(
  values: Record<string, unknown>,
  positionals: string[],
  files: LogFileArg[],
  format: 'text' | 'json' | 'markdown',
  io: CliIo,
): Promise<number> {
  const snapshot = values.snapshot as string | undefined;
  if (snapshot === undefined) throw new UsageError('explain --log FILE… explains the logs against a snapshot: give --snapshot FILE');
  if (positionals.length > 0) throw new UsageError(`explain --log FILE… takes the requests from the logs; drop "${positionals[0]}"`);
  for (const flag of CONFLICTS)
    if (values[flag] !== undefined)
      throw new UsageError(
        `explain --log FILE… cannot be combined with --${flag}: each file names its proxy (--log POD.NS=FILE, kubectl --prefix, or its name)`,
      );
  const inputs: LogFileInput[] = [];
  for (const f of files) {
    const resolved = path.isAbsolute(f.file) || path.resolve(f.file) === path.resolve(io.cwd, f.file) ? f.file : path.resolve(io.cwd, f.file);
    inputs.push({ file: f.file, proxy: f.proxy, text: await readTextFile(resolved) });
  }
  const source = await (await import('../snapshot-input.ts')).openSnapshot(snapshot, io);
  const report = await explainLogFiles(source, inputs);
  if (report.groups.length === 0 && report.ungrouped.length === 0) {
    const first = report.unparsed[0];
    throw new InputError(
      files.map((f) => f.file).join(', '),
      `no Istio access log line (default TEXT or JSON format)${first ? `; line ${first.line} of ${first.file}: ${first.error}` : ''}`,
    );
  }
  if (format === 'json') io.stdout.write(`${JSON.stringify({ snapshot, ...(requestGroupsJson(report) as object) }, null, 2)}\n`);
  else if (format === 'markdown') io.stdout.write(renderRequestGroupsMarkdown(report, { source: snapshot, capturedAt: source.provenance.capturedAt }));
  else io.stdout.write(renderRequestGroupsText(report, styleFor(io)));
  return report.groups.some((g) => g.failed) ? 1 : 0;
}
