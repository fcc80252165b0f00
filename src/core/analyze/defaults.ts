import { type ConfigSet, emptyConfigSet } from '../config/objects.ts';
import { parseConfigText } from '../config/read-objects.ts';

/**
 * The objects upstream adds when no cluster is read (istio/istio pkg/config/analysis/local/
 * defaults.go, AddDefaultResources, with the default mesh config's ingressService
 * `istio-ingressgateway` and ingressControllerMode STRICT): a stand-in ingress gateway pod and its
 * Service in the Istio namespace. Restated here as our own YAML.
 */
export function defaultIngressResources(istioNamespace = 'istio-system', ingressService = 'istio-ingressgateway'): ConfigSet {
  const port = (name: string, number: number, nodePort: number) =>
    `  - {name: ${name}, port: ${number}, targetPort: ${number}, nodePort: ${nodePort}, protocol: TCP}`;
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${ingressService}-dummypod`,
    `  namespace: ${istioNamespace}`,
    '  labels: {istio: ingressgateway}',
    'spec:',
    '  containers: [{name: istio-proxy}]',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${ingressService}`,
    `  namespace: ${istioNamespace}`,
    'spec:',
    '  selector: {istio: ingressgateway}',
    '  ports:',
    port('http2', 80, 31380),
    port('https', 443, 31390),
    port('tcp', 31400, 31400),
    port('tls', 15443, 31447),
    '',
  ].join('\n');
  return parseConfigText('internal-ingress', text, emptyConfigSet());
}

/**
 * inject.IgnoredNamespaces: objects in these namespaces (and these Namespace objects) are not
 * read (the namespace filter of addReaderKubeSourceInternal).
 */
export const IGNORED_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);
