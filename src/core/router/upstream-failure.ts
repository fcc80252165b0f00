import { UsageError } from '../errors.ts';

/**
 * What goes wrong upstream, as `explain --status` names it: an HTTP status the upstream answers,
 * or a failure with no response — the stream reset, the connection refused or timed out, an
 * HTTP/2 REFUSED_STREAM, no answer within the per-try timeout.
 */
export type UpstreamFailure =
  | { kind: 'status'; status: number }
  | { kind: 'reset' }
  | { kind: 'connect-failure' }
  | { kind: 'refused-stream' }
  | { kind: 'timeout' };

export const FAILURE_WORDS = ['reset', 'connect-failure', 'refused-stream', 'timeout'] as const;

/** `500`, `503`, `reset`, `connect-failure`, `refused-stream`, `timeout`; a usage error otherwise. */
export function parseUpstreamFailure(text: string): UpstreamFailure {
  const word = text.trim().toLowerCase();
  if ((FAILURE_WORDS as readonly string[]).includes(word)) return { kind: word as Exclude<UpstreamFailure['kind'], 'status'> };
  if (/^[1-5][0-9][0-9]$/.test(word)) return { kind: 'status', status: Number(word) };
  throw new UsageError(`explain --status ${text}: give an HTTP status the upstream answers (100–599) or one of ${FAILURE_WORDS.join(', ')}`);
}

export function failureLabel(f: UpstreamFailure): string {
  switch (f.kind) {
    case 'status':
      return `the upstream answers ${f.status}`;
    case 'reset':
      return 'the upstream resets the stream';
    case 'connect-failure':
      return 'the connection to the upstream fails';
    case 'refused-stream':
      return 'the upstream refuses the stream (HTTP/2 REFUSED_STREAM)';
    case 'timeout':
      return 'the upstream does not answer in time';
  }
}

/** Failures with no HTTP response from the upstream: Envoy's outlier detection calls them local-origin. */
export const isLocalOrigin = (f: UpstreamFailure): boolean => f.kind !== 'status';
