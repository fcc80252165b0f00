import { asObject, asString, type JsonObject } from './json.ts';

/**
 * Istio stamps the Envoy objects it generates with `metadata.filter_metadata.istio.config`:
 * `/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/reviews` on routes,
 * `.../destination-rule/reviews` on clusters. That path is how a route or cluster is traced
 * back to the VirtualService or DestinationRule that produced it.
 */
export interface IstioRef {
  /** The full `istio.config` value as found. */
  config: string;
  /** `virtual-service`, `destination-rule`, `service-entry`, ... or undefined when not parsed. */
  kind?: string;
  name?: string;
  namespace?: string;
  /** `name.namespace`, as istioctl prints it. */
  display?: string;
}

export function parseIstioConfigPath(config: string): IstioRef {
  const parts = config.split('/');
  // ["", "apis", "networking.istio.io", "v1", "namespaces", ns, kind, name]
  if (parts.length === 8 && parts[1] === 'apis' && parts[4] === 'namespaces') {
    const namespace = parts[5]!;
    const kind = parts[6]!;
    const name = parts[7]!;
    return { config, kind, name, namespace, display: `${name}.${namespace}` };
  }
  return { config };
}

/** The `istio` filter metadata of an object's `metadata`, if any. */
export function istioMetadata(metadata: unknown): JsonObject | undefined {
  return asObject(asObject(asObject(metadata)?.filter_metadata)?.istio);
}

/** The IstioRef from `metadata.filter_metadata.istio.config`, if present. */
export function istioRef(metadata: unknown): IstioRef | undefined {
  const config = asString(istioMetadata(metadata)?.config);
  return config ? parseIstioConfigPath(config) : undefined;
}

/**
 * istioctl's rendering of a config path in its tables: `name.namespace` for a
 * `networking.istio.io` path of the expected shape, '' for other networking paths,
 * `<unknown>` for anything else non-empty.
 */
export function istioctlRefText(config: string | undefined): string {
  if (!config) return '';
  const ref = parseIstioConfigPath(config);
  if (ref.display) return ref.display;
  return config.includes('networking.istio.io') ? '' : '<unknown>';
}
