import { checkEnum, DENOMINATOR, DENOMINATOR_TYPE, enumOr } from '../enums.ts';
import { uint32Field, uint32Value } from '../field-checks.ts';
import type { IssueSink } from '../issues.ts';
import { asObject, asString } from '../json.ts';
import type { RuntimeFraction } from '../route-types.ts';

/** An envoy.type.v3.FractionalPercent denominator: enum name (any case, as Envoy loads it) or number; HUNDRED by default. */
function fractionDenominator(value: unknown): number {
  return DENOMINATOR[enumOr(DENOMINATOR_TYPE, value, 'HUNDRED')];
}

/** A FractionalPercent as a percentage (0–100). */
export function fractionalPercent(value: unknown): number | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  return ((uint32Value(obj.numerator) ?? 0) * 100) / fractionDenominator(obj.denominator);
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
    numerator: uint32Value(fraction?.numerator) ?? 0,
    denominator: fractionDenominator(fraction?.denominator),
  };
}

/**
 * Reports what percent.proto rejects in a FractionalPercent: `uint32 numerator = 1` (a bad one is
 * read as 0) and `DenominatorType denominator = 2 [(validate.rules).enum = {defined_only: true}]`.
 */
export function checkFractionalPercent(value: unknown, sink: IssueSink, where: string, field: string): void {
  const obj = asObject(value);
  if (!obj) return;
  uint32Field(obj.numerator, sink, where, `${field}.numerator`, { rule: 'FractionalPercent.numerator uint32', fallback: 0 });
  checkEnum(DENOMINATOR_TYPE, obj.denominator, 'HUNDRED', sink, where, `${field}.denominator`);
}
