import type { PathMatch, RouteMatch } from '../envoy/route-types.ts';
import { compileRegex, fullMatch } from '../text/regex.ts';
import type { Verdict } from './header-match.ts';
import { pathOnly } from './request.ts';
import { asciiLower } from './string-match.ts';
import { compileUriTemplate, matchUriTemplate } from './uri-template.ts';

/** The path a route's path specifier compares: without query and fragment (and `;params` when configured). */
function pathForMatching(path: string, ignorePathParameters: boolean): string {
  let value = path;
  if (ignorePathParameters) {
    const semi = value.indexOf(';');
    if (semi !== -1) value = value.slice(0, semi);
  }
  return pathOnly(value);
}

/** `prefix "/reviews"`, `exact path "/" (case-insensitive)`, `regex "^/api/.*"`. */
export function describePathMatch(path: PathMatch, caseSensitive: boolean): string {
  const ci = caseSensitive ? '' : ' (case-insensitive)';
  switch (path.kind) {
    case 'prefix':
      return `prefix ${JSON.stringify(path.value)}${ci}`;
    case 'path':
      return `exact path ${JSON.stringify(path.value)}${ci}`;
    case 'path_separated_prefix':
      return `path-separated prefix ${JSON.stringify(path.value)}${ci}`;
    case 'safe_regex':
      return `regex ${JSON.stringify(path.regex)}`;
    case 'path_match_policy':
      return `uri template ${JSON.stringify(path.template)}`;
    case 'connect_matcher':
      return 'CONNECT request';
    case 'unsupported':
      return `unsupported path specifier (${path.field})`;
  }
}

function startsWith(value: string, prefix: string, caseSensitive: boolean): boolean {
  return caseSensitive ? value.startsWith(prefix) : asciiLower(value).startsWith(asciiLower(prefix));
}

function pathMatches(path: PathMatch, caseSensitive: boolean, value: string): boolean | string {
  switch (path.kind) {
    case 'prefix':
      return startsWith(value, path.value, caseSensitive);
    case 'path':
      return caseSensitive ? value === path.value : asciiLower(value) === asciiLower(path.value);
    case 'path_separated_prefix':
      return (
        value.length >= path.value.length &&
        startsWith(value, path.value, caseSensitive) &&
        (value.length === path.value.length || value[path.value.length] === '/')
      );
    case 'safe_regex': {
      const compiled = compileRegex(path.regex);
      return compiled.ok ? fullMatch(path.regex, value) : `invalid RE2 pattern ${JSON.stringify(path.regex)}: ${compiled.error}`;
    }
    case 'path_match_policy': {
      const template = compileUriTemplate(path.template);
      return template.ok ? matchUriTemplate(path.template, value) : `invalid uri template ${JSON.stringify(path.template)}: ${template.error}`;
    }
    case 'connect_matcher':
      return false;
    case 'unsupported':
      return `path specifier ${path.field} is not supported by meshscope`;
  }
}

/**
 * The route's path specifier against the request path. Envoy compares the path without the
 * query; `case_sensitive: false` makes prefix/path compares ASCII case-insensitive (regex and
 * templates are unaffected); `path_separated_prefix` must be followed by the end or `/`.
 * `connect_matcher` matches any CONNECT request, whatever the path.
 */
export function evaluatePath(match: RouteMatch, method: string, path: string, ignorePathParameters = false): Verdict {
  if (match.path.kind === 'connect_matcher') {
    return method === 'CONNECT' ? { ok: true } : { ok: false, reason: `connect_matcher: method ${method} is not CONNECT` };
  }
  const value = pathForMatching(path, ignorePathParameters);
  const result = pathMatches(match.path, match.caseSensitive, value);
  if (result === true) return { ok: true };
  if (typeof result === 'string') return { ok: false, reason: `path: ${result}; the route never matches` };
  return { ok: false, reason: `path: wanted ${describePathMatch(match.path, match.caseSensitive)}, request has ${JSON.stringify(value)}` };
}
