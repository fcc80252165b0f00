import type { ClusterEndpoint } from '../envoy/cluster-endpoints.ts';
import type { ExplainDestination, ExplainResult } from '../explain/result.ts';

/** The endpoints of a cluster (EDS + /clusters), as `endpointsFor` reads them. */
export type EndpointsOf = (cluster: string) => ClusterEndpoint[];

/** One destination of an undecided split with the endpoints behind it. */
export interface SplitEndpoints {
  destination: ExplainDestination;
  endpoints: ClusterEndpoint[];
}

/**
 * A weighted split left undecided (no `--random`) sends each request to one of its clusters: the
 * note shows the endpoints behind every subset (ejected ones included), as the TUI's trace does,
 * so a subset with nothing usable is visible before the dice pick it. Empty when a destination was
 * chosen (the result's own `endpoints` are shown then) or no lookup is given.
 */
export function splitEndpoints(result: ExplainResult, endpointsOf: EndpointsOf | undefined): SplitEndpoints[] {
  if (!endpointsOf || result.cluster || result.destinations.length < 2) return [];
  return result.destinations.map((destination) => ({ destination, endpoints: destination.known ? endpointsOf(destination.cluster) : [] }));
}
