import { HTTP_FAULT } from './filter-names.ts';
import { asNumber, asObject, durationMs, type JsonObject } from './json.ts';
import { fractionalPercent as percentOf } from './routes/runtime-fraction.ts';

/** A route's fault injection (envoy.filters.http.fault per-route config), as `explain` reports it. */
export interface FaultPolicy {
  /** `percent` 0–100 of requests; `percentUnset` when the config has no percentage (Envoy reads 0%: the fault never fires). */
  delay?: { fixedDelayMs: number; percent: number; percentUnset?: true; header?: boolean };
  abort?: { httpStatus?: number; grpcStatus?: number; percent: number; percentUnset?: true; header?: boolean };
  /** Where the fault config sat: route, weighted cluster, virtual host. */
  from: string;
}

/**
 * A fault's FractionalPercent as a percentage. An unset `percentage` is the proto's default value,
 * numerator 0: the fault filter asks the runtime `featureEnabled(key, percentage)`
 * (fault_filter.cc `isAbortEnabled`/`isDelayEnabled`; the providers of
 * filters/common/fault/fault_config.cc keep `percentage()` as given), which with no runtime
 * override evaluates 0 of 100 (runtime_impl.cc `SnapshotImpl::featureEnabled` →
 * `evaluateFractionalPercent`): the fault never fires. Istio leaves an abort's percentage unset
 * when the VirtualService has none (route.go `TranslateFault`).
 */
function fractionalPercent(value: unknown): { percent: number; percentUnset?: true } {
  const given = percentOf(value);
  return given === undefined ? { percent: 0, percentUnset: true } : { percent: Math.round(given * 1e6) / 1e6 };
}

/** The HTTP fault filter's name; Istio puts its config in a route's typed_per_filter_config. */

/**
 * Reads an HTTPFault (envoy.extensions.filters.http.fault.v3): a fixed delay and/or an abort,
 * each applied to a percentage of requests (or driven by request headers).
 */
function parseFault(config: JsonObject | undefined, from: string): FaultPolicy | null {
  if (!config) return null;
  const out: FaultPolicy = { from };
  const delay = asObject(config.delay);
  if (delay) {
    out.delay = { fixedDelayMs: durationMs(delay.fixed_delay) ?? 0, ...fractionalPercent(delay.percentage) };
    if (delay.header_delay !== undefined) out.delay.header = true;
  }
  const abort = asObject(config.abort);
  if (abort) {
    out.abort = { ...fractionalPercent(abort.percentage) };
    const http = asNumber(abort.http_status);
    const grpc = asNumber(abort.grpc_status);
    if (http !== undefined) out.abort.httpStatus = http;
    if (grpc !== undefined) out.abort.grpcStatus = grpc;
    if (abort.header_abort !== undefined) out.abort.header = true;
  }
  return out.delay || out.abort ? out : null;
}

/** The first fault config found, most specific first: weighted cluster entry, route, virtual host. */
export function findFault(levels: { from: string; perFilter: Record<string, JsonObject> | undefined }[]): FaultPolicy | null {
  for (const level of levels) {
    const config = level.perFilter?.[HTTP_FAULT];
    // A route.v3.FilterConfig wraps the filter's config (with `disabled`/`is_optional`).
    const inner = config && String(config['@type'] ?? '').endsWith('.FilterConfig') ? asObject(config.config) : config;
    if (config && config.disabled === true) return null;
    if (inner) return parseFault(inner, level.from);
  }
  return null;
}
