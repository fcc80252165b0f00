import { formatCount, formatMs, formatPercent, formatRate, formatWeight } from './format.ts';
import type { TopRow } from './row.ts';
import type { TopColumn } from './view.ts';

/** The mark of an endpoint row whose share of its cluster's requests is 0 (ejected, another priority carries it, weight 0). */
export const NO_SHARE = '∅';

/** meshtop's table columns as data: the text output, the TUI table and its help share them. */
export interface TopColumnSpec {
  id: TopColumn;
  header: string;
  /** Cells are right-aligned numbers, except the name. */
  align: 'left' | 'right';
  /** Minimum width in cells (the TUI's layout). */
  width: number;
  /** What it is, for the help overlay and the README. */
  description: string;
  cell(row: TopRow): string;
}

export const TOP_TABLE: readonly TopColumnSpec[] = [
  {
    id: 'name',
    header: 'NAME',
    align: 'left',
    width: 24,
    description: `workload → service host:port → subset cluster → endpoint (${NO_SHARE} marks an endpoint the load balancer gives no request)`,
    cell: (r) => (r.noShare === undefined ? r.name : `${r.name} ${NO_SHARE}`),
  },
  {
    id: 'rps',
    header: 'RPS',
    align: 'right',
    width: 6,
    description: 'upstream requests per second (upstream_rq_total; retries count)',
    cell: (r) => formatRate(r.metrics.rps) + (r.metrics.reset ? '*' : ''),
  },
  {
    id: 'successRate',
    header: 'SUCCESS',
    align: 'right',
    width: 7,
    description: 'responses that were not 5xx',
    cell: (r) => formatPercent(r.metrics.successRate),
  },
  { id: 'errorsPerSec', header: '5XX/S', align: 'right', width: 5, description: '5xx responses per second', cell: (r) => formatRate(r.metrics.errorsPerSec) },
  {
    id: 'retriesPerSec',
    header: 'RETRY/S',
    align: 'right',
    width: 7,
    description: 'retries per second (upstream_rq_retry)',
    cell: (r) => formatRate(r.metrics.retriesPerSec),
  },
  {
    id: 'timeoutsPerSec',
    header: 'TMOUT/S',
    align: 'right',
    width: 7,
    description: 'route timeouts per second (upstream_rq_timeout)',
    cell: (r) => formatRate(r.metrics.timeoutsPerSec),
  },
  {
    id: 'pendingOverflowPerSec',
    header: 'OVFL/S',
    align: 'right',
    width: 6,
    description: 'circuit-breaker trips per second (upstream_rq_pending_overflow)',
    cell: (r) => formatRate(r.metrics.pendingOverflowPerSec),
  },
  {
    id: 'ejectionsActive',
    header: 'EJECT',
    align: 'right',
    width: 5,
    description: 'hosts ejected by outlier detection now',
    cell: (r) => formatCount(r.metrics.ejectionsActive),
  },
  { id: 'cxActive', header: 'CX', align: 'right', width: 4, description: 'open upstream connections', cell: (r) => formatCount(r.metrics.cxActive) },
  { id: 'p50Ms', header: 'P50', align: 'right', width: 6, description: 'median request time (upstream_rq_time)', cell: (r) => formatMs(r.metrics.p50Ms) },
  { id: 'p99Ms', header: 'P99', align: 'right', width: 6, description: '99th percentile request time', cell: (r) => formatMs(r.metrics.p99Ms) },
  {
    id: 'weight',
    header: 'WEIGHT→SEEN',
    align: 'right',
    width: 13,
    description: 'configured weight → observed share; ! diverges beyond chance, ? other routes share the cluster',
    cell: (r) => formatWeight(r.weight),
  },
];
