/**
 * Whether UTF-8 bytes `[start, end)` hold exactly one JSON value (RFC 8259, as `JSON.parse`
 * accepts it) nested no deeper than `limit` containers, without building anything: the check of
 * a config dump's sections a command does not parse (`parse-sections.ts`), so that a file
 * `JSON.parse` would refuse is refused whatever the command reads. Bytes at or above 0x80 are
 * accepted inside strings only, as the decoded text's characters are; malformed UTF-8 decodes to
 * U+FFFD, which JSON.parse accepts there too. One pass, a byte at a time, linear in the length.
 */
export function isJsonBytes(bytes: Uint8Array, start: number, end: number, limit: number): boolean {
  // Per open container: 1 an object, 2 an array.
  const open: number[] = [];
  let i = skipSpace(bytes, start, end);
  for (;;) {
    // A value starts at i.
    if (i >= end) return false;
    const c = bytes[i]!;
    if (c === 0x7b || c === 0x5b) {
      if (open.length >= limit) return false;
      open.push(c === 0x7b ? 1 : 2);
      i = skipSpace(bytes, i + 1, end);
      if (i >= end) return false;
      if (bytes[i] === (c === 0x7b ? 0x7d : 0x5d)) {
        open.pop();
        i++;
      } else if (c === 0x7b) {
        i = objectKey(bytes, i, end);
        if (i < 0) return false;
        continue;
      } else continue;
    } else if (c === 0x22) {
      i = stringEnd(bytes, i, end);
      if (i < 0) return false;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      i = numberEnd(bytes, i, end);
      if (i < 0) return false;
    } else if (c === 0x74) {
      if (!literal(bytes, i, end, TRUE)) return false;
      i += 4;
    } else if (c === 0x66) {
      if (!literal(bytes, i, end, FALSE)) return false;
      i += 5;
    } else if (c === 0x6e) {
      if (!literal(bytes, i, end, NULL)) return false;
      i += 4;
    } else return false;
    // After a value: close containers, or a comma and the next member.
    for (;;) {
      i = skipSpace(bytes, i, end);
      if (open.length === 0) return i === end;
      if (i >= end) return false;
      const d = bytes[i]!;
      const top = open[open.length - 1]!;
      if (d === 0x2c) {
        i = skipSpace(bytes, i + 1, end);
        if (top === 1) {
          i = objectKey(bytes, i, end);
          if (i < 0) return false;
        }
        break;
      }
      if (d !== (top === 1 ? 0x7d : 0x5d)) return false;
      open.pop();
      i++;
    }
  }
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function literal(bytes: Uint8Array, i: number, end: number, word: number[]): boolean {
  if (i + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word[k]) return false;
  return true;
}

function skipSpace(bytes: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = bytes[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** At `i` a member's key: the string, a colon; returns where its value starts, or -1. */
function objectKey(bytes: Uint8Array, i: number, end: number): number {
  if (i >= end || bytes[i] !== 0x22) return -1;
  i = stringEnd(bytes, i, end);
  if (i < 0) return -1;
  i = skipSpace(bytes, i, end);
  if (i >= end || bytes[i] !== 0x3a) return -1;
  return skipSpace(bytes, i + 1, end);
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** At `i` an opening quote: returns the index after the closing one, or -1 (unclosed, a raw control character, a bad escape). */
function stringEnd(bytes: Uint8Array, i: number, end: number): number {
  for (i++; i < end; i++) {
    const c = bytes[i]!;
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      if (++i >= end) return -1;
      const e = bytes[i]!;
      if (e === 0x75) {
        if (i + 4 >= end) return -1;
        for (let k = 1; k <= 4; k++) if (!isHex(bytes[i + k]!)) return -1;
        i += 4;
      } else if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return -1;
    }
  }
  return -1;
}

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

/** At `i` a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; returns the index after it, or -1. */
function numberEnd(bytes: Uint8Array, i: number, end: number): number {
  if (bytes[i] === 0x2d) i++;
  if (i >= end) return -1;
  if (bytes[i] === 0x30) i++;
  else if (isDigit(bytes[i])) while (i < end && isDigit(bytes[i])) i++;
  else return -1;
  if (i < end && bytes[i] === 0x2e) {
    i++;
    if (i >= end || !isDigit(bytes[i])) return -1;
    while (i < end && isDigit(bytes[i])) i++;
  }
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    if (i < end && (bytes[i] === 0x2b || bytes[i] === 0x2d)) i++;
    if (i >= end || !isDigit(bytes[i])) return -1;
    while (i < end && isDigit(bytes[i])) i++;
  }
  return i;
}
