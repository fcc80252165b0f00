import { asObject, asString, type JsonObject } from '../envoy/json.ts';
import { toSnakeCase } from '../envoy/protojson.ts';
import { anyContent, pick, Reader, unknownKeys } from './rbac-reader.ts';
import type { ExtAuthzConfig, RbacConfig } from './rbac-types.ts';

/**
 * Reads an RBAC filter's typed_config (envoy.extensions.filters.http.rbac.v3.RBAC or
 * envoy.extensions.filters.network.rbac.v3.RBAC, both wrapping envoy.config.rbac.v3.RBAC) into
 * the model of `rbac-types.ts`. Never throws: what it cannot read becomes a caveat line.
 *
 * Both protobuf JSON spellings are read (Envoy's admin writes snake_case, istioctl and Istio's
 * golden files lowerCamelCase): field names are looked up in either, while the keys of `policies`
 * (the policy names, data) are kept exactly as written.
 */

export const HTTP_RBAC_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC';
export const NETWORK_RBAC_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC';

/** rbac.proto (extensions/filters/http/rbac/v3): the fields of the HTTP filter's config. */
const HTTP_FIELDS = ['rules', 'rules_stat_prefix', 'matcher', 'shadow_rules', 'shadow_matcher', 'shadow_rules_stat_prefix', 'track_per_rule_stats'];
/** rbac.proto (extensions/filters/network/rbac/v3): the fields of the network filter's config. */
const NETWORK_FIELDS = ['rules', 'matcher', 'shadow_rules', 'shadow_matcher', 'shadow_rules_stat_prefix', 'stat_prefix', 'enforcement_type', 'delay_deny'];

/**
 * An RBAC filter's typed_config (the Any itself, `@type` included, or a TypedStruct). `kind`
 * comes from the `@type` when there is one, else from the caller (the filter's name).
 */
export function parseRbacConfig(typedConfig: JsonObject, kind: 'http' | 'network'): RbacConfig {
  const type = asString(typedConfig['@type']);
  const inner = anyContent(typedConfig) ?? {};
  const innerType = type?.endsWith('.TypedStruct') ? asString(typedConfig.type_url) : type;
  const reader = new Reader();
  let k = kind;
  if (innerType === HTTP_RBAC_TYPE) k = 'http';
  else if (innerType === NETWORK_RBAC_TYPE) k = 'network';
  else if (innerType !== undefined)
    reader.caveats.push(`typed_config @type ${innerType.slice(0, 120)} is not an RBAC filter config; read as the ${kind} RBAC filter`);
  for (const key of unknownKeys(inner, k === 'http' ? HTTP_FIELDS : NETWORK_FIELDS)) reader.caveats.push(`field ${key} of the ${k} RBAC filter is not read`);
  const config: RbacConfig = {
    type: 'rbac',
    kind: k,
    hasMatcher: pick(inner, 'matcher') !== undefined,
    hasShadowMatcher: pick(inner, 'shadow_matcher') !== undefined,
    caveats: [],
  };
  const rules = reader.rules(pick(inner, 'rules'), 'rules');
  if (rules) config.rules = rules;
  const shadow = reader.rules(pick(inner, 'shadow_rules'), 'shadow_rules');
  if (shadow) config.shadowRules = shadow;
  const strings = [
    ['rules_stat_prefix', 'rulesStatPrefix'],
    ['shadow_rules_stat_prefix', 'shadowRulesStatPrefix'],
    ['stat_prefix', 'statPrefix'],
    ['enforcement_type', 'enforcementType'],
  ] as const;
  for (const [field, prop] of strings) {
    const v = asString(pick(inner, field));
    if (v !== undefined) config[prop] = v;
  }
  if (config.hasMatcher)
    reader.caveats.push(
      `matcher (a unified matcher tree) is not evaluated by meshscope: the enforced decision of this filter is unknown${config.rules ? '; Envoy ignores its rules when a matcher is set' : ''}`,
    );
  if (config.hasShadowMatcher) reader.caveats.push('shadow_matcher (a unified matcher tree) is not evaluated by meshscope');
  config.caveats = reader.finish();
  return config;
}

/** An ext_authz filter's typed_config (HTTP or network): the service's cluster and `filter_enabled_metadata`. */
export function parseExtAuthzConfig(typedConfig: JsonObject): ExtAuthzConfig {
  const inner = (toSnakeCase(anyContent(typedConfig) ?? {}) as JsonObject) ?? {};
  const out: ExtAuthzConfig = { type: 'ext_authz', raw: typedConfig };
  const grpc = asObject(inner.grpc_service);
  const http = asObject(inner.http_service);
  const cluster = asString(asObject(grpc?.envoy_grpc)?.cluster_name) ?? asString(asObject(http?.server_uri)?.cluster);
  if (cluster !== undefined) out.cluster = cluster;
  const enabled = asObject(inner.filter_enabled_metadata);
  if (enabled) {
    const reader = new Reader();
    out.enabledMetadata = reader.metadata(enabled, 'filter_enabled_metadata');
  }
  return out;
}
