import { useEffect, useState } from 'react';
import type { MeshSource } from '../../app/mesh-source.ts';
import { type PathTrace, tracePathFrom } from '../../app/path-trace.ts';
import { recordingSource } from '../../app/recording-source.ts';
import { parseRequestLineWithOptions } from '../../app/request-line.ts';
import type { ProxyConfig } from '../../core/envoy/types.ts';
import type { PathSteps } from '../../core/path/types.ts';
import { type FetchTracker, track } from './fetch-tracker.ts';

/** The request the path view follows: the typed line, from the open workload's proxy. */
export interface PathAsk {
  from: string;
  request: string;
}

export interface PathState {
  /** The ask this state answers (a state for an earlier ask is never shown for a newer one). */
  ask: PathAsk | null;
  loading: boolean;
  /** Proxies in the source, once listed; configs read so far. */
  proxies: number | undefined;
  read: number;
  trace: PathTrace | undefined;
  /** The configs read for the path, by proxy: a hop's trace draws its endpoints from its own proxy. */
  configs: ReadonlyMap<string, ProxyConfig>;
  error: string | undefined;
}

const idle: PathState = { ask: null, loading: false, proxies: undefined, read: 0, trace: undefined, configs: new Map(), error: undefined };

/**
 * Follows `ask` through every proxy of the source (app/path-trace.ts) when it, the source or
 * `refresh` changes: reading each proxy's config as it goes (progress in the state), aborting the
 * reading in flight on change and on unmount. Failures become `error`, never a throw.
 */
export function usePath(source: MeshSource, ask: PathAsk | null, steps: PathSteps, refresh: number, tracker?: FetchTracker): PathState {
  const [state, setState] = useState<PathState>(idle);
  const from = ask?.from;
  const request = ask?.request;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `refresh` (r) follows the request again through freshly read configs
  useEffect(() => {
    if (from === undefined || request === undefined) {
      setState(idle);
      return undefined;
    }
    const asked = { from, request };
    const controller = new AbortController();
    const live = () => !controller.signal.aborted;
    let parsed: ReturnType<typeof parseRequestLineWithOptions>;
    try {
      parsed = parseRequestLineWithOptions(request);
    } catch (error) {
      setState({ ...idle, ask: asked, error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
    const recording = recordingSource(source, (record) => {
      if (live()) setState((s) => ({ ...s, proxies: record.proxies?.length, read: record.configs.size }));
    });
    setState({ ...idle, ask: asked, loading: true });
    const options = parsed.randomValue === undefined ? {} : { randomValue: parsed.randomValue };
    track(tracker, controller.signal, tracePathFrom(recording.source, from, parsed.request, steps, options, controller.signal)).then(
      (trace) => {
        if (live())
          setState({
            ask: asked,
            loading: false,
            proxies: recording.record.proxies?.length,
            read: recording.record.configs.size,
            trace,
            configs: recording.record.configs,
            error: undefined,
          });
      },
      (error: unknown) => {
        if (live()) setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) }));
      },
    );
    return () => controller.abort();
  }, [source, from, request, steps, refresh, tracker]);
  // A state for another ask (the effect has not run yet) is not this ask's answer.
  const current = state.ask !== null && ask !== null && state.ask.from === ask.from && state.ask.request === ask.request;
  if (ask === null) return idle;
  return current ? state : { ...idle, ask, loading: true };
}
