import { asArray, asObject, asString, isObject, type Json, type JsonObject } from './json.ts';

/**
 * Envoy's v2 xDS API (deprecated in Envoy 1.13, removed in 1.18: Envoy's FAQ "If I upgrade to
 * Envoy 1.13+, do I need to use the v3 API?") is not read by meshscope: a document that shows it
 * is refused whole, because its v2-only fields change answers that the v3 reader would silently
 * get wrong (a filter's `config` Struct hides the HTTP connection manager, a cluster's
 * `tls_context` is upstream TLS, `hosts` are its endpoints, a route's `regex` is std::regex
 * ECMAScript, not RE2). In the v3 protos these fields are `reserved`: Cluster reserves `hosts`
 * and `tls_context`, listener_components.proto's Filter reserves `config`, route_components.proto
 * reserves `per_filter_config` (Route, VirtualHost, WeightedCluster.ClusterWeight), RouteMatch
 * reserves `regex`, HeaderMatcher `regex_match` and QueryParameterMatcher `value` and `regex`
 * (api/envoy/config/route/v3/route_components.proto); so a v3 resource never holds them, except
 * under the `hidden_envoy_deprecated_` prefix of Envoy 1.14–1.17.
 *
 * Evidence, found in the document's own spelling (snake_case from Envoy, camelCase from
 * istioctl 1.6 `-o json`):
 * - a `configs` map (Envoy ≤ 1.7 wrote the sections as an object keyed by name);
 * - `envoy.admin.v2alpha.*` sections, or `dynamic_active_listeners` (the v2alpha ListenersConfigDump);
 * - resources or typed configs whose `@type` is a v2 package (`envoy.api.v2.*`, `envoy.config.filter.*`, …);
 * - the v2-only fields above.
 */
export interface V2Evidence {
  /** What was found, in the document's words, at most a few distinct items. */
  found: string[];
}

const MAX_ITEMS = 4;

/** `envoy.api.v2.Cluster`, `envoy.config.filter.network.tcp_proxy.v2.TcpProxy`, `envoy.api.v2.auth.UpstreamTlsContext`. */
const V2_TYPE = /^envoy\.(?:api\.v2|config\.filter|admin\.v2alpha)\.|^envoy\.(?:[a-z0-9_]+\.)+v2(?:alpha\d*)?\.[A-Z]/;

class Collector {
  readonly found: string[] = [];
  add(item: string): void {
    if (this.found.length < MAX_ITEMS && !this.found.includes(item)) this.found.push(item);
  }
  get full(): boolean {
    return this.found.length >= MAX_ITEMS;
  }
}

const CAMEL = new Map<string, string>();

/** The value of a field in either spelling, with the key as written. */
function field(obj: JsonObject, snake: string): [string, Json] | undefined {
  if (snake in obj) return [snake, obj[snake]!];
  let camel = CAMEL.get(snake);
  if (camel === undefined) {
    camel = snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    CAMEL.set(snake, camel);
  }
  return camel !== snake && camel in obj ? [camel, obj[camel]!] : undefined;
}

function objects(obj: JsonObject, snake: string): JsonObject[] {
  return asArray(field(obj, snake)?.[1]).filter(isObject);
}

function checkType(value: Json | undefined, out: Collector): void {
  const type = asString(asObject(value)?.['@type']);
  if (!type) return;
  const message = type.slice(type.lastIndexOf('/') + 1);
  if (V2_TYPE.test(message)) out.add(message.startsWith('envoy.api.v2.') || message.startsWith('envoy.admin.') ? message : `${message} typed config`);
}

function checkFilters(filters: JsonObject[], out: Collector): void {
  for (const filter of filters) {
    scanKeys(filter, FILTER_V2, out);
    checkType(field(filter, 'typed_config')?.[1], out);
  }
}

function checkListener(listener: JsonObject, out: Collector): void {
  checkFilters(objects(listener, 'listener_filters'), out);
  const chains = objects(listener, 'filter_chains');
  const fallback = asObject(field(listener, 'default_filter_chain')?.[1]);
  if (fallback) chains.push(fallback);
  for (const chain of chains) {
    scanKeys(chain, CHAIN_V2, out);
    checkFilters(objects(chain, 'filters'), out);
    const socket = asObject(field(chain, 'transport_socket')?.[1]);
    if (socket) checkType(field(socket, 'typed_config')?.[1], out);
    if (out.full) return;
  }
}

/**
 * The v2-only fields of one kind of object, in every spelling a dump can hold them (snake_case,
 * camelCase, and `hidden_envoy_deprecated_` of either: Envoy 1.14–1.17 dumped the fields removed
 * from v3 under that prefix in resources upgraded from v2), each with its evidence label: one pass
 * over the object's own keys instead of a lookup per spelling (the route walk is the bulk of this
 * check on a large dump).
 */
type V2Keys = ReadonlyMap<string, (key: string) => string>;

function v2Keys(fields: [snake: string, label: (key: string) => string][]): V2Keys {
  const out = new Map<string, (key: string) => string>();
  const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  for (const [snake, label] of fields) {
    for (const name of [snake, `hidden_envoy_deprecated_${snake}`]) {
      out.set(name, label);
      out.set(camel(name), label);
    }
  }
  return out;
}

function scanKeys(obj: JsonObject, keys: V2Keys, out: Collector): void {
  for (const key in obj) {
    const label = keys.get(key);
    if (label !== undefined && obj[key] !== null) out.add(label(key));
  }
}

const FILTER_V2 = v2Keys([['config', (k) => `filters with \`${k}\` (a Struct)`]]);
const CHAIN_V2 = v2Keys([['tls_context', (k) => `filter chain \`${k}\``]]);
const CLUSTER_V2 = v2Keys([
  ['tls_context', (k) => `clusters with \`${k}\``],
  ['hosts', (k) => `clusters with \`${k}\``],
]);
const PER_FILTER_V2 = v2Keys([['per_filter_config', (k) => `\`${k}\``]]);
const MATCH_V2 = v2Keys([['regex', (k) => `route matches with \`${k}\``]]);
const HEADER_V2 = v2Keys([['regex_match', (k) => `header matches with \`${k}\``]]);
const QUERY_V2 = v2Keys([
  ['value', (k) => `query parameter matches with \`${k}\``],
  ['regex', (k) => `query parameter matches with \`${k}\``],
]);

function checkCluster(cluster: JsonObject, out: Collector): void {
  scanKeys(cluster, CLUSTER_V2, out);
}

const list = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);

function checkRoutes(config: JsonObject, out: Collector): void {
  for (const vhost of list(config.virtual_hosts ?? config.virtualHosts)) {
    if (!isObject(vhost)) continue;
    scanKeys(vhost, PER_FILTER_V2, out);
    for (const route of list(vhost.routes)) {
      if (!isObject(route)) continue;
      scanKeys(route, PER_FILTER_V2, out);
      const match = route.match;
      if (isObject(match)) {
        scanKeys(match, MATCH_V2, out);
        for (const header of list(match.headers)) if (isObject(header)) scanKeys(header, HEADER_V2, out);
        for (const query of list(match.query_parameters ?? match.queryParameters)) if (isObject(query)) scanKeys(query, QUERY_V2, out);
      }
      const action = route.route;
      const weighted = isObject(action) ? (action.weighted_clusters ?? action.weightedClusters) : undefined;
      if (isObject(weighted)) for (const w of list(weighted.clusters)) if (isObject(w)) scanKeys(w, PER_FILTER_V2, out);
    }
    if (out.full) return;
  }
}

/**
 * One resource: its `@type`, then its v2-only fields. A resource typed v3 is searched too: Envoy
 * 1.14–1.17 accepted v2 typed configs inside v3 listeners and dumped v2 leftovers of upgraded
 * resources under `hidden_envoy_deprecated_*`.
 */
function checkResource(resource: JsonObject, out: Collector): void {
  checkType(resource, out);
  if (field(resource, 'filter_chains') !== undefined || field(resource, 'listener_filters') !== undefined) checkListener(resource, out);
  else if (field(resource, 'virtual_hosts') !== undefined) checkRoutes(resource, out);
  else checkCluster(resource, out);
}

/** The resources under a section's lists: `{cluster}`, `{listener}`, `{active_state: {listener}}`, … */
const ENTRY_KEYS = ['cluster', 'listener', 'route_config', 'endpoint_config', 'active_state', 'warming_state', 'draining_state'];

function checkEntry(entry: JsonObject, out: Collector): void {
  for (const key of ENTRY_KEYS) {
    const inner = asObject(field(entry, key)?.[1]);
    if (!inner) continue;
    if (key.endsWith('_state')) checkEntry(inner, out);
    else checkResource(inner, out);
  }
}

function checkSection(section: JsonObject, out: Collector): void {
  const type = asString(section['@type']) ?? '';
  if (type.includes('envoy.admin.v2alpha.')) {
    out.add(type.slice(type.lastIndexOf('/') + 1));
  }
  for (const key of ['dynamic_active_listeners', 'dynamic_warming_listeners', 'dynamic_draining_listeners']) {
    const hit = field(section, key);
    if (hit) out.add(hit[0]);
  }
  checkType(field(section, 'bootstrap')?.[1], out);
  for (const value of Object.values(section)) for (const entry of asArray(value)) if (isObject(entry)) checkEntry(entry, out);
}

/** What shows that `doc` (as parsed, either spelling) is Envoy v2 API config; undefined for none. */
export function findV2Evidence(doc: Json): V2Evidence | undefined {
  const out = new Collector();
  if (Array.isArray(doc)) {
    for (const item of doc) if (isObject(item) && !out.full) checkResource(item, out);
  } else if (isObject(doc)) {
    const configs = doc.configs;
    if (isObject(configs)) {
      out.add('`configs` as a map (Envoy ≤ 1.7)');
      for (const section of Object.values(configs)) if (isObject(section)) checkSection(section, out);
    } else if (Array.isArray(configs)) {
      for (const section of configs) if (isObject(section)) checkSection(section, out);
    } else {
      checkSection(doc, out);
      checkResource(doc, out);
    }
  }
  return out.found.length > 0 ? { found: out.found } : undefined;
}

/** The one line a user reads for a refused v2 document (after `file: `). */
export function v2Refusal(evidence: V2Evidence, isList: boolean): string {
  const what = isList ? 'an istioctl -o json list of Envoy v2 API resources' : 'an Envoy v2 API config dump';
  return (
    `${what} (${evidence.found.join(', ')}); meshscope reads Envoy v3 dumps ` +
    "(Envoy's v2 xDS API was deprecated in Envoy 1.13 and removed in 1.18) — capture with a newer istioctl and proxy"
  );
}
