import { endpointRowsOf } from '../../core/browse/endpoint-rows.ts';
import type { ProxyConfig } from '../../core/envoy/types.ts';
import { explain } from '../../core/explain/explain.ts';
import { parseRequest } from '../../core/router/request.ts';
import { busiestRoute } from '../../core/top/busiest.ts';
import type { TopRow } from '../../core/top/row.ts';
import { clean } from '../text.ts';
import { explainLines } from '../views/explain-lines.ts';
import type { Line } from '../views/lines.ts';

/**
 * The explain panel's content for `e`: the busiest route of a workload, traced by the explain
 * engine as the TUI's explain panel traces a typed request. A weighted split is left undecided
 * (both destinations shown with their weights), as meshtop is about where traffic goes.
 */
export interface TopExplanation {
  proxy: string;
  title: string;
  /** The request, as it could be typed in meshscope's explain panel or `meshscope explain`. */
  command?: string;
  lines: Line[];
}

export function explainBusiest(proxy: string, config: ProxyConfig | undefined, root: TopRow | undefined, width: number): TopExplanation {
  if (!config || !root)
    return { proxy, title: `${proxy}: no config read yet`, lines: [[{ text: 'The proxy config has not been read (yet): nothing to explain.', tone: 'warn' }]] };
  const busiest = busiestRoute(config, root);
  if (!busiest) {
    return {
      proxy,
      title: `${proxy}: no busy route yet`,
      lines: [[{ text: 'No cluster has requests per second yet (rates need two samples), or no route sends to the busiest one.', tone: 'muted' }]],
    };
  }
  const headers = busiest.headers.map((h) => ` -H '${h}'`).join('');
  const command = `meshscope explain ${proxy} '${busiest.request}'${headers}`;
  try {
    const result = explain(config, parseRequest(busiest.request, busiest.headers));
    const endpointsOf = (cluster: string) => {
      const c = config.index.clusterByName.get(cluster);
      return c ? endpointRowsOf(config, c) : [];
    };
    const lines: Line[] = [
      [{ text: `busiest cluster ${clean(busiest.cluster)} ← route ${clean(busiest.route)}`, tone: 'muted' }],
      [{ text: clean(command), tone: 'muted' }],
      [],
    ];
    lines.push(...explainLines(result, { width, unfolded: false, endpointsOf }));
    return { proxy, title: `${clean(busiest.request)}${clean(headers)}`, command, lines };
  } catch (error) {
    return { proxy, title: busiest.request, command, lines: [[{ text: error instanceof Error ? error.message : String(error), tone: 'bad' }]] };
  }
}
