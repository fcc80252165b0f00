import { asArray, asNumber, asObject, asString, type JsonObject } from '../envoy/json.ts';

/**
 * A VirtualService's destinations (istio/istio pkg/config/analysis/analyzers/virtualservice/util.go,
 * getRouteDestinations and getHTTPMirrorDestinations): tcp, then tls, then http routes; mirrors
 * (`mirror` and `mirrors[]`) apart.
 */
export interface Destination {
  host: string;
  subset: string;
  /** `port.number`, or undefined when the destination names no port. */
  port: number | undefined;
}

export function destinationOf(value: unknown): Destination {
  const d = asObject(value as never) ?? {};
  const port = asObject(d.port);
  return { host: asString(d.host) ?? '', subset: asString(d.subset) ?? '', port: port === undefined ? undefined : (asNumber(port.number) ?? 0) };
}

export function routeDestinations(spec: JsonObject): Destination[] {
  const out: Destination[] = [];
  for (const section of ['tcp', 'tls', 'http']) {
    for (const rule of asArray(spec[section])) {
      for (const rd of asArray(asObject(rule)?.route)) out.push(destinationOf(asObject(rd)?.destination));
    }
  }
  return out;
}

export function mirrorDestinations(spec: JsonObject): Destination[] {
  const out: Destination[] = [];
  for (const rule of asArray(spec.http)) {
    const r = asObject(rule);
    if (r?.mirror !== undefined && r.mirror !== null) out.push(destinationOf(r.mirror));
    for (const m of asArray(r?.mirrors)) out.push(destinationOf(asObject(m)?.destination));
  }
  return out;
}
