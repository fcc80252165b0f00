import { endpointsFor } from '../envoy/cluster-endpoints.ts';
import { parseClusterName } from '../envoy/cluster-name.ts';
import type { Route, RouteConfig, VirtualHost } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import type { HttpRequest } from '../router/request.ts';
import { routeDestinations } from '../router/route-destinations.ts';
import { routeLabel } from '../router/route-label.ts';
import { evaluateRoute } from '../router/route-match.ts';
import { percent } from '../text/percent.ts';
import type { ExplainResult } from './result.ts';

/** One route that could send the request to the subset, and what the request lacks. */
export interface WhyNotCandidate {
  route: string;
  virtualHost: string;
  /** `matched`, `earlier` (its predicate failed), `later` (shadowed by the matched route). */
  position: 'matched' | 'earlier' | 'later';
  /** The share of that route's traffic the subset gets (0–1). */
  share: number;
  needs: string;
}

export interface WhyNotAnswer {
  subset: string;
  /** True when this request can reach the subset (for a split: with some probability). */
  reachable: boolean;
  summary: string;
  candidates: WhyNotCandidate[];
  /** Clusters of that subset in CDS for the service the request addresses, with their usable endpoint counts. */
  clusters: { name: string; usable: number; endpoints: number }[];
  /** The services the request addresses (the subset is looked for in their clusters only); empty when none is known. */
  services: string[];
  /** Other virtual hosts whose routes reach the subset, when this one has none. */
  elsewhere: string[];
}

function subsetOf(config: ProxyConfig, cluster: string): string | undefined {
  const c = config.index.clusterByName.get(cluster);
  return c?.istioName?.subset ?? c?.istioSubset ?? parseClusterName(cluster)?.subset;
}

function share(config: ProxyConfig, route: Route, subset: string): number {
  return routeDestinations(route)
    .filter((d) => subsetOf(config, d.cluster) === subset)
    .reduce((s, d) => s + d.share, 0);
}

function reaching(config: ProxyConfig, vh: VirtualHost, subset: string): Route[] {
  return vh.routes.filter((r) => share(config, r, subset) > 0);
}

function hostOf(config: ProxyConfig, cluster: string): string | undefined {
  return config.index.clusterByName.get(cluster)?.istioName?.host ?? parseClusterName(cluster)?.host;
}

/**
 * The services the request addresses: the hosts of the matched route's destinations, else the
 * service its host stands for (`connection.service`), else the host in an Istio virtual host's name
 * (`reviews.bookinfo.svc.cluster.local:9080`: istiod names it `util.DomainName(hostname, port)`).
 * A subset is a DestinationRule's, so `v2` of ratings says nothing about `v2` of reviews.
 */
function addressedServices(config: ProxyConfig, result: ExplainResult, vh: VirtualHost | undefined, subset: string): Set<string> {
  const hosts = new Set<string>();
  const add = (cluster: string) => {
    const h = hostOf(config, cluster);
    if (h) hosts.add(h);
  };
  for (const d of result.destinations) add(d.cluster);
  // A route of this virtual host that sends to the subset names the service that subset belongs to.
  for (const r of vh ? reaching(config, vh, subset) : []) for (const d of routeDestinations(r)) if (subsetOf(config, d.cluster) === subset) add(d.cluster);
  if (hosts.size === 0 && result.connection?.service) hosts.add(result.connection.service);
  const colon = vh ? vh.name.lastIndexOf(':') : -1;
  if (hosts.size === 0 && vh && colon > 0) hosts.add(vh.name.slice(0, colon));
  return hosts;
}

/**
 * `--why-not SUBSET`: which routes of the request's virtual host could send it to SUBSET and what
 * the request would have needed — the predicates an earlier route wanted, or that a later route is
 * shadowed by the one that matched.
 */
export function whyNot(config: ProxyConfig, request: HttpRequest, result: ExplainResult, subset: string, options: { randomValue?: bigint }): WhyNotAnswer {
  const rc: RouteConfig | undefined = result.routeConfig === null ? undefined : config.index.routeConfigByName.get(result.routeConfig);
  const vh = rc?.virtualHosts.value.find((v) => v.name === result.virtualHost);
  const matched = result.route?.index;
  const services = addressedServices(config, result, vh, subset);
  const clusters = config.clusters
    .filter((c) => (c.istioName?.subset ?? c.istioSubset) === subset && services.has(hostOf(config, c.name) ?? ''))
    .map((c) => {
      const v = endpointsFor(config, c.name);
      return { name: c.name, usable: v.usable, endpoints: v.endpoints.length };
    });
  const answer: WhyNotAnswer = { subset, reachable: false, summary: '', candidates: [], clusters, services: [...services].sort(), elsewhere: [] };
  if (!rc || !vh) {
    answer.summary = `the request never reaches a virtual host (${result.summary}), so no route can send it to ${subset}`;
    return answer;
  }
  for (const route of reaching(config, vh, subset)) {
    const s = share(config, route, subset);
    const label = routeLabel(route);
    if (route.index === matched) {
      const decided =
        result.subset === subset
          ? 'this request goes there'
          : result.cluster
            ? `this request's random value picked ${result.subset ?? result.cluster}`
            : `the split sends ${percent(s)} of these requests there`;
      answer.candidates.push({ route: label, virtualHost: vh.name, position: 'matched', share: s, needs: decided });
      answer.reachable ||= result.subset === subset || !result.cluster;
      continue;
    }
    const failures = evaluateRoute(route, request, options, rc.ignorePathParametersInPathMatching).failures;
    if (matched === undefined || route.index < matched) {
      answer.candidates.push({
        route: label,
        virtualHost: vh.name,
        position: 'earlier',
        share: s,
        needs: failures.length ? `needs ${failures.join('; and ')}` : 'matches',
      });
    } else {
      const own = failures.length ? `, and ${failures.join('; ')}` : '';
      answer.candidates.push({
        route: label,
        virtualHost: vh.name,
        position: 'later',
        share: s,
        needs: `shadowed: route #${matched} matches this request first; the request must not match it${own}`,
      });
    }
  }
  if (answer.candidates.length === 0) {
    for (const other of rc.virtualHosts.value) if (other !== vh && reaching(config, other, subset).length) answer.elsewhere.push(other.name);
  }
  answer.summary = summarizeWhyNot(answer, vh.name);
  return answer;
}

function summarizeWhyNot(a: WhyNotAnswer, vhost: string): string {
  const usable = a.clusters.reduce((s, c) => s + c.usable, 0);
  const health =
    a.services.length === 0
      ? ''
      : a.clusters.length === 0
        ? `no cluster for subset ${a.subset} of ${a.services.join(', ')} exists in CDS (the DestinationRule does not define it)`
        : usable === 0
          ? `and subset ${a.subset} has no usable endpoint (503 UH)`
          : '';
  if (a.reachable) return `the request can reach ${a.subset}${health ? `, ${health}` : ''}`;
  if (a.candidates.length === 0) {
    const where = a.elsewhere.length ? `; routes in ${a.elsewhere.join(', ')} do` : '';
    return `no route in ${vhost} sends to subset ${a.subset}${where}${health ? `; ${health}` : ''}`;
  }
  return `${a.candidates.length} route${a.candidates.length === 1 ? '' : 's'} in ${vhost} could send it to ${a.subset}, but this request does not satisfy ${a.candidates.length === 1 ? 'it' : 'them'}${health ? `; ${health}` : ''}`;
}
