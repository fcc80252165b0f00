import { type ClusterEndpoint, endpointsFor } from '../envoy/cluster-endpoints.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { type ClusterLb, clusterLb } from '../lb/cluster-lb.ts';
import { addressKey } from '../lb/hosts.ts';

/**
 * An endpoint of a cluster with its share of this request: the chance (0–1) that Envoy's load
 * balancer sends the request there once the request is in this cluster (core/lb), and why it is 0.
 */
export interface ExplainEndpoint extends ClusterEndpoint {
  /** EDS priority (0 highest), as the load balancer counts it. */
  priority: number;
  /** 0–1; null when the cluster's load balancer is not interpreted. */
  share: number | null;
  /** Why the share is 0, or why an unhealthy endpoint takes traffic (panic); null otherwise. */
  shareReason: string | null;
}

/** The load balancer's decision for the chosen cluster, in words (JSON `loadBalancing`). */
export interface ExplainLoadBalancing {
  cluster: string;
  policy: string;
  /** `priority 1 takes 100%`, `3 hosts, 33.33% each`. */
  headline: string;
  /** The priorities, Istio's locality failover behind them, then the rest. */
  summary: string[];
  /** 0–1 of this cluster's requests that find no host (Envoy's 503 UH). */
  noHost: number;
  /** /clusters data was given (ejections and active health are known). */
  live: boolean;
}

const fraction = (percent: number): number => Math.round(percent * 100) / 10000;

/** The endpoints of `cluster` (EDS + /clusters) with their shares, and the decision behind them. */
export function endpointShares(config: ProxyConfig, cluster: string): { endpoints: ExplainEndpoint[]; lb: ClusterLb } {
  const lb = clusterLb(config, cluster);
  const endpoints = endpointsFor(config, cluster).endpoints.map((e) => withShare(e, lb));
  return { endpoints, lb };
}

/** `e` with its share from `lb` (null share when the load balancer did not count the endpoint). */
export function withShare(e: ClusterEndpoint, lb: ClusterLb): ExplainEndpoint {
  const h = lb.byKey.get(addressKey(e));
  return { ...e, priority: h?.priority ?? 0, share: h && h.share !== null ? fraction(h.share) : null, shareReason: h?.reason ?? null };
}

/** The JSON and renderer view of `lb`. */
export function loadBalancingOf(lb: ClusterLb): ExplainLoadBalancing {
  return {
    cluster: lb.cluster,
    policy: lb.settings.policy,
    headline: lb.headline,
    summary: lb.summary,
    noHost: fraction(lb.result.noHost),
    live: lb.live,
  };
}
