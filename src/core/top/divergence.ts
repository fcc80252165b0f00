/**
 * Is a weighted split doing what its weights say? Envoy picks a destination of `weighted_clusters`
 * independently for each request with probability p = weight / Σweights, so the number of the
 * split's n requests that land on a cluster is Binomial(n, p): its observed share x/n has mean p
 * and standard deviation sqrt(p(1−p)/n).
 *
 * The share is flagged as diverging when |x/n − p| > z·sqrt(p(1−p)/n) with z = 3 (the normal
 * approximation of the binomial test; about 0.3% of honest splits are flagged by chance at any one
 * check). The approximation is only used when n·p ≥ 10 and n·(1−p) ≥ 10; below that the answer is
 * "not enough requests" (undefined), never "fine". A weight of 0 (or 100%) has no variance: Envoy
 * never (always) picks it, so it is flagged once 3 requests went against it, which absorbs a
 * request or two counted across the edge of a sample.
 */
const DIVERGENCE_Z = 3;
/** Expected successes and failures each need at least this many requests before the test is used. */
const MIN_EXPECTED_REQUESTS = 10;
/** Requests against a 0% or 100% weight before it is flagged. */
const DEGENERATE_TOLERANCE = 3;

export interface ShareCheck {
  /** The configured share p, 0–1. */
  expected: number;
  /** x/n, 0–1; undefined when n is 0. */
  observed?: number;
  /** Requests of the split in the window. */
  n: number;
  /** true: beyond what chance explains; false: within it; undefined: too few requests to tell. */
  diverges?: boolean;
  /** The allowed deviation z·sqrt(p(1−p)/n), when the test applied. */
  tolerance?: number;
}

export function checkShare(expected: number, hits: number, n: number, z = DIVERGENCE_Z): ShareCheck {
  const check: ShareCheck = { expected, n };
  if (n <= 0) return check;
  check.observed = hits / n;
  if (expected <= 0 || expected >= 1) {
    const against = expected <= 0 ? hits : n - hits;
    if (against >= DEGENERATE_TOLERANCE) check.diverges = true;
    else if (n >= MIN_EXPECTED_REQUESTS) check.diverges = false;
    return check;
  }
  if (n * expected < MIN_EXPECTED_REQUESTS || n * (1 - expected) < MIN_EXPECTED_REQUESTS) return check;
  check.tolerance = z * Math.sqrt((expected * (1 - expected)) / n);
  check.diverges = Math.abs(check.observed - expected) > check.tolerance;
  return check;
}
