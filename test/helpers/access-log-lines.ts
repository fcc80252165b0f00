/**
 * Access log lines of the demo's proxies (fixtures/bookinfo: pod names and IPs of its README), in
 * Istio's default TEXT format — EnvoyTextLogFormat in istio/istio pilot/pkg/model/telemetry_logging.go:
 *
 *   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 *   %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
 *   "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
 *   %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 *   "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW%
 *   %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS%
 *   %REQUESTED_SERVER_NAME% %ROUTE_NAME%
 *
 * Envoy writes `-` for a value it does not have. The JSON lines use the keys of
 * EnvoyJSONLogFormatIstio in the same file, with JSON null where the text has `-`.
 */
export interface LogFields {
  time: string;
  method?: string;
  path?: string;
  protocol?: string;
  code: number;
  flags?: string;
  details: string;
  bytesReceived?: number;
  bytesSent?: number;
  duration?: number;
  serviceTime?: string;
  userAgent?: string;
  id?: string;
  authority?: string;
  upstreamHost?: string;
  cluster?: string;
  upstreamLocal?: string;
  downstreamLocal: string;
  downstreamRemote: string;
  sni?: string;
  route?: string;
}

export function textLine(f: LogFields): string {
  const q = (v: string | undefined) => `"${v ?? '-'}"`;
  const d = (v: string | number | undefined) => (v === undefined ? '-' : String(v));
  return [
    `[${f.time}]`,
    `"${f.method ?? '-'} ${f.path ?? '-'} ${f.protocol ?? (f.method ? 'HTTP/1.1' : '-')}"`,
    f.code,
    d(f.flags),
    f.details,
    '-',
    q(undefined),
    d(f.bytesReceived ?? 0),
    d(f.bytesSent ?? 0),
    d(f.duration ?? 0),
    d(f.serviceTime),
    q(undefined),
    q(f.userAgent),
    q(f.id),
    q(f.authority),
    q(f.upstreamHost),
    d(f.cluster),
    d(f.upstreamLocal),
    f.downstreamLocal,
    f.downstreamRemote,
    d(f.sni),
    d(f.route),
  ].join(' ');
}

export function jsonLine(f: LogFields): string {
  const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
  return JSON.stringify({
    start_time: f.time,
    method: n(f.method),
    path: n(f.path),
    protocol: f.protocol ?? (f.method ? 'HTTP/1.1' : null),
    response_code: f.code,
    response_flags: f.flags ?? '-',
    response_code_details: f.details,
    connection_termination_details: null,
    upstream_transport_failure_reason: null,
    bytes_received: f.bytesReceived ?? 0,
    bytes_sent: f.bytesSent ?? 0,
    duration: f.duration ?? 0,
    upstream_service_time: n(f.serviceTime),
    x_forwarded_for: null,
    user_agent: n(f.userAgent),
    request_id: n(f.id),
    authority: n(f.authority),
    upstream_host: n(f.upstreamHost),
    upstream_cluster: n(f.cluster),
    upstream_local_address: n(f.upstreamLocal),
    downstream_local_address: f.downstreamLocal,
    downstream_remote_address: f.downstreamRemote,
    requested_server_name: n(f.sni),
    route_name: n(f.route),
  });
}

export const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
export const DETAILS = 'details-v1-65cfcf56f9-q8w7m.bookinfo';
export const RATINGS = 'ratings-v1-7c9bd4b87f-9v5lx.bookinfo';
export const REVIEWS_V2 = 'reviews-v2-5b667bcbf8-xq2lm.bookinfo';
export const GATEWAY = 'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system';

export const DENIED_ID = '5f1d8c2e-93b4-4c1a-9d57-2b8e0f6a1c34';
export const UC_ID = 'a41b7d0c-6e2f-4f8e-b1c9-7d3e5a9f0b12';

/**
 * productpage → details `POST /details/0`: AuthorizationPolicy details-viewer allows only GET, so
 * details' RBAC filter answers 403 with `rbac_access_denied_matched_policy[none]` (Envoy's
 * rbac_filter.cc) and no response flag; productpage's sidecar passes the 403 on (`via_upstream`).
 */
export const productpageToDetails = textLine({
  time: '2025-01-15T09:13:41.218Z',
  method: 'POST',
  path: '/details/0',
  code: 403,
  details: 'via_upstream',
  bytesSent: 19,
  duration: 2,
  serviceTime: '1',
  userAgent: 'python-requests/2.31.0',
  id: DENIED_ID,
  authority: 'details:9080',
  upstreamHost: '10.244.1.8:9080',
  cluster: 'outbound|9080|v1|details.bookinfo.svc.cluster.local',
  upstreamLocal: '10.244.1.12:48270',
  downstreamLocal: '10.96.18.205:9080',
  downstreamRemote: '10.244.1.12:51036',
  route: 'details-retries',
});
export const detailsDenies = {
  time: '2025-01-15T09:13:41.219Z',
  method: 'POST',
  path: '/details/0',
  code: 403,
  details: 'rbac_access_denied_matched_policy[none]',
  bytesSent: 19,
  userAgent: 'python-requests/2.31.0',
  id: DENIED_ID,
  authority: 'details:9080',
  cluster: 'inbound|9080||',
  downstreamLocal: '10.244.1.8:9080',
  downstreamRemote: '10.244.1.12:48270',
  sni: 'outbound_.9080_.v1_.details.bookinfo.svc.cluster.local',
  route: 'default',
} satisfies LogFields;

/**
 * reviews-v2 → ratings: DestinationRule ratings sets `tls.mode: DISABLE`, ratings' port 9080 is
 * STRICT: the server finds no filter chain and closes the connection. The client logs 503 UC
 * `upstream_reset_before_response_started{connection_termination}`; the server's listener logs
 * the connection (no request: `"- - -" 0 NR filter_chain_not_found`, Istio's listener access log
 * is filtered to NR, pilot/pkg/networking/core/accesslog.go listenerAccessLogFilter), with the
 * client's side of the connection as its downstream remote address.
 */
export const reviewsToRatings = textLine({
  time: '2025-01-15T09:13:52.604Z',
  method: 'GET',
  path: '/ratings/0',
  code: 503,
  flags: 'UC',
  details: 'upstream_reset_before_response_started{connection_termination}',
  bytesSent: 95,
  duration: 1,
  userAgent: 'Apache-CXF/3.1.18',
  id: UC_ID,
  authority: 'ratings:9080',
  upstreamHost: '10.244.1.9:9080',
  cluster: 'outbound|9080|v1|ratings.bookinfo.svc.cluster.local',
  upstreamLocal: '10.244.1.11:39454',
  downstreamLocal: '10.96.224.11:9080',
  downstreamRemote: '10.244.1.11:45160',
  route: 'ratings-faults',
});
export const ratingsNoFilterChain = textLine({
  time: '2025-01-15T09:13:52.604Z',
  code: 0,
  flags: 'NR',
  details: 'filter_chain_not_found',
  downstreamLocal: '10.244.1.9:9080',
  downstreamRemote: '10.244.1.11:39454',
});
