import type { RequestGroupsReport } from '../core/accesslog/group-types.ts';
import { attributeLogFile, type LogFileInput, type LogLineInput } from '../core/accesslog/log-attribution.ts';
import { explainRequestGroups } from '../core/accesslog/request-groups.ts';
import { type PathProxy, pathProxy } from '../core/path/owners.ts';
import type { MeshSource } from './mesh-source.ts';

/**
 * `explain --log FILE…`: the access log files attributed to the source's proxies, their lines
 * grouped by request and explained against those proxies' configs. Proxies whose config cannot be
 * read are left out (their lines still group) and named in the report's notes.
 */
export async function explainLogFiles(source: MeshSource, files: readonly LogFileInput[], signal?: AbortSignal): Promise<RequestGroupsReport> {
  const summaries = await source.listProxies(signal);
  const proxies: PathProxy[] = [];
  const notes: string[] = [];
  for (const summary of summaries) {
    try {
      const { config } = await source.proxyConfig(summary.name, signal);
      proxies.push(pathProxy(summary.name, config));
    } catch (error) {
      if (signal?.aborted) throw error;
      notes.push(`${summary.name}: its config could not be read (${error instanceof Error ? error.message : String(error)}); its lines are not explained`);
    }
  }
  const names = summaries.map((s) => s.name);
  const lines: LogLineInput[] = [];
  for (const file of files) {
    const attributed = attributeLogFile(file, names);
    lines.push(...attributed.lines);
    notes.push(...attributed.notes.map((n) => n.message));
  }
  return explainRequestGroups(lines, proxies, notes);
}
