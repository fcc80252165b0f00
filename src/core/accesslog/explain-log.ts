import { endpointsFor } from '../envoy/cluster-endpoints.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { UsageError } from '../errors.ts';
import { explain } from '../explain/explain.ts';
import type { ExplainResult } from '../explain/result.ts';
import { parseRequest } from '../router/request.ts';
import { percent } from '../text/percent.ts';
import type { AccessLogEntry } from './access-log.ts';
import { explainFlags, type FlagExplanation } from './flag-causes.ts';

/**
 * An access log line explained against a proxy's configuration: the request rebuilt from the
 * line (the connection's original destination, Host, path, the headers the log records), the
 * explain trace for it, whether the configuration agrees with what the log says happened
 * (route, cluster, upstream host, status), and each response flag with its likely causes here.
 */
export interface LogCheck {
  what: 'route' | 'cluster' | 'upstream host' | 'status';
  /** What the log says. */
  log: string;
  /** What the configuration says. */
  config: string;
  /** null when there is nothing to compare. */
  agrees: boolean | null;
}

export interface LogExplanation {
  entry: AccessLogEntry;
  /** `METHOD URL` and `-H` values that reproduce the request with `meshscope explain`. */
  requestLine: string;
  headers: string[];
  result: ExplainResult;
  checks: LogCheck[];
  flags: FlagExplanation[];
  /** The trace follows the weighted destination the log names (the random value that picks it). */
  followsLoggedPick: boolean;
}

const IP_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):\d+$/;

/** The request as the proxy saw it: to the connection's original destination, with the logged Host. */
export function requestFromLog(entry: AccessLogEntry): { requestLine: string; headers: string[] } {
  const authority = entry.authority ?? entry.downstreamLocalAddress ?? '';
  if (!authority) throw new UsageError('--log: the line has neither an authority nor a downstream local address: nothing says where the request went');
  const target = entry.downstreamLocalAddress && IP_PORT.test(entry.downstreamLocalAddress) ? entry.downstreamLocalAddress : authority;
  const path = entry.path?.startsWith('/') ? entry.path : '/';
  const headers: string[] = [];
  if (target !== authority) headers.push(`Host: ${authority}`);
  if (entry.userAgent) headers.push(`User-Agent: ${entry.userAgent}`);
  if (entry.requestId) headers.push(`X-Request-Id: ${entry.requestId}`);
  if (entry.forwardedFor) headers.push(`X-Forwarded-For: ${entry.forwardedFor}`);
  return { requestLine: `${entry.method ?? 'GET'} http://${target}${path}`, headers };
}

/** `outbound|9080|v1|reviews...;` (an alt_stat_name from %UPSTREAM_CLUSTER%) → the cluster name. */
const clusterName = (logged: string | null): string | null => (logged ? logged.replace(/;$/, '') : null);

function checks(entry: AccessLogEntry, result: ExplainResult, config: ProxyConfig, cluster: string | null): LogCheck[] {
  const out: LogCheck[] = [];
  if (entry.routeName) {
    const name = result.route?.name ?? null;
    out.push({
      what: 'route',
      log: entry.routeName,
      config: name ?? (result.route ? `#${result.route.index} (unnamed)` : `none (${result.outcome})`),
      agrees: name === entry.routeName,
    });
  }
  if (cluster) {
    const dests = result.destinations;
    const known = dests.find((d) => d.cluster === cluster);
    const text = dests.length === 0 ? `none (${result.outcome})` : dests.map((d) => `${d.subset ?? d.cluster} ${percent(d.probability)}`).join(', ');
    out.push({
      what: 'cluster',
      log: cluster,
      config: known ? `${known.subset ?? known.cluster}: ${percent(known.probability)} of requests (${text})` : text,
      agrees: known !== undefined,
    });
  }
  if (cluster && entry.upstreamHost) {
    const ep = endpointsFor(config, cluster).endpoints.find((e) => `${e.address}:${e.port}` === entry.upstreamHost);
    out.push({
      what: 'upstream host',
      log: entry.upstreamHost,
      config: ep
        ? `${ep.workload ?? 'endpoint'}${ep.locality ? ` in ${ep.locality}` : ''}, ${ep.ejected ? 'ejected' : ep.health}`
        : `not an endpoint of ${cluster} in this capture`,
      agrees: ep !== undefined,
    });
  }
  if (result.status !== null && entry.responseCode !== null) {
    out.push({
      what: 'status',
      log: String(entry.responseCode),
      config: `${result.status}${result.responseFlag ? ` ${result.responseFlag}` : ''}`,
      agrees: result.status === entry.responseCode,
    });
  }
  return out;
}

export function explainAccessLog(config: ProxyConfig, entry: AccessLogEntry): LogExplanation {
  const { requestLine, headers } = requestFromLog(entry);
  const request = parseRequest(requestLine, headers);
  const logged = clusterName(entry.upstreamCluster);
  let result = explain(config, request);
  let followsLoggedPick = false;
  // The log says where a weighted split sent the request: pick that destination, as Envoy did.
  const at = logged ? result.destinations.findIndex((d) => d.cluster === logged) : -1;
  if (at >= 0 && result.destinations.length > 1) {
    const offset = result.destinations.slice(0, at).reduce((sum, d) => sum + d.weight, 0);
    result = explain(config, request, { randomValue: BigInt(offset) });
    followsLoggedPick = true;
  }
  const single = result.destinations.length === 1 ? result.destinations[0]!.cluster : null;
  const cluster = logged ?? result.cluster ?? single;
  return {
    entry,
    requestLine,
    headers,
    result,
    checks: checks(entry, result, config, logged),
    flags: explainFlags(entry, { entry, config, result, cluster }),
    followsLoggedPick,
  };
}
