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
export interface KubeconfigOptions {
  context?: string;
  kubeconfig?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The kubeconfig files in the order client-go's loader reads them: `--kubeconfig`, else $KUBECONFIG, else ~/.kube/config. */
function kubeconfigFiles(options: KubeconfigOptions): string[] {
  const home = options.env.HOME ?? options.env.USERPROFILE;
  return options.kubeconfig
    ? [path.resolve(options.cwd, options.kubeconfig)]
    : options.env.KUBECONFIG
      ? options.env.KUBECONFIG.split(path.delimiter).filter(Boolean)
      : home
        ? [path.join(home, '.kube', 'config')]
        : [];
}

/** Each kubeconfig file that reads as YAML, parsed; unreadable ones are left out. */
async function kubeconfigDocs(options: KubeconfigOptions): Promise<unknown[]> {
  const docs: unknown[] = [];
  for (const file of kubeconfigFiles(options)) {
    try {
      const text = await readInputText(file);
      // The YAML composer recurses: a kubeconfig nested past the JSON limit is skipped, not parsed.
      if (yamlDepthOverflows(text, MAX_JSON_DEPTH)) continue;
      docs.push(parse(text));
    } catch {
      // unreadable or not YAML: try the next one
    }
  }
  return docs;
}

/**
 * The kube context a live capture talks to, for the snapshot's provenance: `--context` when given,
 * else `current-context` of the kubeconfig (`--kubeconfig`, else the first file in $KUBECONFIG
 * that sets it, else ~/.kube/config). Undefined when none can be read; never an error.
 */
export async function currentKubeContext(options: KubeconfigOptions): Promise<string | undefined> {
  if (options.context) return options.context;
  for (const doc of await kubeconfigDocs(options)) {
    const current = (doc as { 'current-context'?: unknown } | null)?.['current-context'];
    if (typeof current === 'string' && current !== '') return current;
  }
  return undefined;
}

/**
 * The context names the kubeconfig defines (what `kubectl config get-contexts -o name` lists):
 * `contexts[].name` of every file, merged as client-go merges $KUBECONFIG (a name seen again adds
 * nothing), in file order. Undefined when no file could be read (then `:ctx` checks only the
 * name's syntax); never an error.
 */
export async function kubeContextNames(options: KubeconfigOptions): Promise<string[] | undefined> {
  const docs = await kubeconfigDocs(options);
  if (docs.length === 0) return undefined;
  const names = new Set<string>();
  for (const doc of docs) {
    const contexts = (doc as { contexts?: unknown } | null)?.contexts;
    if (!Array.isArray(contexts)) continue;
    for (const c of contexts) {
      const name = (c as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name !== '') names.add(name);
    }
  }
  return [...names];
}
