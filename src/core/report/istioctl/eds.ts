import { asArray, asNumber, asObject, asString, isObject, type JsonObject } from '../../envoy/json.ts';
import type { ClusterLoadAssignment } from '../../envoy/types.ts';
import { row, tabulate } from '../tabwriter.ts';
import { sortBySubsetKey } from './subset-key.ts';

/**
 * `istioctl proxy-config eds` (and the ENDPOINTS section of `proxy-config all`): the EDS
 * ClusterLoadAssignments from a config dump taken with `include_eds`, one row per endpoint.
 */
export interface EndpointFilter {
  /** Case-insensitive, against `ip:port`, a pipe path or `envoy://listener/id`. */
  address?: string;
  port?: number;
  /** Exact cluster name, case-insensitive. */
  cluster?: string;
  /** HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED or UNKNOWN, case-insensitive. */
  status?: string;
}

const HEALTH = ['UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'DRAINING', 'TIMEOUT', 'DEGRADED'];

/** An envoy.config.core.v3.HealthStatus enum value as its name (protojson may write the number). */
function healthStatusName(value: unknown): string {
  if (typeof value === 'string') return value;
  const n = asNumber(value) ?? 0;
  return HEALTH[n] ?? String(n);
}

/** One envoy.config.core.v3.Address as istioctl's EDS table writes it. */
function addressText(value: unknown): string {
  const address = asObject(value);
  const socket = asObject(address?.socket_address);
  if (socket) return `${asString(socket.address) ?? ''}:${asNumber(socket.port_value) ?? 0}`;
  const pipe = asObject(address?.pipe);
  if (pipe) return asString(pipe.path) ?? '';
  const internal = asObject(address?.envoy_internal_address);
  if (internal && typeof internal.server_listener_name === 'string') {
    return `envoy://${internal.server_listener_name}/${asString(internal.endpoint_id) ?? ''}`;
  }
  return 'unknown';
}

/** The endpoint's address and additional addresses (raw LbEndpoint, snake_case). */
function endpointAddresses(lbEndpoint: JsonObject): string[] {
  const endpoint = asObject(lbEndpoint.endpoint);
  const extra = asArray(endpoint?.additional_addresses).map((a) => addressText(asObject(a)?.address));
  return [addressText(endpoint?.address), ...extra];
}

function endpointPort(lbEndpoint: JsonObject): number {
  return asNumber(asObject(asObject(asObject(lbEndpoint.endpoint)?.address)?.socket_address)?.port_value) ?? 0;
}

function endpointMatches(lbEndpoint: JsonObject, cluster: string, filter: EndpointFilter): boolean {
  if (filter.address) {
    const want = filter.address.toLowerCase();
    if (!endpointAddresses(lbEndpoint).some((a) => a.toLowerCase() === want)) return false;
  }
  if (filter.port && endpointPort(lbEndpoint) !== filter.port) return false;
  if (filter.cluster && cluster.toLowerCase() !== filter.cluster.toLowerCase()) return false;
  if (filter.status && healthStatusName(lbEndpoint.health_status).toLowerCase() !== filter.status.toLowerCase()) return false;
  return true;
}

/** `region[/zone[/sub_zone]]`, as Istio's `LocalityToString`. */
export function localityText(value: unknown): string {
  const l = asObject(value);
  if (!l) return '';
  const region = asString(l.region) ?? '';
  const zone = asString(l.zone) ?? '';
  if (zone === '') return region;
  const subZone = asString(l.sub_zone) ?? '';
  return subZone === '' ? `${region}/${zone}` : `${region}/${zone}/${subZone}`;
}

/**
 * The ClusterLoadAssignments istioctl prints, as raw snake_case copies with only the matching
 * `lb_endpoints` left (and none of those that lost them all), sorted by subset key.
 */
export function filteredAssignments(assignments: readonly ClusterLoadAssignment[], filter: EndpointFilter = {}): JsonObject[] {
  const kept: JsonObject[] = [];
  for (const cla of assignments) {
    if (cla.meta.state === 'warming' || cla.meta.state === 'draining') continue;
    const clusterName = asString(cla.raw.cluster_name) ?? '';
    let count = 0;
    const localities = asArray(cla.raw.endpoints).map((item) => {
      if (!isObject(item)) return item;
      const matching = asArray(item.lb_endpoints).filter((ep) => isObject(ep) && endpointMatches(ep, clusterName, filter));
      count += matching.length;
      // Same key order; an emptied list disappears, as protojson leaves out empty repeated fields.
      const copy: JsonObject = {};
      for (const [key, value] of Object.entries(item)) {
        if (key !== 'lb_endpoints') copy[key] = value;
        else if (matching.length > 0) copy[key] = matching;
      }
      return copy;
    });
    if (count === 0) continue;
    kept.push(cla.raw.endpoints === undefined ? cla.raw : { ...cla.raw, endpoints: localities });
  }
  return sortBySubsetKey(kept, (a) => asString(a.cluster_name) ?? '');
}

export function renderEds(assignments: readonly ClusterLoadAssignment[], filter: EndpointFilter = {}, withType = false): string {
  const lines = ['NAME\tSTATUS\tLOCALITY\tCLUSTER'];
  for (const cla of filteredAssignments(assignments, filter)) {
    for (const llb of asArray(cla.endpoints).filter(isObject)) {
      for (const ep of asArray(llb.lb_endpoints).filter(isObject)) {
        const addresses = endpointAddresses(ep).join(',');
        lines.push(
          row`${withType ? `endpoint/${addresses}` : addresses}\t${healthStatusName(ep.health_status)}\t${localityText(llb.locality)}\t${asString(cla.cluster_name) ?? ''}`,
        );
      }
    }
  }
  return tabulate(lines, 5);
}
