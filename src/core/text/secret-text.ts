import { base64Value, decodeBase64Letters } from './base64.ts';
import { type DerKeyKind, findDerKey } from './secret-der.ts';

/**
 * Whether a string is or contains secret material, by content (the field-based rules are in
 * `core/envoy/redact.ts` and `core/snapshot/redact.ts`). Every check is a hand scan or an
 * `indexOf`, linear in the string; no regular expression runs over the input.
 *
 * - `private-key`: a PEM block whose label ends in `PRIVATE KEY` (RFC 7468 §10 `PRIVATE KEY`,
 *   §11 `ENCRYPTED PRIVATE KEY`; OpenSSL's `RSA`/`EC`/`DSA`, OpenSSH's `OPENSSH PRIVATE KEY`),
 *   its BEGIN or its END line (half a key is still a key);
 * - `pgp-private-key`: an OpenPGP armored `PGP PRIVATE KEY BLOCK` (RFC 4880 §6.2, RFC 9580 §6.2);
 * - DER keys (`secret-der.ts`) in base64 or base64url (RFC 4648 §4, §5), with or without line
 *   breaks, anywhere in the string (each run of base64 letters is decoded at its four
 *   alignments), and PEM private keys written as base64 (a DataSource's `inline_bytes`);
 * - `jwk-private-key`: JSON text with `"kty"` and a private member (RFC 7518 §6.2.2 `d`, §6.3.2
 *   `p q dp dq qi oth`, §6.4.1 `k`; RFC 8037 §2 `d`);
 * - `jwt`: a compact JWS or JWE (RFC 7515 §7.1, RFC 7516 §7.1: 3 or 5 base64url segments) whose
 *   first segment decodes to a JSON object with a string `alg` (RFC 7515 §4.1.1);
 * - `bearer-token`: `Bearer` and a b64token of 16 or more characters (RFC 6750 §2.1).
 */
export type SecretKind = 'private-key' | 'pgp-private-key' | DerKeyKind | 'jwk-private-key' | 'jwt' | 'bearer-token';

/** Strings shorter than this are never scanned (the shortest JWT header alone is longer). */
export const SCAN_MIN_LENGTH = 20;
/** Base64 runs shorter than this are not decoded: 64 letters hold the smallest key (PKCS#8 Ed25519, 48 bytes). */
const BASE64_MIN_LETTERS = 60;

const isUpperOrDigitOrSpace = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 32;

function pemPrivateKey(text: string): SecretKind | undefined {
  for (let at = text.indexOf('PRIVATE KEY'); at >= 0; at = text.indexOf('PRIVATE KEY', at + 11)) {
    const block = text.startsWith(' BLOCK-----', at + 11);
    if (!block && !text.startsWith('-----', at + 11)) continue;
    // The label before it: `BEGIN ` or `END ` then capitals, digits and spaces, within 40 characters.
    let from = at;
    while (from > 0 && at - from < 40 && isUpperOrDigitOrSpace(text.charCodeAt(from - 1))) from--;
    const label = text.slice(Math.max(0, from - 6), at);
    if (!/(?:BEGIN|END) [A-Z0-9 ]*$/.test(label)) continue;
    return block ? (text.slice(from, at).includes('PGP') ? 'pgp-private-key' : undefined) : 'private-key';
  }
  return undefined;
}

const JWK_PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** Whether `"name"` (or `\"name\"`, JSON held in a JSON string) appears as an object key: followed by `:`. */
function jsonKey(text: string, name: string): boolean {
  const open = `"${name}`;
  for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + 1)) {
    let i = at + open.length;
    if (text[i] === '\\') i++;
    if (text[i] !== '"') continue;
    i++;
    while (text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\r') i++;
    if (text[i] === ':') return true;
  }
  return false;
}

function jwkText(text: string): boolean {
  return text.includes('kty') && jsonKey(text, 'kty') && JWK_PRIVATE_MEMBERS.some((member) => jsonKey(text, member));
}

const isBase64Url = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;

/** Whether base64url text decodes to a JSON object with a string `alg` (a JOSE header). */
export function isJoseHeader(segment: string): boolean {
  if (segment.length < 10 || segment.length > 4096) return false;
  try {
    const bytes = decodeBase64Letters(segment);
    if (bytes[0] !== 0x7b && bytes[0] !== 0x20 && bytes[0] !== 0x0a && bytes[0] !== 0x0d) return false;
    const header: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/**
 * What every JWT the scan below accepts holds: at the start of a run of letters and dots (past
 * its leading dots), a first segment of at least 10 letters whose first decoded byte is `{` or
 * whitespace (`isJoseHeader`: base64url `e`, `I`, `C` or `D` first), a dot, a non-empty second
 * segment, a dot. A string without it holds no JWT, and most strings (cluster names, type URLs)
 * fail it at once. Linear: it can start only where a run starts, and runs do not overlap.
 */
const JWT_SHAPE = /(?:^|[^A-Za-z0-9_.-])\.*[eICD][A-Za-z0-9_-]{9,}\.[A-Za-z0-9_-]+\./;

function jwt(text: string): boolean {
  if (!JWT_SHAPE.test(text)) return false;
  // Only a run of base64url letters and dots that holds a dot can split into segments: each such
  // run is found from its first dot (indexOf), so the letters of runs without one are never visited.
  const inRun = (c: number): boolean => isBase64Url(c) || c === 46;
  for (let dot = text.indexOf('.'); dot !== -1; ) {
    // The block of letters and dots around this dot, less its leading dots (a token starts at a letter).
    let i = dot;
    while (i > 0 && inRun(text.charCodeAt(i - 1))) i--;
    let j = dot + 1;
    while (j < text.length && inRun(text.charCodeAt(j))) j++;
    dot = text.indexOf('.', j);
    while (i < j && text.charCodeAt(i) === 46) i++;
    let end = j;
    while (end > i && text.charCodeAt(end - 1) === 46) end--;
    if (end <= i) continue;
    const segments = text.slice(i, end).split('.');
    if ((segments.length === 3 || segments.length === 5) && segments[1] !== '' && isJoseHeader(segments[0]!)) return true;
  }
  return false;
}

const isB64Token = (c: number): boolean => isBase64Url(c) || c === 46 || c === 126 || c === 43 || c === 47;

function bearer(text: string): boolean {
  const lower = text.toLowerCase();
  for (let at = lower.indexOf('bearer'); at >= 0; at = lower.indexOf('bearer', at + 6)) {
    if (at > 0 && isBase64Url(lower.charCodeAt(at - 1))) continue;
    let i = at + 6;
    if (text[i] !== ' ' && text[i] !== '\t') continue;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const start = i;
    while (i < text.length && isB64Token(text.charCodeAt(i))) i++;
    if (i - start >= 16) return true;
  }
  return false;
}

const latin1 = new TextDecoder('latin1');

function decodedKey(letters: string): SecretKind | undefined {
  for (let align = 0; align < 4; align++) {
    const bytes = decodeBase64Letters(letters, align);
    const der = findDerKey(bytes);
    if (der) return der;
    const pem = pemPrivateKey(latin1.decode(bytes));
    if (pem) return pem;
  }
  return undefined;
}

/** Decodes every run of base64 letters (line breaks inside a run are skipped; `=` and anything else end it). */
function base64Key(text: string): SecretKind | undefined {
  let pieces: string[] = [];
  let letters = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (c >= 0 && base64Value(c) >= 0) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      pieces.push(text.slice(start, i));
      letters += i - start;
      start = -1;
    }
    if (c === 10 || c === 13) continue;
    // An escaped line break (`\n` in JSON or YAML text held in a string) also continues the run.
    if (c === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r')) {
      i++;
      continue;
    }
    if (letters >= BASE64_MIN_LETTERS) {
      const found = decodedKey(pieces.join(''));
      if (found) return found;
    }
    pieces = [];
    letters = 0;
  }
  return undefined;
}

/** What secret `text` is or holds, or undefined. */
export function detectSecret(text: string): SecretKind | undefined {
  if (text.length < SCAN_MIN_LENGTH) return undefined;
  const pem = pemPrivateKey(text);
  if (pem) return pem;
  if (jwkText(text)) return 'jwk-private-key';
  if (jwt(text)) return 'jwt';
  if (bearer(text)) return 'bearer-token';
  return text.length >= BASE64_MIN_LETTERS ? base64Key(text) : undefined;
}
