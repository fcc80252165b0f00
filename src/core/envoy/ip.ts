import type { CidrRange } from './types.ts';

/** An IP address as a number, for prefix matching. */
export interface ParsedIp {
  family: 4 | 6;
  value: bigint;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) | BigInt(p);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  let body = text;
  // An embedded IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
  const last = body.lastIndexOf(':');
  if (body.includes('.', last)) {
    const v4 = parseV4(body.slice(last + 1));
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, last + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const given = head.length + rest.length;
  if ((halves.length === 1 && given !== 8) || (halves.length === 2 && given > 7)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? 8 - given : 0).fill('0'), ...rest];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    value = (value << 16n) | BigInt(`0x${g}`);
  }
  return value;
}

/** Parses an IPv4 or IPv6 address (`[...]` brackets allowed); undefined when it is neither. */
export function parseIp(text: string): ParsedIp | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!bare.includes(':')) {
    const v = parseV4(bare);
    return v === undefined ? undefined : { family: 4, value: v };
  }
  const v = parseV6(bare);
  return v === undefined ? undefined : { family: 6, value: v };
}

/** True when the address lies in the CIDR range (same family). */
export function ipInRange(ip: ParsedIp, range: CidrRange): boolean {
  const base = parseIp(range.addressPrefix);
  if (!base || base.family !== ip.family) return false;
  const bits = ip.family === 4 ? 32n : 128n;
  const len = BigInt(Math.max(0, Math.min(Number(bits), range.prefixLen)));
  if (len === 0n) return true;
  const shift = bits - len;
  return ip.value >> shift === base.value >> shift;
}
