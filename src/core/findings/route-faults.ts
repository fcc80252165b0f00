import { type FaultPolicy, findFault } from '../envoy/fault.ts';
import type { Route, VirtualHost } from '../envoy/route-types.ts';

/**
 * The fault injection configs a route's requests can meet, each once: the fault filter takes the
 * most specific per-route config of the request's route (fault_filter.cc `FaultFilter::decodeHeaders`:
 * weighted cluster entry, then route, then virtual host), so a weighted route has one per entry,
 * which may be the route's or the virtual host's shared by several.
 */
export function routeFaults(vh: VirtualHost, route: Route): FaultPolicy[] {
  const action = route.action;
  if (action.kind !== 'route') return [];
  const common = [
    { from: 'route', perFilter: route.typedPerFilterConfig },
    { from: 'virtual host', perFilter: vh.typedPerFilterConfig },
  ];
  if (action.cluster.kind !== 'weighted_clusters') {
    const fault = findFault(common);
    return fault ? [fault] : [];
  }
  const seen = new Set<string>();
  const out: FaultPolicy[] = [];
  for (const wc of action.cluster.clusters) {
    const fault = findFault([{ from: `weighted cluster ${wc.name}`, perFilter: wc.typedPerFilterConfig }, ...common]);
    if (!fault || seen.has(fault.from)) continue;
    seen.add(fault.from);
    out.push(fault);
  }
  return out;
}

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** An abort or delay in words: `abort HTTP 503 for 10% [route]`. */
export function describeFault(fault: FaultPolicy, part: 'abort' | 'delay'): string {
  if (part === 'delay') {
    const d = fault.delay!;
    return `delay ${d.header ? 'from the x-envoy-fault-delay-request header' : duration(d.fixedDelayMs)} for ${d.percent}% [${fault.from}]`;
  }
  const a = fault.abort!;
  const status = a.header ? 'from the x-envoy-fault-abort-request header' : a.httpStatus !== undefined ? `HTTP ${a.httpStatus}` : `gRPC ${a.grpcStatus ?? '?'}`;
  return `abort ${status} for ${a.percent}% [${fault.from}]`;
}
