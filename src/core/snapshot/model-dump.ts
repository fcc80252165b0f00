import type { JsonObject } from '../envoy/json.ts';
import type { ProxyConfig, ResourceMeta } from '../envoy/types.ts';

/**
 * Rebuilds an Envoy `/config_dump?include_eds` and a `/clusters?format=json` document from a
 * loaded model, for sources that only hand out models (any MeshSource): every resource is its
 * `raw` protojson with its version_info, last_updated and state, so loading the result gives the
 * same model. What the model does not keep is lost: bootstrap fields other than the node, and
 * each resource's error_state.
 */
const ADMIN = 'type.googleapis.com/envoy.admin.v3.';

function entry(meta: ResourceMeta, field: string, raw: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (meta.versionInfo !== undefined) out.version_info = meta.versionInfo;
  out[field] = raw;
  if (meta.lastUpdated !== undefined) out.last_updated = meta.lastUpdated;
  return out;
}

function clustersSection(config: ProxyConfig): JsonObject {
  const section: JsonObject = { '@type': `${ADMIN}ClustersConfigDump` };
  const pick = (state: string) => config.clusters.filter((c) => c.meta.state === state).map((c) => entry(c.meta, 'cluster', c.raw));
  section.static_clusters = pick('static');
  section.dynamic_active_clusters = pick('active');
  section.dynamic_warming_clusters = pick('warming');
  return section;
}

function listenersSection(config: ProxyConfig): JsonObject {
  const dynamic = new Map<string, JsonObject>();
  const statics: JsonObject[] = [];
  for (const l of config.listeners) {
    if (l.meta.state === 'static') {
      statics.push(entry(l.meta, 'listener', l.raw));
      continue;
    }
    const named = dynamic.get(l.name) ?? { name: l.name };
    named[`${l.meta.state}_state`] = entry(l.meta, 'listener', l.raw);
    dynamic.set(l.name, named);
  }
  return { '@type': `${ADMIN}ListenersConfigDump`, static_listeners: statics, dynamic_listeners: [...dynamic.values()] };
}

function routesSection(config: ProxyConfig): JsonObject {
  const statics: JsonObject[] = [];
  const dynamics: JsonObject[] = [];
  for (const rc of config.routeConfigs) {
    const meta = config.routeConfigMeta.get(rc.name) ?? { state: 'active' };
    (meta.state === 'static' ? statics : dynamics).push(entry(meta, 'route_config', rc.raw));
  }
  return { '@type': `${ADMIN}RoutesConfigDump`, static_route_configs: statics, dynamic_route_configs: dynamics };
}

function secretsSection(config: ProxyConfig): JsonObject {
  const pick = (state: string) =>
    config.secrets
      .filter((s) => s.state === state)
      .map((s) => {
        const out: JsonObject = { name: s.name };
        if (s.versionInfo !== undefined) out.version_info = s.versionInfo;
        if (s.lastUpdated !== undefined) out.last_updated = s.lastUpdated;
        out.secret = s.raw;
        return out;
      });
  return {
    '@type': `${ADMIN}SecretsConfigDump`,
    static_secrets: pick('static'),
    dynamic_active_secrets: pick('active'),
    dynamic_warming_secrets: pick('warming'),
  };
}

function endpointsSection(config: ProxyConfig): JsonObject {
  const pick = (state: string) => config.endpoints.filter((e) => e.meta.state === state).map((e) => entry(e.meta, 'endpoint_config', e.raw));
  return { '@type': `${ADMIN}EndpointsConfigDump`, static_endpoint_configs: pick('static'), dynamic_endpoint_configs: pick('active') };
}

/** The config dump of the model (sections only for what the model had). */
export function configDumpFromModel(config: ProxyConfig): JsonObject {
  const configs: JsonObject[] = [];
  if (config.node) configs.push({ '@type': `${ADMIN}BootstrapConfigDump`, bootstrap: { node: config.node.raw } });
  if (config.sections.clusters) configs.push(clustersSection(config));
  if (config.sections.listeners) configs.push(listenersSection(config));
  if (config.sections.routes) configs.push(routesSection(config));
  if (config.sections.secrets) configs.push(secretsSection(config));
  if (config.sections.ecds) {
    configs.push({ '@type': `${ADMIN}EcdsConfigDump`, ecds_filters: config.ecds.map((f) => entry(f.meta, 'ecds_filter', f.raw)) });
  }
  if (config.sections.endpoints) configs.push(endpointsSection(config));
  for (const unknown of config.unknownConfigs) configs.push(unknown.raw);
  return { configs };
}

/** The `/clusters?format=json` document of the model, or undefined when it had no host status. */
export function clusterStatusesFromModel(config: ProxyConfig): JsonObject | undefined {
  if (!config.sections.hostStatus) return undefined;
  return { cluster_statuses: config.hostStatus.map((s) => s.raw) };
}
