/**
 * Bench `meshtop`: meshtop's own CPU while it watches 5 workloads at its default 2 s interval,
 * screen included. Target ≤ 2% of one core.
 *
 * What runs is the whole of meshtop but the istioctl processes: the TopPoller reads 5 proxies
 * every 2 s from an in-process stub source (test/helpers/top-stub-source.ts) whose counters grow
 * with the clock; each read serializes the Envoy `/stats?format=json` document and parses it back
 * with the live source's parser, builds /clusters host stats, computes rates, weights and the row
 * tree, and the Ink screen (TopApp, React's production build as meshtop runs it) re-renders into
 * a discarded 160×50 terminal. CPU is
 * process.cpuUsage() (user + system, every thread of the process) over 30 s after a 20 s warm-up.
 *
 * Informational, no target: the same with each workload a generated 1k-service sidecar (1000+
 * clusters, ~10 stats each, 20 with traffic), and the live source running the fake istioctl for
 * the 2 pods it serves (the parent's cost of spawning and reading istioctl; the children's CPU is
 * not meshtop's and not counted).
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import type { MeshSource } from '../../src/app/mesh-source.ts';
import { TopPoller } from '../../src/app/top-poller.ts';
import type { ProxyConfig } from '../../src/core/envoy/types.ts';
import { createLiveSource } from '../../src/sources/istioctl/live-source.ts';
import { productpageConfig } from '../../test/helpers/bookinfo-config.ts';
import { createFakeIstioctl } from '../../test/helpers/fake-istioctl.ts';
import { type StubTraffic, TopStubSource } from '../../test/helpers/top-stub-source.ts';
import { loadDumpText } from './harness/cli-path.ts';
import { type BenchContext, type BenchResult, result } from './harness/types.ts';

// As meshtop runs its screen: React's production build (see src/cli/commands/top.ts). Set before
// react is first loaded, hence the dynamic imports below.
process.env.NODE_ENV ??= 'production';
const { createElement } = await import('react');
const { render } = await import('ink');
const { TopApp } = await import('../../src/ui/top/TopApp.tsx');

/**
 * meshtop runs for minutes: measure its steady state. For the first ~20 s after start V8 still
 * compiles and collects in the background (a static Ink "hello" costs 0.5–0.8% of a core then,
 * 0% after), which is start-up, not the cost of watching.
 */
const WARMUP_MS = 20_000;
const MEASURE_MS = 30_000;
const INFO_MEASURE_MS = 20_000;

/** A terminal that keeps nothing: what Ink writes costs what it costs, then is dropped. */
class NullTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 160;
  readonly rows = 50;
  bytes = 0;
  write = (chunk: string): boolean => {
    this.bytes += chunk.length;
    return true;
  };
}

/** Stdin with no keys (not a TTY, so Ink does not try raw mode). */
class SilentInput extends EventEmitter {
  readonly isTTY = false;
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): null {
    return null;
  }
}

function traffic(config: ProxyConfig, clusters: number): Record<string, StubTraffic> {
  const out: Record<string, StubTraffic> = {};
  const outbound = config.clusters.filter((c) => c.name.startsWith('outbound|')).slice(0, clusters);
  outbound.forEach((c, i) => {
    out[c.name] = {
      rps: 5 + i * 3,
      errorShare: i % 4 === 0 ? 0.02 : 0,
      retryShare: 0.01,
      ejected: i === 0 ? 1 : 0,
      endpoints: [`10.244.${i}.10:9080`, `10.244.${i}.11:9080`],
    };
  });
  return out;
}

/** Runs meshtop (poller + screen) on `source` for the proxies and returns its CPU share of one core. */
async function measure(
  ctx: BenchContext,
  label: string,
  source: MeshSource,
  proxies: string[],
  ms: number,
): Promise<{ percent: number; polls: number; bytes: number }> {
  const poller = new TopPoller({ source, selection: { kind: 'named', proxies }, intervalMs: 2000 });
  const stdout = new NullTerminal();
  const instance = render(createElement(TopApp, { poller, watching: proxies.join(', '), source: source.label }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new SilentInput() as unknown as NodeJS.ReadStream,
    stderr: new NullTerminal() as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 30,
  });
  ctx.log(`meshtop ${label}: warming up…`);
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  ctx.gc();
  const polls = poller.snapshot.polls;
  const bytes = stdout.bytes;
  ctx.log(`meshtop ${label}: measuring ${ms / 1000} s…`);
  const before = process.cpuUsage();
  const started = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const used = process.cpuUsage(before);
  const wall = performance.now() - started;
  const after = poller.snapshot;
  instance.unmount();
  poller.stop();
  source.close?.();
  const errors = after.state.proxies.flatMap((p) => p.errors);
  if (errors.length > 0 || after.errors.length > 0) ctx.log(`meshtop ${label}: errors in the last poll: ${[...after.errors, ...errors].join('; ')}`);
  return { percent: ((used.user + used.system) / 1000 / wall) * 100, polls: after.polls - polls, bytes: stdout.bytes - bytes };
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const proxies = Array.from({ length: 5 }, (_, i) => `productpage-v1-${i}.bookinfo`);

  const bookinfo = await productpageConfig();
  const stub = await measure(ctx, 'bookinfo ×5', new TopStubSource(bookinfo, [], traffic(bookinfo, 8)), proxies, MEASURE_MS);
  out.push(
    result({
      bench: 'meshtop',
      name: 'own CPU, 5 workloads at 2 s, screen on',
      value: Number(stub.percent.toFixed(2)),
      unit: '% core',
      target: { op: '<=', value: 2 },
      detail: `in-process stub source (bookinfo sidecar config, stats JSON serialized and parsed), ${stub.polls} polls, ${Math.round(stub.bytes / 1024)} KiB drawn in ${MEASURE_MS / 1000} s`,
    }),
  );

  const dump = ctx.dumps.find((d) => d.label === '1k');
  if (dump) {
    const big = loadDumpText(path.basename(dump.file), readFileSync(dump.file, 'utf8'));
    const heavy = await measure(ctx, '1k-service sidecars ×5', new TopStubSource(big, [], traffic(big, 20)), proxies, INFO_MEASURE_MS);
    out.push(
      result({
        bench: 'meshtop',
        name: 'own CPU, 5 × 1k-service sidecars at 2 s',
        dump: '1k',
        value: Number(heavy.percent.toFixed(2)),
        unit: '% core',
        detail: `${big.clusters.length} clusters × 10 stats per proxy, 20 with traffic; ${heavy.polls} polls in ${INFO_MEASURE_MS / 1000} s`,
      }),
    );
  }

  const fake = createFakeIstioctl();
  try {
    const live = createLiveSource({ env: fake.env(), cwd: fake.stateDir });
    const pods = ['productpage-v1-7d6cfb7dfd-4xk2p.bookinfo', 'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system'];
    const spawned = await measure(ctx, 'fake istioctl ×2', live, pods, INFO_MEASURE_MS);
    out.push(
      result({
        bench: 'meshtop',
        name: 'own CPU, 2 workloads at 2 s through the fake istioctl',
        value: Number(spawned.percent.toFixed(2)),
        unit: '% core',
        detail: `LiveSource spawning istioctl (2 calls per proxy per poll; children not counted), ${spawned.polls} polls in ${INFO_MEASURE_MS / 1000} s`,
      }),
    );
  } finally {
    fake.dispose();
  }
  return out;
}
