import { asNumber, asObject, asString } from '../json.ts';
import type { RuntimeFraction } from '../route-types.ts';

const DENOMINATORS: Record<string, number> = { HUNDRED: 100, TEN_THOUSAND: 10_000, MILLION: 1_000_000, '0': 100, '1': 10_000, '2': 1_000_000 };

/** An envoy.type.v3.FractionalPercent denominator, enum name or number; HUNDRED by default. */
function fractionDenominator(value: unknown): number {
  if (value === undefined || value === null) return 100;
  return DENOMINATORS[String(value)] ?? 100;
}

/** A FractionalPercent as a percentage (0–100). */
export function fractionalPercent(value: unknown): number | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  return ((asNumber(obj.numerator) ?? 0) * 100) / fractionDenominator(obj.denominator);
}

/**
 * An envoy.config.core.v3.RuntimeFractionalPercent (`runtime_fraction`): the default fraction
 * and the runtime key that may override its numerator.
 */
export function parseRuntimeFraction(value: unknown): RuntimeFraction | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  const fraction = asObject(obj.default_value);
  return {
    runtimeKey: asString(obj.runtime_key) || undefined,
    numerator: asNumber(fraction?.numerator) ?? 0,
    denominator: fractionDenominator(fraction?.denominator),
  };
}
