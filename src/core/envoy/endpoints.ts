import { parseAdditionalAddresses, parseAddress, parseLocality } from './address.ts';
import { mapObjects } from './collect.ts';
import { asNumber, asObject, asString, unwrap, type JsonObject } from './json.ts';
import type { IssueSink } from './issues.ts';
import { CLUSTER_LOAD_ASSIGNMENT, ENDPOINT, LB_ENDPOINT, LOCALITY_LB_ENDPOINTS } from './known-fields.ts';
import { LoadCache } from './load-cache.ts';
import type { ClusterLoadAssignment, EndpointIdentity, LbEndpoint, LocalityLbEndpoints, ResourceMeta } from './types.ts';

/**
 * EDS data: an envoy.config.endpoint.v3.ClusterLoadAssignment, from the config dump's
 * EndpointsConfigDump (`include_eds`), `istioctl proxy-config eds -o json`, or a cluster's
 * inline `load_assignment`.
 */

/** Parses Istio's `name;namespace;canonical-service;canonical-revision;cluster-id` workload string. */
export function parseWorkloadIdentity(workload: string | undefined): EndpointIdentity {
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

function parseLbEndpoint(raw: JsonObject, sink: IssueSink, where: string, cache: LoadCache): LbEndpoint {
  sink.unknownFields('lb_endpoint', where, raw, LB_ENDPOINT);
  const endpoint = asObject(raw.endpoint);
  if (endpoint) sink.unknownFields('endpoint', where, endpoint, ENDPOINT);
  const filterMetadata = asObject(asObject(raw.metadata)?.filter_metadata);
  const workload = asString(asObject(filterMetadata?.istio)?.workload);
  const out: LbEndpoint = {
    address: parseAddress(endpoint?.address) ?? { address: '', port: 0 },
    additionalAddresses: parseAdditionalAddresses(endpoint?.additional_addresses),
    healthStatus: asString(raw.health_status) ?? 'UNKNOWN',
    identity: workload === undefined ? NO_IDENTITY : cache.identity(workload, parseWorkloadIdentity),
    raw,
  };
  const weight = asNumber(unwrap(raw.load_balancing_weight));
  if (weight !== undefined) out.weight = weight;
  const hostname = asString(endpoint?.hostname);
  if (hostname) out.hostname = hostname;
  const tlsMode = asString(asObject(filterMetadata?.['envoy.transport_socket_match'])?.tlsMode);
  if (tlsMode !== undefined) out.tlsMode = tlsMode;
  return out;
}

const sameLocality = (a: JsonObject, b: JsonObject): boolean => a.region === b.region && a.zone === b.zone && a.sub_zone === b.sub_zone;

function parseLocalityEndpoints(raw: JsonObject, sink: IssueSink, where: string, cache: LoadCache): LocalityLbEndpoints {
  sink.unknownFields('locality_lb_endpoints', where, raw, LOCALITY_LB_ENDPOINTS);
  const endpoints = mapObjects(raw.lb_endpoints, (item) => parseLbEndpoint(item, sink, where, cache));
  const out: LocalityLbEndpoints = { locality: cache.sameAsLast('locality', raw.locality, sameLocality, parseLocality), priority: asNumber(raw.priority) ?? 0, endpoints };
  const weight = asNumber(unwrap(raw.load_balancing_weight));
  if (weight !== undefined) out.weight = weight;
  return out;
}

/** `fallbackName` names an inline load_assignment whose `cluster_name` is empty. */
export function parseClusterLoadAssignment(raw: JsonObject, meta: ResourceMeta, sink: IssueSink, fallbackName = '', cache = new LoadCache()): ClusterLoadAssignment {
  const clusterName = asString(raw.cluster_name) || fallbackName;
  const where = `endpoints[${clusterName}]`;
  sink.unknownFields('cluster_load_assignment', where, raw, CLUSTER_LOAD_ASSIGNMENT);
  const localities = mapObjects(raw.endpoints, (item) => parseLocalityEndpoints(item, sink, where, cache));
  return { clusterName, localities, meta, raw };
}
