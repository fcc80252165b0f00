import { formatClusterName } from '../../../src/core/envoy/cluster-name.ts';
import type { JsonObject } from '../../../src/core/envoy/json.ts';
import { istioConfigPath } from './common.ts';
import type { MeshPlan, ServicePlan } from './plan.ts';

const RETRY_POLICY: JsonObject = {
  retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
  num_retries: 2,
  retry_host_predicate: [
    {
      name: 'envoy.retry_host_predicates.previous_hosts',
      typed_config: { '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate' },
    },
  ],
  host_selection_retry_max_attempts: '5',
  retriable_status_codes: [503],
};

const MAX_STREAM_DURATION: JsonObject = { max_stream_duration: '0s', grpc_timeout_header_max: '0s' };

/**
 * Istio's domain list for a service's virtual host: FQDN, the short forms a client in
 * `proxyNamespace` can use, and the ClusterIP, each with and without `:port`.
 */
export function serviceDomains(service: ServicePlan, port: number, proxyNamespace: string): string[] {
  const names = [service.host];
  if (service.namespace === proxyNamespace) names.push(service.name);
  names.push(`${service.name}.${service.namespace}.svc`, `${service.name}.${service.namespace}`, service.vip);
  return names.flatMap((name) => [name, `${name}:${port}`]);
}

function headerMatcher(header: NonNullable<ServicePlan['virtualService']>['header']): JsonObject {
  if (header.match === 'present') return { name: header.name, present_match: true };
  return { name: header.name, string_match: { [header.match]: header.value } };
}

/** The routes of one service's virtual host: its VirtualService's, or Istio's `default` route. */
export function serviceRoutes(service: ServicePlan, port: number): JsonObject[] {
  const cluster = (subset: string) => formatClusterName('outbound', port, subset, service.host);
  const decorator = { operation: `${service.host}:${port}/*` };
  const action = (extra: JsonObject, timeout = '0s'): JsonObject => ({
    ...extra,
    timeout,
    retry_policy: RETRY_POLICY,
    max_stream_duration: MAX_STREAM_DURATION,
  });
  const vs = service.virtualService;
  if (!vs) return [{ match: { prefix: '/' }, route: action({ cluster: cluster('') }), decorator, name: 'default' }];
  const metadata = { filter_metadata: { istio: { config: istioConfigPath('virtual-service', service.namespace, service.name) } } };
  const [first, second] = service.subsets as [string, string];
  const last = service.subsets[service.subsets.length - 1]!;
  const routes: JsonObject[] = [
    {
      match: { prefix: '/', case_sensitive: true, headers: [headerMatcher(vs.header)] },
      route: action({ cluster: cluster(last) }),
      metadata,
      decorator,
      name: 'canary',
    },
  ];
  if (vs.regex) {
    routes.push({
      match: { safe_regex: { regex: vs.regex.pattern } },
      route: action({ cluster: cluster(vs.regex.subset) }),
      metadata,
      decorator,
      name: 'items',
    });
  }
  routes.push(
    { match: { prefix: vs.prefix, case_sensitive: true }, route: action({ cluster: cluster(first) }, '5s'), metadata, decorator, name: 'pinned' },
    {
      match: { prefix: '/' },
      route: action({
        weighted_clusters: {
          clusters: [
            { name: cluster(first), weight: vs.split[0] },
            { name: cluster(second), weight: vs.split[1] },
          ],
        },
      }),
      metadata,
      decorator,
      name: 'split',
    },
  );
  return routes;
}

const ALLOW_ANY: JsonObject = {
  name: 'allow_any',
  domains: ['*'],
  routes: [{ match: { prefix: '/' }, route: { cluster: 'PassthroughCluster', timeout: '0s', max_grpc_timeout: '0s' }, name: 'allow_any' }],
  include_request_attempt_count: true,
};

/** The RDS RouteConfiguration Istio names after the port (`8080`): one virtual host per service. */
export function outboundRouteConfig(plan: MeshPlan, port: number): JsonObject {
  const virtualHosts: JsonObject[] = [];
  for (const service of plan.services) {
    if (!service.ports.includes(port)) continue;
    virtualHosts.push({
      name: `${service.host}:${port}`,
      domains: serviceDomains(service, port, plan.proxy.namespace),
      routes: serviceRoutes(service, port),
      include_request_attempt_count: true,
    });
  }
  virtualHosts.push(ALLOW_ANY);
  return {
    '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
    name: String(port),
    virtual_hosts: virtualHosts,
    validate_clusters: false,
    max_direct_response_body_size_bytes: 1048576,
  };
}

/** The inline route config of the sidecar's inbound filter chain (`inbound|8080||`). */
export function inboundRouteConfig(port: number): JsonObject {
  const cluster = formatClusterName('inbound', port, '', '');
  return {
    name: cluster,
    virtual_hosts: [
      {
        name: `inbound|http|${port}`,
        domains: ['*'],
        routes: [
          {
            match: { prefix: '/' },
            route: { cluster, timeout: '0s', max_stream_duration: MAX_STREAM_DURATION },
            decorator: { operation: `:${port}/*` },
            name: 'default',
          },
        ],
      },
    ],
    validate_clusters: false,
  };
}
