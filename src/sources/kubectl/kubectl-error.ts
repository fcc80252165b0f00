import { SourceError } from '../../core/errors.ts';

/** Why a kubectl call failed; the message is one line a person can act on. */
export type KubectlFailure =
  | 'not-installed'
  | 'timeout'
  | 'canceled'
  | 'too-large'
  | 'cluster-unreachable'
  | 'forbidden'
  | 'context-not-found'
  | 'kubeconfig'
  | 'not-json'
  | 'failed';

/** A kubectl call that failed: a SourceError (exit 3) with the failure kind and kubectl's stderr. */
export class KubectlError extends SourceError {
  constructor(
    readonly failure: KubectlFailure,
    message: string,
    /** kubectl's stderr as it printed it (untrusted text: sanitize before display). */
    readonly stderr = '',
  ) {
    super(message);
  }
}
