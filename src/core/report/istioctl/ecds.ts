import type { JsonObject } from '../../envoy/json.ts';
import type { EcdsFilter } from '../../envoy/types.ts';
import { goSortSlice, goStringLess } from '../go-sort.ts';
import { row, tabulate } from '../tabwriter.ts';

/**
 * `istioctl proxy-config ecds`: the extension configs served over ECDS (Istio's Wasm plugins and
 * telemetry filters), sorted by type URL then name.
 */
const TYPE_URL_PREFIX = 'type.googleapis.com/';

export function renderEcds(filters: readonly EcdsFilter[]): string {
  const sorted = goSortSlice([...filters], (a, b) => (a.typeUrl === b.typeUrl ? goStringLess(a.name, b.name) : goStringLess(a.typeUrl, b.typeUrl)));
  const lines = ['ECDS NAME\tTYPE'];
  for (const f of sorted) lines.push(row`${f.name}\t${f.typeUrl.startsWith(TYPE_URL_PREFIX) ? f.typeUrl.slice(TYPE_URL_PREFIX.length) : f.typeUrl}`);
  return tabulate(lines, 5);
}

/** The EcdsConfigDump (snake_case) the filters came from, in dump order. */
export function ecdsConfigDump(filters: readonly EcdsFilter[]): JsonObject {
  const entries = filters.map((f) => {
    const entry: JsonObject = {};
    if (f.meta.versionInfo !== undefined) entry.version_info = f.meta.versionInfo;
    entry.ecds_filter = f.raw;
    if (f.meta.lastUpdated !== undefined) entry.last_updated = f.meta.lastUpdated;
    return entry;
  });
  return entries.length > 0 ? { ecds_filters: entries } : {};
}
