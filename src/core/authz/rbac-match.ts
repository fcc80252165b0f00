import { ipInRange, parseIp } from '../envoy/ip.ts';
import type { JsonObject } from '../envoy/json.ts';
import type { StringMatch } from '../envoy/route-types.ts';
import type { CidrRange } from '../envoy/types.ts';
import { describeHeaderMatcher, headerMatches } from '../router/header-match.ts';
import { evaluateMetadataMatcher } from '../router/metadata-match.ts';
import { describeStringMatch, matchString } from '../router/string-match.ts';
import { matchUriTemplate } from '../router/uri-template.ts';
import type { AuthzPolicyStep, AuthzRequest } from './rbac-evaluate.ts';
import type { Permission, Principal, RbacRules } from './rbac-types.ts';

/**
 * The matchers of one RBAC engine (Envoy's source/extensions/filters/common/rbac/matchers.cc):
 * permissions and principals against one request, each verdict with the reason in words, and
 * the engine's first matching policy (`runEngine`). `rbac-evaluate.ts` runs the filters of a
 * chain in order with them.
 */
interface Verdict {
  ok: boolean;
  why: string;
}

const yes = (why: string): Verdict => ({ ok: true, why });
const no = (why: string): Verdict => ({ ok: false, why });

/** The request as the matchers see it, plus the caveats met while matching. */
export class MatchContext {
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

function urlPath(ctx: MatchContext, match: StringMatch): Verdict {
  const path = ctx.pathOnly();
  if (path === undefined) return no('url_path: a network filter sees no HTTP path');
  const want = describeStringMatch(match);
  return str(match, path) ? yes(`path ${JSON.stringify(path)} is ${want}`) : no(`path ${JSON.stringify(path)}, wanted ${want}`);
}

function ipIn(ctx: MatchContext, label: string, address: string | undefined, range: CidrRange): Verdict {
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

function headerVerdict(ctx: MatchContext, header: Parameters<typeof headerMatches>[0]): Verdict {
  const value = ctx.header(header.name);
  const want = describeHeaderMatcher(header);
  const have = value === undefined ? 'absent' : JSON.stringify(value);
  return headerMatches(header, value) ? yes(`header ${header.name} ${have} is ${want}`) : no(`header ${header.name} ${have}, wanted ${want}`);
}

function metadataVerdict(ctx: MatchContext, matcher: Parameters<typeof evaluateMetadataMatcher>[0]): Verdict {
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

function permission(ctx: MatchContext, p: Permission): Verdict {
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
function authenticated(ctx: MatchContext, match: StringMatch | undefined): Verdict {
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

function principal(ctx: MatchContext, p: Principal): Verdict {
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
export function runEngine(ctx: MatchContext, rules: RbacRules): { matched: string | null; policies: AuthzPolicyStep[] } {
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
