import type { HealthStatus } from '../envoy/enums.ts';
import type { TopRow } from './row.ts';
import type { TopState } from './state.ts';
import { allRows } from './view.ts';

/**
 * `meshtop --once -o json`: one object per row (workload, service, cluster, endpoint), flat so
 * `jq '.rows[] | select(.kind == "cluster")'` works. Field names are a contract for scripts:
 * `rps`, `successRate` (0–1), `errorsPerSec` (5xx/s), `retriesPerSec`, `timeoutsPerSec`,
 * `pendingOverflowPerSec`, `ejectionsActive`, `cxActive`, `p50Ms`, `p99Ms`,
 * `weightConfigured`/`weightObserved` (0–1) and `weightDiverges`. Unknown values are null, never 0.
 */
export interface TopJsonRow {
  proxy: string;
  kind: TopRow['kind'];
  service: string | null;
  cluster: string | null;
  subset: string | null;
  endpoint: string | null;
  zone: string | null;
  health: HealthStatus | null;
  rps: number | null;
  successRate: number | null;
  errorsPerSec: number | null;
  retriesPerSec: number | null;
  timeoutsPerSec: number | null;
  pendingOverflowPerSec: number | null;
  ejectionsActive: number | null;
  cxActive: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** `stats` (cluster.<name>.*) or `hosts` (/clusters host counters). */
  source: 'stats' | 'hosts' | null;
  /** A counter was reset in the interval; rates count from the reset. */
  counterReset: boolean;
  weightRoute: string | null;
  weightConfigured: number | null;
  weightObserved: number | null;
  weightDiverges: boolean | null;
  /** The split's requests the observed share is computed from. */
  weightSamples: number | null;
  /** Endpoint rows: 0–1 of the cluster's requests Envoy's load balancer gives it now; null when unknown. */
  share: number | null;
  /** Endpoint rows with share 0: why. */
  noShare: string | null;
}

export interface TopJson {
  /** ISO time of the newest read. */
  sampledAt: string | null;
  /** Seconds between the two samples; null when the rates are averages since Envoy started (a recorded reading). */
  intervalSeconds: number | null;
  proxies: { proxy: string; sampledAt: string | null; errors: string[] }[];
  rows: TopJsonRow[];
}

const round = (value: number | undefined, digits: number): number | null => (value === undefined ? null : Number(value.toFixed(digits)));
const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

function topJsonRow(row: TopRow): TopJsonRow {
  const m = row.metrics;
  const w = row.weight;
  return {
    proxy: row.proxy,
    kind: row.kind,
    service: row.service ?? null,
    cluster: row.cluster ?? null,
    subset: row.subset ?? null,
    endpoint: row.endpoint ?? null,
    zone: row.zone ?? null,
    health: row.health ?? null,
    rps: round(m.rps, 3),
    successRate: round(m.successRate, 4),
    errorsPerSec: round(m.errorsPerSec, 3),
    retriesPerSec: round(m.retriesPerSec, 3),
    timeoutsPerSec: round(m.timeoutsPerSec, 3),
    pendingOverflowPerSec: round(m.pendingOverflowPerSec, 3),
    ejectionsActive: m.ejectionsActive ?? null,
    cxActive: m.cxActive ?? null,
    p50Ms: round(m.p50Ms, 3),
    p99Ms: round(m.p99Ms, 3),
    source: m.source ?? null,
    counterReset: m.reset,
    weightRoute: w?.route ?? null,
    weightConfigured: round(w?.configured, 4),
    weightObserved: round(w?.observed, 4),
    weightDiverges: w?.diverges ?? null,
    weightSamples: w && !w.notComparable ? w.samples : null,
    share: row.share === undefined ? null : round(row.share / 100, 4),
    noShare: row.noShare ?? null,
  };
}

export function topJson(state: TopState, intervalSeconds: number | null): TopJson {
  return {
    sampledAt: iso(state.sampledAt),
    intervalSeconds,
    proxies: state.proxies.map((p) => ({ proxy: p.proxy, sampledAt: iso(p.sampledAt), errors: p.errors })),
    rows: allRows(state).map(topJsonRow),
  };
}
