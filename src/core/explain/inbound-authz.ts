import { parseIstioPolicyName } from '../authz/istio-policy-name.ts';
import { type AuthzRequest, type AuthzResult, evaluateRbac, rbacFiltersOf } from '../authz/rbac-evaluate.ts';
import type { FilterChain } from '../envoy/types.ts';
import type { HttpRequest } from '../router/request.ts';
import type { InboundOptions } from './inbound.ts';
import type { Trace } from './trace.ts';

/**
 * The authorization stage of an inbound trace: the chain's RBAC (and ext_authz) filters
 * evaluated for this connection and request (core/authz), in the order Envoy meets them —
 * network filters when the connection is set up, then the HTTP filters before the router (a
 * denial answers before any route is used: the RBAC filter's decodeHeaders returns
 * StopIteration with a local reply, source/extensions/filters/http/rbac/rbac_filter.cc).
 * Returns the evaluation, or undefined when the chain has no such filter.
 */
export function authorizationStage(
  chain: FilterChain,
  request: HttpRequest,
  options: InboundOptions,
  destinationIp: string | undefined,
  trace: Trace,
): AuthzResult | undefined {
  const filters = rbacFiltersOf(chain);
  if (filters.length === 0) return undefined;
  const authz: AuthzRequest = {
    method: request.method,
    path: request.path,
    headers: request.headers,
    host: request.authority,
    destinationPort: options.port,
    ...(destinationIp ? { destinationIp } : {}),
    ...(options.sourceIp ? { sourceIp: options.sourceIp } : {}),
    // Only an mTLS peer presents a certificate whose URI SAN is its identity.
    ...(options.peer === 'mtls' && options.principal ? { principal: options.principal } : {}),
    ...(options.sni ? { requestedServerName: options.sni } : {}),
  };
  const result = evaluateRbac(filters, authz);
  const r = trace.result;
  for (const step of result.steps) {
    const shown = step.shadow ? `${step.action} (shadow)` : step.action;
    const decided = result.decidedBy?.filter === step.filter && !step.shadow;
    const verdict =
      step.action === 'NONE'
        ? 'no rules: allows'
        : step.action === 'MATCHER'
          ? 'a matcher tree meshscope does not evaluate'
          : step.action === 'CUSTOM'
            ? step.matched === null
              ? 'not triggered for this request'
              : `triggered by ${step.matched}: the ext_authz provider decides`
            : step.matched === null
              ? `no policy matches (${step.policies.length} tried)`
              : `policy ${step.matched} matches`;
    const tried = step.policies
      .filter((p) => p.name !== step.matched)
      .slice(0, 4)
      .map((p) => `${p.name}: ${p.why}`)
      .join('; ');
    const why = `${verdict}${tried ? `; ${tried}` : ''}${step.shadow ? ' (shadow rules never change the outcome)' : ''}`;
    trace.step('authorization', `${step.filter} ${shown}`, why);
    if (decided) trace.decide('authorization');
  }
  if (!options.principal && options.peer === 'mtls')
    r.caveats.push({
      severity: 'warning',
      code: 'assumption',
      message: 'the peer identity is not known (--principal): policies that name principals were evaluated as for a peer without one',
    });
  for (const message of result.caveats) r.caveats.push({ severity: 'warning', code: 'assumption', message });
  // Allowed: the ALLOW policy that matched last on the way (the one that let it through), if any.
  const policy = result.decidedBy?.policy ?? result.steps.filter((s) => !s.shadow && s.action === 'ALLOW' && s.matched !== null).at(-1)?.matched ?? null;
  const reply = result.status ? `"${result.body}" (${result.detail})` : (result.detail ?? '');
  let reason: string;
  if (result.allowed) {
    reason = `the authorization filters allow it${result.caveats.length ? ` (${result.caveats.length} caveat${result.caveats.length === 1 ? '' : 's'})` : ''}`;
  } else if (result.decidedBy?.action === 'DENY') {
    reason = `denied by ${istioName(policy) ?? `policy ${policy}`} in ${result.decidedBy.filter}: ${reply}`;
  } else {
    // ALLOW with no match: name the AuthorizationPolicies whose rules were tried.
    const step = result.steps.find((s) => !s.shadow && s.filter === result.decidedBy?.filter);
    const tried = [...new Set((step?.policies ?? []).map((p) => istioName(p.name, false) ?? p.name))];
    reason = `no ALLOW policy of ${result.decidedBy?.filter} matches${tried.length ? ` (tried ${tried.join(', ')})` : ' (it has none: allow nothing)'}: ${reply}`;
  }
  r.authorization = { allowed: result.allowed, status: result.status, policy, reason };
  return result;
}

/** `AuthorizationPolicy ns/name (rule N)` for an Istio-generated policy name, else null. */
function istioName(policy: string | null, withRule = true): string | null {
  const istio = policy ? parseIstioPolicyName(policy) : null;
  if (!istio) return null;
  return `AuthorizationPolicy ${istio.namespace}/${istio.name}${withRule ? ` (rule ${istio.rule})` : ''}`;
}
