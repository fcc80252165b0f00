/** The kinds meshscope reads, by `<group>/<Kind>` (the core group is ``). */
export const KNOWN_KINDS = {
  'networking.istio.io/VirtualService': 'VirtualService',
  'networking.istio.io/DestinationRule': 'DestinationRule',
  'networking.istio.io/Gateway': 'Gateway',
  'networking.istio.io/ServiceEntry': 'ServiceEntry',
  'networking.istio.io/Sidecar': 'Sidecar',
  'networking.istio.io/WorkloadEntry': 'WorkloadEntry',
  'networking.istio.io/EnvoyFilter': 'EnvoyFilter',
  'security.istio.io/PeerAuthentication': 'PeerAuthentication',
  'security.istio.io/AuthorizationPolicy': 'AuthorizationPolicy',
  'security.istio.io/RequestAuthentication': 'RequestAuthentication',
  'gateway.networking.k8s.io/Gateway': 'KubernetesGateway',
  'gateway.networking.k8s.io/HTTPRoute': 'HTTPRoute',
  'gateway.networking.k8s.io/GRPCRoute': 'GRPCRoute',
  'gateway.networking.k8s.io/TCPRoute': 'TCPRoute',
  'gateway.networking.k8s.io/TLSRoute': 'TLSRoute',
  'gateway.networking.k8s.io/GatewayClass': 'GatewayClass',
  '/Service': 'Service',
  '/Pod': 'Pod',
  '/Namespace': 'Namespace',
  '/Node': 'Node',
  '/Secret': 'Secret',
  '/ConfigMap': 'ConfigMap',
  'discovery.k8s.io/EndpointSlice': 'EndpointSlice',
  'apps/Deployment': 'Deployment',
  'apiextensions.k8s.io/CustomResourceDefinition': 'CustomResourceDefinition',
} as const;

/**
 * meshscope's name for a kind: the Kubernetes kind, except the Gateway API's Gateway, which is
 * `KubernetesGateway` here so that it never meets Istio's Gateway by name (Istio's analyzers call
 * it the same way, `gvk.KubernetesGateway`).
 */
export type ObjectKind = (typeof KNOWN_KINDS)[keyof typeof KNOWN_KINDS];
