import type { JsonObject } from '../envoy/json.ts';

/**
 * Envoy's `/clusters` admin page in its default text form (what `istioctl bug-report` saves as
 * `proxies/<ns>/<pod>/clusters`), turned into the `/clusters?format=json` shape the loader reads.
 * Each line is `cluster::key::value` or `cluster::host:port::key::value`; host lines carry the
 * per-host counters and gauges, `health_flags` (`healthy` or `/failed_outlier_check/...`),
 * `weight`, `region`/`zone`/`sub_zone`, `priority` and `success_rate`.
 */
const HEALTH_FLAGS: Record<string, string> = {
  failed_active_hc: 'failed_active_health_check',
  failed_outlier_check: 'failed_outlier_check',
  degraded_active_hc: 'failed_active_degraded_check',
  pending_dynamic_removal: 'pending_dynamic_removal',
  pending_active_hc: 'pending_active_hc',
  excluded_via_immediate_hc_fail: 'excluded_via_immediate_hc_fail',
  active_hc_timeout: 'active_hc_timeout',
};
const HOST_KEYS = new Set([
  'hostname',
  'health_flags',
  'weight',
  'region',
  'zone',
  'sub_zone',
  'canary',
  'priority',
  'success_rate',
  'local_origin_success_rate',
]);

/** `10.0.0.1:9080`, `[::1]:80`; anything else (a pipe, an internal address) is kept as a pipe path. */
function hostAddress(text: string): JsonObject {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(text);
  if (m) return { socket_address: { address: m[1]!, port_value: Number(m[2]) } };
  return { pipe: { path: text } };
}

function healthStatus(flags: string): JsonObject {
  const status: JsonObject = {};
  const set = flags === 'healthy' ? [] : flags.split('/').filter((f) => f !== '');
  status.eds_health_status = set.includes('failed_eds_health') ? 'UNHEALTHY' : set.includes('degraded_eds_health') ? 'DEGRADED' : 'HEALTHY';
  for (const flag of set) {
    const field = HEALTH_FLAGS[flag];
    if (field) status[field] = true;
  }
  return status;
}

interface HostDraft {
  host: JsonObject;
  stats: JsonObject[];
  locality: JsonObject;
}

/** `cluster::rest`, where an IPv6 host (`[::1]:80`) keeps its colons. */
function splitLine(line: string): string[] {
  const cut = line.indexOf('::');
  if (cut < 0) return [line];
  const rest = line.slice(cut + 2);
  const v6 = /^(\[[0-9a-fA-F:.%]*\]:\d+)::(.*)$/.exec(rest);
  return v6 ? [line.slice(0, cut), v6[1]!, ...v6[2]!.split('::')] : [line.slice(0, cut), ...rest.split('::')];
}

/** Parses the text; lines that do not fit the layout are skipped. */
export function parseClustersText(text: string): JsonObject {
  const clusters = new Map<string, { status: JsonObject; hosts: Map<string, HostDraft> }>();
  const clusterOf = (name: string) => {
    let c = clusters.get(name);
    if (!c) {
      c = { status: { name, host_statuses: [] }, hosts: new Map() };
      clusters.set(name, c);
    }
    return c;
  };
  for (const line of text.split('\n')) {
    const parts = splitLine(line.replace(/\r$/, ''));
    if (parts.length < 3) continue;
    const c = clusterOf(parts[0]!);
    if (parts.length === 3) {
      if (parts[1] === 'added_via_api') c.status.added_via_api = parts[2] === 'true';
      if (parts[1] === 'observability_name') c.status.observability_name = parts[2]!;
      continue;
    }
    if (parts.length !== 4 || parts[1] === 'outlier' || parts[1]!.endsWith('_priority')) continue;
    const [, address, key, value] = parts as [string, string, string, string];
    let draft = c.hosts.get(address);
    if (!draft) {
      draft = { host: { address: hostAddress(address) }, stats: [], locality: {} };
      c.hosts.set(address, draft);
    }
    if (!HOST_KEYS.has(key)) {
      if (/^\d+$/.test(value)) draft.stats.push({ name: key, value });
      continue;
    }
    if (key === 'health_flags') draft.host.health_status = healthStatus(value);
    else if (key === 'hostname') {
      if (value !== '') draft.host.hostname = value;
    } else if (key === 'weight' || key === 'priority') draft.host[key] = Number(value);
    else if (key === 'region' || key === 'zone' || key === 'sub_zone') {
      if (value !== '') draft.locality[key] = value;
    } else if (key === 'success_rate' || key === 'local_origin_success_rate') {
      const rate = Number(value);
      if (Number.isFinite(rate) && rate >= 0) draft.host[key] = { value: rate };
    }
  }
  const statuses: JsonObject[] = [];
  for (const { status, hosts } of clusters.values()) {
    status.host_statuses = [...hosts.values()].map(({ host, stats, locality }) => {
      if (Object.keys(locality).length > 0) host.locality = locality;
      if (stats.length > 0) host.stats = stats;
      return host;
    });
    statuses.push(status);
  }
  return { cluster_statuses: statuses };
}

/** True when the text looks like `/clusters` text output (`name::...` lines). */
export function looksLikeClustersText(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0] ?? '';
  return /^[^\s{[]\S*::/.test(first);
}
