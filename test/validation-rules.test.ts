import assert from 'node:assert/strict';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { cluster, DETAILS, type Dump, endpoints, listener, REVIEWS, REVIEWS_V1, reviewsSplit, routes9080, vhost } from './helpers/mutated-dump.ts';
import { type Row, runRows } from './helpers/validation-rows.ts';

/**
 * Each validation rule of the route config, clusters and endpoints, as a row (see
 * helpers/validation-rows.ts). The rules and their citations (Envoy's api/*.proto
 * `(validate.rules)`, protobuf's duration.proto) are in src/core/envoy/field-checks.ts and at each
 * reader.
 */
const ROUTES = 'routes[9080]';
const REVIEWS_ROUTE = (config: ProxyConfig) => {
  const vh = config.index.routeConfigByName.get('9080')!.virtualHosts.value.find((v) => v.name === REVIEWS)!;
  return vh.routes.find((r) => r.action.kind === 'route' && r.action.cluster.kind === 'weighted_clusters')!;
};
const splitWeights = (config: ProxyConfig): number[] => {
  const action = REVIEWS_ROUTE(config).action;
  return action.kind === 'route' && action.cluster.kind === 'weighted_clusters' ? action.cluster.clusters.map((c) => c.weight) : [];
};
const splitWhere = (d: Dump): string =>
  `${ROUTES}.virtual_hosts[${REVIEWS}].routes[${vhost(d, REVIEWS).routes.findIndex((r: Dump) => r.route?.weighted_clusters)}].route`;
const DETAILS_ACTION = `${ROUTES}.virtual_hosts[${DETAILS}].routes[0].route`;
const firstLbEndpoint = (d: Dump) => endpoints(d, REVIEWS_V1).endpoints[0].lb_endpoints[0];

const ROWS: Row[] = [
  ...[-5, 1.5, 4294967296, 'raw:1e400', '"ten"'].map(
    (bad): Row => ({
      rule: `ClusterWeight.weight UInt32Value: ${bad}`,
      mutate: (d) => {
        reviewsSplit(d).weighted_clusters.clusters[0].weight = typeof bad === 'string' && bad.startsWith('"') ? JSON.parse(bad) : bad;
      },
      where: 'SPLIT.weighted_clusters',
      message: /weight \S+ is not an integer in 0–4294967295 \(ClusterWeight\.weight UInt32Value\); Envoy rejects the resource, read here as 0/,
      model: (config) => assert.deepEqual(splitWeights(config), [0, 10]),
    }),
  ),
  {
    rule: 'WeightedCluster.total_weight UInt32Value',
    mutate: (d) => {
      reviewsSplit(d).weighted_clusters.total_weight = -100;
    },
    where: 'SPLIT.weighted_clusters',
    message: /total_weight -100 is not an integer/,
  },
  {
    rule: 'SocketAddress.port_value uint32 lte 65535 (listener)',
    mutate: (d) => {
      listener(d, '0.0.0.0_9080').address.socket_address.port_value = -1;
    },
    // A listener's port decides which listener takes every connection: reported at `listeners`, on every path.
    where: 'listeners',
    message: /^listeners\[0\.0\.0\.0_9080\]: socket_address\.port_value -1 is not an integer in 0–65535/,
    model: (config) => assert.equal(config.index.listenerByName.get('0.0.0.0_9080')!.address?.port, 0),
  },
  {
    rule: 'SocketAddress.port_value uint32 lte 65535 (endpoint)',
    mutate: (d) => {
      firstLbEndpoint(d).endpoint.address.socket_address.port_value = 70000;
    },
    where: `endpoints[${REVIEWS_V1}]`,
    message: /port_value 70000 is not an integer in 0–65535/,
    model: (config) => assert.equal(config.index.endpointsByCluster.get(REVIEWS_V1)!.localities.value[0]!.endpoints[0]!.address.port, 0),
  },
  {
    rule: 'TcpProxy.WeightedCluster.ClusterWeight.weight uint32 gte 1',
    mutate: (d) => {
      const proxy = listener(d, 'virtualOutbound').filter_chains[0].filters.find((f: Dump) => f.name === 'envoy.filters.network.tcp_proxy');
      delete proxy.typed_config.cluster;
      proxy.typed_config.weighted_clusters = { clusters: [{ name: 'BlackHoleCluster', weight: -2 }] };
    },
    where: 'listeners[virtualOutbound].filter_chains[0]',
    message: /tcp_proxy weighted_clusters weight -2 is not an integer in 1–4294967295/,
    model: (config) => {
      const filter = config.index.listenerByName.get('virtualOutbound')!.filterChains[0]!.filters.find((f) => f.kind === 'tcp_proxy');
      assert.deepEqual(filter?.kind === 'tcp_proxy' ? filter.weightedClusters : undefined, [{ name: 'BlackHoleCluster', weight: 0 }]);
    },
  },
  {
    rule: 'LbEndpoint.load_balancing_weight uint32 gte 1',
    mutate: (d) => {
      firstLbEndpoint(d).load_balancing_weight = 0;
    },
    where: `endpoints[${REVIEWS_V1}]`,
    message: /lb_endpoints\[0\]\.load_balancing_weight 0 is not an integer in 1–4294967295.*read here as absent \(1\)/,
    model: (config) => assert.equal(config.index.endpointsByCluster.get(REVIEWS_V1)!.localities.value[0]!.endpoints[0]!.weight, undefined),
  },
  {
    rule: 'LocalityLbEndpoints.load_balancing_weight uint32',
    mutate: (d) => {
      endpoints(d, REVIEWS_V1).endpoints[0].load_balancing_weight = -3;
    },
    where: `endpoints[${REVIEWS_V1}]`,
    message: /endpoints\[0\]\.load_balancing_weight -3 is not an integer/,
    model: (config) => assert.equal(config.index.endpointsByCluster.get(REVIEWS_V1)!.localities.value[0]!.weight, undefined),
  },
  {
    rule: 'LocalityLbEndpoints.priority uint32 lte 128',
    mutate: (d) => {
      endpoints(d, REVIEWS_V1).endpoints[0].priority = 129;
    },
    where: `endpoints[${REVIEWS_V1}]`,
    message: /priority 129 is not an integer in 0–128/,
    model: (config) => assert.equal(config.index.endpointsByCluster.get(REVIEWS_V1)!.localities.value[0]!.priority, 0),
  },
  {
    rule: 'CircuitBreakers.Thresholds UInt32Value',
    mutate: (d) => {
      cluster(d, REVIEWS_V1).circuit_breakers.thresholds[0].max_connections = -1;
    },
    where: `clusters[${REVIEWS_V1}]`,
    message: /circuit_breakers\.thresholds\[0\]\.max_connections -1 is not an integer.*absent \(Envoy's default\)/,
    model: (config) => assert.equal(config.index.clusterByName.get(REVIEWS_V1)!.circuitBreakers[0]!.maxConnections, undefined),
  },
  {
    rule: 'CircuitBreakers.Thresholds.priority enum defined_only',
    mutate: (d) => {
      cluster(d, REVIEWS_V1).circuit_breakers.thresholds[0].priority = 'URGENT';
    },
    where: `clusters[${REVIEWS_V1}]`,
    message: /priority "URGENT" is not one of DEFAULT, HIGH/,
  },
  {
    rule: 'Cluster.connect_timeout duration gt 0',
    mutate: (d) => {
      cluster(d, REVIEWS_V1).connect_timeout = '-1s';
    },
    where: `clusters[${REVIEWS_V1}]`,
    message: /connect_timeout "-1s" is not a duration > 0/,
    model: (config) => assert.equal(config.index.clusterByName.get(REVIEWS_V1)!.connectTimeoutMs, undefined),
  },
  ...['10', '315576000001s', '1.0000000001s', { seconds: 1, nanos: -5 }, { seconds: 1.5 }].map(
    (bad): Row => ({
      rule: `google.protobuf.Duration: ${JSON.stringify(bad)}`,
      mutate: (d) => {
        vhost(d, DETAILS).routes[0].route.timeout = bad;
      },
      where: DETAILS_ACTION,
      message: /timeout \S+.* is not a google\.protobuf\.Duration/,
    }),
  ),
  {
    rule: 'RetryPolicy.num_retries UInt32Value',
    mutate: (d) => {
      vhost(d, DETAILS).routes[0].route.retry_policy.num_retries = -1;
    },
    where: `${DETAILS_ACTION}.retry_policy`,
    message: /num_retries -1 is not an integer.*read here as 1/,
  },
  {
    rule: 'RedirectAction.port_redirect uint32',
    mutate: (d) => {
      const route = vhost(d, DETAILS).routes[0];
      delete route.route;
      route.redirect = { port_redirect: -8080 };
    },
    where: `${ROUTES}.virtual_hosts[${DETAILS}].routes[0].redirect`,
    message: /port_redirect -8080 is not an integer in 0–4294967295.*read here as absent/,
  },
  {
    rule: 'DirectResponseAction.status uint32 gte 200 lt 600',
    mutate: (d) => {
      const route = vhost(d, DETAILS).routes[0];
      delete route.route;
      route.direct_response = { status: 99 };
    },
    where: `${ROUTES}.virtual_hosts[${DETAILS}].routes[0].direct_response`,
    message: /status 99 is not an integer in 200–599/,
  },
  {
    rule: 'VirtualHost.domains repeated string (a string)',
    mutate: (d) => {
      vhost(d, REVIEWS).domains = 'reviews';
    },
    where: ROUTES,
    message: /virtual_hosts\[reviews\.bookinfo\.svc\.cluster\.local:9080\]\.domains "reviews" is not a list/,
  },
  {
    rule: 'VirtualHost.domains min_items 1',
    mutate: (d) => {
      vhost(d, REVIEWS).domains = [];
    },
    where: ROUTES,
    message: /domains \[\] is not a list of at least one domain/,
  },
  {
    rule: 'VirtualHost.domains items string',
    mutate: (d) => {
      vhost(d, REVIEWS).domains = [7, 'reviews'];
    },
    where: ROUTES,
    message: /domains item 7 is not a string/,
  },
  {
    rule: 'VirtualHost.routes repeated',
    mutate: (d) => {
      vhost(d, DETAILS).routes = { name: 'x' };
    },
    where: `${ROUTES}.virtual_hosts[${DETAILS}]`,
    message: /routes \{"name":"x"\} is not a list/,
  },
  {
    rule: 'RouteConfiguration.virtual_hosts repeated',
    mutate: (d) => {
      routes9080(d).virtual_hosts = 'all';
    },
    where: ROUTES,
    message: /virtual_hosts "all" is not a list/,
  },
  {
    rule: 'RouteAction.cluster string',
    mutate: (d) => {
      vhost(d, DETAILS).routes[0].route.cluster = { name: 'x' };
    },
    where: DETAILS_ACTION,
    message: /cluster \{"name":"x"\} is not a string/,
  },
  {
    rule: 'RouteMatch.runtime_fraction FractionalPercent.numerator uint32',
    mutate: (d) => {
      vhost(d, DETAILS).routes[0].match.runtime_fraction = { default_value: { numerator: -50 } };
    },
    where: `${ROUTES}.virtual_hosts[${DETAILS}].routes[0].match`,
    message: /runtime_fraction\.default_value\.numerator -50 is not an integer/,
  },
  {
    rule: 'FractionalPercent.denominator enum defined_only',
    mutate: (d) => {
      vhost(d, DETAILS).routes[0].match.runtime_fraction = { default_value: { numerator: 5, denominator: 'THOUSAND' } };
    },
    where: `${ROUTES}.virtual_hosts[${DETAILS}].routes[0].match`,
    message: /denominator "THOUSAND" is not one of HUNDRED, TEN_THOUSAND, MILLION/,
  },
  ...(
    [
      ['Cluster.type enum', (d: Dump) => (cluster(d, REVIEWS_V1).type = 'BOGUS'), `clusters[${REVIEWS_V1}]`, /type "BOGUS" is not one of STATIC/],
      ['Cluster.lb_policy enum', (d: Dump) => (cluster(d, REVIEWS_V1).lb_policy = 'FASTEST'), `clusters[${REVIEWS_V1}]`, /lb_policy "FASTEST" is not one of/],
      [
        'Listener.traffic_direction enum',
        (d: Dump) => (listener(d, '0.0.0.0_9080').traffic_direction = 7),
        'listeners[0.0.0.0_9080]',
        /traffic_direction 7 is not one of/,
      ],
      ['VirtualHost.require_tls enum', (d: Dump) => (vhost(d, DETAILS).require_tls = 'MAYBE'), `${ROUTES}.virtual_hosts[${DETAILS}]`, /require_tls "MAYBE"/],
      [
        'RouteAction.cluster_not_found_response_code enum',
        (d: Dump) => (vhost(d, DETAILS).routes[0].route.cluster_not_found_response_code = 'TEAPOT'),
        DETAILS_ACTION,
        /cluster_not_found_response_code "TEAPOT"/,
      ],
    ] as const
  ).map(([rule, mutate, where, message]): Row => ({ rule, mutate, where, message })),
];

runRows('validation at the edge: each value Envoy rejects is a bad-value warning at its path', ROWS, { text: 'SPLIT', resolve: splitWhere });
