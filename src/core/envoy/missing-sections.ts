import type { ProxyDraft } from './draft.ts';
import type { IssueSink } from './issues.ts';
import { filterChainsOf } from './listener-chains.ts';

/**
 * Says which parts of a proxy's config the input lacked and what that costs, with the command
 * that captures them. Only reported when the input holds some xDS config: an endpoints-only file
 * is not scolded for lacking listeners.
 */
const CAPTURE = 'capture with `istioctl proxy-config all POD -o json`';
const CAPTURE_EDS = `${CAPTURE} (includes EDS)`;

export function reportMissingSections(draft: ProxyDraft, sink: IssueSink): void {
  const s = draft.sections;
  if (!s.listeners && !s.routes && !s.clusters) return;
  const missing = (severity: 'info' | 'warning', section: string, message: string): void =>
    sink.report({ severity, code: 'missing-section', message, where: section });
  if (!s.listeners) missing('warning', 'listeners', `no listeners section: requests cannot be traced from a port; ${CAPTURE}`);
  const usesRds = draft.listeners.some((l) =>
    filterChainsOf(l).some((c) => c.filters.some((f) => f.kind === 'http_connection_manager' && f.rdsRouteConfigName !== undefined)),
  );
  if (!s.routes && (usesRds || !s.listeners)) missing('warning', 'routes', `no routes section: HTTP routes (RDS) unknown; ${CAPTURE}`);
  if (!s.clusters) missing('warning', 'clusters', `no clusters section: destination rules, TLS and load balancing unknown; ${CAPTURE}`);
  const needsEds = !s.clusters || draft.clusters.some((c) => c.type === 'EDS');
  if (!s.endpoints && needsEds) {
    if (s.hostStatus)
      missing('info', 'endpoints', `no EDS section: endpoint locality and workload identity unknown (health comes from /clusters); ${CAPTURE_EDS}`);
    else missing('warning', 'endpoints', `no EDS section: endpoint health unknown; ${CAPTURE_EDS}`);
  }
  if (!s.bootstrap) missing('info', 'bootstrap', `no bootstrap section: proxy identity and Istio version unknown; ${CAPTURE}`);
}
