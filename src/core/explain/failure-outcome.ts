import type { UpstreamFailure } from '../router/upstream-failure.ts';

/** What the client gets when every attempt fails this way, and the longest it waits for it. */
export interface ClientSees {
  status: number;
  /** Envoy's response flags as its access log prints them (`UF,URX`); null for the upstream's own answer. */
  responseFlag: string | null;
  /** Attempts made (the first and the retries that fit in the route timeout). */
  attempts: number;
  /** Worst-case time to the answer; null when nothing bounds it (no route timeout, no per-try timeout). */
  worstCaseMs: number | null;
  /** In the worst case the route timeout fires first: the client gets 504 UT instead. */
  routeTimeoutEnds: boolean;
  text: string;
}

/** Envoy's default route timeout (route_components.proto RouteAction.timeout: 15 s when unset). */
const DEFAULT_ROUTE_TIMEOUT_MS = 15_000;
/** cluster.proto `connect_timeout`: 5 s when unset (Istio writes its own, 10 s by default). */
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

const time = (ms: number): string => (ms >= 1000 ? `${Math.round(ms) / 1000}s` : `${Math.round(ms)}ms`);

/** The answer Envoy gives for a failure with no response: 503 UF for a failed connection, 503 UR for a reset, 504 UT for a timeout. */
function ownAnswer(f: UpstreamFailure): { status: number; flag: string } | null {
  switch (f.kind) {
    case 'connect-failure':
      return { status: 503, flag: 'UF' };
    case 'reset':
    case 'refused-stream':
      return { status: 503, flag: 'UR' };
    case 'timeout':
      return { status: 504, flag: 'UT' };
    default:
      return null;
  }
}

/**
 * The client's answer and its worst-case latency, as Envoy's router gives it
 * (source/common/router/router.cc): the route timeout covers every attempt and backoff (0
 * disables it; unset is 15 s); each attempt waits at most the per-try timeout (a failed connection
 * at most the cluster's connect_timeout); retries exhausted add URX to the flags; the route
 * timeout firing first ends the request with 504 UT.
 */
export function clientSees(o: {
  failure: UpstreamFailure;
  retried: boolean;
  retries: number;
  routeTimeoutMs: number | null;
  perTryTimeoutMs: number | null;
  connectTimeoutMs: number | null;
  backoffMs: number[];
}): ClientSees {
  const f = o.failure;
  const route = o.routeTimeoutMs === null ? DEFAULT_ROUTE_TIMEOUT_MS : o.routeTimeoutMs === 0 ? null : o.routeTimeoutMs;
  const routeWords =
    o.routeTimeoutMs === null
      ? `Envoy's default route timeout ${time(DEFAULT_ROUTE_TIMEOUT_MS)}`
      : route === null
        ? 'no route timeout (0s)'
        : `the route timeout ${time(route)}`;
  // How long one attempt can take before it fails this way.
  let attempt: number | null;
  if (f.kind === 'connect-failure') attempt = o.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  else attempt = o.perTryTimeoutMs ?? route;
  const own = ownAnswer(f);
  // A timeout without a per-try timeout is the route timeout itself: nothing retries it.
  if (f.kind === 'timeout' && o.perTryTimeoutMs === null) {
    if (route === null)
      return {
        status: 504,
        responseFlag: 'UT',
        attempts: 1,
        worstCaseMs: null,
        routeTimeoutEnds: false,
        text: 'no route timeout and no per-try timeout: nothing times the request out, it waits as long as the upstream (or the client) does',
      };
    return {
      status: 504,
      responseFlag: 'UT',
      attempts: 1,
      worstCaseMs: route,
      routeTimeoutEnds: true,
      text: `504 UT after ${routeWords}: a route timeout is never retried`,
    };
  }
  const planned = o.retried ? 1 + o.retries : 1;
  // The worst-case timeline: each attempt takes its whole bound, with the longest backoff between.
  let elapsed: number | null = 0;
  let fit = 0;
  for (let i = 0; i < planned && elapsed !== null; i++) {
    if (i > 0) elapsed += o.backoffMs[i - 1] ?? 0;
    if (route !== null && elapsed >= route) break;
    fit++;
    elapsed = attempt === null ? null : elapsed + attempt;
  }
  const routeEnds = route !== null && (elapsed === null || elapsed >= route);
  const worst = route !== null ? Math.min(elapsed ?? route, route) : elapsed;
  const status = own?.status ?? (f as { status: number }).status;
  const flags = [own?.flag, o.retried ? 'URX' : undefined].filter(Boolean).join(',') || null;
  const answer = own ? `${status} ${flags}` : o.retried ? `the upstream's ${status} (flag URX: retries exhausted)` : `the upstream's ${status} as it is`;
  const after = planned === 1 ? 'after one attempt' : `after ${planned} attempts`;
  const each =
    f.kind === 'connect-failure' ? `connect_timeout ${time(attempt!)}` : o.perTryTimeoutMs !== null ? `per-try timeout ${time(o.perTryTimeoutMs)}` : routeWords;
  const backoff = o.retried && o.backoffMs.length ? ` + backoff up to ${o.backoffMs.map(time).join(' + ')}` : '';
  let text: string;
  if (worst === null) text = `${answer} ${after}; nothing bounds the wait (${routeWords} and no per-try timeout)`;
  else if (!routeEnds) text = `${answer} ${after}, at worst ${time(worst)} (${planned} × ${each}${backoff})`;
  else
    text = `${answer} ${after} when they fail fast; when each takes its full ${each}, ${fit} of ${planned} attempt${planned === 1 ? '' : 's'} ${fit === 1 ? 'starts' : 'start'} before ${routeWords} ends the request with 504 UT at ${time(worst)}`;
  return { status, responseFlag: flags, attempts: planned, worstCaseMs: worst, routeTimeoutEnds: routeEnds, text };
}
