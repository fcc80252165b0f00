import { effectiveRetryPolicy, retries } from '../../router/retry-conditions.ts';
import type { Analyzer } from '../analyzer.ts';
import { type Finding, type FindingType, finding } from '../finding.ts';
import { describeFault, routeFaults } from '../route-faults.ts';
import { routeRef } from '../route-ref.ts';

const FAULT_ABORT_NOT_RETRIED: FindingType = {
  code: 'MS111',
  name: 'FaultAbortNotRetried',
  severity: 'info',
  hint: 'expect clients to get the injected abort as is: http[].retries never retries an http[].fault.abort of the same VirtualService route; to exercise retries, make the upstream fail instead (or inject the fault on a proxy further along the path)',
};

/**
 * A route whose requests meet both a fault abort (that can fire) and retries. The fault filter
 * sits before the router in the HTTP filter chain and aborts with `sendLocalReply`
 * (fault_filter.cc `FaultFilter::abortWithHTTPStatus`, response flag FI, details
 * `fault_filter_abort`): the request never reaches the router filter, which is what retries
 * (router.cc, RetryStateImpl), so the aborted requests are never retried and the route's retries
 * do not hide the fault from clients. Istio puts both on the same route from one VirtualService
 * `http[]` entry (route.go: `TranslateFault` into typed_per_filter_config, `retry.ConvertPolicy`).
 */
export const faultAbortNotRetried: Analyzer = {
  name: 'route.fault-abort-retries',
  description: 'fault aborts on routes with retries (a fault abort is never retried)',
  reads: ['routes'],
  reports: [FAULT_ABORT_NOT_RETRIED],
  virtualHost(_config, rc, vh) {
    const out: Finding[] = [];
    for (const route of vh.routes) {
      const retry = effectiveRetryPolicy(vh, route);
      if (!retry || retry.policy.numRetries <= 0) continue;
      const aborts = routeFaults(vh, route).filter((f) => f.abort && f.abort.percent > 0);
      if (aborts.length === 0) continue;
      const where = routeRef(rc, vh, route);
      const { policy, from } = retry;
      const owner = from === 'route' ? "the route's" : "the virtual host's";
      const policyText = `${owner} ${retries(policy.numRetries)}${policy.retryOn.length ? ` on ${policy.retryOn.join(',')}` : ''}`;
      out.push(
        finding(
          FAULT_ABORT_NOT_RETRIED,
          `${where}: the fault ${aborts.map((f) => describeFault(f, 'abort')).join(', ')} is a local reply of the fault filter, sent before the router: Envoy never retries it, so the aborted requests get none of ${policyText}`,
          [where],
        ),
      );
    }
    return out;
  },
};
