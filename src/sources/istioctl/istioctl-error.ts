import { SourceError } from '../../core/errors.ts';

/**
 * Why an istioctl call failed, for callers that react differently (the TUI offers POD.NS entry
 * when the proxy list is `unsupported`, suggests `--timeout` after a `timeout`, stays quiet on
 * `canceled`). The message is one line a person can act on.
 */
export type IstioctlFailure =
  | 'not-installed'
  | 'timeout'
  | 'canceled'
  | 'too-large'
  | 'cluster-unreachable'
  | 'forbidden'
  | 'kubeconfig'
  | 'pod-not-found'
  | 'namespace-not-found'
  | 'istiod-unreachable'
  | 'unsupported'
  | 'not-json'
  | 'failed';

/** An istioctl call that failed: a SourceError (exit 3) with the failure kind and istioctl's stderr. */
export class IstioctlError extends SourceError {
  constructor(
    readonly failure: IstioctlFailure,
    message: string,
    /** istioctl's stderr as it printed it (untrusted text: sanitize before display). */
    readonly stderr = '',
  ) {
    super(message);
  }
}

export function isCanceled(error: unknown): boolean {
  return error instanceof IstioctlError && error.failure === 'canceled';
}
