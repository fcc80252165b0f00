import type { ProxySummary } from '../../app/mesh-source.ts';
import { syncText } from '../../core/browse/sync.ts';
import type { TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

/** The workload picker: every proxy with namespace, type, Istio version and xDS sync state. */
export function proxiesTable(proxies: ProxySummary[], namespace: string | null): TableModel {
  const shown = namespace === null ? proxies : proxies.filter((p) => p.namespace === namespace);
  return {
    noun: namespace === null ? 'workloads' : `workloads in ${namespace}`,
    rankMatches: true,
    empty: namespace === null ? 'the source lists no proxies' : `no workloads in namespace ${namespace} (:ns all shows every namespace)`,
    columns: [
      { title: 'NAME', min: 20, max: 64, priority: 0, search: true },
      { title: 'NAMESPACE', min: 9, max: 24, priority: 1, search: true },
      { title: 'TYPE', min: 7, max: 9, priority: 3 },
      { title: 'ISTIO', min: 6, max: 12, priority: 2 },
      { title: 'SYNC', min: 6, max: 40, priority: 1 },
    ],
    rows: shown.map((p) => {
      const sync = syncText(p.sync);
      return {
        id: p.name,
        cells: [clean(p.pod), clean(p.namespace), clean(p.proxyType ?? ''), clean(p.istioVersion ?? ''), clean(sync)],
        open: { kind: 'workload', proxy: p.name },
        // A capture folder without this proxy's dump: dimmed, and the detail line says why.
        tone: p.captured === false ? 'muted' : sync === 'SYNCED' || sync === '-' ? undefined : 'warn',
        detail: clean(
          `${p.name}${p.istiod ? ` · served by ${p.istiod}${p.istiodVersion ? ` (${p.istiodVersion})` : ''}` : ''}${p.clusterId ? ` · cluster ${p.clusterId}` : ''}${p.captured === false ? ' · no config dump captured in this folder (listed by proxy-status)' : ''}`,
        ),
      };
    }),
  };
}
