import type { IssueSink } from '../issues.ts';
import { asObject, asString, type JsonObject } from '../json.ts';
import type { PathMatch } from '../route-types.ts';
import { parseRegexMatcher } from './string-matcher.ts';

const EXTENSION = new Set(['name', 'typed_config']);
const URI_TEMPLATE_TYPE = 'type.googleapis.com/envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig';

/** `path_match_policy`: only the uri_template extension (`path_template: /books/{id}`) exists in Envoy. */
function pathMatchPolicy(value: JsonObject, sink: IssueSink, where: string): PathMatch {
  sink.unknownFields('path_match_policy', where, value, EXTENSION);
  const config = asObject(value.typed_config);
  const template = asString(config?.path_template);
  if (template !== undefined && (config?.['@type'] === undefined || config['@type'] === URI_TEMPLATE_TYPE)) {
    return { kind: 'path_match_policy', template };
  }
  sink.report({
    severity: 'warning',
    code: 'unsupported',
    kind: 'route-path-unsupported',
    message: `path_match_policy ${asString(config?.['@type']) ?? asString(value.name) ?? '(no type)'} is not evaluated; the route never matches`,
    where,
  });
  return { kind: 'unsupported', field: 'path_match_policy' };
}

/** The RouteMatch path_specifier oneof: prefix, path, safe_regex, connect_matcher, path_separated_prefix, path_match_policy. */
export function parsePathSpecifier(match: JsonObject, sink: IssueSink, where: string): PathMatch {
  const prefix = asString(match.prefix);
  if (prefix !== undefined) return { kind: 'prefix', value: prefix };
  const path = asString(match.path);
  if (path !== undefined) return { kind: 'path', value: path };
  if (match.safe_regex !== undefined) {
    const regex = parseRegexMatcher(match.safe_regex, sink, where);
    if (regex !== undefined) return { kind: 'safe_regex', regex };
  }
  const separated = asString(match.path_separated_prefix);
  if (separated !== undefined) return { kind: 'path_separated_prefix', value: separated };
  if (match.connect_matcher !== undefined) return { kind: 'connect_matcher' };
  const policy = asObject(match.path_match_policy);
  if (policy) return pathMatchPolicy(policy, sink, where);
  const field = match.regex !== undefined ? 'regex' : match.safe_regex !== undefined ? 'safe_regex' : '(none)';
  const message =
    field === '(none)'
      ? 'route match has no path specifier; Envoy rejects such a route; here it never matches'
      : `route match path specifier ${field} is not understood by meshscope; the route never matches`;
  const kind = field === 'regex' || field === 'safe_regex' ? 'route-path-regex' : 'route-path-unsupported';
  sink.report({ severity: 'warning', code: 'unsupported', kind, message, where });
  return { kind: 'unsupported', field };
}
