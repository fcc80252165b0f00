import { asArray, asObject, type JsonObject } from '../json.ts';
import { parseMatcher } from '../matcher-tree-parse.ts';
import type { Matcher, OnMatch, TypedExtension } from '../matcher-tree-types.ts';
import type { Route } from '../route-types.ts';
import type { RouteContext } from './context.ts';
import { parseRoute } from './route.ts';

/**
 * A virtual host's `matcher` (an xds.type.matcher.v3.Matcher used instead of `routes`): the tree,
 * and the routes each of its actions holds. An action is an `envoy.config.route.v3.Route` (one
 * route) or an `envoy.config.route.v3.RouteList` (routes tried in order); the routes keep their
 * own `match`, which must hold too (VirtualHostImpl::getRouteFromEntries hands the action's
 * routes to getRouteFromRoutes). Routes are numbered across the whole tree in the order written.
 */
export interface VirtualHostMatcher {
  tree: Matcher;
  routes: Map<TypedExtension, Route[]>;
}

const ROUTE = 'envoy.config.route.v3.Route';
const ROUTE_LIST = 'envoy.config.route.v3.RouteList';

function actionsOf(matcher: Matcher, out: TypedExtension[], depth = 0): TypedExtension[] {
  // Envoy's matcher trees are shallow (its validation limits recursion); guard against hostile input.
  if (depth > 64) return out;
  const visit = (on: OnMatch | undefined): void => {
    if (on?.kind === 'action') out.push(on.action);
    else if (on?.kind === 'matcher') actionsOf(on.matcher, out, depth + 1);
  };
  if (matcher.kind === 'tree') {
    if (matcher.tree.kind === 'exact' || matcher.tree.kind === 'prefix') for (const on of matcher.tree.map.values()) visit(on);
    else if (matcher.tree.kind === 'ip') for (const r of matcher.tree.rangeMatchers) visit(r.onMatch);
  } else if (matcher.kind === 'list') for (const m of matcher.matchers) visit(m.onMatch);
  visit(matcher.onNoMatch);
  return out;
}

export function parseVirtualHostMatcher(raw: JsonObject, context: RouteContext, at: string): VirtualHostMatcher {
  const tree = parseMatcher(raw);
  const routes = new Map<TypedExtension, Route[]>();
  let index = 0;
  for (const action of actionsOf(tree, [])) {
    const config = action.config ?? {};
    const where = `${at}.matcher[${action.name}]`;
    if (action.type === ROUTE) routes.set(action, [parseRoute(config, index++, context, where)]);
    else if (action.type === ROUTE_LIST)
      routes.set(
        action,
        asArray(config.routes).map((route, i) => parseRoute(asObject(route) ?? {}, index++, context, `${where}.routes[${i}]`)),
      );
    else
      context.sink.report({
        severity: 'warning',
        code: 'bad-value',
        message: `virtual host matcher action ${action.type || action.name || '(no type)'} is neither a Route nor a RouteList: Envoy rejects it ("Action in router matcher should be Route or RouteList"); here it routes nowhere`,
        where,
      });
  }
  return { tree, routes };
}
