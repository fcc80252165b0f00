import { setTimeout as sleep } from 'node:timers/promises';
import type { MeshSource } from '../../app/mesh-source.ts';
import { DEFAULT_INTERVAL_MS, MAX_INTERVAL_MS, MIN_INTERVAL_MS, TopPoller, type TopSnapshot } from '../../app/top-poller.ts';
import { describeSelection, type TopSelection } from '../../app/top-selection.ts';
import { SourceError, UsageError } from '../../core/errors.ts';
import { parseLabelSelector } from '../../core/istio/label-selector.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { topJson } from '../../core/top/json.ts';
import { DEFAULT_TOP_OPTIONS, type TopOptions } from '../../core/top/state.ts';
import { topText } from '../../core/top/text.ts';
import { outputFormat, parseCommandArgs } from '../args.ts';
import { rawIo } from '../guarded-io.ts';
import { prepareInteractiveRender } from '../ink-env.ts';
import { withInterrupt } from '../interrupt.ts';
import type { CliIo } from '../io.ts';
import { LIVE_HELP, liveOptions, liveSourceOptionsFrom } from '../live-flags.ts';
import { openLiveSource } from '../live-source.ts';
import { openSnapshot } from '../snapshot-input.ts';
import { noteLoaded, warningOptions } from '../warnings.ts';

/**
 * `meshtop` / `meshscope top`: live per-service, per-subset and per-endpoint traffic of one or
 * more workloads, from their Envoys' own counters. `-i` is the interval here (as in `top`), so
 * istiod's namespace is only `--istioNamespace`.
 */
const options = {
  ...liveOptions,
  istioNamespace: { type: 'string' },
  interval: { type: 'string', short: 'i' },
  selector: { type: 'string', short: 'l' },
  once: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  snapshot: { type: 'string' },
  all: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...warningOptions,
} as const;

const TOP_HELP = `Usage: meshtop [POD.NAMESPACE...] [-n NS] [-l SELECTOR] [-i SECONDS] [--once [-o json|text]] [--snapshot FILE]

Outbound traffic of workloads, per service → subset cluster → endpoint, from Envoy's own counters
(istioctl x envoy-stats): RPS, success, 5xx/s, retries/s, timeouts/s, circuit-breaker overflow/s,
ejected hosts, connections, p50/p99, and for weighted routes the configured weight beside the
observed share (flagged "!" when they diverge beyond what the sample size explains).

  POD.NAMESPACE...        proxies to watch
  -n, --namespace NS      every proxy in NS (or the namespace of PODs given without one)
  -l, --selector SEL      proxies whose pod labels match (app=reviews,version in (v1,v2))
  -i, --interval SECONDS  between samples (default 2; 0.5 to 60)
  --once                  take two samples one interval apart, print them and exit
  -o, --output json|text  with --once (default text)
  --warnings              with --once: list every load issue on stderr
  --snapshot FILE         a capture (meshscope snapshot): one reading, shown as averages since Envoy started
  --all                   also inbound, Envoy-internal and idle clusters
  --no-color              no colours (also NO_COLOR)

Rates need two samples: the first shows "—". Istio records cluster stats only when
proxyStatsMatcher includes them; without them meshtop uses /clusters host counters
(no retries, circuit-breaker overflow or latency).

${LIVE_HELP.replace('-i, --istioNamespace NS', '--istioNamespace NS    ')}`;

function intervalMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_INTERVAL_MS;
  const seconds = Number(text.replace(/s$/, ''));
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || ms < MIN_INTERVAL_MS || ms > MAX_INTERVAL_MS)
    throw new UsageError(`-i ${text}: give seconds between ${MIN_INTERVAL_MS / 1000} and ${MAX_INTERVAL_MS / 1000}`);
  return ms;
}

/** Sources that say how they name a proxy the user typed (`POD` + `-n`, a unique pod name in a snapshot). */
type NamingSource = MeshSource & { proxyName?(p: string): string; resolveProxy?(p: string): string };

function selectionOf(values: { namespace?: string; selector?: string }, positionals: string[], source: NamingSource): TopSelection {
  if (positionals.length > 0) {
    if (values.selector !== undefined) throw new UsageError('give POD.NAMESPACE names or -l SELECTOR, not both');
    return { kind: 'named', proxies: positionals.map((p) => source.proxyName?.(p) ?? source.resolveProxy?.(p) ?? p) };
  }
  const selector = values.selector ?? '';
  if (source.kind === 'live' && values.namespace === undefined && selector === '') {
    throw new UsageError('meshtop needs proxies to watch: POD.NAMESPACE..., -n NAMESPACE or -l SELECTOR (see meshtop --help)');
  }
  return { kind: 'query', namespace: values.namespace, selector: parseLabelSelector(selector), text: selector };
}

/** A --once run that read no workload at all is a failed source (exit 3); partial errors go to stderr. */
function checkRead(snapshot: TopSnapshot, selection: TopSelection): void {
  if (snapshot.proxies.length === 0 && snapshot.errors.length === 0) return;
  const read = snapshot.state.proxies.some((p) => p.sampledAt !== undefined);
  if (read) return;
  const first = snapshot.errors[0] ?? snapshot.state.proxies.flatMap((p) => p.errors)[0] ?? 'no proxy could be read';
  throw new SourceError(`top ${describeSelection(selection)}: ${first}`);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('top', args, options);
  if (values.help) {
    io.stdout.write(TOP_HELP);
    return 0;
  }
  const format = outputFormat(values.output, ['text', 'json'] as const, 'text');
  if (values.output !== undefined && !values.once) throw new UsageError('-o needs --once (the live view is a screen)');
  if (values.warnings && !values.once) throw new UsageError('--warnings needs --once (the live view is a screen)');
  const interval = intervalMs(values.interval);
  const top: TopOptions = values.all ? { ...DEFAULT_TOP_OPTIONS, allClusters: true, includeIdle: true } : DEFAULT_TOP_OPTIONS;
  const source: NamingSource =
    values.snapshot !== undefined ? await openSnapshot(values.snapshot, io) : await openLiveSource(liveSourceOptionsFrom(values, io));
  try {
    const selection = selectionOf(values, positionals, source);
    const poller = new TopPoller({ source, selection, intervalMs: interval, top });
    if (values.once) return await once(poller, selection, interval, format, io, values);
    if (io.stdin.isTTY !== true || io.stdout.isTTY !== true) {
      throw new UsageError('meshtop needs a terminal for its live view; for scripts use `meshtop --once -o json ...`');
    }
    prepareInteractiveRender();
    const { runTop } = await import('../../ui/top/run-top.tsx');
    return await runTop({
      poller,
      source,
      selection,
      stdin: rawIo(io).stdin,
      stdout: rawIo(io).stdout,
      stderr: rawIo(io).stderr,
      color: !values['no-color'] && !io.env.NO_COLOR && io.env.TERM !== 'dumb',
    });
  } finally {
    source.close?.();
  }
}

async function once(
  poller: TopPoller,
  selection: TopSelection,
  interval: number,
  format: 'text' | 'json',
  io: CliIo,
  values: Record<string, unknown>,
): Promise<number> {
  const snapshot = await withInterrupt(async (signal) => {
    let latest = await poller.pollNow(signal);
    if (latest.mode === 'live' && !signal.aborted) {
      // The second sample one interval after the first: its rates are the interval's.
      await sleep(interval, undefined, { signal }).catch(() => undefined);
      if (!signal.aborted) latest = await poller.pollNow(signal);
    }
    return latest;
  });
  checkRead(snapshot, selection);
  if (snapshot.proxies.length === 0) {
    io.stderr.write(`meshtop: no proxy matches ${sanitizeLine(describeSelection(selection))}\n`);
    return 1;
  }
  for (const proxy of snapshot.proxies) {
    const config = poller.configOf(proxy);
    if (config) noteLoaded(io, proxy, config, values);
  }
  // Partial failures go to stderr (never into the table); -o json keeps them as fields too.
  for (const error of snapshot.errors) io.stderr.write(`meshtop: ${sanitizeLine(error)}\n`);
  for (const p of snapshot.state.proxies) for (const error of p.errors) io.stderr.write(`meshtop: ${sanitizeLine(p.proxy)}: ${sanitizeLine(error)}\n`);
  const seconds = snapshot.mode === 'live' ? interval / 1000 : null;
  if (format === 'json') io.stdout.write(`${JSON.stringify({ mode: snapshot.mode, ...topJson(snapshot.state, seconds), errors: snapshot.errors }, null, 2)}\n`);
  else io.stdout.write(topText({ ...snapshot.state, proxies: snapshot.state.proxies.map((p) => ({ ...p, errors: [] })) }, seconds));
  return 0;
}
