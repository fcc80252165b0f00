import type { RuntimeFraction } from '../envoy/route-types.ts';
import type { RouteOptions } from './route-options.ts';

/** The outcome of a `runtime_fraction` gate: decided, or (without a random value) taken with a probability. */
export type FractionVerdict = { ok: true; note?: string } | { ok: false; reason: string } | { ok: 'undecided'; percent: number; note: string };

function randomText(random: bigint, den: number, v: bigint): string {
  return random === v ? `random ${random} mod ${den}` : `random ${random} mod ${den} = ${v}`;
}

function percentText(numerator: number, denominator: number): string {
  const pct = (numerator * 100) / denominator;
  return `${Number.isInteger(pct) ? pct : pct.toPrecision(4).replace(/\.?0+$/, '')}%`;
}

/** The numerator in effect: Envoy takes an integer runtime value for the key with the default denominator. */
function effectiveNumerator(fraction: RuntimeFraction, options: RouteOptions): { numerator: number; source: string } {
  const override = fraction.runtimeKey !== undefined ? options.runtime?.[fraction.runtimeKey] : undefined;
  const n = typeof override === 'number' ? override : typeof override === 'string' && /^\d+$/.test(override.trim()) ? Number(override) : undefined;
  if (n !== undefined && Number.isInteger(n) && n >= 0) return { numerator: n, source: `runtime ${fraction.runtimeKey}` };
  return { numerator: fraction.numerator, source: 'default' };
}

/**
 * Envoy's route gate `runtime_fraction` (Snapshot::featureEnabled): enabled when
 * `(R mod denominator) < numerator`. In `router_check` mode the tool's mock applies instead.
 */
export function evaluateRuntimeFraction(fraction: RuntimeFraction, options: RouteOptions): FractionVerdict {
  const den = fraction.denominator;
  const key = fraction.runtimeKey ?? '';
  if (options.runtimeFractionMode === 'router_check') {
    const numerator = fraction.numerator === 0 ? 1 : fraction.numerator;
    const label = `runtime_fraction ${percentText(numerator, den)} (router_check, key ${JSON.stringify(key)})`;
    if (options.routerCheckRuntimeKey !== key) {
      return {
        ok: false,
        reason: `${label}: test input runtime is ${options.routerCheckRuntimeKey === undefined ? 'unset' : JSON.stringify(options.routerCheckRuntimeKey)}, so the key is off`,
      };
    }
    const v = (options.randomValue ?? 0n) % BigInt(den);
    return v < BigInt(numerator) ? { ok: true } : { ok: false, reason: `${label}: ${randomText(options.randomValue ?? 0n, den, v)} >= ${numerator}` };
  }
  const { numerator, source } = effectiveNumerator(fraction, options);
  const label = `runtime_fraction ${percentText(numerator, den)}${source === 'default' ? '' : ` (from ${source})`}`;
  if (options.randomValue === undefined) {
    if (numerator >= den) return { ok: true };
    if (numerator <= 0) return { ok: false, reason: `${label}: never enabled` };
    const percent = (numerator * 100) / den;
    return { ok: 'undecided', percent, note: `${label}: taken by ${percentText(numerator, den)} of requests; give a random value to decide` };
  }
  const v = options.randomValue % BigInt(den);
  if (v < BigInt(numerator)) return { ok: true };
  return { ok: false, reason: `${label}: ${randomText(options.randomValue, den, v)} >= ${numerator}` };
}
