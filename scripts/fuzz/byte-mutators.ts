import { gzipSync } from 'node:zlib';
import type { Rng } from './prng.ts';

/** Mutations of raw bytes: what a cut-off download, a bad disk or a hand edit does to a file. */
export function truncate(rng: Rng, bytes: Buffer): { bytes: Buffer; detail: string } {
  const at = rng.chance(0.1) ? rng.pick([0, 1, bytes.length - 1]) : rng.int(bytes.length + 1);
  return { bytes: bytes.subarray(0, Math.max(0, at)), detail: `cut at byte ${at} of ${bytes.length}` };
}

export function byteFlip(rng: Rng, bytes: Buffer): { bytes: Buffer; detail: string } {
  const out = Buffer.from(bytes);
  const flips = rng.pick([1, 1, 2, 4, 8, 32]);
  const at: number[] = [];
  for (let i = 0; i < flips && out.length > 0; i++) {
    const index = rng.int(out.length);
    out[index] = rng.chance(0.5) ? out[index]! ^ (1 << rng.int(8)) : rng.pick([0x00, 0x1b, 0x7f, 0x9b, 0xff, 0xc0, 0x22, 0x5c, 0x7b, 0x5d, 0x0d, 0x0a]);
    at.push(index);
  }
  return { bytes: out, detail: `${at.length} byte(s) changed at ${at.slice(0, 4).join(',')}${at.length > 4 ? ',…' : ''}` };
}

/**
 * gzip damage (RFC 1952 member layout: 10-byte header, deflate data, CRC32, ISIZE): a flipped
 * byte in the deflate stream, a cut-off stream, a wrong CRC or size trailer, a bad header, trailing
 * garbage, two members back to back, or a tiny gzip bomb (megabytes of zeros).
 */
export function gzipCorrupt(rng: Rng, gz: Buffer): { bytes: Buffer; detail: string } {
  const out = Buffer.from(gz);
  const kind = rng.pick(['deflate-flip', 'cut', 'crc', 'isize', 'header', 'trailing', 'two-members', 'zeros-bomb', 'not-gzip']);
  switch (kind) {
    case 'deflate-flip': {
      const at = 10 + rng.int(Math.max(1, out.length - 18));
      out[at] = out[at]! ^ 0xff;
      return { bytes: out, detail: `deflate byte ${at} flipped` };
    }
    case 'cut':
      return { bytes: out.subarray(0, 10 + rng.int(Math.max(1, out.length - 10))), detail: 'stream cut short' };
    case 'crc':
      out.writeUInt32LE((out.readUInt32LE(out.length - 8) ^ 0xdeadbeef) >>> 0, out.length - 8);
      return { bytes: out, detail: 'wrong CRC32' };
    case 'isize':
      out.writeUInt32LE(rng.pick([0, 1, 0xffffffff]), out.length - 4);
      return { bytes: out, detail: 'wrong ISIZE' };
    case 'header':
      out[3] = 0xff; // every FLG bit: FEXTRA, FNAME, FCOMMENT, FHCRC and reserved bits
      return { bytes: out, detail: 'header flags 0xff' };
    case 'trailing':
      return { bytes: Buffer.concat([out, Buffer.from('garbage after the gzip member\u001b[2J')]), detail: 'trailing garbage' };
    case 'two-members':
      return { bytes: Buffer.concat([out, out]), detail: 'two gzip members' };
    case 'zeros-bomb':
      return { bytes: gzipSync(Buffer.alloc(rng.pick([1, 8, 64]) * 1024 * 1024)), detail: 'gzip of zeros' };
    default:
      return { bytes: out.subarray(2), detail: 'magic bytes removed' };
  }
}

/** The file as Windows PowerShell 5.1's `>` writes it: UTF-16LE with a BOM (sometimes without). */
export function utf16(rng: Rng, bytes: Buffer): { bytes: Buffer; detail: string } {
  const body = Buffer.from(bytes.toString('utf8'), 'utf16le');
  const bom = rng.chance(0.8);
  return { bytes: bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body, detail: `UTF-16LE${bom ? ' with BOM' : ''}` };
}
