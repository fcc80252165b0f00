import { loadAssignmentFor } from '../envoy/cluster-endpoints.ts';
import type { ClusterStatus, ProxyConfig } from '../envoy/types.ts';
import { describeShares } from './describe.ts';
import { type EjectionCap, ejectionCap } from './ejection-cap.ts';
import { type LbHost, lbHostsOf } from './hosts.ts';
import { explainFailover, type FailoverExplanation } from './istio-failover.ts';
import { type LbSettings, lbSettingsOf } from './settings.ts';
import { type HostShare, hostShares, type ShareResult } from './shares.ts';

/**
 * Which endpoints of a cluster can take a request, and how much of the cluster's traffic each
 * gets: the hosts (EDS + /clusters), the load balancer settings, Envoy's arithmetic, and the
 * sentences that explain it (priorities and Istio's locality failover, overprovisioning, panic,
 * the ejection cap). Pure: built from one proxy's config (and a newer /clusters read, when given).
 */
export interface ClusterLb {
  cluster: string;
  settings: LbSettings;
  hosts: LbHost[];
  result: ShareResult;
  /** By `ip:port`. */
  byKey: Map<string, HostShare>;
  /** /clusters data was given for this cluster (ejections and active health known). */
  live: boolean;
  cap?: EjectionCap;
  failover?: FailoverExplanation;
  /** The decision in one short phrase (`priority 1 takes 100%`, `2 hosts, 50% each`). */
  headline: string;
  /** Sentences for the trace, most important first (empty when there is nothing worth saying). */
  summary: string[];
  /** The trace step's reason: the priorities (and Istio's failover behind them); '' with nothing to say. */
  reason: string;
  /** The other sentences: overprovisioning, panic, the ejection cap, weights. */
  notes: string[];
  /** What is not interpreted and can change the shares (`not-interpreted`), and what the shares assume (`assumption`). */
  caveats: LbCaveat[];
}

export interface LbCaveat {
  code: 'not-interpreted' | 'assumption';
  message: string;
}

export function clusterLb(config: ProxyConfig, clusterName: string, status?: ClusterStatus): ClusterLb {
  const cluster = config.index.clusterByName.get(clusterName);
  const settings = lbSettingsOf(config, cluster, loadAssignmentFor(config, cluster, clusterName));
  const { hosts, live } = status ? lbHostsOf(config, clusterName, status) : lbHostsOf(config, clusterName);
  const result = hostShares(hosts, settings);
  const ejected = hosts.filter((h) => h.ejected).length;
  const cap = ejectionCap(cluster, hosts.length, ejected);
  const failover = explainFailover(config, hosts, cluster?.outlierDetection !== undefined);
  const caveats: LbCaveat[] = settings.uninterpreted.map((message) => ({ code: 'not-interpreted', message }));
  if (result.notInterpreted) caveats.push({ code: 'not-interpreted', message: result.notInterpreted });
  if (!live && hosts.length > 0)
    caveats.push({
      code: 'assumption',
      message: `no /clusters data for ${clusterName}: outlier ejections and active health checks are not in the input; the endpoint shares take EDS health as it is`,
    });
  if (settings.localityWeighted && hosts.length > 0 && hosts.every((h) => h.localityWeight === undefined))
    caveats.push({
      code: 'assumption',
      message: `${clusterName} balances by locality weight, which only EDS holds: without it the shares treat localities alike`,
    });
  const described = describeShares({ clusterName, settings, hosts, result, cap, failover });
  // The priority line leads; Istio's failover (which made the priorities) goes with it.
  const lead = failover && described.summary[1] === failover.text ? 2 : 1;
  const out: ClusterLb = {
    cluster: clusterName,
    settings,
    hosts,
    result,
    byKey: new Map(result.hosts.map((h) => [h.key, h])),
    live,
    headline: described.headline,
    summary: described.summary,
    reason: described.summary.slice(0, lead).join('; '),
    notes: described.summary.slice(lead),
    caveats,
  };
  if (cap) out.cap = cap;
  if (failover) out.failover = failover;
  return out;
}
