import { meshSettingsFromText } from '../../core/analyze/mesh-config.ts';
import type { MeshSettings } from '../../core/analyze/resource.ts';
import { ANALYZERS, analyzerNamed, runAnalyzers } from '../../core/analyze/runner.ts';
import { InputError, UsageError } from '../../core/errors.ts';
import type { AnalyzerLevel, AnalyzerMessage } from '../../core/istio/analyze.ts';
import { type AnalyzeFormat, analyzeLogLine, formatAnalyze } from '../../core/report/istioctl/analyze-output.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { readConfigPaths } from '../../sources/config-files.ts';
import { readTextFile } from '../../sources/text-file.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliIo } from '../io.ts';
import { liveOptions, liveSourceOptionsFrom } from '../live-flags.ts';
import { openLiveSource } from '../live-source.ts';
import { styleFor } from '../style.ts';

const HELP = `Usage: meshscope analyze --config PATH [--config PATH]... [-o log|json|yaml] [-n NAMESPACE]
                         [--analyzer NAME]... [--meshConfigFile FILE]
                         [--failure-threshold Info|Warning|Error] [--output-threshold Info|Warning|Error]
       meshscope analyze --live [-n NAMESPACE | -A] [--context C] [--config PATH]... [-o log|json|yaml]
       meshscope analyze --list-analyzers

Istio's traffic-management config analyzers over objects read from files and folders, no cluster
needed: what \`istioctl analyze --use-kube=false\` prints (code, level, origin, message), in its
formats. Objects without a namespace are read in -n NAMESPACE (default "default"). Documents that
cannot be used are one warning line each on stderr; the rest is still analyzed.
--meshConfigFile gives a MeshConfig YAML (defaultConfig.proxyMetadata is read).

--live runs \`istioctl analyze\` on the cluster (the source of truth when there is one: it has every
analyzer) and prints its messages in the same formats. With --config too, both are shown: the
cluster's messages, then meshscope's on the files, then which messages only one of them has
(-o json|yaml: {"istioctl": [...], "meshscope": [...]}) — a change checked before it is applied.

Exit (as istioctl analyze): 0, or 79 when a message is at or above --failure-threshold (default
Error) with the log format; 2 bad usage or an unreadable path.
`;

/** ExitAnalyzerFoundIssues (istio/istio istioctl/cmd/sysexits.go). */
export const EXIT_ANALYZER_FOUND_ISSUES = 79;

const LEVELS: Record<string, AnalyzerLevel> = { INFO: 'Info', WARNING: 'Warning', ERROR: 'Error' };
const SEVERITY: Record<AnalyzerLevel, number> = { Info: 0, Warning: 1, Error: 2 };

/** MessageThreshold.Set: a level name in any case. */
function level(flag: string, value: string | undefined, fallback: AnalyzerLevel): AnalyzerLevel {
  if (value === undefined) return fallback;
  const l = LEVELS[value.toUpperCase()];
  if (l === undefined) throw new UsageError(`${flag}: expected Info, Warning or Error (got "${sanitizeLine(value)}")`);
  return l;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('analyze', args, {
    config: { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' },
    namespace: { type: 'string', short: 'n' },
    analyzer: { type: 'string', multiple: true },
    meshConfigFile: { type: 'string' },
    'failure-threshold': { type: 'string' },
    'output-threshold': { type: 'string' },
    'list-analyzers': { type: 'boolean', short: 'L' },
    live: { type: 'boolean' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    ...liveOnly,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values['list-analyzers']) {
    for (const a of ANALYZERS) io.stdout.write(`* ${a.name}:\n    ${a.description}\n`);
    return 0;
  }
  const output = (values.output as string | undefined) ?? 'log';
  const format: AnalyzeFormat = output === 'text' ? 'log' : (output as AnalyzeFormat);
  if (!['log', 'json', 'yaml'].includes(format)) throw new UsageError(`-o ${sanitizeLine(output)} is not supported; expected one of log, json, yaml`);
  const failure = level('--failure-threshold', values['failure-threshold'] as string | undefined, 'Error');
  const shown = level('--output-threshold', values['output-threshold'] as string | undefined, 'Info');
  const paths = [...((values.config as string[] | undefined) ?? []), ...positionals];
  if (values.live) return analyzeLive(values, paths, format, failure, shown, io);
  if (paths.length === 0)
    throw new UsageError('analyze needs --config PATH (YAML/JSON files or folders of them), or --live for istioctl analyze on the cluster');
  const selected = (values.analyzer as string[] | undefined) ?? [];
  for (const name of selected) {
    if (analyzerNamed(name) === undefined)
      throw new UsageError(`--analyzer ${sanitizeLine(name)}: not one meshscope implements; see \`meshscope analyze --list-analyzers\``);
  }
  let mesh: MeshSettings | undefined;
  const meshFile = values.meshConfigFile as string | undefined;
  if (meshFile !== undefined) {
    const read = meshSettingsFromText(await readTextFile(meshFile));
    if ('error' in read) throw new InputError(meshFile, read.error);
    mesh = read;
  }
  const files: string[] = [];
  const set = await readConfigPaths(paths, (file) => files.push(file));
  for (const p of set.problems) if (p.severity === 'skipped') io.stderr.write(`warning: ${sanitizeLine(p.message)}\n`);
  const namespace = (values.namespace as string | undefined) ?? 'default';
  const all = runAnalyzers(set, { analyzer: selected.length === 0 ? undefined : selected, mesh, defaultNamespace: namespace });
  const messages = all.filter((m) => SEVERITY[m.level] >= SEVERITY[shown]);
  io.stdout.write(formatAnalyze(messages, format, styleFor(io)));
  if (messages.length === 0) {
    const names = files.map(sanitizeLine);
    io.stderr.write(
      names.length > 1
        ? `\u2714 No validation issues found when analyzing:\n  - ${names.join('\n  - ')}\n`
        : `\u2714 No validation issues found when analyzing ${names.join('')}.\n`,
    );
  }
  // As istioctl: only the log format sets the exit code, from every message (not just those shown).
  if (format === 'log' && all.some((m) => SEVERITY[m.level] >= SEVERITY[failure])) return EXIT_ANALYZER_FOUND_ISSUES;
  return 0;
}

/** The live flags analyze takes (its own -n is the namespace for both). */
const { namespace: _namespace, ...liveOnly } = liveOptions;

const key = (m: AnalyzerMessage) => `${m.code} ${m.origin}`;

/** `--live`: istioctl analyze on the cluster, and with --config meshscope's on the files beside it. */
async function analyzeLive(
  values: Record<string, unknown>,
  paths: string[],
  format: AnalyzeFormat,
  failure: AnalyzerLevel,
  shown: AnalyzerLevel,
  io: CliIo,
): Promise<number> {
  const namespace = values['all-namespaces'] ? undefined : ((values.namespace as string | undefined) ?? 'default');
  const source = await openLiveSource(liveSourceOptionsFrom(values, io));
  const live = await source.analyze(namespace);
  const liveShown = live.filter((m) => SEVERITY[m.level] >= SEVERITY[shown]);
  let offline: AnalyzerMessage[] | undefined;
  if (paths.length > 0) {
    const set = await readConfigPaths(paths);
    for (const p of set.problems) if (p.severity === 'skipped') io.stderr.write(`warning: ${sanitizeLine(p.message)}\n`);
    offline = runAnalyzers(set, { defaultNamespace: namespace ?? 'default' }).filter((m) => SEVERITY[m.level] >= SEVERITY[shown]);
  }
  const style = styleFor(io);
  if (offline === undefined) io.stdout.write(formatAnalyze(liveShown, format, style));
  else if (format === 'json')
    io.stdout.write(`{\n"istioctl": ${formatAnalyze(liveShown, 'json').trimEnd()},\n"meshscope": ${formatAnalyze(offline, 'json').trimEnd()}\n}\n`);
  else if (format === 'yaml') io.stdout.write(`istioctl:\n${indent(formatAnalyze(liveShown, 'yaml'))}meshscope:\n${indent(formatAnalyze(offline, 'yaml'))}`);
  else {
    const liveKeys = new Set(liveShown.map(key));
    const offKeys = new Set(offline.map(key));
    const onlyLive = liveShown.filter((m) => !offKeys.has(key(m)));
    const onlyOffline = offline.filter((m) => !liveKeys.has(key(m)));
    io.stdout.write(`# istioctl analyze (the cluster, ${namespace === undefined ? 'all namespaces' : `namespace ${sanitizeLine(namespace)}`})\n`);
    io.stdout.write(liveShown.length === 0 ? '\u2714 No validation issues\n' : formatAnalyze(liveShown, 'log', style));
    io.stdout.write(`\n# meshscope analyze (--config: ${paths.map(sanitizeLine).join(', ')})\n`);
    io.stdout.write(offline.length === 0 ? '\u2714 No validation issues\n' : formatAnalyze(offline, 'log', style));
    io.stdout.write(`\n# only on the cluster: ${onlyLive.length}; only in the files: ${onlyOffline.length}\n`);
    for (const m of onlyOffline) io.stdout.write(`+ ${analyzeLogLine(m)}\n`);
    for (const m of onlyLive) io.stdout.write(`- ${analyzeLogLine(m)}\n`);
  }
  if (format === 'log' && [...live, ...(offline ?? [])].some((m) => SEVERITY[m.level] >= SEVERITY[failure])) return EXIT_ANALYZER_FOUND_ISSUES;
  return 0;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n');
}
