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
  // ["", "apis", "networking.istio.io", "v1", "namespaces", ns, kind, name], found with indexOf:
  // every cluster and route of a large dump carries such a path.
  const slash: number[] = [];
  for (let i = config.indexOf('/'); i !== -1 && slash.length < 8; i = config.indexOf('/', i + 1)) slash.push(i);
  if (slash.length !== 7) return { config };
  const [s0, s1, , s3, s4, s5, s6] = slash as [number, number, number, number, number, number, number];
  if (s1 !== s0 + 5 || !config.startsWith('apis', s0 + 1) || s4 !== s3 + 11 || !config.startsWith('namespaces', s3 + 1)) return { config };
  const namespace = config.slice(s4 + 1, s5);
  const kind = config.slice(s5 + 1, s6);
  const name = config.slice(s6 + 1);
  return { config, kind, name, namespace, display: `${name}.${namespace}` };
}

/** The `istio` filter metadata of an object's `metadata`, if any. */
function istioMetadata(metadata: unknown): JsonObject | undefined {
  return asObject(asObject(asObject(metadata)?.filter_metadata)?.istio);
}

/** The IstioRef from `metadata.filter_metadata.istio.config`, if present. */
export function istioRef(metadata: unknown): IstioRef | undefined {
  const config = asString(istioMetadata(metadata)?.config);
  return config ? parseIstioConfigPath(config) : undefined;
}
