import { ipInRange, parseIp } from '../envoy/ip.ts';
import { asObject, asString, type JsonObject } from '../envoy/json.ts';
import type { FilterChain } from '../envoy/listener-types.ts';
import type { StringMatch } from '../envoy/route-types.ts';
import type { CidrRange } from '../envoy/types.ts';
import { describeHeaderMatcher, headerMatches } from '../router/header-match.ts';
import { evaluateMetadataMatcher } from '../router/metadata-match.ts';
import { describeStringMatch, matchString } from '../router/string-match.ts';
import { matchUriTemplate } from '../router/uri-template.ts';
import { parseIstioPolicyName } from './istio-policy-name.ts';
import { parseExtAuthzConfig, parseRbacConfig } from './rbac-parse.ts';
import type { ExtAuthzConfig, Permission, Principal, RbacConfig, RbacRules } from './rbac-types.ts';

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

interface Verdict {
  ok: boolean;
  why: string;
}

const yes = (why: string): Verdict => ({ ok: true, why });
const no = (why: string): Verdict => ({ ok: false, why });

/** The request as the matchers see it, plus the caveats met while matching. */
class Context {
  readonly caveats = new Set<string>();
  /**
   * False while a network filter runs: its engine gets no request headers
   * (RoleBasedAccessControlEngineImpl::handleAction without headers passes
   * Http::StaticEmptyHeaders), so header matchers see every header absent and url_path never matches.
   */
  http = true;
  constructor(
    readonly request: AuthzRequest,
    readonly metadata: Record<string, JsonObject>,
  ) {}

  /**
   * A header as HeaderUtility::matchHeaders reads it: the pseudo-headers of the request line,
   * repeated headers joined with ",". Undefined when absent.
   */
  header(name: string): string | undefined {
    if (!this.http) return undefined;
    const lower = name.toLowerCase();
    if (lower === ':method') return this.request.method;
    if (lower === ':path') return this.request.path;
    if (lower === ':authority' || lower === 'host') return this.request.host;
    const values = this.request.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
    return values.length ? values.join(',') : undefined;
  }

  /**
   * The path without query and fragment, as Matchers::PathMatcher::match (PathUtil::removeQueryAndFragment);
   * undefined on a network filter (no `:path`: PathMatcher::matches returns false).
   */
  pathOnly(): string | undefined {
    if (!this.http) return undefined;
    const path = this.request.path;
    const cut = path.search(/[?#]/);
    return cut < 0 ? path : path.slice(0, cut);
  }
}

function urlPath(ctx: Context, match: StringMatch): Verdict {
  const path = ctx.pathOnly();
  if (path === undefined) return no('url_path: a network filter sees no HTTP path');
  const want = describeStringMatch(match);
  return str(match, path) ? yes(`path ${JSON.stringify(path)} is ${want}`) : no(`path ${JSON.stringify(path)}, wanted ${want}`);
}

function ipIn(ctx: Context, label: string, address: string | undefined, range: CidrRange): Verdict {
  const want = `${range.addressPrefix}/${range.prefixLen}`;
  if (address === undefined) {
    ctx.caveats.add(`${label} is not known for this request: ${label} matchers are treated as not matching`);
    return no(`${label} unknown, wanted ${want}`);
  }
  const ip = parseIp(address);
  if (ip && ipInRange(ip, range)) return yes(`${label} ${address} in ${want}`);
  return no(`${label} ${address} not in ${want}`);
}

function str(match: StringMatch, value: string): boolean {
  return matchString(match, value);
}

function headerVerdict(ctx: Context, header: Parameters<typeof headerMatches>[0]): Verdict {
  const value = ctx.header(header.name);
  const want = describeHeaderMatcher(header);
  const have = value === undefined ? 'absent' : JSON.stringify(value);
  return headerMatches(header, value) ? yes(`header ${header.name} ${have} is ${want}`) : no(`header ${header.name} ${have}, wanted ${want}`);
}

function metadataVerdict(ctx: Context, matcher: Parameters<typeof evaluateMetadataMatcher>[0]): Verdict {
  const where = [matcher.filter, ...matcher.path].join('.');
  if (!(matcher.filter in ctx.metadata))
    ctx.caveats.add(`dynamic metadata ${matcher.filter} (e.g. JWT claims, request principals) is not known here: read as absent`);
  const verdict = evaluateMetadataMatcher(matcher, ctx.metadata);
  return verdict.ok ? yes(`metadata ${where} matches`) : no(verdict.reason);
}

/** Envoy's AndMatcher (all, true when empty) and OrMatcher (any, false when empty), first decisive child named. */
function all<T>(items: T[], each: (item: T) => Verdict, what: string): Verdict {
  for (let i = 0; i < items.length; i++) {
    const v = each(items[i]!);
    if (!v.ok) return no(`${what}[${i}]: ${v.why}`);
  }
  return yes(items.length === 0 ? `${what}: empty (matches)` : `all ${items.length} of ${what}`);
}

function any<T>(items: T[], each: (item: T) => Verdict, what: string): Verdict {
  const reasons: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const v = each(items[i]!);
    if (v.ok) return yes(`${what}[${i}]: ${v.why}`);
    reasons.push(v.why);
  }
  if (items.length === 0) return no(`${what}: empty (matches nothing)`);
  const shown = reasons.slice(0, 3).join('; ');
  return no(`none of ${what}: ${shown}${reasons.length > 3 ? `; … (${reasons.length - 3} more)` : ''}`);
}

function permission(ctx: Context, p: Permission): Verdict {
  const req = ctx.request;
  switch (p.kind) {
    case 'and_rules':
      return all(p.rules, (r) => permission(ctx, r), 'and_rules');
    case 'or_rules':
      return any(p.rules, (r) => permission(ctx, r), 'or_rules');
    case 'any':
      return yes('any');
    case 'header':
      return headerVerdict(ctx, p.header);
    case 'url_path':
      return urlPath(ctx, p.path);
    case 'uri_template': {
      // UriTemplateMatcher::matches reads getPathValue(): "" on a network filter.
      const path = ctx.pathOnly() ?? '';
      return matchUriTemplate(p.template, path)
        ? yes(`path ${JSON.stringify(path)} fits ${p.template}`)
        : no(`path ${JSON.stringify(path)} does not fit ${p.template}`);
    }
    case 'destination_ip':
      return ipIn(ctx, 'destination ip', req.destinationIp, p.range);
    case 'destination_port':
      return req.destinationPort === p.port ? yes(`destination port ${p.port}`) : no(`destination port ${req.destinationPort}, wanted ${p.port}`);
    case 'destination_port_range': {
      // PortRangeMatcher::matches: start <= port < end.
      const port = req.destinationPort;
      const want = `[${p.start}, ${p.end})`;
      return p.start <= port && port < p.end ? yes(`destination port ${port} in ${want}`) : no(`destination port ${port} not in ${want}`);
    }
    case 'metadata':
      return metadataVerdict(ctx, p.metadata);
    case 'not_rule': {
      const v = permission(ctx, p.rule);
      return v.ok ? no(`not (${v.why})`) : yes(`not (${v.why})`);
    }
    case 'requested_server_name': {
      // RequestedServerNameMatcher: the connection's SNI, "" without one.
      const sni = req.requestedServerName ?? '';
      const want = describeStringMatch(p.match);
      return str(p.match, sni) ? yes(`SNI ${JSON.stringify(sni)} is ${want}`) : no(`SNI ${JSON.stringify(sni)}, wanted ${want}`);
    }
    case 'unknown':
      ctx.caveats.add(`permission ${p.field} is not evaluated: treated as not matching; Envoy's answer may differ`);
      return no(`permission ${p.field} not evaluated`);
  }
}

/** The peer principal matched by `authenticated` and by Istio's `io.istio.peer_principal` filter state. */
function authenticated(ctx: Context, match: StringMatch | undefined): Verdict {
  const peer = ctx.request.principal;
  // AuthenticatedMatcher::matches: no TLS (connection.ssl() null) → false; no principal_name →
  // any TLS connection. An undefined principal is read as no TLS: a TLS connection without a
  // client certificate (which Istio's mTLS never makes) would match `authenticated: {}` in Envoy,
  // and a matcher would then see the empty subject.
  if (peer === undefined) return no('no client certificate (not authenticated)');
  if (!match) return yes(`authenticated (${peer})`);
  const want = describeStringMatch(match);
  // The URI SANs, then the DNS SANs, then the subject are tried; only the URI SAN is known here
  // (Istio's workload certificates carry one URI SAN and no DNS SAN or subject).
  if (str(match, peer)) return yes(`principal ${JSON.stringify(peer)} is ${want}`);
  return no(`principal ${JSON.stringify(peer)}, wanted ${want}`);
}

/** Istio's filter state key for the peer identity (srcNamespaceGenerator / srcPrincipalGenerator with UseFilterState). */
const PEER_PRINCIPAL_KEY = 'io.istio.peer_principal';

function principal(ctx: Context, p: Principal): Verdict {
  const req = ctx.request;
  switch (p.kind) {
    case 'and_ids':
      return all(p.ids, (r) => principal(ctx, r), 'and_ids');
    case 'or_ids':
      return any(p.ids, (r) => principal(ctx, r), 'or_ids');
    case 'any':
      return yes('any');
    case 'authenticated':
      return authenticated(ctx, p.principalName);
    case 'source_ip':
      return ipIn(ctx, 'source ip', req.sourceIp, p.range);
    case 'direct_remote_ip':
      return ipIn(ctx, 'direct remote ip', req.directRemoteIp ?? req.sourceIp, p.range);
    case 'remote_ip':
      return ipIn(ctx, 'remote ip', req.remoteIp ?? req.directRemoteIp ?? req.sourceIp, p.range);
    case 'header':
      return headerVerdict(ctx, p.header);
    case 'url_path':
      return urlPath(ctx, p.path);
    case 'metadata':
      return metadataVerdict(ctx, p.metadata);
    case 'not_id': {
      const v = principal(ctx, p.id);
      return v.ok ? no(`not (${v.why})`) : yes(`not (${v.why})`);
    }
    case 'filter_state': {
      if (p.key === PEER_PRINCIPAL_KEY && p.match) {
        // Istio sets it to the peer's identity (as the URI SAN); absent without one.
        const peer = req.principal;
        if (peer === undefined) return no(`filter state ${p.key} absent (no peer identity)`);
        const want = describeStringMatch(p.match);
        return str(p.match, peer)
          ? yes(`filter state ${p.key} ${JSON.stringify(peer)} is ${want}`)
          : no(`filter state ${p.key} ${JSON.stringify(peer)}, wanted ${want}`);
      }
      ctx.caveats.add(`filter state ${p.key} is not known here: treated as absent`);
      return no(`filter state ${p.key} unknown`);
    }
    case 'unknown':
      ctx.caveats.add(`principal ${p.field} is not evaluated: treated as not matching; Envoy's answer may differ`);
      return no(`principal ${p.field} not evaluated`);
  }
}

/**
 * RoleBasedAccessControlEngineImpl::checkPolicyMatch: the policies in name order, the first that
 * matches (PolicyMatcher: any permission and any principal) is the effective policy.
 */
function runEngine(ctx: Context, rules: RbacRules): { matched: string | null; policies: AuthzPolicyStep[] } {
  const policies: AuthzPolicyStep[] = [];
  let matched: string | null = null;
  for (const policy of rules.policies) {
    if (matched !== null) break;
    const perm = any(policy.permissions, (p) => permission(ctx, p), 'permissions');
    let step: AuthzPolicyStep;
    if (!perm.ok) step = { name: policy.name, matched: false, why: perm.why };
    else {
      const who = any(policy.principals, (p) => principal(ctx, p), 'principals');
      step = { name: policy.name, matched: who.ok, why: who.ok ? `${perm.why}; ${who.why}` : who.why };
    }
    if (step.matched && policy.condition !== undefined) ctx.caveats.add(`policy ${policy.name}: its CEL condition is not evaluated (read as true)`);
    policies.push(step);
    if (step.matched) matched = policy.name;
  }
  return { matched, policies };
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
function writeShadowMetadata(ctx: Context, filter: string, prefix: string, matched: string | null, wouldDeny: boolean): void {
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
  const ctx = new Context(request, {});
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
function extAuthz(ctx: Context, filter: RbacFilter, config: ExtAuthzConfig, result: AuthzResult): void {
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
