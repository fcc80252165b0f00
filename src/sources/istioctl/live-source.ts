import type { FetchedProxyConfig, MeshSource, ProxyStats } from '../../app/mesh-source.ts';
import { parseEnvoyStats } from '../../core/envoy/stats.ts';
import type { ClusterStatus } from '../../core/envoy/types.ts';
import { type AnalyzerMessage, parseAnalyze } from '../../core/istio/analyze.ts';
import { type IstioVersions, parseIstioVersions } from '../../core/istio/istio-version.ts';
import { type ProxySummary, parseProxyStatus } from '../../core/istio/proxy-status.ts';
import { anySignal } from './abort.ts';
import { istioctlCalls as calls, globalArgs, proxyName } from './commands.ts';
import { errorLine } from './failure.ts';
import { fetchProxyDump, loadLive } from './fetch-dump.ts';
import { IstioctlError } from './istioctl-error.ts';
import { concatenatedJsonOutput, jsonOutput, statsOutput } from './output.ts';
import { checkProxyStatusShape, checkStatsShape } from './output-shape.ts';
import { IstioctlRunner } from './runner.ts';
import { SharedFetches } from './shared-fetch.ts';

/** How to reach the mesh through istioctl. Only `env` is required. */
export interface LiveSourceOptions {
  /** Environment for istioctl: PATH (to find it), KUBECONFIG, HOME. */
  env: Record<string, string | undefined>;
  /** Directory relative paths (`--istioctl`, `--kubeconfig`) are resolved against. */
  cwd?: string;
  /** `--istioctl PATH`: the binary to run instead of the istioctl on PATH. */
  istioctl?: string;
  /** `--context`: kubeconfig context. */
  context?: string;
  /** `--kubeconfig`: kubeconfig file. */
  kubeconfig?: string;
  /** `-i/--istioNamespace`: where istiod runs. */
  istioNamespace?: string;
  /** `-n/--namespace`: namespace for proxies named without one. */
  namespace?: string;
  /** Per istioctl call; default 20 000. */
  timeoutMs?: number;
  /** istioctl processes at once; default 4. */
  concurrency?: number;
  /** Largest output of one call, in characters; default 256 Mi. */
  maxOutput?: number;
  /** A cached config dump older than this is fetched again; default: kept until `refresh`. */
  maxAgeMs?: number;
  /** Clock for `fetchedAt` and `maxAgeMs`; default Date.now. */
  now?: () => number;
}

interface CachedDump extends FetchedProxyConfig {
  /** The dump exactly as istioctl printed it (for `proxy-config all -o json`). */
  text: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * The live mesh through istioctl (`MeshSource` kind `live`). Config dumps are fetched once per
 * proxy and kept (with `fetchedAt` for the data age) until `refresh` or `maxAgeMs`; stats and
 * analysis are fetched on every call. Every failure is an IstioctlError (a SourceError, exit 3).
 */
export class LiveSource implements MeshSource {
  readonly kind = 'live' as const;
  readonly label: string;
  private readonly runner: IstioctlRunner;
  private readonly now: () => number;
  private readonly dumps = new Map<string, CachedDump>();
  private readonly fetches = new SharedFetches<CachedDump>();
  private readonly closing = new AbortController();

  constructor(private readonly options: LiveSourceOptions) {
    this.now = options.now ?? Date.now;
    this.label = `kube context ${options.context ?? '(current)'}`;
    this.runner = new IstioctlRunner({
      env: options.env,
      cwd: options.cwd ?? '.',
      istioctl: options.istioctl,
      globalArgs: globalArgs(options),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      concurrency: options.concurrency ?? 4,
      maxOutput: options.maxOutput ?? 256 * 1024 * 1024,
    });
  }

  /** `POD.NAMESPACE` for a proxy given as `POD.NAMESPACE`, `pod/POD.NAMESPACE` or `POD` (+ namespace option). */
  proxyName(proxy: string): string {
    return proxyName(proxy, this.options.namespace);
  }

  /** istioctl calls running now. */
  get inFlight(): number {
    return this.runner.inFlight;
  }

  async listProxies(signal?: AbortSignal): Promise<ProxySummary[]> {
    try {
      const answer = await this.runner.run(calls.proxyStatus(), this.signal(signal));
      const docs = concatenatedJsonOutput(answer.display, answer.stdout);
      checkProxyStatusShape(answer.display, docs);
      return parseProxyStatus(docs);
    } catch (error) {
      if (error instanceof IstioctlError && error.failure === 'unsupported') {
        throw new IstioctlError(
          'unsupported',
          `this istioctl cannot list proxies as JSON (istioctl: ${errorLine(error.stderr)}); a newer istioctl can; meanwhile name the proxy as POD.NAMESPACE`,
          error.stderr,
        );
      }
      throw error;
    }
  }

  async proxyConfig(proxy: string, signal?: AbortSignal): Promise<FetchedProxyConfig> {
    const { config, fetchedAt } = await this.dump(proxy, signal);
    return { config, fetchedAt };
  }

  /** The config dump text as istioctl printed it (fetching it if needed). */
  async dumpText(proxy: string, signal?: AbortSignal): Promise<string> {
    return (await this.dump(proxy, signal)).text;
  }

  /** Forgets cached config dumps (one proxy's, or all), so the next proxyConfig fetches again. */
  refresh(proxy?: string): void {
    if (proxy === undefined) this.dumps.clear();
    else this.dumps.delete(this.proxyName(proxy));
  }

  async analyze(namespace: string | undefined, signal?: AbortSignal): Promise<AnalyzerMessage[]> {
    // -o json exits 0 even with Error-level messages; older istioctl used 79 for "issues found".
    const answer = await this.runner.run(calls.analyze(namespace), this.signal(signal), [0, 79]);
    if (answer.stdout.trim() === '') {
      const missing = /namespace "([^"]*)" not found/.exec(answer.stderr);
      if (missing) throw new IstioctlError('namespace-not-found', `namespace ${missing[1]} not found in the cluster`, answer.stderr);
      return [];
    }
    return parseAnalyze(jsonOutput(answer.display, answer.stdout));
  }

  async stats(proxy: string, signal?: AbortSignal): Promise<ProxyStats> {
    const answer = await this.runner.run(calls.serverStats(this.proxyName(proxy)), this.signal(signal));
    const doc = statsOutput(answer.display, answer.stdout);
    checkStatsShape(answer.display, doc);
    const stats = parseEnvoyStats(doc);
    return { fetchedAt: this.now(), ...stats };
  }

  /** Envoy's /clusters (host health, outlier ejection, per-host counters) without a config dump. */
  async clusterStats(proxy: string, signal?: AbortSignal): Promise<{ hostStatus: ClusterStatus[]; fetchedAt: number }> {
    const name = this.proxyName(proxy);
    const answer = await this.runner.run(calls.clusterStats(name), this.signal(signal));
    const config = loadLive([{ name: answer.display, data: statsOutput(answer.display, answer.stdout) }], name);
    return { hostStatus: config.hostStatus, fetchedAt: this.now() };
  }

  async version(signal?: AbortSignal): Promise<IstioVersions> {
    const answer = await this.runner.run(calls.version(), this.signal(signal));
    return parseIstioVersions(jsonOutput(answer.display, answer.stdout));
  }

  /** Cancels running istioctl calls and drops the cache. */
  close(): void {
    this.closing.abort();
    this.fetches.abortAll();
    this.dumps.clear();
  }

  private signal(signal?: AbortSignal): AbortSignal {
    return signal ? anySignal([signal, this.closing.signal]) : this.closing.signal;
  }

  private async dump(proxy: string, signal?: AbortSignal): Promise<CachedDump> {
    const name = this.proxyName(proxy);
    const cached = this.dumps.get(name);
    const maxAge = this.options.maxAgeMs;
    if (cached && (maxAge === undefined || this.now() - cached.fetchedAt <= maxAge)) return cached;
    const fetch = async (shared: AbortSignal): Promise<CachedDump> => {
      const { config, text } = await fetchProxyDump(this.runner, name, shared);
      const fetched = { config, text, fetchedAt: this.now() };
      this.dumps.set(name, fetched);
      return fetched;
    };
    return this.fetches.get(name, fetch, this.signal(signal));
  }
}

/** A live source through istioctl; the CLI and the TUI construct it from the common flags. */
export function createLiveSource(options: LiveSourceOptions): LiveSource {
  return new LiveSource(options);
}
