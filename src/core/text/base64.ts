/**
 * Base64 (RFC 4648 §4) and base64url (§5) decoding: protobuf `bytes` in JSON, PEM bodies, JWT
 * segments. One decoding loop; `decodeBase64` throws on a foreign character, `base64Value`
 * answers which letters belong, so the secret scanner can cut runs out of text first.
 */
const VALUES = new Int8Array(128).fill(-1);
for (const [i, ch] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) VALUES[ch.charCodeAt(0)] = i;
VALUES['-'.charCodeAt(0)] = 62;
VALUES['_'.charCodeAt(0)] = 63;

/** The 6-bit value of a base64 or base64url letter, or -1 (padding, whitespace, anything else). */
export function base64Value(code: number): number {
  return code < 128 ? VALUES[code]! : -1;
}

/** Decodes letters only (no padding, no whitespace) from `from` to `to`; a trailing partial byte is dropped. */
export function decodeBase64Letters(letters: string, from = 0, to = letters.length): Uint8Array {
  const out = new Uint8Array(Math.floor(((to - from) * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    const v = base64Value(letters.charCodeAt(i));
    if (v < 0) throw new Error(`invalid base64 character ${JSON.stringify(letters[i])}`);
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** Standard base64 (protobuf `bytes` in JSON), padding and whitespace tolerated; also accepts URL-safe letters. */
export function decodeBase64(text: string): Uint8Array {
  return decodeBase64Letters(text.replace(/[\s=]/g, ''));
}
