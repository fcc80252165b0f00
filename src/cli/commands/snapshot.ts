import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SourceError, UsageError } from '../../core/errors.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { readConfigPaths } from '../../sources/config-files.ts';
import { currentKubeContext } from '../../sources/kube-context.ts';
import { readLiveObjects } from '../../sources/kubectl/live-objects.ts';
import { type CaptureEvent, type CaptureSelection, type CaptureSource, captureSnapshot } from '../../sources/snapshot/capture.ts';
import { liveCaptureSource } from '../../sources/snapshot/live-capture.ts';
import { writeSnapshot } from '../../sources/snapshot/write.ts';
import { SnapshotSource } from '../../sources/snapshot-source.ts';
import { parseCommandArgs } from '../args.ts';
import { withInterrupt } from '../interrupt.ts';
import type { CliIo } from '../io.ts';
import { LIVE_HELP, liveOptions, liveSourceOptionsFrom } from '../live-flags.ts';
import { openLiveSource } from '../live-source.ts';
import { openSnapshot } from '../snapshot-input.ts';
import { VERSION } from '../usage.ts';
import { noteLoaded, warningOptions } from '../warnings.ts';

const HELP = `Usage: meshscope snapshot (POD.NAMESPACE... | -n NAMESPACE... | -A) -o FILE [--force] [--config PATH...] [live flags]
       meshscope snapshot --snapshot IN [POD.NAMESPACE... | -n NAMESPACE...] -o FILE [--force] [--config PATH...]

Captures what meshscope needs to explain traffic later without the cluster, in one file: for each
proxy its config dump (with EDS), endpoint health (/clusters) and stats, plus proxy-status,
istioctl analyze for the namespaces, the capture time, the kube context and the Istio versions,
and the Istio, Gateway API and Kubernetes objects (kubectl get … -A -o json; never Secrets).
A proxy that cannot be captured is recorded with its error. Private keys, certificates and other
secrets are removed. The file is written with mode 0600 (gzip when FILE ends in .gz); it is never
overwritten without --force. Read it back with --snapshot FILE on any command.

  POD.NAMESPACE...     the proxies to capture
  -n, --namespace NS   every proxy in NS (repeatable)
  -A, --all-namespaces every proxy in the mesh
  -o, --output FILE    where to write (e.g. incident.json.gz)
  --force              replace FILE if it exists
  --snapshot IN        re-capture from a snapshot or an istioctl bug-report (archive or folder)
                       instead of the cluster: keep some proxies, or convert a bug report
  --config PATH        record the objects of these YAML/JSON files or folders (repeatable)
                       instead of the cluster's (or the input snapshot's)

${LIVE_HELP}
Exit: 0 written, 2 bad usage or FILE exists, 3 istioctl failed (or printed nothing or the wrong
JSON) or no proxy could be captured.
`;

function selectionFrom(positionals: string[], namespaces: string[], all: boolean): CaptureSelection {
  const given = [positionals.length > 0, namespaces.length > 0, all].filter(Boolean).length;
  if (given === 0) throw new UsageError('snapshot: say what to capture: POD.NAMESPACE..., -n NAMESPACE or -A (all namespaces)');
  if (given > 1) throw new UsageError('snapshot: give POD.NAMESPACE..., -n NAMESPACE or -A, not several');
  for (const p of positionals)
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(p) || !p.includes('.')) throw new UsageError(`snapshot: "${p}" is not POD.NAMESPACE`);
  if (all) return { all: true };
  return namespaces.length > 0 ? { namespaces } : { proxies: positionals };
}

function progress(io: CliIo): (event: CaptureEvent) => void {
  return (event) => {
    if (event.kind === 'proxy-start') return;
    if (event.kind === 'proxy-done') {
      const status = event.error ? `failed: ${sanitizeLine(event.error)}` : event.warning ? `ok, but ${sanitizeLine(event.warning)}` : 'ok';
      io.stderr.write(`[${event.index + 1}/${event.total}] ${sanitizeLine(event.proxy)}: ${status}\n`);
    } else if (event.kind === 'objects') {
      const notes = event.notes === 0 ? '' : ` (${event.notes} note${event.notes === 1 ? '' : 's'})`;
      io.stderr.write(`objects: ${event.error ? `not recorded: ${sanitizeLine(event.error)}` : `${event.count} recorded${notes}`}\n`);
    } else {
      const ns = event.namespace === '*' ? 'all namespaces' : event.namespace;
      io.stderr.write(`analyze ${ns}: ${event.error ? `failed: ${sanitizeLine(event.error)}` : 'ok'}\n`);
    }
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('snapshot', args, {
    ...liveOptions,
    namespace: { type: 'string', short: 'n', multiple: true },
    'all-namespaces': { type: 'boolean', short: 'A' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    snapshot: { type: 'string' },
    config: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
    ...warningOptions,
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const out = values.output as string | undefined;
  if (out === undefined) throw new UsageError('snapshot needs -o FILE (e.g. -o incident.json.gz)');
  const selection = selectionFrom(positionals, (values.namespace as string[] | undefined) ?? [], values['all-namespaces'] === true);
  const target = path.resolve(io.cwd, out);
  if (values.force !== true && (await exists(target))) throw new UsageError(`${out} already exists; pass --force to overwrite it`);
  const configPaths = ((values.config as string[] | undefined) ?? []).map((p) => (path.resolve(p) === path.resolve(io.cwd, p) ? p : path.resolve(io.cwd, p)));
  // Read first: a --config path that cannot be read is a usage problem (exit 2), not a capture warning.
  const configSet = configPaths.length > 0 ? await readConfigPaths(configPaths) : undefined;
  let source: CaptureSource;
  let capturedAt = new Date();
  let capturedBy = `meshscope ${VERSION}`;
  const input = values.snapshot as string | undefined;
  if (input !== undefined) {
    const live = Object.keys(liveOptions).find((k) => k !== 'namespace' && (values as Record<string, unknown>)[k] !== undefined);
    if (live) throw new UsageError(`snapshot: --${live} reaches a cluster; --snapshot reads a file`);
    const from = await openSnapshot(input, io);
    source = from;
    const original = from.snapshot.capturedAt ? new Date(from.snapshot.capturedAt) : undefined;
    if (original && !Number.isNaN(original.getTime())) capturedAt = original;
    if (from.snapshot.capturedBy) capturedBy = from.snapshot.capturedBy;
  } else {
    const options = liveSourceOptionsFrom({ ...values, namespace: undefined }, io);
    const context = await currentKubeContext({ context: options.context, kubeconfig: options.kubeconfig, env: io.env, cwd: io.cwd });
    const kube = { env: io.env, cwd: io.cwd, context: options.context, kubeconfig: options.kubeconfig, timeoutMs: options.timeoutMs };
    source = liveCaptureSource(await openLiveSource(options), context, (signal) => readLiveObjects({ ...kube, signal }));
  }
  const objects = configSet ? async () => configSet : undefined;
  try {
    const result = await withInterrupt((signal) =>
      captureSnapshot(source, { selection, now: capturedAt, capturedBy, onEvent: progress(io), signal, ...(objects ? { objects } : {}) }),
    );
    const { snapshot, failed, redacted } = result;
    if (snapshot.proxies.size === 0)
      throw new UsageError(`snapshot: no proxy matches ${'namespaces' in selection ? `namespace ${selection.namespaces.join(', ')}` : 'the selection'}`);
    const bytes = await writeSnapshot(target, snapshot, { force: values.force === true });
    const ok = snapshot.proxies.size - failed.length;
    io.stderr.write(
      `wrote ${out} (${bytes} bytes): ${ok} of ${snapshot.proxies.size} proxies${failed.length ? ` (failed: ${failed.join(', ')})` : ''}, ${redacted} secret field${redacted === 1 ? '' : 's'} removed\n`,
    );
    if (ok === 0) throw new SourceError('snapshot: no proxy could be captured; the file records why for each');
    await noteCaptured(new SnapshotSource(out, snapshot), io, values);
    return 0;
  } finally {
    source.close?.();
  }
}

/**
 * The captured configs, read as every later command will read them, for the one-line load
 * warning per proxy (only proxies with something that can change an answer get a line).
 */
async function noteCaptured(written: SnapshotSource, io: CliIo, values: Record<string, unknown>): Promise<void> {
  for (const name of written.proxyNames()) {
    if (written.snapshot.proxies.get(name)?.configDump === undefined) continue;
    try {
      noteLoaded(io, name, (await written.proxyConfig(name)).config, values);
    } catch {
      // A dump meshscope cannot read at all: the commands reading the snapshot say so.
    }
  }
}
