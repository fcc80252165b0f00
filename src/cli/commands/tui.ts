import { existsSync } from 'node:fs';
import path from 'node:path';
import type { MeshSource } from '../../app/mesh-source.ts';
import type { Workload } from '../../app/workload.ts';
import type { ConfigSet } from '../../core/config/objects.ts';
import { UsageError } from '../../core/errors.ts';
import { createFileSource } from '../../sources/file-source.ts';
import { createFolderSource } from '../../sources/folder-source.ts';
import { noteFileWriter } from '../../sources/note-file.ts';
import { textFileWriter } from '../../sources/save-file.ts';
import { parseCommandArgs } from '../args.ts';
import { osc52Copier } from '../clipboard.ts';
import { rawIo } from '../guarded-io.ts';
import { prepareInteractiveRender } from '../ink-env.ts';
import { configOptions } from '../intent-objects.ts';
import type { CliIo } from '../io.ts';
import { liveFlagGiven, liveSourceOptionsFrom, parseDuration } from '../live-flags.ts';
import { proxySourceOptions } from '../proxy-source.ts';
import { printSourceSummary } from './source-summary.ts';

const options = {
  ...proxySourceOptions,
  ...configOptions,
  dir: { type: 'string', short: 'd' },
  'no-color': { type: 'boolean' },
  refresh: { type: 'string' },
} as const;

/** The shortest `--refresh`: each refresh runs istioctl proxy-status and proxy-config again. */
const MIN_REFRESH_MS = 1000;

/** The arguments without `--refresh DURATION` and `--config PATH` (the overview printed without a terminal has neither). */
function withoutRefresh(args: string[]): string[] {
  const tuiOnly = ['--refresh', '--config'];
  return args.filter((a, i) => !tuiOnly.includes(a) && !tuiOnly.includes(args[i - 1] ?? '') && !tuiOnly.some((f) => a.startsWith(`${f}=`)));
}

/** `--refresh 5s`: the interval of the TUI's automatic refresh, or undefined. */
function refreshInterval(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration('--refresh', text);
  if (ms < MIN_REFRESH_MS) throw new UsageError(`--refresh ${text} is too often: at least 1s (each refresh runs istioctl again)`);
  return ms;
}

/** Colour unless NO_COLOR is set (no-color.org), TERM=dumb, or --no-color. */
function colorEnabled(env: Record<string, string | undefined>, noColorFlag: boolean): boolean {
  return !noColorFlag && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

/** Flags that select a captured proxy's files again (`--file … --endpoints …`), for reproduce commands. */
function fileFlags(workload: Workload): string | undefined {
  const dump = workload.config.source;
  if (!dump.endsWith('.json')) return undefined;
  const endpoints = path.join(path.dirname(dump), 'endpoints.json');
  return `--file ${dump}${existsSync(endpoints) && path.basename(dump) === 'config_dump.json' ? ` --endpoints ${endpoints}` : ''}`;
}

interface Chosen {
  source: MeshSource;
  initialProxy?: string;
  sourceFlags: (workload: Workload) => string | undefined;
  /** A live source on another kube context (`:ctx NAME`); only for live sources. */
  switchContext?: (name: string) => MeshSource;
  /** The kubeconfig's context names (`:ctx` refuses others); undefined when it cannot be read. */
  kubeContexts?: string[];
  /** What to print without a terminal; returns the exit code. */
  noTerminal: () => Promise<number>;
  /** The objects a snapshot recorded (the Intent tab, the explain panel, the path view's Istio words). */
  snapshotObjects?: ConfigSet;
}

const NON_INTERACTIVE = 'explain, routes, clusters, endpoints, listeners, findings (see meshscope --help)';

async function chooseSource(args: string[], io: CliIo): Promise<Chosen> {
  const { values, positionals } = parseCommandArgs('', args, options);
  if (positionals.length > 1) throw new UsageError(`unknown command "${positionals[0]}"; run \`meshscope --help\` for the list`);
  const given = ['file', 'dir', 'snapshot'].filter((f) => values[f as keyof typeof values] !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --${given.join(', --')}, not several`);
  const live = liveFlagGiven(values);
  if (given.length === 1 && (positionals.length > 0 || live !== undefined))
    throw new UsageError(`--${given[0]} reads no cluster: drop ${positionals[0] ?? `--${live}`}`);
  const at = (f: string) => (path.isAbsolute(f) ? f : path.resolve(io.cwd, f));
  if (values.file !== undefined) {
    return {
      source: createFileSource(
        { dump: at(values.file), endpoints: values.endpoints === undefined ? undefined : at(values.endpoints) },
        { label: `file ${values.file}` },
      ),
      sourceFlags: fileFlags,
      noTerminal: async () => {
        const { run: overview } = await import('./overview.ts');
        const code = await overview(withoutRefresh(args), io);
        io.stderr.write(`meshscope: not a terminal, so no interactive TUI; printed the overview. Non-interactive commands: ${NON_INTERACTIVE}\n`);
        return code;
      },
    };
  }
  if (values.dir !== undefined) {
    const dir = values.dir;
    const source = createFolderSource(at(dir), { label: `folder ${dir}` });
    return {
      source,
      initialProxy: values.from,
      sourceFlags: fileFlags,
      noTerminal: async () => {
        // Hints with the files of a proxy the folder really holds (the first captured one).
        const files = await source.capturedFiles();
        const first = [...files.values()][0];
        const asGiven = (file: string) => path.join(dir, path.relative(at(dir), file));
        const hints = first
          ? [
              `meshscope explain --file ${asGiven(first.dump)}${first.endpoints ? ` --endpoints ${asGiven(first.endpoints)}` : ''} "GET http://HOST:PORT/PATH" -H "Name: value"`,
              `meshscope routes|clusters|endpoints|listeners|findings --file ${asGiven(first.dump)}`,
            ]
          : [];
        return printSourceSummary(source, `${dir}`, io, hints, files);
      },
    };
  }
  if (values.snapshot !== undefined) {
    const file = values.snapshot;
    // Each source's modules are loaded for that source only (a snapshot's reader, istioctl's execa, kubeconfig's YAML).
    const { openSnapshot } = await import('../snapshot-input.ts');
    const source = await openSnapshot(file, io);
    const snapshotObjects = await source.rawObjects();
    return {
      source,
      ...(snapshotObjects ? { snapshotObjects } : {}),
      initialProxy: values.from,
      sourceFlags: (w) => `--snapshot ${file} --from ${w.proxy}`,
      noTerminal: () =>
        printSourceSummary(source, file, io, [
          `meshscope explain --snapshot ${file} --from POD.NAMESPACE "GET http://HOST:PORT/PATH" -H "Name: value"`,
          `meshscope routes|clusters|endpoints|listeners|findings --snapshot ${file} --from POD.NAMESPACE`,
        ]),
    };
  }
  const liveOptions = liveSourceOptionsFrom(values, io);
  const [{ createLiveSource }, { kubeContextNames }] = await Promise.all([
    import('../../sources/istioctl/live-source.ts'),
    import('../../sources/kube-context.ts'),
  ]);
  const source = createLiveSource(liveOptions);
  const kubeContexts = await kubeContextNames({ kubeconfig: liveOptions.kubeconfig, env: liveOptions.env, cwd: io.cwd });
  const proxy = positionals[0] === undefined ? undefined : source.proxyName(positionals[0]);
  const context = typeof values.context === 'string' ? ` --context ${values.context}` : '';
  return {
    source,
    initialProxy: proxy,
    sourceFlags: (w) => `${w.proxy}${context}`,
    switchContext: (name) => createLiveSource({ ...liveSourceOptionsFrom(values, io), context: name }),
    kubeContexts,
    noTerminal: async () => {
      source.close();
      io.stderr.write(
        `meshscope: not a terminal, so no interactive TUI. Use a non-interactive command on a proxy instead, e.g. meshscope explain ${proxy ?? 'POD.NAMESPACE'} "GET http://HOST:PORT/PATH"; commands: ${NON_INTERACTIVE}\n`,
      );
      return 2;
    },
  };
}

/**
 * `meshscope [POD.NAMESPACE | --file DUMP [--endpoints FILE] | --dir FOLDER | --snapshot SNAP] [--from POD.NS] [--no-color] [--config PATH]...`:
 * the interactive TUI when stdin and stdout are terminals (live through istioctl without a
 * file flag). Without a terminal it prints what it can (the proxy overview, or the capture's
 * proxies) and names the non-interactive commands.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('', args, options);
  const refreshEvery = refreshInterval(values.refresh);
  const chosen = await chooseSource(args, io);
  if (io.stdin.isTTY !== true || io.stdout.isTTY !== true) return chosen.noTerminal();
  // `--config PATH` (repeatable): read once, before the screen opens (a missing path fails here,
  // on a normal terminal). Documents that were not used go to the warnings screen and the status
  // line, not to stderr under the full-screen UI. Paths as given, as explain/intent read them.
  const configPaths = values.config ?? [];
  // With a snapshot, the objects it recorded too, as explain reads them (a --config object wins over the recorded one).
  const objects =
    configPaths.length > 0 || chosen.snapshotObjects
      ? await (await import('../../sources/intent-objects.ts')).readIntentObjects({
          configPaths,
          ...(chosen.snapshotObjects ? { snapshotObjects: chosen.snapshotObjects } : {}),
        })
      : undefined;
  // A file is read while Ink and React load (the first thing the TUI asks for is its proxy list,
  // which reads it); the UI reports a failure as it would have. Not for live sources or folders.
  if (chosen.source.kind === 'file') chosen.source.listProxies().catch(() => {});
  prepareInteractiveRender();
  const { runTui } = await import('../../ui/run.tsx');
  return runTui({
    source: chosen.source,
    stdin: rawIo(io).stdin,
    stdout: rawIo(io).stdout,
    stderr: rawIo(io).stderr,
    color: colorEnabled(io.env, values['no-color'] === true),
    initialProxy: chosen.initialProxy,
    notes: { write: noteFileWriter(io.cwd), copy: osc52Copier(rawIo(io).stdout, io.env) },
    save: textFileWriter(io.cwd),
    refreshEvery,
    switchContext: chosen.switchContext,
    kubeContexts: chosen.kubeContexts,
    sourceFlags: chosen.sourceFlags,
    objects,
  });
}
