import { asArray, asObject } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { JwtClaimBasedRoutingWithoutRequestAuthN } from './catalogue.ts';
import { message, ofKind, stringMapOf } from './resource.ts';
import { stringList } from './service-lookup.ts';

/**
 * virtualservice.JWTClaimRouteAnalyzer (istio/istio pkg/config/analysis/analyzers/virtualservice/
 * jwtclaimroute.go): a VirtualService matching on a JWT claim header (`@request.auth.claims.x` or
 * `@request.auth.claims[x]`, pkg/jwt/routing.go ToRoutingClaim) on an Istio Gateway needs, for
 * every pod the Gateway selects, a RequestAuthentication selecting that pod in istio-system or the
 * pod's namespace; each pod without one is IST0149.
 */
const CLAIM = '@request.auth.claims';

/** ToRoutingClaim(...).Match */
export function isClaimHeader(header: string): boolean {
  if (!header.toLowerCase().startsWith(CLAIM)) return false;
  const rest = header.slice(CLAIM.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

/** routeBasedOnJWTClaimKey: the first claim header of any match (headers, then withoutHeaders). */
function claimKey(spec: Record<string, unknown>): string {
  for (const rule of asArray(spec.http as never)) {
    for (const match of asArray(asObject(rule)?.match)) {
      const m = asObject(match);
      for (const field of ['headers', 'withoutHeaders']) for (const key of Object.keys(asObject(m?.[field]) ?? {})) if (isClaimHeader(key)) return key;
    }
  }
  return '';
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export const jwtClaimRouteAnalyzer: Analyzer = {
  name: 'virtualservice.JWTClaimRouteAnalyzer',
  description: 'Checks the VirtualService using JWT claim based routing has corresponding RequestAuthentication',
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    const authn = new Map<string, Record<string, string>[]>();
    for (const ra of ofKind(input, 'RequestAuthentication')) {
      authn.set(ra.namespace, [...(authn.get(ra.namespace) ?? []), stringMapOf(asObject(ra.spec.selector)?.matchLabels) ?? {}]);
    }
    const gateways = new Map(ofKind(input, 'Gateway').map((g) => [g.fullName, g] as const));
    const pods = ofKind(input, 'Pod');
    for (const vs of ofKind(input, 'VirtualService')) {
      const key = claimKey(vs.spec);
      if (key === '') continue;
      for (const gwName of stringList(vs.spec.gateways)) {
        if (gwName === 'mesh') continue;
        const full = gwName.includes('/') ? gwName : vs.namespace === '' ? gwName : `${vs.namespace}/${gwName}`;
        const gw = gateways.get(full);
        if (gw === undefined) continue;
        const selector = stringMapOf(gw.spec.selector) ?? {};
        for (const pod of pods) {
          if (!matches(selector, pod.labels)) continue;
          const selectors = [...(authn.get('istio-system') ?? []), ...(authn.get(pod.namespace) ?? [])];
          if (!selectors.some((s) => matches(s, pod.labels))) out.push(message(JwtClaimBasedRoutingWithoutRequestAuthN, vs, key, full, pod.name));
        }
      }
    }
    return out;
  },
};
