import { anySignal } from '../core/abort.ts';
import type { ProxyConfig } from '../core/envoy/types.ts';
import { sinceStartBaseline } from '../core/top/replay.ts';
import { advanceTop, DEFAULT_TOP_OPTIONS, EMPTY_TOP, type TopOptions, type TopState } from '../core/top/state.ts';
import type { WeightPlan } from '../core/top/weights.ts';
import type { MeshSource } from './mesh-source.ts';
import { errorText, TopReader } from './top-reader.ts';
import { resolveSelection, type TopSelection } from './top-selection.ts';

/**
 * meshtop's polling loop, without React: reads every selected proxy each interval (2 s by
 * default), a few proxies at a time, and publishes a new TopSnapshot after each poll. Polls never
 * overlap (a slow one delays the next), can be paused, change interval, and are cancelled by
 * `stop()`. The screen subscribes and re-renders; it never waits for a poll.
 *
 * A snapshot or dump source holds one reading: it is read once, with rates averaged since each
 * Envoy started (see core/top/replay.ts), and not polled again.
 */
export interface TopPollerOptions {
  source: MeshSource;
  selection: TopSelection;
  intervalMs?: number;
  /** Proxies read at once; default 4. */
  concurrency?: number;
  top?: TopOptions;
  /** How often a `-n`/`-l` selection is listed again; default 15 s. */
  listEveryMs?: number;
  /** How often config dumps (weights) are read again; default 30 s. */
  configEveryMs?: number;
  now?: () => number;
}

export interface TopSnapshot {
  state: TopState;
  /** The proxies being watched. */
  proxies: string[];
  paused: boolean;
  intervalMs: number;
  /** A poll is running. */
  polling: boolean;
  /** What failed for the whole poll (listing proxies); per-proxy errors are in the state. */
  errors: string[];
  /** When the last poll ended (epoch ms). */
  lastPollAt?: number;
  polls: number;
  /** `live`: rates between polls; `since-start`: one recorded reading, averages since Envoy started. */
  mode: 'live' | 'since-start';
}

export const MIN_INTERVAL_MS = 500;
export const MAX_INTERVAL_MS = 60_000;
export const DEFAULT_INTERVAL_MS = 2000;

/** Runs `task` over `items`, at most `limit` at once, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

export class TopPoller {
  private readonly reader: TopReader;
  private readonly now: () => number;
  private readonly listeners = new Set<(snapshot: TopSnapshot) => void>();
  private current: TopSnapshot;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: AbortController | undefined;
  private running = false;
  private startedAt = 0;
  private listedAt = -Infinity;

  constructor(private readonly options: TopPollerOptions) {
    this.now = options.now ?? Date.now;
    this.reader = new TopReader(options.source, this.now, options.configEveryMs);
    const mode = options.source.kind === 'live' ? 'live' : 'since-start';
    const proxies = options.selection.kind === 'named' ? options.selection.proxies : [];
    this.current = {
      state: EMPTY_TOP,
      proxies,
      paused: false,
      intervalMs: clampInterval(options.intervalMs ?? DEFAULT_INTERVAL_MS),
      polling: false,
      errors: [],
      polls: 0,
      mode,
    };
  }

  get snapshot(): TopSnapshot {
    return this.current;
  }

  /** The config a proxy was read with (for explaining its busiest route). */
  configOf(proxy: string): ProxyConfig | undefined {
    return this.reader.configOf(proxy)?.config;
  }

  subscribe(listener: (snapshot: TopSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Polls now, then every interval until `stop()`. */
  start(): void {
    this.running = true;
    void this.poll();
  }

  /** Cancels the running poll (its istioctl calls) and the next one. */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inflight?.abort();
  }

  setPaused(paused: boolean): void {
    if (paused === this.current.paused) return;
    this.publish({ paused });
    if (paused) clearTimeout(this.timer);
    else this.schedule();
  }

  setIntervalMs(ms: number): void {
    this.publish({ intervalMs: clampInterval(ms) });
    this.schedule();
  }

  /** One poll, awaited (`--once`, tests); resolves with the snapshot after it. `signal` cancels it. */
  async pollNow(signal?: AbortSignal): Promise<TopSnapshot> {
    await this.poll(signal);
    return this.current;
  }

  /** A new snapshot; listeners are told unless `quiet` (a poll starting is not worth a frame). */
  private publish(change: Partial<TopSnapshot>, quiet = false): void {
    this.current = { ...this.current, ...change };
    if (quiet) return;
    for (const listener of this.listeners) listener(this.current);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const replayDone = this.current.mode === 'since-start' && this.current.polls > 0;
    if (!this.running || this.current.paused || this.current.polling || replayDone) return;
    const delay = Math.max(0, this.startedAt + this.current.intervalMs - this.now());
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  private async proxies(signal: AbortSignal): Promise<{ proxies: string[]; errors: string[] }> {
    const selection = this.options.selection;
    if (selection.kind === 'named' || this.now() - this.listedAt < (this.options.listEveryMs ?? 15_000)) return { proxies: this.current.proxies, errors: [] };
    try {
      const proxies = await resolveSelection(this.options.source, selection, signal);
      this.listedAt = this.now();
      return { proxies, errors: [] };
    } catch (error) {
      if (signal.aborted) throw error;
      return { proxies: this.current.proxies, errors: [`proxy-status: ${errorText(error)}`] };
    }
  }

  private async poll(external?: AbortSignal): Promise<void> {
    if (this.current.polling) return;
    clearTimeout(this.timer);
    const controller = new AbortController();
    this.inflight = controller;
    const signal = external ? anySignal([controller.signal, external]) : controller.signal;
    this.startedAt = this.now();
    this.publish({ polling: true }, true);
    let change: Partial<TopSnapshot> = {};
    try {
      const { proxies, errors } = await this.proxies(signal);
      this.reader.retain(proxies);
      const samples = await mapLimit(proxies, this.options.concurrency ?? 4, (proxy) => this.reader.read(proxy, signal));
      if (signal.aborted) return;
      const plans = new Map<string, WeightPlan>();
      const configs = new Map<string, ProxyConfig>();
      for (const proxy of proxies) {
        const known = this.reader.configOf(proxy);
        if (known?.plan) plans.set(proxy, known.plan);
        if (known?.config) configs.set(proxy, known.config);
      }
      let state = this.current.state;
      if (this.current.mode === 'since-start') {
        const baselines = samples.map((s) => sinceStartBaseline(s)).filter((b) => b !== undefined);
        state = advanceTop(state, baselines, plans, this.options.top ?? DEFAULT_TOP_OPTIONS, configs);
      }
      state = advanceTop(state, samples, plans, this.options.top ?? DEFAULT_TOP_OPTIONS, configs);
      change = { state, proxies, errors, polls: this.current.polls + 1 };
    } catch (error) {
      if (!signal.aborted) change = { errors: [errorText(error)], polls: this.current.polls + 1 };
    } finally {
      if (this.inflight === controller) this.inflight = undefined;
      this.publish({ ...change, polling: false, lastPollAt: this.now() });
      this.schedule();
    }
  }
}

function clampInterval(ms: number): number {
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.round(ms)));
}
