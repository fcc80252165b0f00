import { UsageError } from '../core/errors.ts';
import type { LiveSourceOptions } from '../sources/istioctl/live-source.ts';
import type { CliIo } from './io.ts';

/**
 * The flags that reach a live mesh through istioctl, shared by every command that takes a proxy
 * as POD.NAMESPACE (and by the TUI). Names follow istioctl's own flags.
 */
export const liveOptions = {
  istioctl: { type: 'string' },
  context: { type: 'string' },
  kubeconfig: { type: 'string', short: 'c' },
  istioNamespace: { type: 'string', short: 'i' },
  namespace: { type: 'string', short: 'n' },
  timeout: { type: 'string' },
} as const;

/** The help lines for liveOptions. */
export const LIVE_HELP = `Live (POD.NAMESPACE, through istioctl):
  --istioctl PATH         the istioctl to run (default: istioctl on PATH, or $MESHSCOPE_ISTIOCTL)
  --context NAME          kubeconfig context (default: the current one)
  -c, --kubeconfig FILE   kubeconfig file (default: $KUBECONFIG or ~/.kube/config)
  -i, --istioNamespace NS where istiod runs (default: istio-system)
  -n, --namespace NS      namespace of a POD given without one
  --timeout DURATION      per istioctl call, e.g. 20s (default), 500ms, 2m
`;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go-style duration (`20s`, `1m30s`, `500ms`) or plain seconds (`20`), in milliseconds. */
export function parseDuration(flag: string, text: string): number {
  const bare = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) * 1000 : undefined;
  let ms = bare;
  if (ms === undefined && /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(text)) {
    ms = 0;
    for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(n) * UNIT_MS[unit!]!;
  }
  if (ms === undefined || !(ms > 0)) throw new UsageError(`${flag} ${text} is not a positive duration (e.g. 20s, 500ms, 2m)`);
  return Math.round(ms);
}

function text(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** LiveSourceOptions from parsed flags and the process environment. */
export function liveSourceOptionsFrom(values: Record<string, unknown>, io: CliIo): LiveSourceOptions {
  const timeout = text(values, 'timeout');
  return {
    env: io.env,
    cwd: io.cwd,
    istioctl: text(values, 'istioctl') ?? (io.env.MESHSCOPE_ISTIOCTL || undefined),
    context: text(values, 'context'),
    kubeconfig: text(values, 'kubeconfig'),
    istioNamespace: text(values, 'istioNamespace'),
    namespace: text(values, 'namespace'),
    timeoutMs: timeout === undefined ? undefined : parseDuration('--timeout', timeout),
  };
}

/** Whether any live-only flag was given (they make no sense with --file). */
export function liveFlagGiven(values: Record<string, unknown>): string | undefined {
  return Object.keys(liveOptions).find((name) => values[name] !== undefined);
}
