import { asObject, asString, type JsonObject } from '../envoy/json.ts';
import type { FilterChain } from '../envoy/listener-types.ts';
import { evaluateMetadataMatcher } from '../router/metadata-match.ts';
import { parseIstioPolicyName } from './istio-policy-name.ts';
import { MatchContext, runEngine } from './rbac-match.ts';
import { parseExtAuthzConfig, parseRbacConfig } from './rbac-parse.ts';
import type { ExtAuthzConfig, RbacConfig, RbacRules } from './rbac-types.ts';

/**
 * Envoy's RBAC filters evaluated for one request, in filter chain order, as Envoy runs them:
 * the shared engine (source/extensions/filters/common/rbac/engine_impl.cc,
 * RoleBasedAccessControlEngineImpl::handleAction / checkPolicyMatch), the matchers
 * (source/extensions/filters/common/rbac/matchers.cc), the HTTP filter
 * (source/extensions/filters/http/rbac/rbac_filter.cc, decodeHeaders) and the network filter
 * (source/extensions/filters/network/rbac/rbac_filter.cc, onData).
 */

export interface AuthzRequest {
  method: string;
  /** `:path` as sent, query included (url_path matchers drop it, header matchers on `:path` do not). */
  path: string;
  headers: [string, string][];
  /** `:authority`. */
  host: string;
  /** The connection's local address (destination_ip). */
  destinationIp?: string;
  destinationPort: number;
  /** The connection's remote address (source_ip). */
  sourceIp?: string;
  /** The downstream direct remote address (direct_remote_ip); defaults to sourceIp (no PROXY protocol). */
  directRemoteIp?: string;
  /** The downstream remote address (remote_ip, from x-forwarded-for when trusted); defaults to directRemoteIp. */
  remoteIp?: string;
  /** The peer certificate's URI SAN, e.g. spiffe://cluster.local/ns/x/sa/y; undefined = no client certificate. */
  principal?: string;
  /** The TLS SNI (requested_server_name). */
  requestedServerName?: string;
}

export interface RbacFilter {
  /** The filter's name in the chain (`envoy.filters.http.rbac`, `envoy.filters.network.rbac`, ext_authz …). */
  name: string;
  kind: 'http' | 'network';
  config: RbacConfig | ExtAuthzConfig;
}

export type AuthzAction = 'ALLOW' | 'DENY' | 'LOG';

export interface AuthzPolicyStep {
  name: string;
  matched: boolean;
  why: string;
}

export interface AuthzStep {
  filter: string;
  /** ALLOW, DENY, LOG; CUSTOM for an ext_authz filter; NONE for a filter without rules. */
  action: string;
  shadow: boolean;
  /** The first policy (byte order of names) that matched, or null. */
  matched: string | null;
  policies: AuthzPolicyStep[];
}

export interface AuthzResult {
  allowed: boolean;
  decidedBy: {
    filter: string;
    action: AuthzAction;
    policy: string | null;
    istio: { namespace: string; name: string; rule: number } | null;
  } | null;
  /** 403 when an HTTP RBAC filter denies; null when allowed or when a network filter closes the connection. */
  status: 403 | null;
  /** `RBAC: access denied` with the 403. */
  body: string | null;
  /** The response code details (HTTP) or connection termination details (network) Envoy logs, or a sentence. */
  detail: string | null;
  steps: AuthzStep[];
  shadow: { filter: string; action: string; matched: string | null; wouldDeny: boolean }[];
  caveats: string[];
}

export const HTTP_RBAC = 'envoy.filters.http.rbac';
export const NETWORK_RBAC = 'envoy.filters.network.rbac';
export const HTTP_EXT_AUTHZ = 'envoy.filters.http.ext_authz';
export const NETWORK_EXT_AUTHZ = 'envoy.filters.network.ext_authz';

/** The body of the HTTP filter's local reply (rbac_filter.cc: sendLocalReply(Forbidden, "RBAC: access denied", …)). */
export const RBAC_DENIED_BODY = 'RBAC: access denied';

/**
 * Filters::Common::RBAC::responseDetail (source/extensions/filters/common/rbac/utility.cc): the
 * policy id with each whitespace character replaced by `_` (StringUtil::replaceAllEmptySpace),
 * `none` when no policy matched; test/extensions/filters/common/rbac/utility_test.cc ResponseDetail.
 */
export function responseDetail(policy: string | null): string {
  return `rbac_access_denied_matched_policy[${(policy ?? 'none').replace(/[ \t\f\v\n\r]/g, '_')}]`;
}

/** handleAction: ALLOW → allowed iff matched; DENY → allowed iff not matched; LOG → always allowed. */
function engineAllows(rules: RbacRules, matched: string | null): boolean {
  if (rules.action === 'ALLOW') return matched !== null;
  if (rules.action === 'DENY') return matched === null;
  return true;
}

function istioOf(policy: string | null): { namespace: string; name: string; rule: number } | null {
  const parsed = policy === null ? null : parseIstioPolicyName(policy);
  return parsed ? { namespace: parsed.namespace, name: parsed.name, rule: parsed.rule } : null;
}

/**
 * The dynamic metadata the filter writes for its shadow engine (rbac_filter.cc decodeHeaders):
 * under `envoy.filters.http.rbac`, `<shadow_rules_stat_prefix>shadow_effective_policy_id` (when a
 * policy matched) and `<prefix>shadow_engine_result` (`allowed`/`denied`). Istio's CUSTOM action
 * keys the ext_authz filter's `filter_enabled_metadata` on the first.
 */
function writeShadowMetadata(ctx: MatchContext, filter: string, prefix: string, matched: string | null, wouldDeny: boolean): void {
  const own = ctx.metadata[filter] ?? {};
  ctx.metadata[filter] = own;
  if (matched !== null) own[`${prefix}shadow_effective_policy_id`] = matched;
  own[`${prefix}shadow_engine_result`] = wouldDeny ? 'denied' : 'allowed';
}

/**
 * What a client sees when a network RBAC filter closes the connection (network rbac_filter.cc
 * onData: setConnectionTerminationDetails(responseDetail(...)), close(NoFlush, "rbac_deny_close")).
 * An HTTP client behind its sidecar gets the router's 503 for an upstream reset before the
 * response, flag UC: Istio's "Security issues" page (istio.io content/en/docs/ops/common-problems/
 * security-issues, PR istio/istio.io#8128) names the body `upstream connect error or
 * disconnect/reset before headers. reset reason: connection termination` as the sign of an
 * AuthorizationPolicy with HTTP-only fields on a TCP port.
 */
const NETWORK_DENIED =
  'the server proxy closes the connection without a response (connection termination details %DETAIL%); an HTTP client behind an Istio sidecar gets 503 with response flag UC (upstream_reset_before_response_started{connection_termination}, body "upstream connect error or disconnect/reset before headers. reset reason: connection termination"), a TCP client sees the connection close';

/** Evaluates the RBAC (and ext_authz) filters of a chain, in order, for one request. */
export function evaluateRbac(filters: RbacFilter[], request: AuthzRequest): AuthzResult {
  const ctx = new MatchContext(request, {});
  const result: AuthzResult = { allowed: true, decidedBy: null, status: null, body: null, detail: null, steps: [], shadow: [], caveats: [] };
  const parseCaveats: string[] = [];
  for (const filter of filters) {
    const config = filter.config;
    if (config.type === 'ext_authz') {
      extAuthz(ctx, filter, config, result);
      continue;
    }
    for (const c of config.caveats) parseCaveats.push(`${filter.name}: ${c}`);
    ctx.http = filter.kind === 'http';
    // The shadow engine runs first and never changes the outcome. A matcher takes the place of
    // the rules when both are set: createEngine / createShadowEngine in
    // source/extensions/filters/common/rbac/utility.h ("RBAC rules are ignored when matcher is configured").
    if (config.hasShadowMatcher) {
      result.steps.push({ filter: filter.name, action: 'MATCHER', shadow: true, matched: null, policies: [] });
      ctx.caveats.add(`${filter.name}: its shadow matcher tree is not evaluated; what it would decide is unknown`);
    } else if (config.shadowRules) {
      const run = runEngine(ctx, config.shadowRules);
      const wouldDeny = !engineAllows(config.shadowRules, run.matched);
      result.steps.push({ filter: filter.name, action: config.shadowRules.action, shadow: true, matched: run.matched, policies: run.policies });
      result.shadow.push({ filter: filter.name, action: config.shadowRules.action, matched: run.matched, wouldDeny });
      writeShadowMetadata(ctx, filter.kind === 'http' ? HTTP_RBAC : NETWORK_RBAC, config.shadowRulesStatPrefix ?? '', run.matched, wouldDeny);
    }
    if (config.hasMatcher) {
      result.steps.push({ filter: filter.name, action: 'MATCHER', shadow: false, matched: null, policies: [] });
      ctx.caveats.add(`${filter.name}: its matcher tree is not evaluated; read as allowing the request, Envoy may deny it`);
      continue;
    }
    if (!config.rules) {
      // "no engine, allowed by default" (rbac_filter.cc).
      result.steps.push({ filter: filter.name, action: 'NONE', shadow: false, matched: null, policies: [] });
      continue;
    }
    const run = runEngine(ctx, config.rules);
    const action = config.rules.action;
    result.steps.push({ filter: filter.name, action, shadow: false, matched: run.matched, policies: run.policies });
    const allowed = engineAllows(config.rules, run.matched);
    if (allowed) {
      if (action === 'LOG' && run.matched !== null)
        ctx.caveats.add(`${filter.name}: LOG policy ${run.matched} matched: the request is logged (access_log_hint), not decided`);
      continue;
    }
    const detail = responseDetail(run.matched);
    result.allowed = false;
    result.decidedBy = { filter: filter.name, action, policy: run.matched, istio: istioOf(run.matched) };
    if (filter.kind === 'http') {
      result.status = 403;
      result.body = RBAC_DENIED_BODY;
      result.detail = detail;
    } else {
      result.detail = NETWORK_DENIED.replace('%DETAIL%', detail);
    }
    break;
  }
  result.caveats = [...parseCaveats, ...ctx.caveats];
  return result;
}

/**
 * An ext_authz filter: with `filter_enabled_metadata` it runs only when that metadata matches
 * (Istio's CUSTOM action: the RBAC filter before it wrote the matching shadow policy); when it
 * runs, the decision is the provider's and not in the dump.
 */
function extAuthz(ctx: MatchContext, filter: RbacFilter, config: ExtAuthzConfig, result: AuthzResult): void {
  let trigger: string | null = null;
  if (config.enabledMetadata) {
    const verdict = evaluateMetadataMatcher(config.enabledMetadata, ctx.metadata);
    if (!verdict.ok) {
      result.steps.push({ filter: filter.name, action: 'CUSTOM', shadow: false, matched: null, policies: [] });
      return;
    }
    const path = config.enabledMetadata.path;
    let value: unknown = ctx.metadata[config.enabledMetadata.filter];
    for (const key of path) value = asObject(value)?.[key];
    trigger = asString(value) ?? null;
  }
  result.steps.push({ filter: filter.name, action: 'CUSTOM', shadow: false, matched: trigger, policies: [] });
  const provider = trigger ? parseIstioPolicyName(trigger)?.provider : undefined;
  const who = provider ? provider : (config.cluster ?? filter.name);
  ctx.caveats.add(`CUSTOM: decided by the ext_authz provider ${who}, not in the dump${trigger ? ` (triggered by ${trigger})` : ''}`);
}

function typedConfigOf(raw: JsonObject): JsonObject | undefined {
  return asObject(raw.typed_config);
}

function isRbacName(name: string, typeUrl: string | undefined, http: boolean): boolean {
  if (http) return name === HTTP_RBAC || name === 'envoy.filters.http.rbac' || typeUrl?.endsWith('filters.http.rbac.v3.RBAC') === true;
  return name === NETWORK_RBAC || typeUrl?.endsWith('filters.network.rbac.v3.RBAC') === true;
}

function isExtAuthzName(name: string, typeUrl: string | undefined, http: boolean): boolean {
  if (http) return name === HTTP_EXT_AUTHZ || typeUrl?.endsWith('filters.http.ext_authz.v3.ExtAuthz') === true;
  return name === NETWORK_EXT_AUTHZ || typeUrl?.endsWith('filters.network.ext_authz.v3.ExtAuthz') === true;
}

/**
 * The RBAC and ext_authz filters of a filter chain, in the order a request meets them: the
 * network filters in order, and at the HTTP connection manager its http_filters in order
 * (a disabled one is left out: it only runs where a route's typed_per_filter_config enables it).
 */
export function rbacFiltersOf(chain: FilterChain): RbacFilter[] {
  const out: RbacFilter[] = [];
  for (const filter of chain.filters) {
    const typed = typedConfigOf(filter.raw);
    const typeUrl = typed ? asString(typed['@type']) : undefined;
    if (filter.kind === 'http_connection_manager') {
      for (const http of filter.httpFilters) {
        if (http.disabled) continue;
        const t = typedConfigOf(http.raw);
        if (isRbacName(http.name, http.typeUrl, true)) out.push({ name: http.name, kind: 'http', config: parseRbacConfig(t ?? {}, 'http') });
        else if (isExtAuthzName(http.name, http.typeUrl, true)) out.push({ name: http.name, kind: 'http', config: parseExtAuthzConfig(t ?? {}) });
      }
      continue;
    }
    if (isRbacName(filter.name, typeUrl, false)) out.push({ name: filter.name, kind: 'network', config: parseRbacConfig(typed ?? {}, 'network') });
    else if (isExtAuthzName(filter.name, typeUrl, false)) out.push({ name: filter.name, kind: 'network', config: parseExtAuthzConfig(typed ?? {}) });
  }
  return out;
}
