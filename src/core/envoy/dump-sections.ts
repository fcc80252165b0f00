import { parseNode } from './bootstrap.ts';
import { checkCluster, parseCluster } from './cluster.ts';
import { forEachObject } from './collect.ts';
import type { ProxyDraft } from './draft.ts';
import { checkEntry, entryMeta } from './dump-entry.ts';
import { parseEcdsFilter } from './ecds.ts';
import { checkLoadAssignment, parseClusterLoadAssignment } from './endpoints.ts';
import type { IssueSink } from './issues.ts';
import { asArray, asObject, asString, isObject, type Json, type JsonObject } from './json.ts';
import { parseListener } from './listener.ts';
import type { LoadCache } from './load-cache.ts';
import { redactDeep } from './redact.ts';
import { checkResourceType } from './resource-types.ts';
import { parseRouteConfig } from './routes/parse.ts';
import { parseSecret } from './secrets.ts';
import type { ResourceState } from './types.ts';

/**
 * Readers for the envoy.admin.v3 config dump sections. Each takes one section object (snake_case)
 * and appends what it holds to the draft: dynamic entries (active, then warming/draining) before
 * static ones, as istioctl lists them.
 */
export type SectionReader = (section: JsonObject, draft: ProxyDraft, sink: IssueSink, cache: LoadCache) => void;

/** Reports what a cluster entry holds that meshscope does not read, and a rejected update. */
function checkClusterEntry(entry: JsonObject, sink: IssueSink): void {
  const raw = asObject(entry.cluster);
  if (!raw) return;
  checkEntry(entry, 'clusters', asString(raw.name) ?? '', sink);
  checkResourceType(raw, 'clusters', asString(raw.name) ?? '', sink);
  checkCluster(raw, sink);
}

/** Without a `sink` the caller checks the entry itself (`checkClusterEntry`). */
export function addCluster(entry: JsonObject, state: ResourceState, draft: ProxyDraft, sink: IssueSink | undefined, cache: LoadCache): void {
  if (sink) checkClusterEntry(entry, sink);
  const raw = asObject(entry.cluster);
  if (raw) draft.clusters.push(parseCluster(raw, entryMeta(entry, state, cache), undefined, cache));
}

/** Entries a deferred check covers: a reader in the background (issueReadSteps) yields between two such parts. */
const CHECK_PART = 1000;

/** `check` on each object of `list` when the issues are first listed, in parts of CHECK_PART entries; the issues in list order. */
function deferChecks(sink: IssueSink, list: Json | undefined, check: (entry: JsonObject, sink: IssueSink) => void): void {
  if (!Array.isArray(list)) return;
  for (let from = 0; from < list.length; from += CHECK_PART) {
    const to = Math.min(list.length, from + CHECK_PART);
    sink.deferCheck((checks) => {
      for (let i = from; i < to; i++) {
        const entry = list[i];
        if (isObject(entry)) check(entry, checks);
      }
    });
  }
}

const CLUSTER_LISTS: [string, ResourceState][] = [
  ['dynamic_active_clusters', 'active'],
  ['dynamic_warming_clusters', 'warming'],
  ['static_clusters', 'static'],
];

/**
 * The clusters of a dump (tens of thousands in a large mesh): their fields are checked when the
 * issues are first listed, in the same order as if checked here.
 */
const readClusters: SectionReader = (section, draft, sink, cache) => {
  draft.sections.clusters = true;
  for (const [list] of CLUSTER_LISTS) deferChecks(sink, section[list], checkClusterEntry);
  for (const [list, state] of CLUSTER_LISTS) forEachObject(section[list], (e) => addCluster(e, state, draft, undefined, cache));
};

/** A DynamicListener: one entry per name, with an active, warming and/or draining version. */
export function addDynamicListener(entry: JsonObject, draft: ProxyDraft, sink: IssueSink): void {
  checkEntry(entry, 'listeners', asString(entry.name) ?? '', sink);
  const states: [string, ResourceState][] = [
    ['active_state', 'active'],
    ['warming_state', 'warming'],
    ['draining_state', 'draining'],
  ];
  for (const [field, state] of states) {
    const version = asObject(entry[field]);
    const raw = asObject(version?.listener);
    if (!version || !raw) continue;
    checkResourceType(raw, 'listeners', asString(raw.name) ?? '', sink);
    draft.listeners.push(parseListener(raw, entryMeta(version, state), sink));
  }
}

export function addStaticListener(entry: JsonObject, draft: ProxyDraft, sink: IssueSink): void {
  const raw = asObject(entry.listener);
  if (!raw) return;
  checkEntry(entry, 'listeners', asString(raw.name) ?? '', sink);
  checkResourceType(raw, 'listeners', asString(raw.name) ?? '', sink);
  draft.listeners.push(parseListener(raw, entryMeta(entry, 'static'), sink));
}

const readListeners: SectionReader = (section, draft, sink) => {
  draft.sections.listeners = true;
  forEachObject(section.dynamic_listeners, (e) => addDynamicListener(e, draft, sink));
  forEachObject(section.static_listeners, (e) => addStaticListener(e, draft, sink));
};

export function addRouteConfig(entry: JsonObject, state: ResourceState, draft: ProxyDraft, sink: IssueSink): void {
  const raw = asObject(entry.route_config);
  if (!raw) return;
  const name = asString(raw.name) ?? '';
  checkEntry(entry, 'routes', name, sink);
  checkResourceType(raw, 'routes', name, sink);
  draft.routeConfigs.push(parseRouteConfig(raw, sink, `routes[${name}]`));
  if (!draft.routeConfigMeta.has(name)) draft.routeConfigMeta.set(name, entryMeta(entry, state));
}

const readRoutes: SectionReader = (section, draft, sink) => {
  draft.sections.routes = true;
  forEachObject(section.dynamic_route_configs, (e) => addRouteConfig(e, 'active', draft, sink));
  forEachObject(section.static_route_configs, (e) => addRouteConfig(e, 'static', draft, sink));
};

function checkEndpointEntry(entry: JsonObject, sink: IssueSink): void {
  const raw = asObject(entry.endpoint_config);
  if (!raw) return;
  checkEntry(entry, 'endpoints', asString(raw.cluster_name) ?? '', sink);
  checkResourceType(raw, 'endpoints', asString(raw.cluster_name) ?? '', sink);
  checkLoadAssignment(raw, sink);
}

/** Without a `sink` the caller checks the entry itself (`checkEndpointEntry`). */
export function addEndpointConfig(entry: JsonObject, state: ResourceState, draft: ProxyDraft, sink: IssueSink | undefined, cache: LoadCache): void {
  if (sink) checkEndpointEntry(entry, sink);
  const raw = asObject(entry.endpoint_config);
  if (raw) draft.endpoints.push(parseClusterLoadAssignment(raw, entryMeta(entry, state, cache), undefined, '', cache));
}

const ENDPOINT_LISTS: [string, ResourceState][] = [
  ['dynamic_endpoint_configs', 'active'],
  ['static_endpoint_configs', 'static'],
];

/** EDS entries, one per cluster: checked when the issues are first listed, like the clusters. */
const readEndpoints: SectionReader = (section, draft, sink, cache) => {
  draft.sections.endpoints = true;
  for (const [list] of ENDPOINT_LISTS) deferChecks(sink, section[list], checkEndpointEntry);
  for (const [list, state] of ENDPOINT_LISTS) forEachObject(section[list], (e) => addEndpointConfig(e, state, draft, undefined, cache));
};

export function addSecret(entry: JsonObject, state: ResourceState, draft: ProxyDraft, sink: IssueSink): void {
  checkEntry(entry, 'secrets', asString(entry.name) ?? '', sink);
  checkResourceType(asObject(entry.secret), 'secrets', asString(entry.name) ?? '', sink);
  draft.secrets.push(parseSecret(entry, entryMeta(entry, state)));
}

/** istioctl's secret table lists warming secrets before active ones. */
const readSecrets: SectionReader = (section, draft, sink) => {
  draft.sections.secrets = true;
  forEachObject(section.dynamic_warming_secrets, (e) => addSecret(e, 'warming', draft, sink));
  forEachObject(section.dynamic_active_secrets, (e) => addSecret(e, 'active', draft, sink));
  forEachObject(section.static_secrets, (e) => addSecret(e, 'static', draft, sink));
};

export function addEcdsFilter(entry: JsonObject, draft: ProxyDraft, sink: IssueSink): void {
  checkEntry(entry, 'ecds', asString(asObject(entry.ecds_filter)?.name) ?? '', sink);
  draft.ecds.push(parseEcdsFilter(entry, entryMeta(entry, 'active')));
}

const readEcds: SectionReader = (section, draft, sink) => {
  draft.sections.ecds = true;
  forEachObject(section.ecds_filters, (e) => addEcdsFilter(e, draft, sink));
};

const readBootstrap: SectionReader = (section, draft) => {
  draft.sections.bootstrap = true;
  const bootstrap = asObject(section.bootstrap);
  if (!bootstrap) return;
  redactDeep(bootstrap);
  const node = asObject(bootstrap.node);
  if (node && !draft.node) draft.node = parseNode(node);
};

/** Scoped RDS is not modelled: a non-empty section is kept and reported. */
const readScopedRoutes: SectionReader = (section, draft, sink) => {
  const count = asArray(section.inline_scoped_route_configs).length + asArray(section.dynamic_scoped_route_configs).length;
  if (count === 0) return;
  draft.unknownConfigs.push({ typeUrl: asString(section['@type']) ?? 'ScopedRoutesConfigDump', where: 'scoped_routes', raw: section });
  sink.report({
    severity: 'warning',
    code: 'unsupported',
    kind: 'scoped-routes',
    message: `${count} scoped route config(s) are not evaluated by meshscope`,
    where: 'scoped_routes',
  });
};

/** Section readers by admin message name. */
export const SECTION_READERS: Record<string, SectionReader> = {
  BootstrapConfigDump: readBootstrap,
  ClustersConfigDump: readClusters,
  ListenersConfigDump: readListeners,
  RoutesConfigDump: readRoutes,
  ScopedRoutesConfigDump: readScopedRoutes,
  EndpointsConfigDump: readEndpoints,
  SecretsConfigDump: readSecrets,
  EcdsConfigDump: readEcds,
};
