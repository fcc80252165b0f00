import type { ProxySummary } from '../../app/mesh-source.ts';
import type { Workload } from '../../app/workload.ts';
import { clusterRow } from '../../core/browse/cluster-rows.ts';
import { endpointRows, endpointRowsOf } from '../../core/browse/endpoint-rows.ts';
import { findingRows } from '../../core/browse/finding-rows.ts';
import { listenerRows } from '../../core/browse/listener-rows.ts';
import { type RouteRow, routeRows } from '../../core/browse/route-rows.ts';
import type { ConfigSet } from '../../core/config/objects.ts';
import type { Finding } from '../../core/findings/index.ts';
import { intentForProxy } from '../../core/intent/reconcile.ts';
import type { View } from '../state/views.ts';
import { FilterIndex } from '../table/filter-index.ts';
import { naturalWidths } from '../table/layout.ts';
import type { Row, TableModel } from '../table/model.ts';
import { clustersTable, clusterTableRow, missingClusterRow } from './clusters-table.ts';
import { endpointsTable } from './endpoints-table.ts';
import { findingsTable } from './findings-table.ts';
import { intentTable } from './intent-table.ts';
import { listenersTable } from './listeners-table.ts';
import { proxiesTable } from './proxies-table.ts';
import { rawTable } from './raw-table.ts';
import { routesTable } from './routes-table.ts';
import { warningsTable } from './warnings-table.ts';

/** A built table: its model, its filter index and its columns' natural widths. */
export interface TableEntry {
  model: TableModel;
  index: FilterIndex;
  natural: number[];
}

function entry(model: TableModel): TableEntry {
  return { model, index: new FilterIndex(model), natural: naturalWidths(model.columns, model.rows) };
}

/** The picker's tables, one per namespace filter, built on first use. */
export class ProxyTables {
  private readonly built = new Map<string, TableEntry>();
  constructor(readonly proxies: ProxySummary[]) {}

  table(namespace: string | null): TableEntry {
    const key = namespace ?? '';
    let found = this.built.get(key);
    if (!found) {
      found = entry(proxiesTable(this.proxies, namespace));
      this.built.set(key, found);
    }
    return found;
  }
}

/** The workload's findings as counted so far (see useWorkload): undefined while counting. */
export interface FindingsState {
  findings: Finding[] | undefined;
  /** 0–1. */
  findingsDone: number;
  findingsError?: string;
}

/**
 * One workload's tables, each built the first time it is shown (a 10k-service sidecar has ~40k
 * routes and ~80k endpoints: no need to build what nobody opens).
 */
export class WorkloadTables {
  private readonly built = new Map<string, TableEntry>();
  private routes: RouteRow[] | undefined;
  /** The findings as counted so far: the workload's own when it came with them. */
  findings: FindingsState;
  /** `objects`: the `--config` objects read at start (undefined: none given; the Intent tab says how). */
  constructor(
    readonly workload: Workload,
    readonly objects?: ConfigSet,
  ) {
    this.findings = { findings: workload.findings, findingsDone: workload.findings ? 1 : 0 };
  }

  /** Takes the findings counted in the background (a workload loaded without them); returns this. */
  withFindings(state: FindingsState): this {
    if (this.workload.findings === undefined && state.findings !== this.findings.findings) {
      this.built.delete('findings');
      this.built.delete('findings:errors');
    }
    if (this.workload.findings === undefined) this.findings = state;
    return this;
  }

  private memo(key: string, build: () => TableModel): TableEntry {
    let found = this.built.get(key);
    if (!found) {
      found = entry(build());
      this.built.set(key, found);
    }
    return found;
  }

  private routeRows(): RouteRow[] {
    this.routes ??= routeRows(this.workload.config);
    return this.routes;
  }

  private clusterRows(names: string[]): Row[] {
    const config = this.workload.config;
    return names.map((name) => {
      const cluster = config.index.clusterByName.get(name);
      return cluster ? clusterTableRow(clusterRow(config, cluster)) : missingClusterRow(name);
    });
  }

  /** Rows of a tab's table if it has been built (counts are shown for what was looked at). */
  builtRows(tab: string): number | undefined {
    return this.built.get(tab)?.model.rows.length;
  }

  /** The table behind a view; `errorsOnly`: the Findings tab shows error-level findings only (`o`). */
  table(view: View, errorsOnly = false): TableEntry | undefined {
    const w = this.workload;
    switch (view.kind) {
      case 'tab':
        switch (view.tab) {
          case 'routes':
            return this.memo('routes', () => routesTable(this.routeRows()));
          case 'clusters':
            return this.memo('clusters', () => clustersTable(this.clusterRows(w.config.clusters.map((c) => c.name))));
          case 'endpoints':
            return this.memo('endpoints', () => endpointsTable(endpointRows(w.config)));
          case 'listeners':
            return this.memo('listeners', () => listenersTable(listenerRows(w.config)));
          case 'findings': {
            const { findings, findingsDone, findingsError } = this.findings;
            // Still counting: the analyzer's messages now, with how far the count is (not memoized).
            if (findings === undefined) return entry(findingsTable(findingRows([], w.analyzer), w.analyzeError, errorsOnly, { counting: findingsDone }));
            return this.memo(`findings${errorsOnly ? ':errors' : ''}`, () =>
              findingsTable(findingRows(findings, w.analyzer), w.analyzeError, errorsOnly, { failed: findingsError }),
            );
          }
          case 'intent': {
            const objects = this.objects;
            return this.memo('intent', () =>
              intentTable(objects ? intentForProxy(objects, w.config) : undefined, objects?.objects ?? [], objects?.problems ?? []),
            );
          }
        }
        return undefined;
      case 'route-clusters':
        return this.memo(`route:${view.title}:${view.clusters.join(',')}`, () => clustersTable(this.clusterRows(view.clusters), `clusters of ${view.title}`));
      case 'cluster-endpoints': {
        const cluster = w.config.index.clusterByName.get(view.cluster);
        return this.memo(`cluster:${view.cluster}`, () => endpointsTable(cluster ? endpointRowsOf(w.config, cluster) : [], `endpoints of ${view.title}`));
      }
      case 'listener-routes': {
        const wanted = new Set(view.routeConfigs);
        return this.memo(`listener:${view.title}`, () =>
          routesTable(
            this.routeRows().filter((r) => wanted.has(r.routeConfig)),
            `routes of ${view.title}`,
          ),
        );
      }
      case 'warnings':
        return this.memo('warnings', () => warningsTable(w.config.issues.value, this.objects?.problems ?? []));
      default:
        return undefined;
    }
  }
}

/** The table behind a view, if it has one and its data is there. */
export function tableFor(
  view: View,
  namespace: string | null,
  proxies: ProxyTables,
  workload: WorkloadTables | undefined,
  errorsOnly = false,
): TableEntry | undefined {
  if (view.kind === 'raw') return rawEntry(view);
  return view.kind === 'picker' ? proxies.table(namespace) : workload?.table(view, errorsOnly);
}

const rawEntries = new WeakMap<object, Map<string, TableEntry>>();

/** The raw view's table, built once per resource and format. */
function rawEntry(view: Extract<View, { kind: 'raw' }>): TableEntry {
  let byFormat = rawEntries.get(view.raw);
  if (!byFormat) {
    byFormat = new Map();
    rawEntries.set(view.raw, byFormat);
  }
  let found = byFormat.get(view.format);
  if (!found) {
    found = entry(rawTable(view.raw, view.format, view.title));
    byFormat.set(view.format, found);
  }
  return found;
}
