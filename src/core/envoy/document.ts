import { InputError } from '../errors.ts';
import { sanitizeLine } from '../text/sanitize.ts';
import { parseCluster } from './cluster.ts';
import { readConfigDump, readSection, sectionName } from './config-dump.ts';
import type { ProxyDraft } from './draft.ts';
import { entryMeta } from './dump-entry.ts';
import { parseClusterLoadAssignment } from './endpoints.ts';
import { parseClusterStatus } from './host-status.ts';
import type { IssueSink } from './issues.ts';
import { asString, isObject, type Json, type JsonObject } from './json.ts';
import { SECTION_FIELDS } from './known-fields.ts';
import { parseListener } from './listener.ts';
import type { LoadCache } from './load-cache.ts';
import { parseRouteConfig } from './routes/parse.ts';
import { toSnakeDocument } from './spelling.ts';
import { findV2Evidence, v2Refusal } from './v2-api.ts';

/**
 * Recognises what a user handed in and reads it into the draft:
 * - Envoy's `/config_dump` or `istioctl proxy-config all POD -o json`: `{configs: [...]}`;
 * - Envoy's `/clusters?format=json`: `{cluster_statuses: [...]}`;
 * - `istioctl proxy-config cluster|listener|route|eds|endpoints POD -o json`: a bare array of
 *   Cluster, Listener, RouteConfiguration, ClusterLoadAssignment or ClusterStatus (camelCase),
 *   told apart by content;
 * - `istioctl proxy-config bootstrap|secret|ecds POD -o json`: one admin section without `configs`;
 * - a single resource object of any of those kinds.
 * Anything else is an InputError naming what was found, and so is Envoy v2 API config (see `findV2Evidence`).
 */
export type ResourceKind = 'cluster' | 'listener' | 'route_config' | 'cluster_load_assignment' | 'cluster_status';

const TYPE_SUFFIXES: [string, ResourceKind][] = [
  ['.Cluster', 'cluster'],
  ['.Listener', 'listener'],
  ['.RouteConfiguration', 'route_config'],
  ['.ClusterLoadAssignment', 'cluster_load_assignment'],
  ['.ClusterStatus', 'cluster_status'],
];
const STATUS_KEYS = ['host_statuses', 'added_via_api', 'observability_name', 'success_rate_ejection_threshold'];
const ROUTE_KEYS = ['virtual_hosts', 'validate_clusters', 'vhds', 'ignore_port_in_host_matching'];
const LISTENER_KEYS = ['filter_chains', 'default_filter_chain', 'listener_filters', 'internal_listener', 'traffic_direction', 'address', 'use_original_dst'];
const CLA_KEYS = ['endpoints', 'policy', 'named_endpoints'];
const CLUSTER_KEYS = [
  'type',
  'cluster_type',
  'connect_timeout',
  'eds_cluster_config',
  'lb_policy',
  'load_assignment',
  'transport_socket_matches',
  'transport_socket',
  'circuit_breakers',
  'common_lb_config',
  'outlier_detection',
];

const hasAny = (obj: JsonObject, keys: string[]): boolean => keys.some((k) => k in obj);

/** Which xDS/admin resource an object is, by `@type` or by its fields. */
function resourceKind(obj: JsonObject): ResourceKind | undefined {
  const type = asString(obj['@type']);
  if (type) for (const [suffix, kind] of TYPE_SUFFIXES) if (type.endsWith(suffix)) return kind;
  if (hasAny(obj, STATUS_KEYS)) return 'cluster_status';
  if (hasAny(obj, ROUTE_KEYS)) return 'route_config';
  if ('cluster_name' in obj && (hasAny(obj, CLA_KEYS) || !('name' in obj))) return 'cluster_load_assignment';
  if (hasAny(obj, LISTENER_KEYS)) return 'listener';
  if (hasAny(obj, CLUSTER_KEYS)) return 'cluster';
  return undefined;
}

/** istioctl's arrays do not say whether a resource is active, warming or static: active. */
const ACTIVE = entryMeta({}, 'active');

function readResource(kind: ResourceKind, obj: JsonObject, draft: ProxyDraft, sink: IssueSink, cache: LoadCache): void {
  switch (kind) {
    case 'cluster':
      draft.sections.clusters = true;
      draft.clusters.push(parseCluster(obj, ACTIVE, sink, cache));
      return;
    case 'listener':
      draft.sections.listeners = true;
      draft.listeners.push(parseListener(obj, ACTIVE, sink));
      return;
    case 'route_config': {
      draft.sections.routes = true;
      const config = parseRouteConfig(obj, sink, `routes[${asString(obj.name) ?? ''}]`);
      draft.routeConfigs.push(config);
      if (!draft.routeConfigMeta.has(config.name)) draft.routeConfigMeta.set(config.name, ACTIVE);
      return;
    }
    case 'cluster_load_assignment':
      draft.sections.endpoints = true;
      draft.endpoints.push(parseClusterLoadAssignment(obj, ACTIVE, sink, '', cache));
      return;
    case 'cluster_status':
      draft.sections.hostStatus = true;
      draft.hostStatus.push(parseClusterStatus(obj, sink));
  }
}

/** An istioctl `-o json` array: the kind comes from the first item that tells (or `forced`); the rest follow it. */
function readResourceList(name: string, list: Json[], draft: ProxyDraft, sink: IssueSink, cache: LoadCache, forced?: ResourceKind): boolean {
  if (list.length === 0) {
    sink.report({ severity: 'warning', code: 'empty-input', message: `${name} holds an empty list: nothing to load`, where: name });
    return true;
  }
  let listKind = forced;
  if (!listKind) {
    for (const item of list) {
      listKind = isObject(item) ? resourceKind(item) : undefined;
      if (listKind) break;
    }
  }
  if (!listKind) return false;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObject(item)) {
      sink.report({ severity: 'warning', code: 'bad-value', message: `${name}: item ${i} is not an object; skipped`, where: name });
      continue;
    }
    readResource(forced ?? resourceKind(item) ?? listKind, item, draft, sink, cache);
  }
  return true;
}

/** Section name for a bare admin section (`{bootstrap: ...}`, `{dynamic_active_secrets: [...]}`). */
function bareSection(obj: JsonObject): string | undefined {
  const type = asString(obj['@type']);
  if (type) return sectionName(type);
  for (const [section, fields] of Object.entries(SECTION_FIELDS)) {
    for (const field of fields) if (field !== 'version_info' && field !== 'last_updated' && field in obj) return section;
  }
  return undefined;
}

const EXPECTED = 'expected an Envoy config dump ({configs: [...]}), an istioctl -o json array or /clusters JSON';

function describeValue(value: Json): string {
  if (Array.isArray(value)) {
    const first = value.find(isObject);
    return first ? `an array of objects with keys ${keyList(first)}` : `an array of ${value.length === 0 ? 'nothing' : typeof value[0]}s`;
  }
  if (isObject(value)) return Object.keys(value).length === 0 ? 'an empty object' : `an object with keys ${keyList(value)}`;
  return value === null ? 'null' : `a ${typeof value}`;
}

function keyList(obj: JsonObject): string {
  const keys = Object.keys(obj);
  const shown = keys.slice(0, 6).map((k) => sanitizeLine(k).slice(0, 40));
  return shown.join(', ') + (keys.length > shown.length ? `, ... (${keys.length} keys)` : '');
}

/** Reads one parsed JSON document into the draft; throws InputError when its shape is not one of ours. */
export function readDocument(name: string, original: Json, draft: ProxyDraft, sink: IssueSink, cache: LoadCache): void {
  const v2 = findV2Evidence(original);
  if (v2) throw new InputError(name, v2Refusal(v2, Array.isArray(original)));
  const { data } = toSnakeDocument(original);
  if (Array.isArray(data)) {
    if (readResourceList(name, data, draft, sink, cache)) return;
  } else if (isObject(data)) {
    if (Array.isArray(data.configs)) {
      readConfigDump(data, draft, sink, cache, name);
      return;
    }
    if (Array.isArray(data.cluster_statuses)) {
      draft.sections.hostStatus = true;
      readResourceList(name, data.cluster_statuses, draft, sink, cache, 'cluster_status');
      return;
    }
    const section = bareSection(data);
    if (section && readSection(section, data, draft, sink, cache, name)) return;
    const kind = resourceKind(data);
    if (kind) {
      readResource(kind, data, draft, sink, cache);
      return;
    }
  }
  throw new InputError(name, `${EXPECTED}; found ${describeValue(original)}`);
}
