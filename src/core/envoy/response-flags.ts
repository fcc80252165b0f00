/**
 * Envoy's response flags (`%RESPONSE_FLAGS%`, source/common/stream_info/utility.h): why Envoy
 * answered itself or how the upstream exchange ended. Short name → long name and what it means.
 */
export interface ResponseFlagInfo {
  /** A flag of this table, or one a log line carries that meshscope does not know. */
  flag: ResponseFlag | string;
  name: string;
  meaning: string;
}

const FLAGS = [
  ['UH', 'NoHealthyUpstream', 'no healthy host in the upstream cluster (Envoy answers 503)'],
  ['UF', 'UpstreamConnectionFailure', 'the connection to the upstream host failed (503)'],
  ['UO', 'UpstreamOverflow', "the cluster's circuit breaker was open: a connection, pending-request, request or retry limit was reached (503)"],
  ['NR', 'NoRouteFound', 'no route (or no virtual host / filter chain) for the request (404)'],
  ['URX', 'UpstreamRetryLimitExceeded', 'the retry limit (HTTP) or connect attempts (TCP) ran out'],
  ['NC', 'NoClusterFound', 'the route names a cluster the proxy does not have (503)'],
  ['DT', 'DurationTimeout', 'the request or connection exceeded max_connection_duration / max_downstream_connection_duration'],
  ['DC', 'DownstreamConnectionTermination', 'the downstream (client) closed the connection before the response was done'],
  ['LH', 'FailedLocalHealthCheck', 'the local service failed its health check (503)'],
  ['UT', 'UpstreamRequestTimeout', "the route's timeout (or per-try timeout) expired before the upstream answered (504)"],
  ['LR', 'LocalReset', 'Envoy reset the stream locally (503)'],
  ['UR', 'UpstreamRemoteReset', 'the upstream reset the stream (503)'],
  ['UC', 'UpstreamConnectionTermination', 'the upstream connection closed before the response was done (503)'],
  ['DI', 'DelayInjected', 'the fault filter delayed the request'],
  ['FI', 'FaultInjected', 'the fault filter aborted the request with the configured status'],
  ['RL', 'RateLimited', 'the request was rate limited locally by the HTTP rate limit filter (429)'],
  ['UAEX', 'UnauthorizedExternalService', 'the external authorization service denied the request'],
  ['RLSE', 'RateLimitServiceError', 'the rate limit service failed and failure mode denies the request'],
  ['IH', 'InvalidEnvoyRequestHeaders', 'an x-envoy-* request header had an invalid value (400)'],
  ['SI', 'StreamIdleTimeout', 'the stream idle timeout expired (408 or 504)'],
  ['DPE', 'DownstreamProtocolError', 'the downstream request violated the HTTP protocol'],
  ['UPE', 'UpstreamProtocolError', 'the upstream response violated the HTTP protocol (502)'],
  ['UMSDR', 'UpstreamMaxStreamDurationReached', 'the upstream request reached max_stream_duration'],
  ['RFCF', 'ResponseFromCacheFilter', 'the response came from the cache filter'],
  ['NFCF', 'NoFilterConfigFound', 'an ECDS filter config was missing, so the request was rejected (500)'],
  ['OM', 'OverloadManagerTerminated', 'the overload manager rejected the request'],
  ['DF', 'DnsResolutionFailed', 'DNS resolution of the upstream failed (dynamic forward proxy)'],
  ['DO', 'DropOverload', "the request was dropped by the cluster's drop_overload policy (503)"],
] as const satisfies readonly (readonly [string, string, string])[];

/** A short response flag Envoy logs (`UH`, `NR`, …). */
export type ResponseFlag = (typeof FLAGS)[number][0];

export const RESPONSE_FLAGS: ReadonlyMap<string, ResponseFlagInfo> = new Map(
  FLAGS.map(([flag, name, meaning]) => [flag, { flag, name, meaning } as ResponseFlagInfo]),
);

/** The flag's long name and meaning; unknown flags are reported as such. */
export function responseFlagInfo(flag: string): ResponseFlagInfo {
  return RESPONSE_FLAGS.get(flag) ?? { flag, name: 'Unknown', meaning: 'a flag this meshscope does not know (newer Envoy?)' };
}
