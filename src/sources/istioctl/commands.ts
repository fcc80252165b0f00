import { UsageError } from '../../core/errors.ts';

/**
 * The istioctl command lines meshscope runs, as argument arrays. Global flags (`--context`,
 * `--kubeconfig`, `--istioNamespace`) are appended after the subcommand, where cobra accepts them.
 */
export interface ClusterFlags {
  /** kubeconfig context (`--context`); the current context when undefined. */
  context?: string;
  /** kubeconfig file (`--kubeconfig`); KUBECONFIG or ~/.kube/config when undefined. */
  kubeconfig?: string;
  /** Where istiod runs (`-i/--istioNamespace`); istioctl's default (istio-system) when undefined. */
  istioNamespace?: string;
}

export function globalArgs(flags: ClusterFlags): string[] {
  const args: string[] = [];
  if (flags.context !== undefined) args.push('--context', flags.context);
  if (flags.kubeconfig !== undefined) args.push('--kubeconfig', flags.kubeconfig);
  if (flags.istioNamespace !== undefined) args.push('--istioNamespace', flags.istioNamespace);
  return args;
}

export const istioctlCalls = {
  /** Sync state of every proxy: one syncz DiscoveryResponse per istiod, concatenated. */
  proxyStatus: (): string[] => ['proxy-status', '-o', 'json'],
  /** The whole config dump with EDS (`/config_dump?include_eds=true`). */
  configDump: (proxy: string): string[] => ['proxy-config', 'all', proxy, '-o', 'json'],
  /** `/clusters?format=json` host health and outlier ejection, in lowerCamelCase. */
  endpoints: (proxy: string): string[] => ['proxy-config', 'endpoints', proxy, '-o', 'json'],
  /** Analyzer messages for one namespace, or every namespace (`-A`) when undefined. */
  analyze: (namespace: string | undefined): string[] =>
    namespace === undefined ? ['analyze', '-A', '-o', 'json'] : ['analyze', '-n', namespace, '-o', 'json'],
  /** Envoy's `/stats?format=json`. */
  serverStats: (proxy: string): string[] => ['x', 'envoy-stats', proxy, '-o', 'json'],
  /** Envoy's `/clusters?format=json` (snake_case, with per-host counters). */
  clusterStats: (proxy: string): string[] => ['x', 'envoy-stats', proxy, '--type', 'clusters', '-o', 'json'],
  version: (): string[] => ['version', '-o', 'json'],
};

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A proxy as istioctl names it, `POD.NAMESPACE`. A bare pod name gets `namespace` when given
 * (else istioctl uses the context's namespace). Anything that is not a Kubernetes name is
 * refused, so a value can never reach istioctl as a flag.
 */
export function proxyName(input: string, namespace?: string): string {
  const name = input.replace(/^pods?\//, '');
  if (!NAME.test(name)) throw new UsageError(`"${input}" is not a pod name; give POD.NAMESPACE as \`istioctl proxy-status\` lists it`);
  if (namespace !== undefined && !NAMESPACE.test(namespace)) throw new UsageError(`"${namespace}" is not a namespace name`);
  return name.includes('.') || namespace === undefined ? name : `${name}.${namespace}`;
}

/** A command line to show a person (and paste into a shell). */
export function displayCommand(file: string, args: string[]): string {
  return [file, ...args].map((a) => (/^[\w@%+=:,./|-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
