// Envoy stats for the fake's `istioctl x envoy-stats POD -o json`, in the shape of Envoy's
// /stats?format=json: {"stats": [{name, value}..., {"histograms": {supported_quantiles,
// computed_quantiles}}]}. Counters are built from the pod's clusters (their alt_stat_name,
// `<cluster>;` in Istio 1.24) and grow by a fixed step on every call, so meshtop sees traffic.
// A real sidecar only emits `cluster.outbound|...` stats when proxyStatsMatcher includes them;
// this capture assumes it does.

/** Requests per call by subset, for the bookinfo traffic the fixture README describes. */
const TRAFFIC = {
  productpage: {
    'outbound|9080|v1|reviews.bookinfo.svc.cluster.local': { rq: 18, err5xx: 2, retry: 1, eject: 1 },
    'outbound|9080|v3|reviews.bookinfo.svc.cluster.local': { rq: 2 },
    'outbound|9080|v1|ratings.bookinfo.svc.cluster.local': { rq: 10, err5xx: 1, overflow: 1 },
    'outbound|9080|v1|details.bookinfo.svc.cluster.local': { rq: 10, retry: 1 },
    'outbound|9080|v2|details.bookinfo.svc.cluster.local': { rq: 5, err5xx: 5 },
  },
  ingressgateway: {
    'outbound|9080||productpage.bookinfo.svc.cluster.local': { rq: 30, err5xx: 1 },
  },
};

const QUANTILES = [0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 100];

function statName(cluster) {
  return cluster.alt_stat_name ?? cluster.name;
}

function clustersOf(dump) {
  const section = dump.configs.find((c) => c['@type'].endsWith('ClustersConfigDump'));
  return [...(section.static_clusters ?? []), ...(section.dynamic_active_clusters ?? [])].map((c) => c.cluster);
}

/** Server stats after `step` earlier calls. */
export function serverStats(workload, dump, step) {
  const traffic = TRAFFIC[workload] ?? {};
  const stats = [];
  const add = (name, value) => stats.push({ name, value });
  for (const cluster of clustersOf(dump)) {
    const t = traffic[cluster.name] ?? {};
    const prefix = `cluster.${statName(cluster)}`;
    const total = 100 * (t.rq ?? 0) + step * (t.rq ?? 0);
    const errors = 3 * (t.err5xx ?? 0) + step * (t.err5xx ?? 0);
    add(`${prefix}.circuit_breakers.default.rq_open`, 0);
    add(`${prefix}.membership_healthy`, t.rq ? 1 : 0);
    add(`${prefix}.membership_total`, t.rq ? (t.eject ? 2 : 1) : 0);
    add(`${prefix}.outlier_detection.ejections_active`, t.eject ?? 0);
    add(`${prefix}.outlier_detection.ejections_enforced_total`, (t.eject ?? 0) * (1 + Math.floor(step / 3)));
    add(`${prefix}.upstream_cx_total`, Math.ceil(total / 10));
    add(`${prefix}.upstream_rq_2xx`, total - errors);
    add(`${prefix}.upstream_rq_503`, errors);
    add(`${prefix}.upstream_rq_5xx`, errors);
    add(`${prefix}.upstream_rq_active`, t.rq ? 1 : 0);
    add(`${prefix}.upstream_rq_pending_overflow`, (t.overflow ?? 0) * step);
    add(`${prefix}.upstream_rq_retry`, (t.retry ?? 0) * (2 + step));
    add(`${prefix}.upstream_rq_timeout`, 0);
    add(`${prefix}.upstream_rq_total`, total);
  }
  add('cluster_manager.active_clusters', clustersOf(dump).length);
  add('cluster_manager.cds.version_text', '2025-01-15T09:12:31Z/58');
  add('server.live', 1);
  add('server.total_connections', 4);
  add('server.uptime', 39600 + step * 5);
  stats.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const busiest = Object.keys(traffic)[0];
  const computed = [];
  if (busiest) {
    computed.push({
      name: `cluster.${busiest};.upstream_rq_time`,
      values: QUANTILES.map((q) => ({ interval: Math.round((3 + q / 10) * 10) / 10, cumulative: Math.round((2 + q / 10) * 10) / 10 })),
    });
  }
  computed.push({ name: 'cluster.xds-grpc.upstream_cx_length_ms', values: QUANTILES.map(() => ({ interval: null, cumulative: null })) });
  stats.push({ histograms: { supported_quantiles: QUANTILES, computed_quantiles: computed } });
  return { stats };
}

function snakeCase(key) {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function toSnake(value) {
  if (Array.isArray(value)) return value.map(toSnake);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeCase(k), toSnake(v)]));
}

/**
 * `x envoy-stats POD --type clusters -o json`: Envoy's /clusters?format=json, which Envoy writes
 * with proto field names (snake_case), while `proxy-config endpoints -o json` re-marshals them in
 * lowerCamelCase; the fixture holds the latter.
 */
export function clusterStats(endpoints) {
  return { cluster_statuses: toSnake(endpoints) };
}
