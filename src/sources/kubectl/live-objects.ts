import { unreadKinds } from '../../core/config/object-set.ts';
import { type ConfigProblem, type ConfigSet, emptyConfigSet } from '../../core/config/objects.ts';
import { readConfigValue } from '../../core/config/read-objects.ts';
import { asObject, type Json } from '../../core/envoy/json.ts';
import { parseJsonDocument } from '../../core/envoy/parse-json.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { displayCommand } from '../istioctl/commands.ts';
import { execFile } from '../istioctl/exec.ts';
import { findOnPath } from '../istioctl/resolve.ts';
import { formatDuration } from '../istioctl/runner.ts';
import { kubectlFailureOf } from './failure.ts';
import { KubectlError } from './kubectl-error.ts';
import { candidatesForMissing, forbiddenListLine, LIVE_RESOURCE_TYPES, missingResourceType } from './resource-types.ts';

/**
 * The Istio, Gateway API and Kubernetes objects of a live cluster, in one
 * `kubectl get <types> -A -o json` (kubectl prints one `kind: List` of every item). kubectl is
 * found on `env.PATH`, run without a shell through the one execa runner (`istioctl/exec.ts`),
 * with a timeout and the caller's AbortSignal; `KUBECONFIG` and `HOME` come from `env`.
 *
 * A resource type the server does not have (a CRD not installed: the Gateway API's, often) fails
 * the whole call; it is then retried without that type, and the type is a note in the set. A
 * type RBAC refuses to list while the rest is listed is a note too. Anything else is a
 * KubectlError (exit 3) with one line saying what to do.
 */
export interface LiveObjectsOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  /** `--context`: passed through; otherwise kubectl's current context. */
  context?: string;
  /** `--kubeconfig`: passed through; otherwise KUBECONFIG or ~/.kube/config. */
  kubeconfig?: string;
  timeoutMs?: number;
  /** Largest output accepted, in characters. */
  maxOutput?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_OUTPUT = 256 * 1024 * 1024;
export const KUBECTL_NOT_FOUND = 'kubectl not found on PATH; install it or give --config';

/** The arguments of one listing: `get a,b,… -A -o json [--context C] [--kubeconfig F]`. */
export function kubectlGetArgs(types: readonly string[], options: Pick<LiveObjectsOptions, 'context' | 'kubeconfig'>): string[] {
  const args = ['get', types.join(','), '-A', '-o', 'json'];
  if (options.context) args.push('--context', options.context);
  if (options.kubeconfig) args.push('--kubeconfig', options.kubeconfig);
  return args;
}

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

async function runKubectl(file: string, args: string[], options: LiveObjectsOptions): Promise<Run> {
  const display = displayCommand('kubectl', args);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outcome = await execFile(file, args, {
    env: options.env,
    cwd: options.cwd,
    timeoutMs,
    maxOutput: options.maxOutput ?? DEFAULT_MAX_OUTPUT,
    signal: options.signal,
  });
  switch (outcome.kind) {
    case 'exited':
      return outcome;
    case 'timeout':
      throw new KubectlError('timeout', `${display} did not answer within ${formatDuration(timeoutMs)}; raise --timeout`, outcome.stderr);
    case 'canceled':
      throw new KubectlError('canceled', `${display} was cancelled`);
    case 'too-large':
      throw new KubectlError('too-large', `${display} printed more than the output limit; save the objects to a file and use --config`, outcome.stderr);
    case 'killed':
      throw new KubectlError('failed', `${display} was killed by ${outcome.signal}`, outcome.stderr);
    case 'spawn-failed':
      if (outcome.code === 'ENOENT') throw new KubectlError('not-installed', KUBECTL_NOT_FOUND);
      if (outcome.code === 'EACCES') throw new KubectlError('not-installed', `${file} cannot be run (permission denied); fix it or give --config`);
      throw new KubectlError('failed', `${display} could not start: ${outcome.message}`);
  }
}

/** Where the objects came from, in their origins and notes. */
export function liveOrigin(context: string | undefined): string {
  return context ? `kubectl (context ${context})` : 'kubectl (current context)';
}

/** Only the forbidden-to-list lines (and klog or warning lines) on stderr: the listing is partial, not failed. */
function forbiddenOnly(stderr: string): string[] | undefined {
  const refused: string[] = [];
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || /^Warning:/.test(line) || /^[IW]\d{4} /.test(line)) continue;
    const type = forbiddenListLine(line);
    if (type === undefined) return undefined;
    refused.push(type);
  }
  return refused.length > 0 ? refused : undefined;
}

function listOf(display: string, stdout: string): Json {
  let doc: Json;
  try {
    doc = parseJsonDocument(display, stdout);
  } catch (error) {
    throw new KubectlError('not-json', `${display} did not print JSON (${error instanceof Error ? sanitizeLine(error.message) : 'unreadable'})`);
  }
  if (!Array.isArray(asObject(doc)?.items)) throw new KubectlError('not-json', `${display} printed JSON without "items" (expected a List)`);
  return doc;
}

/** Reads the cluster's objects; see the module comment for what is retried and what fails. */
export async function readLiveObjects(options: LiveObjectsOptions): Promise<ConfigSet> {
  const file = await findOnPath('kubectl', options.env, options.cwd);
  if (file === undefined) throw new KubectlError('not-installed', KUBECTL_NOT_FOUND);
  const origin = liveOrigin(options.context);
  const notes: ConfigProblem[] = [];
  const note = (message: string): void => {
    notes.push({ origin: { file: origin, document: 1 }, severity: 'note', message: `${origin}: ${message}` });
  };
  let requested: string[] = [...LIVE_RESOURCE_TYPES];
  const missing = new Set<string>();
  /** plural → the type removed on a guess (two requested types had that plural). */
  const guessed = new Map<string, string>();
  for (let attempt = 0; attempt <= LIVE_RESOURCE_TYPES.length + 2 && requested.length > 0; attempt++) {
    const args = kubectlGetArgs(requested, options);
    const display = displayCommand('kubectl', args);
    const run = await runKubectl(file, args, options);
    const refused = run.exitCode === 0 ? [] : forbiddenOnly(run.stderr);
    if (refused !== undefined) {
      if (refused.length > 0 && requested.every((t) => refused.includes(t))) throw kubectlFailureOf(display, run.exitCode, run.stderr);
      for (const type of refused) note(`not allowed to list ${sanitizeLine(type)} (RBAC); none read`);
      const set = emptyConfigSet();
      const unread = unreadKinds();
      readConfigValue(origin, listOf(display, run.stdout), set, unread);
      for (const type of LIVE_RESOURCE_TYPES) if (missing.has(type)) note(`the cluster has no ${type} (its CRD is not installed); none read`);
      const unreadNote = unread.problem(origin);
      set.problems.unshift(...notes, ...(unreadNote ? [unreadNote] : []));
      return set;
    }
    const gone = missingResourceType(run.stderr);
    const candidates = gone === undefined ? [] : candidatesForMissing(requested, gone);
    if (gone === undefined || candidates.length === 0) throw kubectlFailureOf(display, run.exitCode, run.stderr);
    const drop = candidates[0]!;
    const prior = guessed.get(gone.plural);
    if (candidates.length === 1 && prior !== undefined) {
      // The guess left this one, and kubectl still misses the plural: this one is missing; the guessed one is retried.
      guessed.delete(gone.plural);
      missing.delete(prior);
      requested = LIVE_RESOURCE_TYPES.filter((t) => t === prior || requested.includes(t));
    } else if (candidates.length > 1) {
      guessed.set(gone.plural, drop);
    }
    missing.add(drop);
    requested = requested.filter((t) => t !== drop);
  }
  if (requested.length > 0)
    throw new KubectlError('failed', `kubectl kept reporting missing resource types (${[...missing].join(', ')}); give --config instead`);
  const set = emptyConfigSet();
  for (const type of LIVE_RESOURCE_TYPES) if (missing.has(type)) note(`the cluster has no ${type} (its CRD is not installed); none read`);
  set.problems.push(...notes);
  return set;
}
