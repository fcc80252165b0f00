import type { HeaderMatcher, RouteConfig, StringMatch } from '../envoy/route-types.ts';
import { regexError } from '../text/regex.ts';

/** A pattern RE2 refuses, and where it sits. */
export interface InvalidRegex {
  where: string;
  pattern: string;
  error: string;
}

function stringRegex(m: StringMatch | undefined): string | undefined {
  return m?.kind === 'safe_regex' ? m.regex : undefined;
}

function headerRegex(h: HeaderMatcher): string | undefined {
  return h.spec?.kind === 'string' ? stringRegex(h.spec.match) : undefined;
}

/**
 * The first regex in a route configuration that RE2 cannot compile. Envoy rejects (NACKs) the
 * whole RouteConfiguration then, so an explanation against it would describe a config no proxy runs.
 * Only this route config is checked: the rest of a large dump stays unparsed.
 */
export function firstInvalidRegex(rc: RouteConfig): InvalidRegex | undefined {
  for (const vh of rc.virtualHosts.value) {
    for (const route of vh.routes) {
      const where = `route config ${rc.name}, virtual host ${vh.name}, route #${route.index}${route.name ? ` ${route.name}` : ''}`;
      const patterns = [
        route.match.path.kind === 'safe_regex' ? route.match.path.regex : undefined,
        ...route.match.headers.map(headerRegex),
        ...route.match.queryParameters.map((q) => stringRegex(q.stringMatch)),
        route.action.kind === 'route' ? route.action.regexRewrite?.regex : undefined,
      ];
      for (const pattern of patterns) {
        if (pattern === undefined) continue;
        const error = regexError(pattern);
        if (error) return { where, pattern, error };
      }
    }
  }
  return undefined;
}
