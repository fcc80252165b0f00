import type { AccessLogEntry } from './access-log.ts';
import type { LogExplanation } from './explain-log.ts';
import type { ProxyAttribution } from './log-attribution.ts';

/**
 * The access logs of several proxies, grouped by request: Envoy's x-request-id
 * (`%REQ(X-REQUEST-ID)%` in Istio's default formats, pilot/pkg/model/telemetry_logging.go) is set
 * by the first proxy and kept by every later one, so each proxy's line for one request carries
 * the same id (applications must forward it for their own calls to share it, as bookinfo does).
 */

/** outbound: the proxy as the client (cluster `outbound|…`, a gateway); inbound: the server sidecar (`inbound|…`). */
export type HopDirection = 'outbound' | 'inbound' | 'unknown';

/** One proxy's line for the request. */
export interface LogHop {
  proxy: string | null;
  /** How the proxy was found: the command line, kubectl's prefix, the file name, or the line's own addresses. */
  proxyFrom: ProxyAttribution | 'address' | null;
  direction: HopDirection;
  file: string;
  line: number;
  entry: AccessLogEntry;
  /** `connection`: a line without request id (a listener's line) tied to a client hop by its connection's addresses. */
  joinedBy: 'request id' | 'connection';
  /** The hop this one came from (index in the group), or null for a first hop. */
  parent: number | null;
  depth: number;
  /** Status 0 (no response) or ≥ 400. */
  failed: boolean;
  /** Envoy answered at this hop itself: %RESPONSE_CODE_DETAILS% other than `via_upstream` (or, without details, a response flag). */
  local: boolean;
  /** A failed hop checked against its proxy's config in the snapshot; null when not failed or not possible (see note). */
  explained: LogExplanation | null;
  /** Facts the explanation assumed (how the client connected). */
  evidence: string[];
  note: string | null;
}

/**
 * Where the failure came from: `proxy`, the Envoy of this hop answered it (RBAC, no route, no
 * healthy upstream, a fault, a timeout); `connection`, the connection from this client hop to its
 * upstream failed and the server side logged nothing for the request; `application`, the app behind
 * this server hop answered it and its proxy passed it on; `upstream`, the upstream of this client
 * hop answered it and no log of that upstream was given.
 */
export type FailureKind = 'proxy' | 'connection' | 'application' | 'upstream';

export interface FailedAt {
  /** Index of the hop in the group. */
  hop: number;
  proxy: string | null;
  direction: HopDirection;
  file: string;
  line: number;
  kind: FailureKind;
}

export interface RequestGroup {
  requestId: string;
  /** The status of the first hop: what the caller got. */
  status: number | null;
  failed: boolean;
  /** Client side first: each hop followed by the hops it led to. */
  hops: LogHop[];
  failedAt: FailedAt | null;
  /** One sentence: which hop produced the failure and why. */
  reason: string | null;
  /** The evidence: response flag causes and the explain of that hop against its proxy's config. */
  causes: string[];
}

/** A line that cannot join a request: no x-request-id (a TCP connection, a listener's line). */
export interface UngroupedLine {
  file: string;
  line: number;
  proxy: string | null;
  entry: AccessLogEntry;
  reason: string;
}

export interface UnparsedLine {
  file: string;
  line: number;
  error: string;
}

export interface RequestGroupsReport {
  groups: RequestGroup[];
  ungrouped: UngroupedLine[];
  /** Lines that look like access log lines but are not readable as one. */
  unparsed: UnparsedLine[];
  /** Per file, lines that are not access log lines at all (the proxy's own log, the app's). */
  notAccessLog: { file: string; lines: number[] }[];
  notes: string[];
}
