import { type IstioRef, parseIstioConfigPath } from './istio-metadata.ts';
import { isObject, type JsonObject } from './json.ts';
import type { EndpointIdentity } from './types.ts';

/**
 * Values many resources of one dump share, built once per load: a pod's workload string appears
 * in every cluster of every port and subset that selects it, a DestinationRule's config path on
 * each of its subsets' clusters, Istio's default circuit breakers on nearly every cluster, a
 * locality on every endpoint group of a zone. Sharing them keeps a 10k-service model small (and
 * so fast: the garbage collector traces every retained object). Shared objects are immutable.
 */
export class LoadCache {
  private readonly identities = new Map<string, EndpointIdentity>();
  private readonly refs = new Map<string, IstioRef>();
  private readonly last = new Map<string, { raw: unknown; value: unknown }>();

  private lastWorkload = '';
  private lastIdentity: EndpointIdentity | undefined;

  identity(workload: string, parse: (workload: string) => EndpointIdentity): EndpointIdentity {
    // The endpoints of one CLA are mostly pods of one Deployment: same string, no hashing.
    if (workload === this.lastWorkload && this.lastIdentity) return this.lastIdentity;
    let identity = this.identities.get(workload);
    if (!identity) {
      identity = parse(workload);
      this.identities.set(workload, identity);
    }
    this.lastWorkload = workload;
    this.lastIdentity = identity;
    return identity;
  }

  private lastConfig = '';
  private lastRef: IstioRef | undefined;

  istioRef(config: string): IstioRef {
    // The subsets of one DestinationRule come one after another: same path, no hashing.
    if (config === this.lastConfig && this.lastRef) return this.lastRef;
    let ref = this.refs.get(config);
    if (!ref) {
      ref = parseIstioConfigPath(config);
      this.refs.set(config, ref);
    }
    this.lastConfig = config;
    this.lastRef = ref;
    return ref;
  }

  /**
   * `build(raw)`, or the value built for the previous `raw` of this `kind` when `same` says the
   * two hold the same data (raw is an object or a list of objects, compared item by item).
   * Consecutive resources in a dump mostly repeat these values (the subsets and ports of one
   * service), so comparing with the last one finds the sharing for a few field reads, with no key
   * to build or hash.
   */
  sameAsLast<T>(kind: string, raw: unknown, same: (a: JsonObject, b: JsonObject) => boolean, build: (raw: unknown) => T): T {
    const last = this.last.get(kind);
    if (last && sameData(last.raw, raw, same)) return last.value as T;
    const value = build(raw);
    this.last.set(kind, { raw, value });
    return value;
  }
}

function sameData(a: unknown, b: unknown, same: (a: JsonObject, b: JsonObject) => boolean): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  if (!Array.isArray(a)) return !Array.isArray(b) && same(a as JsonObject, b as JsonObject);
  if (!Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!isObject(x) || !isObject(y) || !same(x, y)) return false;
  }
  return true;
}
