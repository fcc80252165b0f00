/**
 * Reading a config dump's raw JSON the test's own way, independent of src/: how many listeners,
 * clusters and route configs it holds (by envoy.admin.v3's ListenersConfigDump, ClustersConfigDump
 * and RoutesConfigDump fields), which TLS its clusters and filter chains carry, and whether it
 * shows Envoy's v2 API.
 */
type Raw = unknown;
type Obj = Record<string, Raw>;

const isObj = (v: Raw): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: Raw): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const obj = (v: Raw): Obj | undefined => (isObj(v) ? v : undefined);

export interface RawCounts {
  listeners: Obj[];
  clusters: Obj[];
  routeConfigs: number;
}

/** The sections of `{configs: [...]}` by their message name (`ListenersConfigDump`). */
function sections(doc: Raw): Map<string, Obj[]> {
  const out = new Map<string, Obj[]>();
  for (const section of list(obj(doc)?.configs)) {
    const type = String(section['@type'] ?? '');
    const name = type.slice(type.lastIndexOf('.') + 1);
    out.set(name, [...(out.get(name) ?? []), section]);
  }
  return out;
}

/** Listener, cluster and route config counts of a snake_case dump; undefined for other shapes. */
export function countDump(doc: Raw): RawCounts | undefined {
  if (!Array.isArray(obj(doc)?.configs)) return undefined;
  const by = sections(doc);
  const listeners: Obj[] = [];
  const clusters: Obj[] = [];
  let routeConfigs = 0;
  for (const s of by.get('ListenersConfigDump') ?? []) {
    for (const e of list(s.static_listeners)) if (isObj(e.listener)) listeners.push(e.listener);
    for (const e of list(s.dynamic_listeners)) {
      for (const state of ['active_state', 'warming_state', 'draining_state']) {
        const l = obj(obj(e[state])?.listener);
        if (l) listeners.push(l);
      }
    }
  }
  for (const s of by.get('ClustersConfigDump') ?? []) {
    for (const key of ['dynamic_active_clusters', 'dynamic_warming_clusters', 'static_clusters']) {
      for (const e of list(s[key])) if (isObj(e.cluster)) clusters.push(e.cluster);
    }
  }
  for (const s of by.get('RoutesConfigDump') ?? []) {
    for (const key of ['dynamic_route_configs', 'static_route_configs']) routeConfigs += list(s[key]).filter((e) => isObj(e.route_config)).length;
  }
  return { listeners, clusters, routeConfigs };
}

/** A transport socket's typed_config `@type` message name (`UpstreamTlsContext`), or ''. */
export function socketType(socket: Raw): string {
  const type = String(obj(obj(socket)?.typed_config)?.['@type'] ?? '');
  return type.slice(type.lastIndexOf('.') + 1);
}

/** An UpstreamTlsContext is Istio's mTLS: the workload certificate `default` and the root CA `ROOTCA` over SDS. */
export function isIstioMutual(socket: Raw): boolean {
  const common = obj(obj(obj(socket)?.typed_config)?.common_tls_context);
  const certs = list(common?.tls_certificate_sds_secret_configs).map((c) => c.name);
  const ca =
    obj(common?.validation_context_sds_secret_config)?.name ?? obj(obj(common?.combined_validation_context)?.validation_context_sds_secret_config)?.name;
  return certs.includes('default') && ca === 'ROOTCA';
}

/**
 * Envoy v2 API markers anywhere in the document, either spelling: v2 `@type` packages, the
 * v2alpha listener lists, a `configs` map, filters with a `config` Struct, and the v2-only
 * fields that the v3 protos removed.
 */
export function v2Markers(doc: Raw): string[] {
  const found = new Set<string>();
  if (isObj(doc) && isObj(doc.configs)) found.add('configs map');
  const fields = new Set([
    'dynamic_active_listeners',
    'dynamicActiveListeners',
    'tls_context',
    'tlsContext',
    'per_filter_config',
    'perFilterConfig',
    'regex_match',
    'regexMatch',
  ]);
  const walk = (v: Raw, parent: string): void => {
    if (Array.isArray(v)) {
      for (const item of v) walk(item, parent);
      return;
    }
    if (!isObj(v)) return;
    for (const [k, child] of Object.entries(v)) {
      if (k === '@type' && typeof child === 'string' && /\/envoy\.(api\.v2|admin\.v2alpha|config\.filter)\./.test(child))
        found.add(child.slice(child.lastIndexOf('/') + 1));
      if (fields.has(k)) found.add(k);
      if (k === 'config' && ['filters', 'listener_filters', 'listenerFilters'].includes(parent)) found.add('filter config');
      if (k === 'hosts' && ('connect_timeout' in v || 'connectTimeout' in v)) found.add('cluster hosts');
      if (k === 'regex' && parent === 'match') found.add('match regex');
      walk(child, k);
    }
  };
  walk(doc, '');
  return [...found];
}
