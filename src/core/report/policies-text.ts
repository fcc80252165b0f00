import type { ExplainPolicies } from '../explain/result.ts';

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** After a fault's 0%: why, when the config sets no percentage. */
function unset(fault: { percentUnset?: true }): string {
  return fault.percentUnset ? ' (no percentage set: Envoy reads 0%, never fires)' : '';
}

/** The policies on a request's path as `[label, description]` pairs, only those that are set. */
export function describePolicies(p: ExplainPolicies): [string, string][] {
  const out: [string, string][] = [];
  if (p.timeoutMs !== null) out.push(['timeout', p.timeoutMs === 0 ? 'none (0s: disabled)' : seconds(p.timeoutMs)]);
  else if (p.timeoutSource === 'envoy-default') out.push(['timeout', '15s (Envoy default: the route sets none)']);
  if (p.retries) {
    const per = p.retries.perTryTimeoutMs === null ? 'no per-try timeout' : `per try ${seconds(p.retries.perTryTimeoutMs)}`;
    const codes = p.retries.retriableStatusCodes.length ? ` (codes ${p.retries.retriableStatusCodes.join(',')})` : '';
    out.push([
      'retries',
      `${p.retries.attempts} on ${p.retries.retryOn.join(',') || '-'}${codes}, ${per}${p.retries.from === 'virtual_host' ? ' [virtual host]' : ''}`,
    ]);
  }
  if (p.fault) {
    const parts: string[] = [];
    if (p.fault.delay)
      parts.push(
        `delay ${seconds(p.fault.delay.fixedDelayMs)} for ${p.fault.delay.percent}%${unset(p.fault.delay)}${p.fault.delay.header ? ' (header-driven)' : ''}`,
      );
    if (p.fault.abort) {
      const code = p.fault.abort.httpStatus !== undefined ? `HTTP ${p.fault.abort.httpStatus}` : `gRPC ${p.fault.abort.grpcStatus ?? '?'}`;
      parts.push(`abort ${code} for ${p.fault.abort.percent}%${unset(p.fault.abort)}${p.fault.abort.header ? ' (header-driven)' : ''}`);
    }
    out.push(['fault', `${parts.join(', ')} [${p.fault.from}]`]);
  }
  for (const m of p.mirrors) out.push(['mirror', `${m.percent}% to ${m.cluster}`]);
  const rw = p.rewrites;
  if (rw.prefixRewrite !== undefined) out.push(['rewrite', `prefix → ${rw.prefixRewrite}${rw.path ? ` (path becomes ${rw.path})` : ''}`]);
  else if (rw.regexRewrite !== undefined) out.push(['rewrite', `${rw.regexRewrite}${rw.path ? ` (path becomes ${rw.path})` : ''}`]);
  if (rw.host !== undefined) out.push(['host rewrite', rw.host]);
  if (rw.xForwardedHost !== undefined) out.push(['x-forwarded-host', `${rw.xForwardedHost} (append_x_forwarded_host)`]);
  if (p.hashPolicy.length) out.push(['hash policy', p.hashPolicy.join('; ')]);
  if (p.hashing) out.push(['hashing', p.hashing.summary]);
  if (p.loadBalancer) out.push(['load balancer', p.loadBalancer]);
  if (p.circuitBreaker) out.push(['circuit breaker', p.circuitBreaker]);
  if (p.outlierDetection) out.push(['outlier detection', p.outlierDetection]);
  if (p.tls) out.push(['tls', p.tls]);
  return out;
}
