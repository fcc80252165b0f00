/**
 * Integer parsing as the programs meshscope mirrors do it; each has its own rules, and a
 * difference changes an answer (a sort order, a header range match, a weighted pick).
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Go's `strconv.Atoi` on a 64-bit platform (istioctl, Istio): an optional sign and ASCII digits,
 * nothing else (no spaces, no underscores, no base prefix), within int64. Undefined on failure.
 */
export function goAtoi(text: string): bigint | undefined {
  if (!GO_INT.test(text)) return undefined;
  const n = BigInt(text);
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}

const GO_INT = /^[+-]?[0-9]+$/;

/** `goAtoi` as a JS number (exact below 2^53): for hot paths such as every cluster name of a dump. */
export function goAtoiNumber(text: string): number | undefined {
  // Up to 15 digits always fits int64 and a double: no BigInt needed.
  if (text.length <= 15 && GO_INT.test(text)) return Number(text);
  const n = goAtoi(text);
  return n === undefined ? undefined : Number(n);
}

/** ASCII whitespace as absl's StripAsciiWhitespace sees it (not Unicode spaces). */
const ABSL_NUMBER = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)[ \t\n\v\f\r]*$/;

/**
 * `absl::SimpleAtoi` (Envoy) into int64 or uint64: surrounding ASCII whitespace, an optional
 * sign (any `-` fails for uint64, even `-0`), base-10 digits, in range. Undefined on failure.
 */
export function abslSimpleAtoi(text: string, type: 'int64' | 'uint64'): bigint | undefined {
  const m = ABSL_NUMBER.exec(text);
  if (!m) return undefined;
  const n = BigInt(`${m[1]}${m[2]}`);
  if (type === 'uint64') return m[1] !== '-' && n <= UINT64_MAX ? n : undefined;
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}
