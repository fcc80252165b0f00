import path from 'node:path';
import { parse } from 'yaml';
import { MAX_JSON_DEPTH } from '../core/envoy/json-depth.ts';
import { yamlDepthOverflows } from '../core/text/yaml-depth.ts';
import { readInputText } from './input-file.ts';

/**
 * The kube context a live capture talks to, for the snapshot's provenance: `--context` when given,
 * else `current-context` of the kubeconfig (`--kubeconfig`, else the first file in $KUBECONFIG
 * that sets it, else ~/.kube/config). Undefined when none can be read; never an error.
 */
export async function currentKubeContext(options: {
  context?: string;
  kubeconfig?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}): Promise<string | undefined> {
  if (options.context) return options.context;
  const home = options.env.HOME ?? options.env.USERPROFILE;
  const files = options.kubeconfig
    ? [path.resolve(options.cwd, options.kubeconfig)]
    : options.env.KUBECONFIG
      ? options.env.KUBECONFIG.split(path.delimiter).filter(Boolean)
      : home
        ? [path.join(home, '.kube', 'config')]
        : [];
  for (const file of files) {
    try {
      const text = await readInputText(file);
      // The YAML composer recurses: a kubeconfig nested past the JSON limit is skipped, not parsed.
      if (yamlDepthOverflows(text, MAX_JSON_DEPTH)) continue;
      const doc: unknown = parse(text);
      const current = (doc as { 'current-context'?: unknown } | null)?.['current-context'];
      if (typeof current === 'string' && current !== '') return current;
    } catch {
      // unreadable or not YAML: try the next one
    }
  }
  return undefined;
}
