import { endpointsFor } from '../envoy/cluster-endpoints.ts';
import { parseClusterName } from '../envoy/cluster-name.ts';
import { lbPolicyName } from '../envoy/cluster-policies.ts';
import type { Cluster, ProxyConfig } from '../envoy/types.ts';
import type { Destination } from '../router/route-request.ts';
import { describeCircuitBreaker, describeOutlierDetection } from './cluster-facts.ts';
import { endpointShares, loadBalancingOf } from './endpoint-shares.ts';
import { internalUpstream } from './internal-upstream.ts';
import type { ExplainDestination } from './result.ts';
import type { Trace } from './trace.ts';

/** Destinations with their subset and DestinationRule, and whether CDS knows the cluster. */
export function describeDestinations(config: ProxyConfig, destinations: Destination[]): ExplainDestination[] {
  return destinations.map((d) => {
    const cluster = config.index.clusterByName.get(d.cluster);
    const subset = cluster?.istioName?.subset ?? cluster?.istioSubset;
    return {
      cluster: d.cluster,
      subset: subset ? subset : null,
      weight: d.weight,
      probability: d.probability,
      destinationRule: cluster?.destinationRule?.display ?? null,
      known: cluster !== undefined || !config.sections.clusters,
    };
  });
}

/**
 * The cluster's upstream TLS in words: Istio mTLS (auto mTLS picks it per endpoint by the
 * `tlsMode: istio` label, else plaintext), TLS origination by a DestinationRule's `tls` (SIMPLE or
 * MUTUAL, with the SNI it sends), or plaintext.
 */
function upstreamTls(cluster: Cluster): string {
  switch (cluster.tlsMode) {
    case 'ISTIO_MUTUAL':
      return cluster.autoMtls ? 'auto mTLS (ISTIO_MUTUAL to tlsMode=istio endpoints)' : 'ISTIO_MUTUAL';
    case 'SIMPLE':
    case 'MUTUAL':
      return `originates TLS (${cluster.tlsMode}${cluster.sni ? `, SNI ${cluster.sni}` : ''})`;
    case 'DISABLE':
      return 'plaintext';
    default:
      return 'upstream transport socket not interpreted';
  }
}

/** Why a cluster a route names may be missing: a subset no DestinationRule defines, or a host this proxy does not see. */
function missingClusterCause(name: string): string {
  const parsed = parseClusterName(name);
  if (parsed?.subset) return `no DestinationRule for ${parsed.host} defines subset "${parsed.subset}", or the cluster has not arrived yet`;
  return "the host is not visible to this proxy (a Sidecar's egress hosts, the service's exportTo), or the cluster has not arrived yet";
}

/**
 * The cluster and endpoint stages for the chosen cluster: a cluster missing from CDS is Envoy's
 * 503 NC; a cluster with no usable endpoint is 503 UH (no healthy upstream), with the likely cause.
 */
export function upstreamStages(config: ProxyConfig, name: string, trace: Trace, notFoundCode: number): void {
  const r = trace.result;
  const cluster = config.index.clusterByName.get(name);
  r.cluster = name;
  if (!cluster) {
    if (!config.sections.clusters) {
      // The missing clusters section is already among the caveats (explain lists missing sections).
      trace.step('cluster', name, 'the input has no clusters section: the cluster cannot be checked');
      return;
    }
    r.outcome = 'unknown_cluster';
    r.status = notFoundCode;
    r.responseFlag = 'NC';
    trace.step('cluster', name, `not in CDS: Envoy answers ${notFoundCode} NC (cluster not found); ${missingClusterCause(name)}`);
    trace.decide('cluster');
    return;
  }
  const subset = cluster.istioName?.subset ?? cluster.istioSubset;
  r.subset = subset ? subset : null;
  r.destinationRule = cluster.destinationRule?.display ?? null;
  const facts = [cluster.type, lbPolicyName(cluster), upstreamTls(cluster)];
  if (describeCircuitBreaker(cluster)) facts.push('circuit breaker');
  if (describeOutlierDetection(cluster)) facts.push('outlier detection');
  const dr = r.destinationRule ? `DestinationRule ${r.destinationRule}` : 'no DestinationRule';
  trace.step('cluster', name, `${subset ? `subset ${subset}, ` : ''}${dr}; ${facts.join(', ')}`);
  if (cluster.type === 'ORIGINAL_DST') {
    trace.step('endpoints', 'original destination', 'ORIGINAL_DST: the connection goes to the address the application dialled');
    return;
  }
  const view = endpointsFor(config, name);
  const { endpoints, lb } = endpointShares(config, name);
  r.endpoints = endpoints;
  if (view.unknown) {
    trace.step(
      'endpoints',
      'unknown',
      'the input has no EDS section and no /clusters data: pass --endpoints or capture with `istioctl proxy-config all POD -o json`',
    );
    return;
  }
  r.loadBalancing = loadBalancingOf(lb);
  for (const c of lb.caveats) r.caveats.push({ severity: 'warning', code: c.code, message: c.message });
  const ejected = view.endpoints.filter((e) => e.ejected).length;
  const detail = `${view.usable} of ${view.endpoints.length} usable${ejected ? `, ${ejected} ejected by outlier detection` : ''} (${view.source})`;
  // Envoy's answer is the load balancer's: in panic an unhealthy host still takes requests.
  const interpreted = lb.result.notInterpreted === undefined && lb.hosts.length > 0;
  const served = interpreted ? lb.result.noHost < 100 : view.usable > 0;
  if (served) {
    // The load balancer's decision: its own step when priorities (or panic, ejections) shaped it.
    const plain = interpreted && !lb.reason && lb.hosts.length > 1 ? `; ${lb.settings.policy}: ${lb.headline}` : '';
    trace.step('endpoints', `${view.usable} usable`, detail + plain);
    if (interpreted && lb.reason) trace.step('endpoints', lb.headline, lb.reason);
    const internal = internalUpstream(config, name);
    if (internal) trace.step('endpoints', internal.result, internal.reason);
    for (const message of internal?.caveats ?? []) r.caveats.push({ severity: 'warning', code: 'assumption', message });
    return;
  }
  r.status = 503;
  r.responseFlag = 'UH';
  const cause =
    view.endpoints.length === 0
      ? subset
        ? `no endpoints: no pod has the labels of subset "${subset}"${r.destinationRule ? ` in DestinationRule ${r.destinationRule}` : ''}`
        : 'no endpoints: the service selects no ready pod'
      : ejected === view.endpoints.length
        ? 'every endpoint is ejected by outlier detection'
        : 'no endpoint is healthy';
  const panic = interpreted && lb.settings.panicThreshold === 0 && view.endpoints.length > 0 ? ' and panic mode is off (healthy_panic_threshold 0)' : '';
  trace.step('endpoints', '503 UH', `${cause}${panic}: Envoy answers 503 UH (no healthy upstream); ${detail}`);
  trace.decide('endpoints');
}

/**
 * The endpoints behind each destination of a split left undecided, each with its chance of this
 * request: the destination's weight × the endpoint's share of that cluster.
 */
export function splitShares(config: ProxyConfig, destinations: ExplainDestination[]): void {
  for (const d of destinations) {
    if (!d.known || !config.index.clusterByName.has(d.cluster)) continue;
    const { endpoints, lb } = endpointShares(config, d.cluster);
    d.endpoints = endpoints.map((e) => ({ ...e, probability: e.share === null ? null : Math.round(e.share * d.probability * 10000) / 10000 }));
    if (lb.hosts.length > 0) d.loadBalancing = loadBalancingOf(lb);
  }
}
