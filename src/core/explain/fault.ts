import { HTTP_FAULT } from '../envoy/filter-names.ts';
import { asNumber, asObject, durationMs, type JsonObject } from '../envoy/json.ts';
import { fractionalPercent as percentOf } from '../envoy/routes/runtime-fraction.ts';
import type { FaultPolicy } from './result.ts';

/** A FractionalPercent as a percentage; Envoy applies a fault to 100% when it has none. */
function fractionalPercent(value: unknown): number {
  return Math.round((percentOf(value) ?? 100) * 1e6) / 1e6;
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
    out.delay = { fixedDelayMs: durationMs(delay.fixed_delay) ?? 0, percent: fractionalPercent(delay.percentage) };
    if (delay.header_delay !== undefined) out.delay.header = true;
  }
  const abort = asObject(config.abort);
  if (abort) {
    out.abort = { percent: fractionalPercent(abort.percentage) };
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
