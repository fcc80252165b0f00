import type { JsonObject } from '../envoy/json.ts';
import type { HeaderMatcher, MetadataMatcher, StringMatch } from '../envoy/route-types.ts';
import type { CidrRange } from '../envoy/types.ts';

/**
 * The model of Envoy's RBAC filters (envoy.config.rbac.v3, read by `rbac-parse.ts`, evaluated by
 * `rbac-evaluate.ts`). One type per oneof case of Permission and Principal; a case meshscope does
 * not evaluate is kept as `unknown` with its field name, and never matches (said in a caveat).
 */

/** envoy.config.rbac.v3.RBAC.Action: ALLOW = 0 (the default), DENY = 1, LOG = 2. */
export type RbacAction = 'ALLOW' | 'DENY' | 'LOG';

export type Permission =
  | { kind: 'and_rules'; rules: Permission[] }
  | { kind: 'or_rules'; rules: Permission[] }
  | { kind: 'any' }
  | { kind: 'header'; header: HeaderMatcher }
  /** envoy.type.matcher.v3.PathMatcher: a StringMatcher on the path without query and fragment. */
  | { kind: 'url_path'; path: StringMatch }
  | { kind: 'destination_ip'; range: CidrRange }
  | { kind: 'destination_port'; port: number }
  /** envoy.type.v3.Int32Range, [start, end). */
  | { kind: 'destination_port_range'; start: number; end: number }
  | { kind: 'metadata'; metadata: MetadataMatcher }
  | { kind: 'not_rule'; rule: Permission }
  | { kind: 'requested_server_name'; match: StringMatch }
  /** `uri_template` (UriTemplateMatchConfig.path_template), emitted by Istio for `{*}` / `{**}` paths. */
  | { kind: 'uri_template'; template: string }
  | { kind: 'unknown'; field: string };

export type Principal =
  | { kind: 'and_ids'; ids: Principal[] }
  | { kind: 'or_ids'; ids: Principal[] }
  | { kind: 'any' }
  /** `principal_name` absent: any authenticated (TLS with a peer certificate) connection. */
  | { kind: 'authenticated'; principalName?: StringMatch }
  /** `source_ip` (deprecated): the connection's remote address. */
  | { kind: 'source_ip'; range: CidrRange }
  | { kind: 'direct_remote_ip'; range: CidrRange }
  | { kind: 'remote_ip'; range: CidrRange }
  | { kind: 'header'; header: HeaderMatcher }
  | { kind: 'url_path'; path: StringMatch }
  | { kind: 'metadata'; metadata: MetadataMatcher }
  | { kind: 'not_id'; id: Principal }
  | { kind: 'filter_state'; key: string; match?: StringMatch }
  | { kind: 'unknown'; field: string };

export interface RbacPolicy {
  /** The key in `policies`; Istio's are `ns[NS]-policy[NAME]-rule[N]`. */
  name: string;
  permissions: Permission[];
  principals: Principal[];
  /** `condition` / `checked_condition` (a CEL expression): not evaluated (a caveat), read as true. */
  condition?: string;
}

export interface RbacRules {
  action: RbacAction;
  /** In the order Envoy evaluates them: the policy names' byte order (a std::map). */
  policies: RbacPolicy[];
}

export interface RbacConfig {
  type: 'rbac';
  kind: 'http' | 'network';
  /** Absent: no enforcing engine, everything is allowed. Present with no policies: ALLOW matches nothing. */
  rules?: RbacRules;
  shadowRules?: RbacRules;
  /** HTTP `rules_stat_prefix`. */
  rulesStatPrefix?: string;
  shadowRulesStatPrefix?: string;
  /** Network `stat_prefix`. */
  statPrefix?: string;
  /** Network `enforcement_type`: ONE_TIME_ON_FIRST_BYTE (default) or CONTINUOUS. */
  enforcementType?: string;
  /** `matcher` / `shadow_matcher` (xds unified matchers) are present: not evaluated. */
  hasMatcher: boolean;
  hasShadowMatcher: boolean;
  /** What was not read or will not be evaluated, one line each. */
  caveats: string[];
}

/** An `envoy.filters.http.ext_authz` / `envoy.filters.network.ext_authz` filter (Istio's CUSTOM action). */
export interface ExtAuthzConfig {
  type: 'ext_authz';
  /** The cluster of its gRPC or HTTP service, if named. */
  cluster?: string;
  /** `filter_enabled_metadata`: ext_authz runs only when this dynamic metadata matches. */
  enabledMetadata?: MetadataMatcher;
  raw: JsonObject;
}
