import { DENOMINATOR, DENOMINATOR_TYPE, enumOr } from '../enums.ts';
import { asNumber, asObject, asString } from '../json.ts';
import type { RuntimeFraction } from '../route-types.ts';

/** An envoy.type.v3.FractionalPercent denominator: enum name (any case, as Envoy loads it) or number; HUNDRED by default. */
function fractionDenominator(value: unknown): number {
  return DENOMINATOR[enumOr(DENOMINATOR_TYPE, value, 'HUNDRED')];
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
