import type { QueryParameterMatcher } from '../envoy/route-types.ts';
import { PASS, type Verdict } from './header-match.ts';
import { type HttpRequest, queryString } from './request.ts';
import { describeStringMatch, matchString } from './string-match.ts';

/**
 * The query parameters as Envoy's route matcher sees them (QueryParamsMulti::parseQueryString):
 * split on `&` and the first `=`, NOT percent-decoded; a name without `=` has the value "".
 * Only the first value of a repeated name is matched.
 */
export function parseQueryParameters(path: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const query = queryString(path);
  if (query === '' && !path.includes('?')) return params;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return params;
}

/**
 * One QueryParameterMatcher (Envoy's ConfigUtility::QueryParameterMatcher): `present_match`
 * compares presence; otherwise the parameter must exist and its first raw value must match.
 */
function evaluateQueryParameter(matcher: QueryParameterMatcher, params: Map<string, string[]>): Verdict {
  const value = params.get(matcher.name)?.[0];
  if (matcher.presentMatch !== undefined) {
    if ((value !== undefined) === matcher.presentMatch) return PASS;
    return { ok: false, reason: matcher.presentMatch ? `query parameter ${matcher.name}: absent` : `query parameter ${matcher.name}: present, wanted absent` };
  }
  if (value === undefined) return { ok: false, reason: `query parameter ${matcher.name}: absent` };
  if (!matcher.stringMatch || matchString(matcher.stringMatch, value)) return PASS;
  return { ok: false, reason: `query parameter ${matcher.name}: wanted ${describeStringMatch(matcher.stringMatch)}, request has ${JSON.stringify(value)}` };
}

/** All query parameter matchers must match; the first failure is reported. */
export function evaluateQueryParameters(matchers: readonly QueryParameterMatcher[], request: HttpRequest): Verdict {
  if (matchers.length === 0) return PASS;
  const params = parseQueryParameters(request.path);
  for (const matcher of matchers) {
    const verdict = evaluateQueryParameter(matcher, params);
    if (!verdict.ok) return verdict;
  }
  return PASS;
}
