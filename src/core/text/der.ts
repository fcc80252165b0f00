/**
 * The DER primitives (ITU-T X.690 §8.1: identifier, length, contents) shared by the X.509
 * reader (`core/report/istioctl/x509.ts`) and the private-key detector (`core/text/secret-der.ts`).
 * Reading one header is O(1); nothing here recurses.
 */
export interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/**
 * The TLV at `at`, or undefined when its header or contents do not fit before `limit` (no
 * exception: the key scanner tries every offset of a buffer, and throwing costs microseconds).
 * With `indefinite`, a BER indefinite length (0x80, X.690 §8.1.3.6: PKCS#12 files from some
 * tools) is read as "up to `limit`"; DER never has one.
 */
export function tryTlv(der: Uint8Array, at: number, limit: number, indefinite = false): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = der[at]!;
  let len = der[at + 1]!;
  let start = at + 2;
  if (len === 0x80 && indefinite) return { tag, start, end: limit };
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return undefined;
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + der[start + i]!;
    start += count;
  }
  if (start + len > limit) return undefined;
  return { tag, start, end: start + len };
}

/** The TLV at `at`; throws on truncated or malformed DER. */
export function readTlv(der: Uint8Array, at: number, limit: number, indefinite = false): Tlv {
  const tlv = tryTlv(der, at, limit, indefinite);
  if (!tlv) throw new Error('truncated or malformed DER');
  return tlv;
}

/** The elements of a constructed TLV, at most `max` of them; undefined when one does not fit. */
export function tryChildren(der: Uint8Array, parent: Tlv, max = Number.POSITIVE_INFINITY): Tlv[] | undefined {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end && out.length < max; ) {
    const tlv = tryTlv(der, at, parent.end);
    if (!tlv) return undefined;
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

/** The elements of a constructed TLV; throws on malformed DER. */
export function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out = tryChildren(der, parent);
  if (!out) throw new Error('truncated or malformed DER');
  return out;
}

/** Lowercase hex of `der[from..to)` (OIDs are compared as hex of their contents). */
export function hex(der: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += der[i]!.toString(16).padStart(2, '0');
  return s;
}
