import type { Route, VirtualHost } from '../envoy/route-types.ts';
import { evaluateHeaderMatcher, type Verdict } from './header-match.ts';
import { evaluateMetadataMatcher } from './metadata-match.ts';
import { evaluatePath } from './path-match.ts';
import { evaluateQueryParameters } from './query-match.ts';
import { type HttpRequest, headerValue } from './request.ts';
import type { RouteOptions } from './route-options.ts';
import { evaluateRuntimeFraction } from './runtime-fraction.ts';

/** A route that was passed over, and the predicate(s) that failed, in Envoy's evaluation order. */
export interface NotTakenRoute {
  index: number;
  name?: string;
  /** The first failed predicate, e.g. `header end-user: wanted exact "jason", request has "Jason"`. */
  reason: string;
  /** Every failed predicate (a route is a conjunction: the first is the one Envoy stops at). */
  failures: string[];
}

export interface RouteMatchResult {
  /** The first route whose predicates all hold, if any. */
  route?: Route;
  /** Routes before the winner (all routes when none matched), each with why it did not match. */
  notTaken: NotTakenRoute[];
  /** Routes matched only by assumption: a runtime_fraction gate undecided for lack of a random value. */
  assumptions: string[];
}

/** Envoy's gRPC request test: content-type exactly `application/grpc` or starting `application/grpc+`. */
function isGrpcRequest(request: HttpRequest): boolean {
  const type = headerValue(request, 'content-type') ?? '';
  return type === 'application/grpc' || type.startsWith('application/grpc+');
}

/**
 * Every predicate of one route, in the order Envoy's RouteEntryImplBase::matchRoute evaluates
 * them (runtime_fraction, grpc, headers, query_parameters, tls_context, dynamic_metadata), then
 * the path specifier. All must hold; they are independent, so the order only decides which
 * failure is named first.
 */
export function evaluateRoute(
  route: Route,
  request: HttpRequest,
  options: RouteOptions,
  ignorePathParameters = false,
): { failures: string[]; assumption?: string } {
  const failures: string[] = [];
  let assumption: string | undefined;
  const m = route.match;
  const push = (v: Verdict) => {
    if (!v.ok) failures.push(v.reason);
  };
  if (m.path.kind === 'connect_matcher') push(evaluatePath(m, request.method, request.path));
  if (m.runtimeFraction) {
    const v = evaluateRuntimeFraction(m.runtimeFraction, options);
    if (v.ok === false) failures.push(v.reason);
    else if (v.ok === 'undecided') assumption = v.note;
  }
  if (m.grpc && !isGrpcRequest(request)) {
    const type = headerValue(request, 'content-type');
    failures.push(`grpc: wanted content-type application/grpc, request has ${type === undefined ? 'none' : JSON.stringify(type)}`);
  }
  for (const header of m.headers) push(evaluateHeaderMatcher(header, request));
  push(evaluateQueryParameters(m.queryParameters, request));
  if (m.tlsContext) {
    const tls = options.tls ?? { peerCertificatePresented: false, peerCertificateValidated: false };
    if (m.tlsContext.presented !== undefined && m.tlsContext.presented !== tls.peerCertificatePresented) {
      failures.push(
        `tls_context: wanted a client certificate ${m.tlsContext.presented ? 'presented' : 'not presented'}, the connection has ${tls.peerCertificatePresented ? 'one' : 'none'}`,
      );
    }
    if (m.tlsContext.validated !== undefined && m.tlsContext.validated !== tls.peerCertificateValidated) {
      failures.push(
        `tls_context: wanted a client certificate ${m.tlsContext.validated ? 'validated' : 'not validated'}, the connection's is ${tls.peerCertificateValidated ? 'validated' : 'not validated'}`,
      );
    }
  }
  for (const matcher of m.dynamicMetadata) push(evaluateMetadataMatcher(matcher, options.dynamicMetadata));
  // FilterStateMatcher::match: no object under the key, no match. The request model carries no
  // filter state, so a filter_state matcher never matches here.
  for (const key of m.filterState) failures.push(`filter_state key ${key}: the request carries no filter state`);
  for (const name of m.cookies) failures.push(`cookie ${name}: cookie matchers are not evaluated by meshscope`);
  if (m.path.kind !== 'connect_matcher') push(evaluatePath(m, request.method, request.path, ignorePathParameters));
  return { failures, assumption };
}

/**
 * Envoy's VirtualHostImpl::getRouteFromRoutes: the first route whose match holds wins. Every
 * route before it is listed with the reason it was not taken.
 */
export function matchRoute(virtualHost: VirtualHost, request: HttpRequest, options: RouteOptions = {}, ignorePathParameters = false): RouteMatchResult {
  const notTaken: NotTakenRoute[] = [];
  const assumptions: string[] = [];
  for (const route of virtualHost.routes) {
    const { failures, assumption } = evaluateRoute(route, request, options, ignorePathParameters);
    if (failures.length === 0) {
      if (assumption) assumptions.push(`route ${route.index}${route.name ? ` (${route.name})` : ''} ${assumption}`);
      return { route, notTaken, assumptions };
    }
    notTaken.push({ index: route.index, ...(route.name ? { name: route.name } : {}), reason: failures[0]!, failures });
  }
  return { notTaken, assumptions };
}
