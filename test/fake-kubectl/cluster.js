// The bookinfo cluster as the API server would list it, for the fake kubectl: every object of
// fixtures/bookinfo/istio/*.yaml as applied (the Istio and Gateway API objects, and kubernetes.yaml's
// Namespaces, Services and Pods, generated from scripts/fixtures/bookinfo/scenario.ts), plus the
// EndpointSlices the controller would make from them. The server-side fields
// (uid, resourceVersion, creationTimestamp, generation, managedFields, status) and the
// `kubectl.kubernetes.io/last-applied-configuration` annotation `kubectl apply` leaves are the
// shapes an API server returns (apimachinery ObjectMeta; ManagedFieldsEntry), so a reader's
// cleaning can be checked.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const STARTED = '2025-01-14T22:03:10Z';

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
  const out = { ...extra, creationTimestamp: extra.creationTimestamp ?? STARTED, name };
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
    'security.istio.io/PeerAuthentication': 'peerauthentications.security.istio.io',
    'security.istio.io/AuthorizationPolicy': 'authorizationpolicies.security.istio.io',
    'gateway.networking.k8s.io/Gateway': 'gateways.gateway.networking.k8s.io',
    'gateway.networking.k8s.io/HTTPRoute': 'httproutes.gateway.networking.k8s.io',
    '/Service': 'services',
    '/Pod': 'pods',
    '/Namespace': 'namespaces',
  };
  for (const object of istio) {
    const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
    const type = TYPE_OF[`${group}/${object.kind}`];
    if (type === undefined) throw new Error(`fake kubectl: no resource type for ${object.kind}`);
    const applied = JSON.stringify(object);
    const { creationTimestamp, labels, annotations } = object.metadata;
    const namespaced = object.kind !== 'Namespace';
    add(type, {
      ...object,
      metadata: meta(object.metadata.name, namespaced ? object.metadata.namespace : undefined, {
        annotations: { ...annotations, 'kubectl.kubernetes.io/last-applied-configuration': `${applied}\n` },
        creationTimestamp,
        generation: 1,
        labels: object.kind === 'Namespace' ? { ...labels, 'kubernetes.io/metadata.name': object.metadata.name } : labels,
      }),
      ...(type.startsWith('gateways.gateway') ? { status: { conditions: [{ type: 'Programmed', status: 'True', reason: 'Programmed' }] } } : {}),
    });
  }
  // EndpointSlices, as the EndpointSlice controller makes them: one per Service, every pod the
  // selector picks, `ready` from the pod's Ready condition (a not-Ready pod is listed, not ready).
  const pods = byType.get('pods');
  const ready = (p) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  for (const svc of byType.get('services')) {
    const selector = svc.spec.selector ?? {};
    const backends = pods.filter(
      (p) => p.metadata.namespace === svc.metadata.namespace && Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v),
    );
    add('endpointslices.discovery.k8s.io', {
      addressType: 'IPv4',
      apiVersion: 'discovery.k8s.io/v1',
      endpoints: backends.map((p) => ({
        addresses: [p.status.podIP],
        conditions: { ready: ready(p), serving: ready(p), terminating: false },
        nodeName: p.spec.nodeName,
        targetRef: { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace },
      })),
      kind: 'EndpointSlice',
      metadata: meta(`${svc.metadata.name}-${(svc.metadata.name.length * 7919).toString(36).padStart(5, 'q')}`, svc.metadata.namespace, {
        labels: { 'kubernetes.io/service-name': svc.metadata.name },
      }),
      ports: (svc.spec.ports ?? []).map((port) => ({
        name: port.name,
        port: typeof port.targetPort === 'number' ? port.targetPort : port.port,
        protocol: 'TCP',
      })),
    });
  }
  // The API server lists by key: namespace, then name.
  const key = (o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  for (const list of byType.values()) list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return byType;
}
