import { isHttpConnectionManager } from '../envoy/filter-names.ts';
import type { IssueSink } from '../envoy/issues.ts';
import { asArray, asObject, asString, isObject, type Json, type JsonObject } from '../envoy/json.ts';
import { toSnakeCase } from '../envoy/protojson.ts';
import { ROUTE_FIELDS } from '../envoy/route-known-fields.ts';
import type { RouteConfig } from '../envoy/route-types.ts';
import { parseRouteConfig } from '../envoy/routes/parse.ts';
import { SchemaError, unknownFieldMessage } from './strict-fields.ts';

/**
 * Every field of envoy.config.route.v3.RouteConfiguration (Envoy's route.proto, with the
 * pre-release spelling of vhost_header): anything else is rejected, as Envoy's strict loading
 * does (MessageUtil::loadFromJson → ValidationVisitor::onUnknownField).
 */
const ROUTE_CONFIGURATION_FIELDS: ReadonlySet<string> = ROUTE_FIELDS.RouteConfiguration.known;
const BOOTSTRAP_MARKERS = ['static_resources', 'dynamic_resources', 'admin', 'layered_runtime', 'node', 'cluster_manager'];

/** The route config to check, and the runtime a bootstrap's static layers carry. */
export interface LoadedRouteConfig {
  config: RouteConfig;
  /** `route_configuration` file, or the inline route_config of a bootstrap's static listener. */
  from: 'route_configuration' | 'bootstrap';
  /** The listener it came from (bootstrap only). */
  listener?: string;
  /** Static runtime layers of a bootstrap's `layered_runtime`, merged in order. */
  runtime: JsonObject;
}

function inlineRouteConfig(listener: JsonObject): JsonObject | undefined {
  for (const chain of asArray(listener.filter_chains)) {
    for (const filter of asArray(asObject(chain)?.filters)) {
      const f = asObject(filter);
      const typed = asObject(f?.typed_config);
      if (!f || !typed || !isHttpConnectionManager(asString(f.name) ?? '', asString(typed['@type']))) continue;
      const routeConfig = asObject(typed.route_config);
      if (routeConfig) return routeConfig;
    }
  }
  return undefined;
}

function fromBootstrap(doc: JsonObject, sink: IssueSink, listenerName: string | undefined): LoadedRouteConfig {
  const listeners = asArray(asObject(doc.static_resources)?.listeners).filter(isObject);
  const candidates = listenerName === undefined ? listeners : listeners.filter((l) => l.name === listenerName);
  if (listenerName !== undefined && candidates.length === 0) {
    throw new SchemaError(
      `the bootstrap has no static listener named "${listenerName}" (it has ${listeners.map((l) => JSON.stringify(l.name ?? '')).join(', ') || 'none'})`,
    );
  }
  const runtime: JsonObject = {};
  for (const layer of asArray(asObject(doc.layered_runtime)?.layers)) Object.assign(runtime, asObject(asObject(layer)?.static_layer) ?? {});
  for (const listener of candidates) {
    const routeConfig = inlineRouteConfig(listener);
    if (!routeConfig) continue;
    const name = asString(listener.name) ?? '';
    return { config: parseRouteConfig(routeConfig, sink, `listener ${name} route_config`), from: 'bootstrap', listener: name, runtime };
  }
  throw new SchemaError(
    `the bootstrap has no static listener with an HTTP connection manager and an inline route_config${listenerName ? ` (looked at listener "${listenerName}")` : ''}; RDS routes cannot be checked offline`,
  );
}

/**
 * Reads the `--config` document: an envoy.config.route.v3.RouteConfiguration (snake_case or
 * camelCase protojson), or a full Envoy bootstrap, in which case the inline `route_config` of a
 * static listener's HTTP connection manager is used (`listener` picks one by name). A top-level
 * field a RouteConfiguration does not have is rejected in Envoy's words (a test file passed as the
 * config names `tests`); deeper problems go to `sink`.
 */
export function loadRouteConfigDocument(doc: Json, sink: IssueSink, listener?: string): LoadedRouteConfig {
  if (!isObject(doc)) throw new SchemaError('INVALID_ARGUMENT: the route config must be a RouteConfiguration object');
  const snake = toSnakeCase(doc) as JsonObject;
  if (BOOTSTRAP_MARKERS.some((key) => key in snake) && !('virtual_hosts' in snake)) return fromBootstrap(snake, sink, listener);
  for (const key of Object.keys(snake)) {
    if (!ROUTE_CONFIGURATION_FIELDS.has(key)) throw new SchemaError(unknownFieldMessage('envoy.config.route.v3.RouteConfiguration', key));
  }
  return { config: parseRouteConfig(snake, sink, 'route_config'), from: 'route_configuration', runtime: {} };
}
