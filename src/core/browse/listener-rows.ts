import type { JsonObject } from '../envoy/json.ts';
import { filterChainsOf } from '../envoy/listener-chains.ts';
import type { Listener, ProxyConfig } from '../envoy/types.ts';
import { clusterLabel } from './labels.ts';

/** One Envoy listener as the Listeners table shows it. */
export interface ListenerRow {
  id: string;
  /** The resource as the dump holds it (snake_case), for the raw view (`y`). */
  raw?: JsonObject;
  name: string;
  /** `0.0.0.0:9080`, or `internal` for an internal listener. */
  address: string;
  /** INBOUND / OUTBOUND, or ''. */
  direction: string;
  filterChains: number;
  /** Route configs (RDS names) its HTTP connection managers use. */
  routeConfigs: string[];
  /** `RDS 9080`, `TCP → reviews.bookinfo:9080`, `HTTP inline`, a mix, or the filter names. */
  destination: string;
  /** `active`, `warming`, `static`. */
  state: string;
}

function listenerRow(listener: Listener): ListenerRow {
  const routeConfigs = new Set<string>();
  const parts = new Set<string>();
  for (const chain of filterChainsOf(listener)) {
    for (const f of chain.filters) {
      if (f.kind === 'http_connection_manager') {
        if (f.rdsRouteConfigName !== undefined) {
          routeConfigs.add(f.rdsRouteConfigName);
          parts.add(`RDS ${f.rdsRouteConfigName}`);
        } else if (f.routeConfig) parts.add('HTTP inline routes');
        else if (f.scopedRoutesName !== undefined) parts.add(`scoped routes ${f.scopedRoutesName}`);
      } else if (f.kind === 'tcp_proxy') {
        const to = f.cluster ?? f.weightedClusters.map((w) => w.name).join(',');
        parts.add(`TCP → ${clusterLabel(to)}`);
      }
    }
  }
  const address = listener.internal ? 'internal' : listener.address ? (listener.address.pipe ?? `${listener.address.address}:${listener.address.port}`) : '';
  const shown = [...parts];
  return {
    id: listener.name,
    raw: listener.raw,
    name: listener.name,
    address,
    direction: listener.trafficDirection && listener.trafficDirection !== 'UNSPECIFIED' ? listener.trafficDirection : '',
    filterChains: listener.filterChains.length + (listener.defaultFilterChain ? 1 : 0),
    routeConfigs: [...routeConfigs],
    destination: shown.length > 3 ? `${shown.slice(0, 3).join(', ')} +${shown.length - 3}` : shown.join(', '),
    state: listener.meta.state,
  };
}

export function listenerRows(config: ProxyConfig): ListenerRow[] {
  return config.listeners.map(listenerRow);
}
