import { asArray, asObject, asString, isObject, type JsonObject } from '../../envoy/json.ts';

/**
 * How istioctl describes a route's match in its tables (`describeMatch`): `prefix` → `/get*`,
 * `path_separated_prefix` → `PathPrefix:/get`, `path` → `/get`, `safe_regex` → `regex ^/get$`,
 * joined by a space. Header and query parameter matchers are not shown.
 */
export function describeMatch(match: unknown): string {
  const m = asObject(match) ?? {};
  const conds: string[] = [];
  const prefix = asString(m.prefix);
  if (prefix) conds.push(`${prefix}*`);
  const separated = asString(m.path_separated_prefix);
  if (separated) conds.push(`PathPrefix:${separated}`);
  const path = asString(m.path);
  if (path) conds.push(path);
  if (isObject(m.safe_regex)) conds.push(`regex ${asString(m.safe_regex.regex) ?? ''}`);
  return conds.join(' ');
}

/** A route's `route.cluster`, when its action forwards to one named cluster. */
export function singleCluster(route: JsonObject): string | undefined {
  return asString(asObject(route.route)?.cluster);
}

/** The routes of a raw virtual host. */
export function rawRoutes(virtualHost: JsonObject): JsonObject[] {
  return asArray(virtualHost.routes).filter(isObject);
}
