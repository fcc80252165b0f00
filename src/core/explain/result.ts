import type { FaultPolicy } from '../envoy/fault.ts';
import type { GatewayApiOrigin } from '../envoy/gateway-api-origin.ts';
import type { ResponseFlag } from '../envoy/response-flags.ts';
import type { LoadIssue } from '../envoy/types.ts';
import type { Severity } from '../findings/finding.ts';
import type { ExplainEndpoint, ExplainLoadBalancing } from './endpoint-shares.ts';
import type { ExplainFailure } from './failure.ts';
import type { ExplainHashing } from './hashing.ts';

export type { FaultPolicy } from '../envoy/fault.ts';

/**
 * The answer to "where does this request go, and why": the contract printed by
 * `meshscope explain -o json` (stable field names; scripts rely on them).
 */
/** `denied`: the server's authorization filters refuse the request (403) or close the connection (inbound explain). */
export type ExplainOutcome = 'route' | 'redirect' | 'direct_response' | 'no_listener' | 'no_virtual_host' | 'no_route' | 'unknown_cluster' | 'denied';

export type StageName = 'listener' | 'filter_chain' | 'tls' | 'authorization' | 'virtual_host' | 'route' | 'action' | 'cluster' | 'endpoints';

/** A stage as people read it, the same in the CLI text, the Markdown note and the TUI: `filter chain`, `virtual host`. */
export function stageLabel(stage: StageName): string {
  return stage.replace(/_/g, ' ');
}

/** One stage of the trace with the evidence for its decision. */
export interface ExplainStep {
  stage: StageName;
  /** A short result: the listener/vhost/route/cluster name, or what stopped the trace. */
  result: string;
  /** Why, stated concretely. */
  reason: string;
  /** True for the step that decided the outcome (highlighted by renderers). */
  deciding?: boolean;
}

export interface NotTakenRoute {
  index: number;
  name: string | null;
  /** The exact predicate that failed, e.g. `header end-user: wanted exact "jason", request has "Jason"`. */
  reason: string;
}

export interface ExplainDestination {
  cluster: string;
  subset: string | null;
  weight: number;
  /** 0–1. */
  probability: number;
  destinationRule: string | null;
  /** False when the cluster is missing from CDS (Envoy answers 503 NC for it). */
  known: boolean;
  /** When the split is left undecided: the endpoints behind this destination with their chances. */
  endpoints?: SplitEndpoint[];
  /** With `endpoints`: how this destination's load balancer spreads its requests. */
  loadBalancing?: ExplainLoadBalancing;
}

export type { ExplainEndpoint, ExplainLoadBalancing } from './endpoint-shares.ts';

/** An endpoint behind one destination of an undecided split: its share of that cluster and of this request. */
export interface SplitEndpoint extends ExplainEndpoint {
  /** 0–1: the destination's probability × the endpoint's share; null when the share is not interpreted. */
  probability: number | null;
}

export interface ExplainPolicies {
  /** Route timeout in ms; null when the route has none (Envoy's default 15 s then applies); 0 disables. */
  timeoutMs: number | null;
  timeoutSource: 'route' | 'envoy-default' | null;
  retries: {
    attempts: number;
    retryOn: string[];
    perTryTimeoutMs: number | null;
    retriableStatusCodes: number[];
    from: 'route' | 'virtual_host';
  } | null;
  fault: FaultPolicy | null;
  mirrors: { cluster: string; percent: number }[];
  rewrites: { path?: string; host?: string; xForwardedHost?: string; prefixRewrite?: string; regexRewrite?: string };
  hashPolicy: string[];
  loadBalancer: string | null;
  circuitBreaker: string | null;
  outlierDetection: string | null;
  /** The cluster's TLS mode in DestinationRule words (`plaintext` for DISABLE). */
  tls: string | null;
  /** Consistent hashing for this request (hash_policy × RING_HASH/MAGLEV), when the route or a destination hashes. */
  hashing?: ExplainHashing;
}

export interface ExplainResult {
  outcome: ExplainOutcome;
  /** The HTTP status Envoy answers with when it does not forward (404 NR, 503 NC/UH, redirect code...). */
  status: number | null;
  /** Envoy's response flag for the failure, e.g. NR, NC, UH. */
  responseFlag: ResponseFlag | null;
  /** One sentence: the decision and why. */
  summary: string;
  request: { method: string; url: string; authority: string; path: string; headers: [string, string][] };
  proxy: { source: string; node: string | null };
  /**
   * Where the connection goes and how that was found (the dump has no DNS table: a VIP is read from
   * the listeners and routes Istio built for the service), and the TLS the client sends.
   */
  connection: {
    destinationIp: string | null;
    /** The service host the request's host stands for, when the proxy knows it. */
    service: string | null;
    how: string;
    tls: { serverName: string | null; alpn: string[] } | null;
  } | null;
  listener: string | null;
  filterChain: string | null;
  routeConfig: string | null;
  virtualHost: string | null;
  route: { index: number; name: string | null } | null;
  /** `name.namespace` of the VirtualService behind the matched route. */
  virtualService: string | null;
  /**
   * The Gateway API route rule behind the matched route, when its VirtualService is one istiod
   * generated from an HTTPRoute or GRPCRoute (the dump cannot tell which: `kinds` holds both).
   */
  origin: GatewayApiOrigin | null;
  destinations: ExplainDestination[];
  cluster: string | null;
  subset: string | null;
  destinationRule: string | null;
  /** How the destination was decided among weights (`--random N` pick or single destination). */
  pick: string | null;
  endpoints: ExplainEndpoint[];
  /** How the chosen cluster's load balancer spreads requests over its endpoints (absent when no endpoint data). */
  loadBalancing?: ExplainLoadBalancing;
  policies: ExplainPolicies;
  redirect: { location: string; status: number } | null;
  directResponse: { status: number; body: string | null } | null;
  steps: ExplainStep[];
  notTaken: NotTakenRoute[];
  /** Findings that concern this request's path (see findings). */
  findings: { code: string; severity: Severity; message: string }[];
  /** Loader issues that may weaken the answer (missing EDS, unknown filters...). */
  caveats: LoadIssue[];
  /**
   * Set by `explainInbound` (`explain --inbound`): the server sidecar's side of the connection.
   * There `status`/`responseFlag` of a connection the server closes are what an Istio client's
   * sidecar logs for it (503 UC when no chain takes it, 503 UF when the TLS handshake fails).
   */
  inbound?: ExplainInbound;
  /** `--status`: what the given upstream failure leads to on this route and cluster. */
  failure?: ExplainFailure;
  /** The RBAC filters on the request's chain, evaluated (inbound explain); absent when the chain has none. */
  authorization?: ExplainAuthorization;
}

/** The inbound side: which port, peer and chain, and the port's mTLS mode as its chains show it. */
export interface ExplainInbound {
  /** The pod's (target) port the connection is for. */
  port: number;
  peer: 'mtls' | 'tls' | 'plaintext';
  /** The client's SPIFFE identity, when given. */
  principal: string | null;
  /** The ALPN list the listener saw from the peer. */
  alpn: string[];
  /** The filter chain that took the connection, or null. */
  chain: string | null;
  /** Its index in the listener's `filter_chains` (-1: the default_filter_chain), or null. */
  chainIndex?: number | null;
  /** The port's mTLS mode as its chains show it (Istio's PeerAuthentication mode). */
  mode: 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'unknown';
  /** True when the port has no chain of its own and the passthrough chains took it. */
  passthrough: boolean;
}

/** What the chain's RBAC filters decide for the request (Envoy's envoy.filters.http.rbac / network.rbac). */
export interface ExplainAuthorization {
  allowed: boolean;
  /** 403 for an HTTP denial; null when allowed or when a network filter closes the connection. */
  status: number | null;
  /** The policy that decided, by its name in the filter (Istio's `ns[NS]-policy[NAME]-rule[N]`). */
  policy: string | null;
  /** One sentence: which filter and policy decided, and why. */
  reason: string;
}
