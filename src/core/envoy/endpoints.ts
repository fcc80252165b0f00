import { checkAddress, parseAdditionalAddresses, parseAddress, parseLocality } from './address.ts';
import { mapObjects } from './collect.ts';
import { checkEnum, enumOr, HEALTH_STATUS } from './enums.ts';
import { listField, uint32Field, uint32Value } from './field-checks.ts';
import type { IssueSink } from './issues.ts';
import { asObject, asString, isObject, type JsonObject } from './json.ts';
import { CLUSTER_LOAD_ASSIGNMENT, ENDPOINT, LB_ENDPOINT, LOCALITY_LB_ENDPOINTS } from './known-fields.ts';
import { lazy } from './lazy.ts';
import { LoadCache } from './load-cache.ts';
import type { ClusterLoadAssignment, EndpointIdentity, LbEndpoint, LocalityLbEndpoints, ResourceMeta, SocketAddress } from './types.ts';

/**
 * EDS data: an envoy.config.endpoint.v3.ClusterLoadAssignment, from the config dump's
 * EndpointsConfigDump (`include_eds`), `istioctl proxy-config eds -o json`, or a cluster's
 * inline `load_assignment`.
 */

/** Parses Istio's `name;namespace;canonical-service;canonical-revision;cluster-id` workload string. */
function parseWorkloadIdentity(workload: string | undefined): EndpointIdentity {
  if (workload === undefined) return {};
  const [name, namespace, canonicalService, canonicalRevision, cluster] = workload.split(';');
  const out: EndpointIdentity = {};
  if (name) out.workload = name;
  if (namespace) out.namespace = namespace;
  if (canonicalService) out.canonicalService = canonicalService;
  // Istio leaves out the default revision, which `kubelabels.CanonicalService` calls "latest".
  if (canonicalRevision) out.canonicalRevision = canonicalRevision;
  else if (canonicalService) out.canonicalRevision = 'latest';
  if (cluster) out.cluster = cluster;
  return out;
}

const NO_IDENTITY: EndpointIdentity = Object.freeze({});
const NO_ADDRESS = (): SocketAddress => ({ address: '', port: 0 });

function parseLbEndpoint(raw: JsonObject, cache: LoadCache): LbEndpoint {
  const endpoint = asObject(raw.endpoint);
  const filterMetadata = asObject(asObject(raw.metadata)?.filter_metadata);
  const workload = asString(asObject(filterMetadata?.istio)?.workload);
  const out: LbEndpoint = {
    address: parseAddress(endpoint?.address) ?? NO_ADDRESS(),
    additionalAddresses: parseAdditionalAddresses(endpoint?.additional_addresses),
    healthStatus: enumOr(HEALTH_STATUS, raw.health_status, 'UNKNOWN'),
    identity: workload === undefined ? NO_IDENTITY : cache.identity(workload, parseWorkloadIdentity),
    raw,
  };
  // A weight Envoy's schema rejects (checkLocalities reports it) is left out: Envoy's default, 1.
  const weight = uint32Value(raw.load_balancing_weight, 1);
  if (typeof weight === 'number') out.weight = weight;
  const hostname = asString(endpoint?.hostname);
  if (hostname) out.hostname = hostname;
  const tlsMode = asString(asObject(filterMetadata?.['envoy.transport_socket_match'])?.tlsMode);
  if (tlsMode !== undefined) out.tlsMode = tlsMode;
  return out;
}

const sameLocality = (a: JsonObject, b: JsonObject): boolean => a.region === b.region && a.zone === b.zone && a.sub_zone === b.sub_zone;

function parseLocalityEndpoints(raw: JsonObject, cache: LoadCache): LocalityLbEndpoints {
  const endpoints = mapObjects(raw.lb_endpoints, (item) => parseLbEndpoint(item, cache));
  const out: LocalityLbEndpoints = {
    locality: cache.sameAsLast('locality', raw.locality, sameLocality, parseLocality),
    priority: uint32Value(raw.priority, 0, MAX_PRIORITY) ?? 0,
    endpoints,
  };
  const weight = uint32Value(raw.load_balancing_weight);
  if (typeof weight === 'number') out.weight = weight;
  return out;
}

/**
 * endpoint_components.proto: LbEndpoint `load_balancing_weight = 4 [(validate.rules).uint32 = {gte: 1}]`,
 * LocalityLbEndpoints `load_balancing_weight = 3 [(validate.rules).uint32 = {gte: 1}]` (but see below) and
 * `uint32 priority = 5 [(validate.rules).uint32 = {lte: 128}]`. A bad weight is read as absent (1), a bad priority as 0.
 */
const MAX_PRIORITY = 128;
const LB_WEIGHT = { min: 1, rule: 'LbEndpoint.load_balancing_weight uint32 gte 1', fallback: 1, effect: 'absent (1)' };
// Envoy's own /config_dump writes 0 for a locality without a weight (static_endpoint_configs of
// istioctl's pkg/proxyconfig/testdata/config_dump.json, prometheus_stats): 0 is read as absent, not reported.
const LOCALITY_WEIGHT = { rule: 'LocalityLbEndpoints.load_balancing_weight uint32', fallback: 0, effect: 'absent' };
const PRIORITY = { max: MAX_PRIORITY, rule: 'LocalityLbEndpoints.priority uint32 lte 128', fallback: 0 };

/** The fields of a ClusterLoadAssignment's localities and endpoints that meshscope does not read, reported up front. */
function checkLocalities(value: unknown, sink: IssueSink, clusterName: string): void {
  if (!Array.isArray(value)) {
    listField(value, sink, `endpoints[${clusterName}]`, 'endpoints');
    return;
  }
  for (let i = 0; i < value.length; i++) {
    const locality = value[i];
    if (!isObject(locality)) continue;
    sink.unknownFieldsIn('locality_lb_endpoints', 'endpoints', clusterName, locality, LOCALITY_LB_ENDPOINTS);
    const where = `endpoints[${clusterName}]`;
    uint32Field(locality.load_balancing_weight, sink, where, `endpoints[${i}].load_balancing_weight`, LOCALITY_WEIGHT);
    uint32Field(locality.priority, sink, where, `endpoints[${i}].priority`, PRIORITY);
    const lbEndpoints = locality.lb_endpoints;
    if (!Array.isArray(lbEndpoints)) {
      listField(lbEndpoints, sink, where, `endpoints[${i}].lb_endpoints`);
      continue;
    }
    for (let j = 0; j < lbEndpoints.length; j++) {
      const lbEndpoint = lbEndpoints[j];
      if (!isObject(lbEndpoint)) continue;
      sink.unknownFieldsIn('lb_endpoint', 'endpoints', clusterName, lbEndpoint, LB_ENDPOINT);
      checkEnum(HEALTH_STATUS, lbEndpoint.health_status, 'UNKNOWN', sink, where, 'health_status');
      uint32Field(lbEndpoint.load_balancing_weight, sink, where, `endpoints[${i}].lb_endpoints[${j}].load_balancing_weight`, LB_WEIGHT);
      const endpoint = lbEndpoint.endpoint;
      if (isObject(endpoint)) {
        sink.unknownFieldsIn('endpoint', 'endpoints', clusterName, endpoint, ENDPOINT);
        checkAddress(endpoint.address, sink, where);
      }
    }
  }
}

/** An assignment's localities, parsed when first read (unknown fields are still reported at load). */
function parseLocalities({ raw, cache }: { raw: JsonObject; cache: LoadCache }): LocalityLbEndpoints[] {
  return mapObjects(raw.endpoints, (item) => parseLocalityEndpoints(item, cache));
}

/** Reports the fields of a ClusterLoadAssignment (and its localities and endpoints) meshscope does not read. */
export function checkLoadAssignment(raw: JsonObject, sink: IssueSink, fallbackName = ''): void {
  const clusterName = asString(raw.cluster_name) || fallbackName;
  sink.unknownFieldsIn('cluster_load_assignment', 'endpoints', clusterName, raw, CLUSTER_LOAD_ASSIGNMENT);
  checkLocalities(raw.endpoints, sink, clusterName);
}

/**
 * `fallbackName` names an inline load_assignment whose `cluster_name` is empty. Without a `sink`
 * the caller checks the fields itself (`checkLoadAssignment`), e.g. when the issues are listed.
 */
export function parseClusterLoadAssignment(
  raw: JsonObject,
  meta: ResourceMeta,
  sink: IssueSink | undefined,
  fallbackName = '',
  cache = new LoadCache(),
): ClusterLoadAssignment {
  const clusterName = asString(raw.cluster_name) || fallbackName;
  if (sink) checkLoadAssignment(raw, sink, fallbackName);
  return { clusterName, localities: lazy(parseLocalities, { raw, cache }), meta, raw };
}
