import { issueReadSteps } from '../core/envoy/load.ts';
import type { LoadIssue, ProxyConfig } from '../core/envoy/types.ts';
import { runInSlices, type SliceOptions } from './background-slices.ts';

/**
 * `config.issues.value`, the same list, with the parts it reads first (every cluster and EDS
 * entry's fields, the virtual hosts: ~0.15 s on a 10k-service sidecar) read in slices, the event
 * loop free in between: the terminal UI's first frame does not wait for them, and its status line
 * says it is still checking until they are read. Rejects with the signal's reason when aborted.
 */
export async function issuesInBackground(config: ProxyConfig, options: SliceOptions = {}): Promise<LoadIssue[]> {
  const steps = issueReadSteps(config.issues);
  if (steps) await runInSlices(steps, options);
  return config.issues.value;
}
