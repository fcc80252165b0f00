import type { RetryPolicy } from '../envoy/route-types.ts';

/** route_components.proto RetryBackOff: `base_interval` 25 ms by default; `max_interval` 10 × the base. */
export const DEFAULT_BASE_INTERVAL_MS = 25;

/**
 * The longest wait before each retry: Envoy's JitteredExponentialBackOffStrategy
 * (source/common/common/backoff_strategy.cc) waits a random time below
 * min((2^n − 1) × base_interval, max_interval) before retry n (n from 1), so the worst case is
 * that bound. Returns one bound per retry.
 */
export function backoffBounds(policy: RetryPolicy, retries: number): number[] {
  const base = policy.backoff?.baseIntervalMs ?? DEFAULT_BASE_INTERVAL_MS;
  const max = policy.backoff?.maxIntervalMs ?? base * 10;
  return Array.from({ length: retries }, (_, i) => Math.min((2 ** (i + 1) - 1) * base, max));
}
