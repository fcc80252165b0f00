import type { ForwardAction, PathMatch, RedirectAction } from '../envoy/route-types.ts';
import { replaceAll } from '../text/regex.ts';
import { appendForwardedHost, headerAfterMutations, type RequestMutationLevel } from './header-mutation.ts';
import { type HttpRequest, pathOnly } from './request.ts';
import { rewriteUriTemplate } from './uri-template.ts';

/** A rewritten :path or :authority, and which setting did it. */
export interface Rewrite {
  from: string;
  to: string;
  by:
    | 'prefix_rewrite'
    | 'regex_rewrite'
    | 'path_template_rewrite'
    | 'host_rewrite_literal'
    | 'host_rewrite_header'
    | 'host_rewrite_path_regex'
    | 'weighted_cluster host_rewrite_literal';
  /** `append_x_forwarded_host`: the x-forwarded-host sent upstream (the old Host appended). */
  xForwardedHost?: string;
  /** A `%COMMAND%` in a request_headers_to_add value the rewrite read, not expanded here. */
  unresolved?: string;
}

/**
 * The part of the path Envoy's prefix_rewrite replaces (`matched_path`): the configured prefix
 * or exact path (its length, whatever the request's case), or the whole path without the query
 * for regex and CONNECT routes.
 */
function matchedPath(path: PathMatch, requestPath: string): string {
  switch (path.kind) {
    case 'prefix':
    case 'path':
    case 'path_separated_prefix':
      return path.value;
    case 'path_match_policy':
      return path.template;
    default:
      return pathOnly(requestPath);
  }
}

/**
 * Envoy's currentUrlPathAfterRewriteWithMatchedPath. `prefix_rewrite` replaces the first
 * `matched_path.length` characters (the query stays); `regex_rewrite` runs RE2 GlobalReplace
 * over the path without its query and keeps the query; `path_template_rewrite` substitutes the
 * uri template variables. Undefined when the route rewrites nothing.
 */
export function rewritePath(
  rewrite: Pick<ForwardAction, 'prefixRewrite' | 'regexRewrite' | 'pathRewritePolicy'>,
  path: PathMatch,
  requestPath: string,
): Rewrite | undefined {
  if (rewrite.prefixRewrite) {
    const matched = matchedPath(path, requestPath);
    return { from: requestPath, to: rewrite.prefixRewrite + requestPath.slice(matched.length), by: 'prefix_rewrite' };
  }
  const justPath = pathOnly(requestPath);
  const rest = requestPath.slice(justPath.length);
  if (rewrite.regexRewrite) {
    const replaced = replaceAll(rewrite.regexRewrite.regex, justPath, rewrite.regexRewrite.substitution);
    return replaced === undefined ? undefined : { from: requestPath, to: replaced + rest, by: 'regex_rewrite' };
  }
  if (rewrite.pathRewritePolicy !== undefined && path.kind === 'path_match_policy') {
    const replaced = rewriteUriTemplate(path.template, rewrite.pathRewritePolicy, justPath);
    return { from: requestPath, to: replaced === undefined ? requestPath : replaced + rest, by: 'path_template_rewrite' };
  }
  return undefined;
}

/**
 * The Host Envoy sends upstream (RouteEntryImplBase::finalizeHostHeader): `host_rewrite_literal`,
 * else the first value of `host_rewrite_header` (when present and non-empty) as it stands after
 * the `request_headers_to_add` of every level (`levels`; finalizeRequestHeaders runs them first),
 * else `host_rewrite_path_regex` applied to the path. A weighted cluster's own literal applies
 * first and is overridden by the route's. `auto_host_rewrite` depends on the chosen endpoint and
 * is not resolved here. With `append_x_forwarded_host` the old Host goes to x-forwarded-host
 * (Utility::updateAuthority).
 */
export function rewriteHost(
  action: ForwardAction,
  request: HttpRequest,
  weightedHostLiteral?: string,
  levels: readonly RequestMutationLevel[] = [],
): Rewrite | undefined {
  const from = request.authority;
  const withXfh = (rewrite: Rewrite): Rewrite => {
    if (!action.appendXForwardedHost || rewrite.by === 'weighted_cluster host_rewrite_literal') return rewrite;
    const xfh = appendForwardedHost(headerAfterMutations(request, 'x-forwarded-host', levels).value, from);
    return xfh === undefined ? rewrite : { ...rewrite, xForwardedHost: xfh };
  };
  if (action.hostRewriteLiteral) return withXfh({ from, to: action.hostRewriteLiteral, by: 'host_rewrite_literal' });
  if (action.hostRewriteHeader) {
    const { value, unresolved } = headerAfterMutations(request, action.hostRewriteHeader, levels);
    if (value) return withXfh({ from, to: value, by: 'host_rewrite_header', ...(unresolved ? { unresolved } : {}) });
  } else if (action.hostRewritePathRegex) {
    const to = replaceAll(action.hostRewritePathRegex.regex, pathOnly(request.path), action.hostRewritePathRegex.substitution);
    if (to) return withXfh({ from, to, by: 'host_rewrite_path_regex' });
  }
  if (weightedHostLiteral) return { from, to: weightedHostLiteral, by: 'weighted_cluster host_rewrite_literal' };
  return undefined;
}

/** The redirect's own path rewrite (`prefix_rewrite` or `regex_rewrite` inside `redirect`), applied before the Location is built. */
export function rewriteRedirectPath(redirect: RedirectAction, path: PathMatch, requestPath: string): string {
  if (redirect.regexRewrite) {
    const justPath = pathOnly(requestPath);
    const replaced = replaceAll(redirect.regexRewrite.regex, justPath, redirect.regexRewrite.substitution);
    return replaced === undefined ? requestPath : replaced + requestPath.slice(justPath.length);
  }
  if (redirect.prefixRewrite) return redirect.prefixRewrite + requestPath.slice(matchedPath(path, requestPath).length);
  return requestPath;
}
