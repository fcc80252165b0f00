import type { HeaderMatcher, PathMatch, QueryParameterMatcher, RouteMatch, StringMatch } from '../envoy/route-types.ts';
import { percent } from '../text/percent.ts';

/**
 * A route's match in one short line, in the words of a VirtualService `match` block:
 * `prefix /reviews & end-user=jason`. Every predicate Envoy evaluates is listed, so two routes
 * with the same summary match the same requests.
 */
export function describeRouteMatch(match: RouteMatch): string {
  const parts = [pathText(match.path) + (match.caseSensitive ? '' : ' (any case)')];
  for (const h of match.headers) parts.push(headerText(h));
  for (const q of match.queryParameters) parts.push(queryText(q));
  if (match.runtimeFraction) parts.push(`runtime ${percent(match.runtimeFraction.numerator / match.runtimeFraction.denominator)}`);
  if (match.grpc) parts.push('grpc');
  if (match.tlsContext) parts.push('tls context');
  if (match.dynamicMetadata.length) parts.push(`${match.dynamicMetadata.length} metadata matcher${match.dynamicMetadata.length === 1 ? '' : 's'}`);
  // Every predicate must hold (AND); ASCII keeps Ink's per-line width measuring on its fast path.
  return parts.join(' & ');
}

function pathText(path: PathMatch): string {
  switch (path.kind) {
    case 'prefix':
      return `prefix ${path.value || '/'}`;
    case 'path':
      return `path ${path.value}`;
    case 'safe_regex':
      return `regex ${path.regex}`;
    case 'path_separated_prefix':
      return `prefix ${path.value} (whole segments)`;
    case 'path_match_policy':
      return `template ${path.template}`;
    case 'connect_matcher':
      return 'CONNECT';
    case 'unsupported':
      return `unsupported ${path.field}`;
  }
}

const OPERATORS: Record<string, string> = { exact: '=', prefix: '^=', suffix: '$=', contains: '*=', safe_regex: '~=' };

/** `=jason`, `^=/api`, `~=^v[0-9]+$`; `(any case)` when ignore_case applies. */
function stringMatchText(match: StringMatch): string {
  if (match.kind === 'unsupported') return ` (unsupported ${match.field})`;
  const value = match.kind === 'safe_regex' ? match.regex : match.value;
  return `${OPERATORS[match.kind]}${value}${match.ignoreCase && match.kind !== 'safe_regex' ? ' (any case)' : ''}`;
}

function headerText(h: HeaderMatcher): string {
  const not = h.invert ? '!' : '';
  const spec = h.spec;
  if (!spec) return `${not}${h.name} present`;
  switch (spec.kind) {
    case 'string':
      return `${not}${h.name}${stringMatchText(spec.match)}`;
    case 'present':
      return `${not}${h.name} ${spec.present ? 'present' : 'absent'}`;
    case 'range':
      return `${not}${h.name} in [${spec.start},${spec.end})`;
    case 'unsupported':
      return `${not}${h.name} (unsupported ${spec.field})`;
  }
}

function queryText(q: QueryParameterMatcher): string {
  if (q.stringMatch) return `?${q.name}${stringMatchText(q.stringMatch)}`;
  return `?${q.name}${q.presentMatch === false ? ' absent' : ' present'}`;
}
