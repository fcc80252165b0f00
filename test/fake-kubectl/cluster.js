// The bookinfo cluster as the API server would list it, for the fake kubectl. Every name, IP,
// label and port restates fixtures/bookinfo/README.md ("The mesh") and scripts/fixtures/bookinfo/scenario.ts
// (PODS, INGRESS_POD, WAYPOINT_POD, ISTIODS, BOOKINFO_SERVICES, OTHER_SERVICES); the Istio and
// Gateway API objects are fixtures/bookinfo/istio/*.yaml as applied. The server-side fields
// (uid, resourceVersion, creationTimestamp, generation, managedFields, status) and the
// `kubectl.kubernetes.io/last-applied-configuration` annotation `kubectl apply` leaves are the
// shapes an API server returns (apimachinery ObjectMeta; ManagedFieldsEntry), so a reader's
// cleaning can be checked.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const STARTED = '2025-01-14T22:03:10Z';
const NODE_B = { name: 'gke-bookinfo-prod-default-pool-3f2a9c1d-b7kq', zone: 'us-east1-b' };
const NODE_C = { name: 'gke-bookinfo-prod-default-pool-8e4d2f6a-m2xw', zone: 'us-east1-c' };

/** [app, version, pod-template-hash, suffix, ip, node, namespace, serviceAccount] */
const PODS = [
  ['productpage', 'v1', '7d6cfb7dfd', '4xk2p', '10.244.1.12', NODE_B],
  ['details', 'v1', '65cfcf56f9', 'q8w7m', '10.244.1.8', NODE_B],
  ['details', 'v1', '65cfcf56f9', 'zt6bd', '10.244.2.9', NODE_C],
  ['ratings', 'v1', '7c9bd4b87f', '9v5lx', '10.244.1.9', NODE_B],
  ['ratings', 'v2', '6b5b9f8d4c', 'hn2rj', '10.244.2.14', NODE_C],
  ['reviews', 'v1', '5896f547f5', '7cjxn', '10.244.1.10', NODE_B],
  ['reviews', 'v1', '5896f547f5', 'mz4wq', '10.244.2.11', NODE_C],
  ['reviews', 'v2', '5b667bcbf8', 'xq2lm', '10.244.1.11', NODE_B],
  ['reviews', 'v3', '7886dd86b9', 'lc4jh', '10.244.2.12', NODE_C],
  ['api', 'v1', '6f8b9c7d5e', 'k7p2n', '10.244.1.14', NODE_B],
].map(([app, version, hash, suffix, ip, node]) => ({
  name: `${app}-${version}-${hash}-${suffix}`,
  namespace: 'bookinfo',
  labels: {
    app,
    version,
    'pod-template-hash': hash,
    'security.istio.io/tlsMode': 'istio',
    'service.istio.io/canonical-name': app,
    'service.istio.io/canonical-revision': version,
  },
  ip,
  node,
  serviceAccount: `bookinfo-${app}`,
}));
PODS.push(
  {
    name: 'istio-ingressgateway-6b8f4c7d9b-wq5tz',
    namespace: 'istio-system',
    labels: { app: 'istio-ingressgateway', istio: 'ingressgateway', 'pod-template-hash': '6b8f4c7d9b' },
    ip: '10.244.2.5',
    node: NODE_C,
    serviceAccount: 'istio-ingressgateway-service-account',
  },
  {
    name: 'waypoint-7b6f9d8c4d-p5x9v',
    namespace: 'bookinfo',
    labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint', 'pod-template-hash': '7b6f9d8c4d' },
    ip: '10.244.2.16',
    node: NODE_C,
    serviceAccount: 'waypoint',
  },
  ...[
    ['istiod-7c9d8f6b5-2xk8q', '10.244.1.3', NODE_B],
    ['istiod-7c9d8f6b5-h4m9t', '10.244.2.3', NODE_C],
  ].map(([name, ip, node]) => ({
    name,
    namespace: 'istio-system',
    labels: { app: 'istiod', istio: 'pilot', 'pod-template-hash': '7c9d8f6b5' },
    ip,
    node,
    serviceAccount: 'istiod',
  })),
);

/** [name, namespace, clusterIP, ports [name, port, targetPort], selector] */
const SERVICES = [
  ['api', 'bookinfo', '10.96.77.23', [['web', 8080, 8080]], { app: 'api' }],
  ['details', 'bookinfo', '10.96.18.205', [['http', 9080, 9080]], { app: 'details' }],
  ['productpage', 'bookinfo', '10.96.142.37', [['http', 9080, 9080]], { app: 'productpage' }],
  ['ratings', 'bookinfo', '10.96.224.11', [['http', 9080, 9080]], { app: 'ratings' }],
  ['reviews', 'bookinfo', '10.96.61.148', [['http', 9080, 9080]], { app: 'reviews' }],
  [
    'istio-ingressgateway',
    'istio-system',
    '10.96.233.40',
    [
      ['status-port', 15021, 15021],
      ['http2', 80, 8080],
      ['https', 443, 8443],
    ],
    { app: 'istio-ingressgateway', istio: 'ingressgateway' },
  ],
  [
    'istiod',
    'istio-system',
    '10.96.0.138',
    [
      ['grpc-xds', 15010, 15010],
      ['https-dns', 15012, 15012],
      ['https-webhook', 443, 15017],
      ['http-monitoring', 15014, 15014],
    ],
    { app: 'istiod', istio: 'pilot' },
  ],
];

const NAMESPACES = [
  ['bookinfo', { 'istio-injection': 'enabled' }],
  ['default', {}],
  ['istio-system', {}],
  ['kube-system', {}],
];

const SERVED = [
  'virtualservices.networking.istio.io',
  'destinationrules.networking.istio.io',
  'gateways.networking.istio.io',
  'serviceentries.networking.istio.io',
  'sidecars.networking.istio.io',
  'workloadentries.networking.istio.io',
  'envoyfilters.networking.istio.io',
  'peerauthentications.security.istio.io',
  'authorizationpolicies.security.istio.io',
  'requestauthentications.security.istio.io',
  'httproutes.gateway.networking.k8s.io',
  'grpcroutes.gateway.networking.k8s.io',
  'gateways.gateway.networking.k8s.io',
  'services',
  'pods',
  'namespaces',
  'endpointslices.discovery.k8s.io',
];

let counter = 0;
function meta(name, namespace, extra = {}) {
  counter++;
  const uid = `6f1c${String(counter).padStart(4, '0')}-0b5e-4c3a-9d2e-7a1b2c3d4e5f`;
  const out = { ...extra, creationTimestamp: STARTED, name };
  if (namespace !== undefined) out.namespace = namespace;
  return {
    ...out,
    managedFields: [
      { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} }, manager: 'kubectl-client-side-apply', operation: 'Update', time: STARTED },
    ],
    resourceVersion: String(4000 + counter),
    uid,
  };
}

function readIstioObjects(fixtures) {
  const dir = path.join(fixtures, 'istio');
  const out = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.yaml')) continue;
    for (const doc of parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
      const value = doc.toJS();
      if (value !== null) out.push(value);
    }
  }
  return out;
}

/** Every object the fake API server holds, by resource type (`kubectl get` names). */
export function clusterObjects(fixtures) {
  counter = 0;
  const istio = readIstioObjects(fixtures);
  // Every type the fake API server serves (the CRDs of a cluster with Istio and the Gateway API's standard channel).
  const byType = new Map(SERVED.map((type) => [type, []]));
  const add = (type, object) => {
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type).push(object);
  };
  const TYPE_OF = {
    'networking.istio.io/VirtualService': 'virtualservices.networking.istio.io',
    'networking.istio.io/DestinationRule': 'destinationrules.networking.istio.io',
    'networking.istio.io/Gateway': 'gateways.networking.istio.io',
    'networking.istio.io/ServiceEntry': 'serviceentries.networking.istio.io',
    'networking.istio.io/Sidecar': 'sidecars.networking.istio.io',
    'gateway.networking.k8s.io/Gateway': 'gateways.gateway.networking.k8s.io',
  };
  const waypointLabels = {};
  for (const object of istio) {
    const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
    if (group === '' && object.kind === 'Service') {
      // waypoint.yaml's Service carries only the labels that matter (its README): merged into the full Service below.
      Object.assign(waypointLabels, object.metadata.labels);
      continue;
    }
    const type = TYPE_OF[`${group}/${object.kind}`];
    if (type === undefined) throw new Error(`fake kubectl: no resource type for ${object.kind}`);
    const applied = JSON.stringify(object);
    add(type, {
      ...object,
      metadata: meta(object.metadata.name, object.metadata.namespace, {
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `${applied}\n` },
        generation: 1,
        labels: object.metadata.labels,
      }),
      ...(type.startsWith('gateways.gateway') ? { status: { conditions: [{ type: 'Programmed', status: 'True', reason: 'Programmed' }] } } : {}),
    });
  }
  for (const [name, namespace, clusterIP, ports, selector] of SERVICES) {
    const labels = name === 'reviews' ? { ...selector, service: name, ...waypointLabels } : { ...selector, service: name };
    add('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(name, namespace, { labels }),
      spec: {
        clusterIP,
        clusterIPs: [clusterIP],
        ports: ports.map(([pname, port, targetPort]) => ({ name: pname, port, protocol: 'TCP', targetPort })),
        selector,
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
    const backends = PODS.filter((p) => p.namespace === namespace && Object.entries(selector).every(([k, v]) => p.labels[k] === v));
    add('endpointslices.discovery.k8s.io', {
      addressType: 'IPv4',
      apiVersion: 'discovery.k8s.io/v1',
      endpoints: backends.map((p) => ({
        addresses: [p.ip],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: p.node.name,
        targetRef: { kind: 'Pod', name: p.name, namespace: p.namespace },
        zone: p.node.zone,
      })),
      kind: 'EndpointSlice',
      metadata: meta(`${name}-${(name.length * 7919).toString(36).padStart(5, 'q')}`, namespace, { labels: { 'kubernetes.io/service-name': name } }),
      ports: ports.map(([pname, , targetPort]) => ({ name: pname, port: targetPort, protocol: 'TCP' })),
    });
  }
  for (const p of PODS) {
    add('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(p.name, p.namespace, { labels: p.labels }),
      spec: {
        containers: [{ name: p.labels.app ?? 'istio-proxy', image: 'docker.io/istio/examples-bookinfo:1.20.2' }],
        nodeName: p.node.name,
        serviceAccountName: p.serviceAccount,
      },
      status: { phase: 'Running', podIP: p.ip, podIPs: [{ ip: p.ip }], startTime: STARTED },
    });
  }
  for (const [name, labels] of NAMESPACES) {
    add('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(name, undefined, { labels: { ...labels, 'kubernetes.io/metadata.name': name } }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  // The API server lists by key: namespace, then name.
  const key = (o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  for (const list of byType.values()) list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return byType;
}
