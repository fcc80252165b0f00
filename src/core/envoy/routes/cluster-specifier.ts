import { mapObjects } from '../collect.ts';
import { listField, stringField, UINT32_MAX, uint32Field } from '../field-checks.ts';
import type { IssueSink } from '../issues.ts';
import { asObject, asString, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { ClusterSpecifier, WeightedCluster } from '../route-types.ts';
import { filterMetadata, headerNames, headerValueOptions, typedPerFilterConfig } from './common.ts';

/** route_components.proto WeightedCluster.ClusterWeight: `google.protobuf.UInt32Value weight = 3` (a bad one is read as 0). */
const WEIGHT = { rule: 'ClusterWeight.weight UInt32Value', fallback: 0 };
/** WeightedCluster: `google.protobuf.UInt32Value total_weight = 3` (deprecated). */
const TOTAL_WEIGHT = { rule: 'WeightedCluster.total_weight UInt32Value', fallback: 0 };

function weightedCluster(obj: JsonObject, sink: IssueSink, where: string): WeightedCluster {
  sink.routeFields('cluster_weight', where, obj, ROUTE_FIELDS.ClusterWeight);
  const clusterHeader = asString(obj.cluster_header);
  return {
    name: asString(obj.name) ?? '',
    weight: uint32Field(obj.weight, sink, where, 'weight', WEIGHT) ?? 0,
    clusterHeader: clusterHeader ? clusterHeader.toLowerCase() : undefined,
    filterMetadata: filterMetadata(obj.metadata_match),
    typedPerFilterConfig: typedPerFilterConfig(obj.typed_per_filter_config),
    requestHeadersToAdd: headerValueOptions(obj.request_headers_to_add, sink, where),
    requestHeadersToRemove: headerNames(obj.request_headers_to_remove),
    responseHeadersToAdd: headerValueOptions(obj.response_headers_to_add, sink, where),
    responseHeadersToRemove: headerNames(obj.response_headers_to_remove),
    hostRewriteLiteral: asString(obj.host_rewrite_literal),
  };
}

/**
 * The RouteAction cluster_specifier oneof: `cluster`, `cluster_header` (the cluster named by a
 * request header) or `weighted_clusters` (a split). Cluster specifier plugins are reported.
 */
export function parseClusterSpecifier(action: JsonObject, sink: IssueSink, where: string): ClusterSpecifier {
  const cluster = stringField(action.cluster, sink, where, 'cluster');
  if (cluster !== undefined) return { kind: 'cluster', name: cluster };
  const header = stringField(action.cluster_header, sink, where, 'cluster_header');
  if (header !== undefined) return { kind: 'cluster_header', header: header.toLowerCase() };
  const weighted = asObject(action.weighted_clusters);
  if (weighted) {
    sink.routeFields('weighted_clusters', where, weighted, ROUTE_FIELDS.WeightedCluster);
    const at = `${where}.weighted_clusters`;
    const clusters = mapObjects(listField(weighted.clusters, sink, at, 'clusters'), (c) => weightedCluster(c, sink, at));
    const totalWeight = uint32Field(weighted.total_weight, sink, at, 'total_weight', TOTAL_WEIGHT);
    const sum = clusters.reduce((acc, c) => acc + c.weight, 0);
    if (totalWeight !== undefined && totalWeight !== sum) {
      sink.report({
        severity: 'warning',
        code: 'bad-value',
        message: `weighted_clusters total_weight ${totalWeight} differs from the sum of the weights (${sum}); Envoy rejects this config`,
        where,
      });
    }
    if (sum > UINT32_MAX) {
      // Envoy's weighted cluster specifier (source/common/router/weighted_cluster_specifier.cc): "The sum of weights of all weighted clusters of route … exceeds 4294967295".
      sink.report({
        severity: 'warning',
        code: 'bad-value',
        message: `weighted_clusters weights sum to ${sum}, more than uint32 allows; Envoy rejects this config`,
        where,
      });
    }
    if (sum === 0) {
      sink.report({ severity: 'warning', code: 'bad-value', message: 'weighted_clusters weights sum to 0; Envoy rejects this config', where });
    }
    return {
      kind: 'weighted_clusters',
      clusters,
      totalWeight,
      runtimeKeyPrefix: asString(weighted.runtime_key_prefix) || undefined,
      headerName: asString(weighted.header_name)?.toLowerCase() || undefined,
    };
  }
  const field =
    action.cluster_specifier_plugin !== undefined
      ? 'cluster_specifier_plugin'
      : action.inline_cluster_specifier_plugin !== undefined
        ? 'inline_cluster_specifier_plugin'
        : '(none)';
  sink.report({
    severity: 'warning',
    code: 'unsupported',
    kind: 'route-action',
    message: `route action cluster specifier ${field} is not evaluated by meshscope`,
    where,
  });
  return { kind: 'unsupported', field };
}
