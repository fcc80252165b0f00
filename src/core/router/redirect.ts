import type { RedirectAction } from '../envoy/route-types.ts';
import { type HttpRequest, headerValue } from './request.ts';

/**
 * Envoy's processRequestHost: keeps the Host, but drops its port when the redirect sets a port,
 * or when the scheme changes and the port was the old scheme's default (`:80` for http,
 * `:443` for https, judged by x-forwarded-proto).
 */
function redirectHost(request: HttpRequest, newScheme: string, newPort: string): string {
  const host = request.authority;
  if (host === '') return host;
  let end: number;
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']:');
    end = i === -1 ? -1 : i + 1;
  } else {
    end = host.lastIndexOf(':');
  }
  if (end === -1) return host;
  const port = host.slice(end);
  const proto = (headerValue(request, 'x-forwarded-proto') ?? request.scheme).toLowerCase();
  let remove = newPort !== '';
  if (newScheme !== proto) {
    remove ||= proto === 'https' && port === ':443';
    remove ||= proto === 'http' && port === ':80';
  }
  return remove ? host.slice(0, end) : host;
}

/**
 * The Location Envoy sends for a redirect route (Http::Utility::newUri): scheme from
 * `scheme_redirect`, `https_redirect` or the request's :scheme; host from `host_redirect` or the
 * request (see redirectHost); `:port_redirect`; path from `path_redirect` (the request's query is
 * appended unless path_redirect has its own) or the (possibly prefix/regex-rewritten) request
 * path; `strip_query` drops the query unless path_redirect carries one.
 * `path` is the request path after the redirect's own prefix/regex rewrite.
 */
export function redirectLocation(redirect: RedirectAction | undefined, request: HttpRequest, path: string): string {
  const scheme = redirect?.schemeRedirect || (redirect?.httpsRedirect ? 'https' : request.scheme);
  const port = redirect?.portRedirect ? `:${redirect.portRedirect}` : '';
  const host = redirect?.hostRedirect || redirectHost(request, scheme, port);
  const pathRedirectHasQuery = redirect?.pathRedirect?.includes('?') ?? false;
  let finalPath: string;
  if (redirect?.pathRedirect) {
    if (pathRedirectHasQuery) finalPath = redirect.pathRedirect;
    else {
      const q = request.path.indexOf('?');
      finalPath = q === -1 ? redirect.pathRedirect : redirect.pathRedirect + request.path.slice(q);
    }
  } else {
    finalPath = path;
  }
  if (!finalPath.startsWith('/')) finalPath = `/${finalPath}`;
  if (redirect && !pathRedirectHasQuery && redirect.stripQuery) {
    const q = finalPath.indexOf('?');
    if (q !== -1) finalPath = finalPath.slice(0, q);
  }
  return `${scheme}://${host}${port}${finalPath}`;
}

/** require_tls's redirect (Http::Utility::createSslRedirectPath): `https://` + the Host as sent + the path. */
export function sslRedirectLocation(request: HttpRequest): string {
  return `https://${request.authority}${request.path}`;
}
