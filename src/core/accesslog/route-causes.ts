import type { CauseContext } from './upstream-causes.ts';

/**
 * Likely causes of the routing-side response flags (NR, NC, DI, FI, DC) in one proxy's
 * configuration: what explain finds for the logged request, and the matched route's fault policy.
 */
const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

export function noRoute(ctx: CauseContext): string[] {
  const r = ctx.result;
  if (r.outcome === 'no_route' || r.outcome === 'no_virtual_host' || r.outcome === 'no_listener') return [`the capture agrees: ${r.summary}`];
  return [
    `in this capture the request is routed (${r.route ? `route #${r.route.index}${r.route.name ? ` "${r.route.name}"` : ''}` : r.outcome}): the route may have been added after the request, or the request carried headers the log does not show that failed a match`,
  ];
}

export function noCluster(ctx: CauseContext): string[] {
  const missing = ctx.result.destinations.filter((d) => !d.known);
  if (missing.length)
    return missing.map(
      (d) =>
        `the route sends to \`${d.cluster}\`, which is not in this proxy's CDS${d.subset ? `: DestinationRule ${d.destinationRule ?? 'for the host'} has no subset ${d.subset}, or the subset was added later` : ''}`,
    );
  if (ctx.cluster && !ctx.config.index.clusterByName.has(ctx.cluster)) return [`\`${ctx.cluster}\` is not in this proxy's CDS`];
  return ['every destination of the route exists in this capture: the missing cluster (a DestinationRule subset) was added after the request'];
}

export function delayInjected(ctx: CauseContext): string[] {
  const delay = ctx.result.policies.fault?.delay;
  if (!delay) return ['the matched route has no delay fault in this capture: it was removed since, or came from another route'];
  return [
    `fault injection on the ${ctx.result.policies.fault!.from}: delay ${seconds(delay.fixedDelayMs)} for ${delay.percent}% of requests${delay.header ? ' (driven by the x-envoy-fault-delay-request header)' : ''} (VirtualService http[].fault.delay)`,
  ];
}

export function faultInjected(ctx: CauseContext): string[] {
  const abort = ctx.result.policies.fault?.abort;
  if (!abort) return ['the matched route has no abort fault in this capture: it was removed since, or came from another route'];
  const status = abort.httpStatus !== undefined ? `HTTP ${abort.httpStatus}` : `gRPC status ${abort.grpcStatus ?? '?'}`;
  const code = ctx.entry.responseCode;
  const agrees = abort.httpStatus === undefined || code === null || code === abort.httpStatus ? '' : ` (the log shows ${code}: the fault config changed since)`;
  return [
    `fault injection on the ${ctx.result.policies.fault!.from}: abort with ${status} for ${abort.percent}% of requests${agrees} (VirtualService http[].fault.abort)`,
  ];
}

export function downstreamClosed(ctx: CauseContext): string[] {
  const out = [`the client closed the connection after ${ctx.entry.durationMs ?? '?'} ms: its own timeout is shorter than the answer took`];
  const p = ctx.result.policies;
  if (p.timeoutMs !== null && p.timeoutMs > 0) out.push(`the route would have waited up to ${seconds(p.timeoutMs)}`);
  if (p.fault?.delay) out.push(`the fault filter delays ${p.fault.delay.percent}% of requests by ${seconds(p.fault.delay.fixedDelayMs)}`);
  return out;
}
