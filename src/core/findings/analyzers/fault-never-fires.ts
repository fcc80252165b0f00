import type { Analyzer } from '../analyzer.ts';
import { type Finding, type FindingType, finding } from '../finding.ts';
import { describeFault, routeFaults } from '../route-faults.ts';
import { routeRef } from '../route-ref.ts';

const FAULT_NEVER_FIRES: FindingType = {
  code: 'MS112',
  name: 'FaultNeverFires',
  severity: 'warning',
  hint: 'set http[].fault.abort.percentage.value / http[].fault.delay.percentage.value in the VirtualService: without a percentage no request is faulted',
};

/** For routes no VirtualService produced. */
const ENVOY_HINT = "set abort.percentage / delay.percentage in the route's envoy.filters.http.fault config (no VirtualService produced it)";

/**
 * A fault abort or delay that applies to 0% of requests, most often because it has no
 * `percentage`: the fault filter decides with the runtime's `featureEnabled(key, percentage)`
 * (fault_filter.cc `isAbortEnabled` / `isDelayEnabled`), and an unset FractionalPercent is
 * numerator 0, so barring a runtime override (`fault.http.abort.abort_percent`,
 * `fault.http.delay.fixed_delay_percent`) nothing is ever faulted. Header-driven faults are capped
 * by the same percentage (fault_config.cc `HeaderPercentageProvider`). Istio leaves an abort's
 * percentage unset when the VirtualService has none and writes a delay's as the deprecated
 * integer `percent`, 0 when absent (pilot/pkg/networking/core/route/route.go `TranslateFault`).
 */
export const faultNeverFires: Analyzer = {
  name: 'route.fault-percentage',
  description: 'fault aborts and delays that apply to 0% of requests (no percentage)',
  reads: ['routes'],
  reports: [FAULT_NEVER_FIRES],
  virtualHost(_config, rc, vh) {
    const out: Finding[] = [];
    for (const route of vh.routes) {
      const where = routeRef(rc, vh, route);
      for (const fault of routeFaults(vh, route)) {
        for (const part of ['abort', 'delay'] as const) {
          const f = fault[part];
          if (!f || f.percent > 0) continue;
          const why = f.percentUnset ? 'it has no percentage, which Envoy reads as 0%' : 'its percentage is 0%';
          out.push(
            finding(
              FAULT_NEVER_FIRES,
              `${where}: the fault ${describeFault(fault, part)} never fires: ${why} of requests`,
              [where],
              route.istio ? undefined : ENVOY_HINT,
            ),
          );
        }
      }
    }
    return out;
  },
};
