import type { JsonObject } from '../../../src/core/envoy/json.ts';
import { bootstrap, prometheusListener, prometheusRouteConfig, secrets } from './bootstrap.ts';
import { outboundCluster, outboundClusters, specialClusters, staticClusters } from './clusters.ts';
import { clusterLoadAssignment, staticEndpointConfigs } from './endpoints.ts';
import { outboundListener, virtualInbound, virtualOutbound } from './listeners.ts';
import { type DumpOptions, type MeshPlan, planMesh } from './plan.ts';
import { inboundRouteConfig, outboundRouteConfig } from './routes.ts';
import { materialize, type Streamable, StreamedArray, StreamedObject } from './stream.ts';

const ADMIN = 'type.googleapis.com/envoy.admin.v3.';
const ROUTE_CONFIG = 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration';

function list<T>(items: () => Iterable<T>, render: (item: T) => Streamable): StreamedArray {
  return new StreamedArray(function* () {
    for (const item of items()) yield render(item);
  });
}

function section(type: string, entries: [string, Streamable][]): StreamedObject {
  return new StreamedObject([['@type', `${ADMIN}${type}`], ...entries]);
}

/**
 * The whole `/config_dump?include_eds=true` document of the planned sidecar, in Envoy's section
 * order (Bootstrap, Clusters, Endpoints, Listeners, ScopedRoutes, Routes, Secrets), snake_case,
 * with resources wrapped as the admin API wraps them (`dynamic_active_clusters[].cluster`, ...).
 */
export function configDump(plan: MeshPlan): StreamedObject {
  const at = { version_info: plan.timestamp, last_updated: plan.timestamp };
  const active = (resource: JsonObject, key: string): JsonObject => ({ version_info: plan.timestamp, [key]: resource, last_updated: plan.timestamp });
  const configs = new StreamedArray(() => [
    { '@type': `${ADMIN}BootstrapConfigDump`, bootstrap: bootstrap(plan), last_updated: plan.timestamp },
    section('ClustersConfigDump', [
      ['version_info', plan.timestamp],
      ['static_clusters', staticClusters().map((cluster) => ({ cluster, last_updated: plan.timestamp }))],
      [
        'dynamic_active_clusters',
        new StreamedArray(function* () {
          for (const cluster of specialClusters(plan)) yield active(cluster, 'cluster');
          for (const cluster of outboundClusters(plan)) yield active(outboundCluster(cluster), 'cluster');
        }),
      ],
    ]),
    section('EndpointsConfigDump', [
      ['static_endpoint_configs', staticEndpointConfigs()],
      [
        'dynamic_endpoint_configs',
        list(
          () => outboundClusters(plan),
          (cluster) => ({ endpoint_config: clusterLoadAssignment(cluster) }),
        ),
      ],
    ]),
    section('ListenersConfigDump', [
      ['version_info', plan.timestamp],
      ['static_listeners', [{ listener: prometheusListener(), last_updated: plan.timestamp }]],
      [
        'dynamic_listeners',
        list(
          () => [...plan.ports.map(outboundListener), virtualOutbound(plan), virtualInbound(plan)],
          (listener) => ({ name: listener.name!, active_state: active(listener, 'listener') }),
        ),
      ],
    ]),
    section('ScopedRoutesConfigDump', []),
    section('RoutesConfigDump', [
      [
        'static_route_configs',
        [
          { route_config: { '@type': ROUTE_CONFIG, ...prometheusRouteConfig() }, last_updated: plan.timestamp },
          { route_config: { '@type': ROUTE_CONFIG, ...inboundRouteConfig(plan.proxy.inboundPort) }, last_updated: plan.timestamp },
        ],
      ],
      [
        'dynamic_route_configs',
        list(
          () => plan.ports,
          (port) => ({ ...at, route_config: outboundRouteConfig(plan, port) }),
        ),
      ],
    ]),
    section('SecretsConfigDump', [['dynamic_active_secrets', secrets(plan)]]),
  ]);
  return new StreamedObject([['configs', configs]]);
}

/** A whole generated config dump as plain JSON, for small sizes (tests); big ones are streamed to disk. */
export function generateConfigDump(options: DumpOptions): JsonObject {
  return materialize(configDump(planMesh(options))) as JsonObject;
}
