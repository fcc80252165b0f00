import type { ProxyConfig } from '../envoy/types.ts';
import type { ExplainResult, ExplainStep } from '../explain/result.ts';
import type { HttpRequest } from '../router/request.ts';

/**
 * `meshscope explain --path`: a request followed hop by hop through the proxies of a snapshot.
 * The JSON contract of `-o json` (`hops[]` with stable field names).
 */

/** How a hop's proxy handles the request: a client sidecar's outbound side, a server sidecar's inbound side, a gateway, a waypoint. */
export type HopDirection = 'outbound' | 'inbound' | 'gateway' | 'waypoint';

/**
 * `forwarded`: sent on to the next hop; `delivered`: handed to the application; `answered`: the
 * proxy answered itself as configured (redirect, direct response); `failed`: the request fails
 * here; `stopped`: the path cannot be followed further (the next proxy is not in the snapshot).
 */
export type HopOutcome = 'forwarded' | 'delivered' | 'answered' | 'failed' | 'stopped';

export interface PathHop {
  /** `pod.namespace` as the snapshot names it. */
  proxy: string;
  direction: HopDirection;
  outcome: HopOutcome;
  cluster: string | null;
  /** `ip:port` the hop sends the request to (the next hop's address), or the application's. */
  endpoint: string | null;
  /** What the client application receives when the request fails here. */
  status: number | null;
  responseFlag: string | null;
  /** One sentence: why this outcome, in this configuration. */
  reason: string;
  /** The policies this hop applies: its route's timeout and retries. */
  policies: { timeoutMs: number | null; retries: string | null };
  /** The connection into this hop's proxy (inbound hops): what the previous proxy sent. */
  tls: { peer: string; principal: string | null; established: boolean; reason: string; istio: string | null } | null;
  /** The authorization this hop applied (RBAC filters), when it has any. */
  authorization: { allowed: boolean; policy: string | null; reason: string } | null;
  /** Other facts of this hop worth knowing (the endpoint picked among several, a weighted split). */
  notes: string[];
  /** The hop's whole trace, as `explain` (or `explain --inbound`) gives it for this proxy. */
  trace: ExplainResult;
}

export interface PathResult {
  request: { method: string; url: string };
  from: string;
  hops: PathHop[];
  /** The index in `hops` of the hop where the request fails, or null. */
  failedAt: number | null;
  /** `delivered`, `answered`, `failed`, or `incomplete` when the snapshot lacks a hop's proxy. */
  outcome: 'delivered' | 'answered' | 'failed' | 'incomplete';
  /** One sentence: where the request ends and why; the failing hop first. */
  summary: string;
  /** Why the path stopped early, when it did. */
  stoppedBecause: string | null;
}

export type { ExplainStep };

/** The TLS a proxy opens to the next one: Istio mTLS, other TLS, or plaintext. */
export type PeerTls = 'mtls' | 'tls' | 'plaintext';

/** Whether the connection between two proxies is set up, as the handshake step sees it. */
export interface HopHandshake {
  established: boolean;
  /** Envoy's words: what happens on the wire. */
  reason: string;
  /** Istio's words (which DestinationRule, which PeerAuthentication), when known. */
  istio: string | null;
  /** What the client application sees when it is not set up. */
  status: number | null;
  responseFlag: string | null;
}

/**
 * The two per-hop decisions the path needs besides the outbound explain: the server's inbound
 * side and the handshake into it. The CLI and the TUI pass Envoy's and Istio's real ones
 * (app/path-steps.ts); the path itself only sequences them.
 */
export interface PathSteps {
  inbound(
    config: ProxyConfig,
    request: HttpRequest,
    options: { port: number; peer: PeerTls; principal?: string; sourceIp?: string; destinationIp?: string },
  ): ExplainResult;
  /** After `inbound`: whether the connection the client opens is set up with the chain the server's inbound trace selected. */
  handshake(
    client: { proxy: string; config: ProxyConfig; cluster: string; peer: PeerTls },
    server: { proxy: string; config: ProxyConfig; port: number; identity: string | null; trace: ExplainResult },
  ): HopHandshake;
}
