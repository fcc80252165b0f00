import type { FindingRow } from '../../core/browse/finding-rows.ts';
import type { JsonObject } from '../../core/envoy/json.ts';
import type { IntentVerdict } from '../../core/intent/types.ts';

/**
 * Where the user is: a stack of views, like k9s (Enter pushes, Esc pops). The workload picker is
 * the root when the source has several proxies; a workload's tabs sit above it, drill-downs above
 * a tab.
 */
export type TabId = 'routes' | 'clusters' | 'endpoints' | 'listeners' | 'findings' | 'intent';

export const TABS: readonly { id: TabId; title: string }[] = [
  { id: 'routes', title: 'Routes' },
  { id: 'clusters', title: 'Clusters' },
  { id: 'endpoints', title: 'Endpoints' },
  { id: 'listeners', title: 'Listeners' },
  { id: 'findings', title: 'Findings' },
  /** The `--config` objects judged from this proxy (intentForProxy): which apply, and why not. */
  { id: 'intent', title: 'Intent' },
];

export type View =
  | { kind: 'picker' }
  | { kind: 'tab'; tab: TabId }
  /** The clusters a route sends to. */
  | { kind: 'route-clusters'; title: string; clusters: string[] }
  /** The endpoints of one cluster. */
  | { kind: 'cluster-endpoints'; title: string; cluster: string }
  /** The routes of a listener's route configs. */
  | { kind: 'listener-routes'; title: string; routeConfigs: string[] }
  | { kind: 'explain' }
  /**
   * The explained request followed through every proxy of the source (`p` in the explain panel):
   * the typed line it follows, and the hop under the cursor (null: the failing hop, else the first).
   */
  | { kind: 'path'; request: string; hop: number | null }
  /** One hop's own trace (Enter on a hop of the path view); `title` names the hop for the breadcrumb. */
  | { kind: 'hop-trace'; hop: number; title: string; scroll: number }
  /** The workload's load issues: what meshscope did not interpret (`:warnings`, W). */
  | { kind: 'warnings' }
  /** The selected row's resource as YAML or JSON (`y`; `y` again switches). */
  | {
      kind: 'raw';
      title: string;
      raw: JsonObject;
      format: 'yaml' | 'json';
      /** Cells cut from the start of every line (←/→, h/l: sideways scroll); absent: 0. */
      shift?: number;
    }
  /** One finding in full, wrapped to the width (Enter or d on a finding; k9s's describe). */
  | { kind: 'describe'; title: string; finding: FindingRow; scroll: number }
  /** One Istio object's verdict in full (d on an Intent row): verdict, reason, notes, produced, origin. */
  | { kind: 'describe-intent'; title: string; verdict: IntentVerdict; scroll: number };

/** What Enter on a row does. */
export type Open = { kind: 'view'; view: View } | { kind: 'workload'; proxy: string };

/** The key of a view's table state (cursor, filter): per workload, per drill-down target. */
export function tableKey(view: View, workload: string | null, namespace: string | null): string {
  switch (view.kind) {
    case 'picker':
      return `picker:${namespace ?? ''}`;
    case 'tab':
      return `${workload}/${view.tab}`;
    case 'route-clusters':
      return `${workload}/route:${view.title}:${view.clusters.join(',')}`;
    case 'cluster-endpoints':
      return `${workload}/cluster:${view.cluster}`;
    case 'listener-routes':
      return `${workload}/listener:${view.title}`;
    case 'explain':
      return `${workload}/explain`;
    case 'path':
      return `${workload}/path:${view.request}`;
    case 'hop-trace':
      return `${workload}/path-hop:${view.hop}`;
    case 'warnings':
      return `${workload}/warnings`;
    case 'raw':
      return `${workload}/raw:${view.title}:${view.format}`;
    case 'describe':
      return `${workload}/describe:${view.finding.id}`;
    case 'describe-intent':
      return `${workload}/describe-intent:${view.verdict.kind}/${view.verdict.namespace}/${view.verdict.name}`;
  }
}

/** The breadcrumb of a view. */
export function viewTitle(view: View): string {
  switch (view.kind) {
    case 'picker':
      return 'Workloads';
    case 'tab':
      return TABS.find((t) => t.id === view.tab)!.title;
    case 'explain':
      return 'Explain';
    case 'path':
      return 'Path';
    case 'warnings':
      return 'Not interpreted';
    case 'raw':
      return `${view.title} (${view.format.toUpperCase()})`;
    default:
      return view.title;
  }
}
