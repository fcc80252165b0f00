import { asArray, asBool, asObject, asString } from '../envoy/json.ts';
import type { HashPolicy, Route } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import type { HttpRequest } from '../router/request.ts';
import type { ExplainResult } from './result.ts';

/**
 * Consistent hashing for this request, as Envoy computes it (source/common/http/hash_policy.cc,
 * HashPolicyImpl::generateHash) and as its hashing load balancers use it
 * (source/common/upstream/thread_aware_lb_impl.cc: RING_HASH and MAGLEV take the request's hash,
 * or a random value when there is none; the other load balancers never read it).
 *
 * Istio writes the route's `hash_policy` from the DestinationRule's `loadBalancer.consistentHash`
 * of each destination (pilot/pkg/networking/core/route/route.go ConsistentHashToHashPolicy,
 * appended per weighted destination in processWeightedDestination) and sets the destination
 * cluster's lb_policy to RING_HASH (MAGLEV with `maglev`). The weighted split is drawn first, per
 * request, from Envoy's random value (Istio never sets `use_hash_policy`): hashing keeps a key on
 * one host only within the cluster the split picked.
 */
export interface HashingPart {
  /** `header x-user`, `cookie session (ttl 0s)`, `source IP`, `query parameter u`, `filter state k`. */
  policy: string;
  /** True when the policy produced a hash for this request. */
  produced: boolean;
  /** What it hashed, or why nothing. */
  why: string;
  /** False when an earlier terminal policy had stopped evaluation. */
  evaluated: boolean;
}

export interface ExplainHashing {
  /** The destination clusters whose load balancer hashes (RING_HASH, MAGLEV), with it. */
  hashingClusters: { cluster: string; lbPolicy: string }[];
  /** Destination clusters that ignore the hash (another load balancer). */
  otherClusters: { cluster: string; lbPolicy: string }[];
  parts: HashingPart[];
  /** True when at least one policy produced a hash. */
  hashed: boolean;
  /** One sentence: what the load balancer does with this request. */
  summary: string;
  caveats: string[];
}

const HASHING_LB = new Set(['RING_HASH', 'MAGLEV', 'envoy.load_balancing_policies.ring_hash', 'envoy.load_balancing_policies.maglev']);

function headerValues(request: HttpRequest, name: string): string[] {
  return request.headers.filter(([n]) => n === name).map(([, v]) => v);
}

/** Envoy's Utility::parseCookieValue: the first `name=value` among the Cookie headers, quotes removed. */
export function cookieValue(request: HttpRequest, name: string): string {
  for (const header of headerValues(request, 'cookie')) {
    for (const pair of header.split(';')) {
      const eq = pair.indexOf('=');
      if (eq === -1) continue;
      if (pair.slice(0, eq).trim() !== name) continue;
      let value = pair.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      return value;
    }
  }
  return '';
}

/** Envoy's QueryParamsMulti::parseQueryString + getFirstValue: the first value of `name` in :path's query (not decoded). */
export function firstQueryValue(path: string, name: string): string | undefined {
  const q = path.indexOf('?');
  if (q === -1) return undefined;
  const end = path.indexOf('#', q);
  for (const param of path.slice(q + 1, end === -1 ? undefined : end).split('&')) {
    if (param === '') continue;
    const eq = param.indexOf('=');
    const key = eq === -1 ? param : param.slice(0, eq);
    if (key === name) return eq === -1 ? '' : param.slice(eq + 1);
  }
  return undefined;
}

function describe(h: HashPolicy): string {
  switch (h.kind) {
    case 'header':
      return `header ${h.headerName}`;
    case 'cookie':
      return `cookie ${h.name}${h.ttlMs !== undefined ? ` (ttl ${h.ttlMs / 1000}s)` : ''}`;
    case 'connection_properties':
      return 'source IP';
    case 'query_parameter':
      return `query parameter ${h.name}`;
    case 'filter_state':
      return `filter state ${h.key}`;
    default:
      return 'an unknown hash policy';
  }
}

const quote = (v: string) => JSON.stringify(v.length > 64 ? `${v.slice(0, 61)}...` : v);

/** One policy against the request: whether it yields a hash (HashMethod::evaluate). */
function evaluate(
  h: HashPolicy,
  request: HttpRequest,
  downstream: { sourceIp: string | null; who: string },
  caveats: string[],
): { produced: boolean; why: string } {
  switch (h.kind) {
    case 'header': {
      const values = headerValues(request, h.headerName);
      if (values.length === 0) return { produced: false, why: `the request has no ${h.headerName} header` };
      return {
        produced: true,
        why:
          values.length === 1
            ? `hashes ${h.headerName}: ${quote(values[0]!)}`
            : `hashes the ${values.length} ${h.headerName} values, sorted (their order does not matter)`,
      };
    }
    case 'cookie': {
      const value = cookieValue(request, h.name);
      if (value !== '') return { produced: true, why: `hashes cookie ${h.name}: ${quote(value)}` };
      if (h.ttlMs !== undefined)
        return {
          produced: true,
          why: `the request has no ${h.name} cookie: Envoy generates one (ttl ${h.ttlMs / 1000}s${h.ttlMs === 0 ? ', a session cookie' : ''}), hashes it and sets it on the response; the client's next requests carry it and stay on the same host`,
        };
      return { produced: false, why: `the request has no ${h.name} cookie, and without a ttl Envoy does not generate one` };
    }
    case 'connection_properties':
      if (!h.sourceIp) return { produced: false, why: 'connection_properties without source_ip: Envoy builds no hash method for it' };
      return downstream.sourceIp
        ? { produced: true, why: `hashes the downstream source IP ${downstream.sourceIp} (${downstream.who})` }
        : { produced: true, why: `hashes the downstream source IP (${downstream.who})` };
    case 'query_parameter': {
      const value = firstQueryValue(request.path, h.name);
      return value === undefined
        ? { produced: false, why: `the path has no ${h.name} query parameter` }
        : { produced: true, why: `hashes query parameter ${h.name}: ${quote(value)} (its first value)` };
    }
    case 'filter_state':
      caveats.push(`hash policy filter_state ${h.key}: whether a filter set that state for this request is not known to meshscope; taken as absent`);
      return { produced: false, why: `filter state ${h.key} is set by another filter at run time: not known here (taken as absent)` };
    default:
      caveats.push('a hash policy of a kind meshscope does not read: taken as producing no hash');
      return { produced: false, why: 'not read by meshscope' };
  }
}

/** Who the downstream is for a source-IP hash: the pod itself for a sidecar's outbound traffic, the client (after any NAT) for a gateway. */
function downstreamOf(config: ProxyConfig): { sourceIp: string | null; who: string } {
  const node = config.node;
  if (node?.proxyType === 'router')
    return { sourceIp: null, who: "the client's address as the gateway sees it: a load balancer or NAT in front may make many clients one address" };
  if (node?.ip) return { sourceIp: node.ip, who: `the pod's own address: every request from this pod hashes the same` };
  return { sourceIp: null, who: 'the address of the connection' };
}

/**
 * What the route's hash policies and the destinations' load balancers do with this request; null
 * when neither hashes (no hash_policy and no hashing cluster).
 */
export function hashingFor(
  config: ProxyConfig,
  route: Route | undefined,
  request: HttpRequest,
  clusters: readonly string[],
  chosen: string | null,
): ExplainHashing | null {
  const action = route?.action;
  const policies = action?.kind === 'route' ? action.hashPolicy : [];
  const hashingClusters: ExplainHashing['hashingClusters'] = [];
  const otherClusters: ExplainHashing['otherClusters'] = [];
  for (const name of clusters) {
    const c = config.index.clusterByName.get(name);
    if (!c) continue;
    const lbPolicy = c.lbPolicyExtension ?? c.lbPolicy;
    (HASHING_LB.has(lbPolicy) ? hashingClusters : otherClusters).push({ cluster: name, lbPolicy });
  }
  if (policies.length === 0 && hashingClusters.length === 0) return null;
  const caveats: string[] = [];
  const downstream = downstreamOf(config);
  const parts: HashingPart[] = [];
  let hashed = false;
  let stopped = false;
  for (const h of policies) {
    if (stopped) {
      parts.push({ policy: describe(h), produced: false, why: 'not evaluated: an earlier terminal policy already had a hash', evaluated: false });
      continue;
    }
    const r = evaluate(h, request, downstream, caveats);
    if (r.produced) hashed = true;
    parts.push({ policy: `${describe(h)}${h.terminal ? ' (terminal)' : ''}`, produced: r.produced, why: r.why, evaluated: true });
    // Envoy stops at a terminal policy once a hash exists, even one an earlier policy produced.
    if (h.terminal && hashed) stopped = true;
  }
  const raw = action?.kind === 'route' ? asObject(action.raw.weighted_clusters) : undefined;
  if (raw && asBool(raw.use_hash_policy) === true)
    caveats.push(
      'weighted_clusters.use_hash_policy: Envoy picks the weighted cluster from the hash, not from the random value; the split shown assumes the random pick',
    );
  for (const h of asArray(action?.kind === 'route' ? action.raw.hash_policy : undefined)) {
    const rewrite = asObject(asObject(asObject(h)?.header)?.regex_rewrite);
    if (rewrite)
      caveats.push(
        `hash policy header ${asString(asObject(asObject(h)?.header)?.header_name) ?? ''}: its regex_rewrite changes the value hashed (not applied here)`,
      );
  }
  const split = clusters.length > 1;
  const within = split
    ? ` within the cluster the weighted split picks (${chosen ? `here ${chosen}` : 'drawn per request first'}): the same key can land in another subset on its next request`
    : '';
  let summary: string;
  if (hashingClusters.length === 0)
    summary = `the route hashes on ${policies.map(describe).join(', ')}, but ${otherClusters.map((c) => `${c.cluster} balances with ${c.lbPolicy}`).join('; ')}: the hash is not used`;
  else if (policies.length === 0)
    summary = `${hashingClusters.map((c) => `${c.cluster} (${c.lbPolicy})`).join(', ')} hashes, but the route has no hash_policy: no hash, so Envoy picks a random host for every request (no stickiness)`;
  else if (!hashed)
    summary = `no hash policy yields a hash for this request (${parts.map((p) => p.why).join('; ')}): ${hashingClusters.map((c) => c.lbPolicy).join('/')} picks a random host for it`;
  else
    summary = `${hashingClusters
      .map((c) => c.lbPolicy)
      .filter((v, i, a) => a.indexOf(v) === i)
      .join('/')} picks the host from the hash of ${parts
      .filter((p) => p.produced)
      .map((p) => p.policy.replace(' (terminal)', ''))
      .join(' + ')}: requests with the same key go to the same host while the endpoints stay the same${within}`;
  if (hashingClusters.length > 0 && otherClusters.length > 0)
    caveats.push(
      `${otherClusters.map((c) => `${c.cluster} (${c.lbPolicy})`).join(', ')} ignore${otherClusters.length === 1 ? 's' : ''} the hash: requests the split sends there are not sticky`,
    );
  return { hashingClusters, otherClusters, parts, hashed, summary, caveats };
}

/** Sets `policies.hashing` (and its caveats) on a result whose route was decided. */
export function applyHashing(config: ProxyConfig, route: Route | undefined, request: HttpRequest, result: ExplainResult): void {
  const hashing = hashingFor(
    config,
    route,
    request,
    result.destinations.map((d) => d.cluster),
    result.cluster,
  );
  if (!hashing) return;
  result.policies.hashing = hashing;
  for (const message of hashing.caveats) result.caveats.push({ severity: 'warning', code: 'assumption', message });
}
