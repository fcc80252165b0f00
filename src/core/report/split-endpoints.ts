import type { ExplainDestination, ExplainEndpoint, ExplainResult, SplitEndpoint } from '../explain/result.ts';
import { percent } from '../text/percent.ts';

/** One destination of an undecided split with the endpoints behind it. */
export interface SplitEndpoints {
  destination: ExplainDestination;
  endpoints: SplitEndpoint[];
}

/**
 * A weighted split left undecided (no `--random`) sends each request to one of its clusters: the
 * note shows the endpoints behind every subset (ejected ones included), each with its chance of
 * the request (the subset's weight × the endpoint's share), so a subset with nothing usable is
 * visible before the dice pick it. Empty when a destination was chosen (the result's own
 * `endpoints` are shown then).
 */
export function splitEndpoints(result: ExplainResult): SplitEndpoints[] {
  if (result.cluster || result.destinations.length < 2) return [];
  return result.destinations.map((destination) => ({ destination, endpoints: destination.endpoints ?? [] }));
}

/**
 * An endpoint's share in words: `50%` of the cluster, or for a split's endpoint `45% of requests
 * (50% of v1)`, with the reason a share is 0 (or an unhealthy host takes traffic) apart; an empty
 * text when the load balancer is not interpreted.
 */
export function shareParts(e: ExplainEndpoint | SplitEndpoint, subset?: string, short = false): { text: string; reason: string } {
  if (e.share === null) return { text: '', reason: '' };
  const probability = 'probability' in e ? e.probability : null;
  const text =
    probability !== null && subset !== undefined
      ? `${percent(probability)}${short ? ' (' : ' of requests ('}${percent(e.share)} of ${subset})`
      : percent(e.share);
  return { text, reason: e.shareReason ?? '' };
}

/** `shareParts` as one cell: `0%: ejected by outlier detection`; `-` when not interpreted. */
export function shareText(e: ExplainEndpoint | SplitEndpoint, subset?: string): string {
  const { text, reason } = shareParts(e, subset);
  if (text === '') return '-';
  return reason ? `${text}: ${reason}` : text;
}
