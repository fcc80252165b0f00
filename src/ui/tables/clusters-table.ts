import type { ClusterRow } from '../../core/browse/cluster-rows.ts';
import { shortHost } from '../../core/browse/labels.ts';
import type { Row, TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

function endpointsText(r: ClusterRow): string {
  if (r.endpoints === null) return '-';
  return r.ejected ? `${r.endpoints} (${r.ejected} ejected)` : String(r.endpoints);
}

export function clusterTableRow(r: ClusterRow): Row {
  const service = r.host ? `${shortHost(r.host)}${r.port ? `:${r.port}` : ''}` : r.name;
  return {
    id: r.id,
    raw: r.raw,
    cells: [
      clean(service),
      clean(r.subset),
      r.direction,
      r.type,
      r.lbPolicy,
      clean(r.circuitBreaker),
      clean(r.outlierDetection),
      clean(r.destinationRule),
      endpointsText(r),
    ],
    open: { kind: 'view', view: { kind: 'cluster-endpoints', title: clean(r.subset ? `${shortHost(r.host)} ${r.subset}` : service), cluster: r.name } },
    tone: r.endpoints === 0 || (r.endpoints !== null && r.ejected >= r.endpoints && r.ejected > 0) ? 'bad' : r.ejected ? 'warn' : undefined,
    detail: clean(
      `${r.name} · ${r.type} ${r.lbPolicy} · tls ${r.tls}${r.circuitBreaker ? ` · circuit breaker ${r.circuitBreaker}` : ''}${r.outlierDetection ? ` · outlier ${r.outlierDetection}` : ''}${r.destinationRule ? ` · DestinationRule ${r.destinationRule}` : ''}`,
    ),
  };
}

/** A cluster a route names that CDS does not have: Envoy answers 503 NC. */
export function missingClusterRow(name: string): Row {
  return {
    id: name,
    cells: [clean(name), '', '', 'missing', '', '', '', '', '-'],
    tone: 'bad',
    detail: clean(`${name} is not in the proxy's clusters (CDS): requests routed here get 503 with response flag NC`),
  };
}

/** The Clusters tab: upstream clusters with the DestinationRule policies behind them. */
export function clustersTable(rows: Row[], noun = 'clusters'): TableModel {
  return {
    noun,
    empty: 'no clusters',
    columns: [
      { title: 'SERVICE', min: 16, max: 48, priority: 0, search: true },
      { title: 'SUBSET', min: 6, max: 12, priority: 0, search: true },
      { title: 'DIR', min: 3, max: 8, priority: 5 },
      { title: 'TYPE', min: 3, max: 12, priority: 3 },
      { title: 'LB', min: 6, max: 13, priority: 3 },
      { title: 'CIRCUIT BREAKER', min: 10, max: 30, priority: 3 },
      { title: 'OUTLIER', min: 10, max: 28, priority: 3 },
      { title: 'DESTINATIONRULE', min: 10, max: 28, priority: 1, search: true },
      { title: 'EPS', min: 3, max: 14, priority: 1, align: 'right' },
    ],
    rows,
  };
}
