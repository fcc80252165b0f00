import type { IssueSink } from '../issues.ts';
import { type IstioRef, parseIstioConfigPath } from '../istio-metadata.ts';
import { asObject, asString, type JsonObject, sameJson } from '../json.ts';

/**
 * What the parse of one route config's virtual hosts shares: the issue sink and the values that
 * Istio repeats on route after route. Every route of a VirtualService carries the same
 * `istio.config` path, and Istio's default retry policy is written out on every route of the
 * mesh: parsed once, shared (the model is read-only).
 */
export class RouteContext {
  private readonly refs = new Map<string, IstioRef>();
  private readonly last = new Map<string, { raw: JsonObject; value: unknown }>();

  constructor(readonly sink: IssueSink) {}

  /** The IstioRef of `metadata.filter_metadata.istio.config`, shared by every route that names the same config. */
  istioRef(metadata: unknown): IstioRef | undefined {
    const config = asString(asObject(asObject(asObject(metadata)?.filter_metadata)?.istio)?.config);
    if (!config) return undefined;
    let ref = this.refs.get(config);
    if (!ref) {
      ref = parseIstioConfigPath(config);
      this.refs.set(config, ref);
    }
    return ref;
  }

  /**
   * `build(raw)`, or the value built for the previous `raw` of this `kind` when both hold the same
   * JSON. `build` must be a pure function of `raw` (issues are reported by the caller either way).
   */
  sameAsLast<T>(kind: string, raw: JsonObject, build: (raw: JsonObject) => T): T {
    const last = this.last.get(kind);
    if (last && sameJson(last.raw, raw)) return last.value as T;
    const value = build(raw);
    this.last.set(kind, { raw, value });
    return value;
  }
}
