import { responseFlagInfo } from '../envoy/response-flags.ts';
import type { AccessLogEntry } from './access-log.ts';
import { delayInjected, downstreamClosed, faultInjected, noCluster, noRoute } from './route-causes.ts';
import {
  type CauseContext,
  connectionFailure,
  noHealthyUpstream,
  overflow,
  protocolError,
  retriesExhausted,
  timeout,
  upstreamReset,
} from './upstream-causes.ts';

/** A response flag of the log line with what it means and its likely causes in this configuration. */
export interface FlagExplanation {
  flag: string;
  name: string;
  meaning: string;
  causes: string[];
}

const CAUSES: Record<string, (ctx: CauseContext) => string[]> = {
  UH: noHealthyUpstream,
  UF: connectionFailure,
  UO: overflow,
  URX: (ctx) => [...retriesExhausted(ctx), ...noHealthyUpstream(ctx).slice(0, 2)],
  UT: timeout,
  UC: upstreamReset,
  UR: upstreamReset,
  LR: upstreamReset,
  UPE: protocolError,
  NR: noRoute,
  NC: noCluster,
  DI: delayInjected,
  FI: faultInjected,
  DC: downstreamClosed,
  RL: () => ['a local rate limit (EnvoyFilter with envoy.filters.http.local_ratelimit) rejected the request'],
  UAEX: () => ['an AuthorizationPolicy with action CUSTOM sent the request to an external authorizer, which denied it'],
  SI: () => ["no bytes moved on the stream for the HTTP connection manager's stream_idle_timeout (5 min by default)"],
};

/** The upstream answered an error itself: no flag, the status came through Envoy. */
function upstreamAnswered(entry: AccessLogEntry, ctx: CauseContext): FlagExplanation {
  const causes = [
    `the upstream service answered ${entry.responseCode} itself${entry.responseCodeDetails ? ` (${entry.responseCodeDetails})` : ''}; Envoy passed it on`,
  ];
  const r = ctx.result.policies.retries;
  if (r)
    causes.push(
      `retries on ${r.retryOn.join(',') || '-'} (${r.attempts}) did not turn it into a success${r.retriableStatusCodes.length ? '' : `; ${entry.responseCode} is not a retriable status code here`}`,
    );
  const outlier = ctx.result.policies.outlierDetection;
  if (outlier) causes.push(`outlier detection counts these 5xx: ${outlier}`);
  return { flag: '-', name: 'none', meaning: 'Envoy did not intervene', causes };
}

export function explainFlags(entry: AccessLogEntry, ctx: CauseContext): FlagExplanation[] {
  const out = entry.responseFlags.map((flag) => {
    const info = responseFlagInfo(flag);
    return { ...info, causes: CAUSES[flag]?.(ctx) ?? [] };
  });
  if (out.length === 0 && entry.responseCode !== null && entry.responseCode >= 500) out.push(upstreamAnswered(entry, ctx));
  return out;
}
