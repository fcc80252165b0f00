/**
 * A minimal reader for tar archives (POSIX ustar, GNU long names, pax `path` records), enough
 * for the archive `istioctl bug-report` writes with Go's archive/tar. Only regular files are
 * returned; `wanted` decides by name which ones are kept (the rest are skipped unread).
 */
export interface TarEntry {
  name: string;
  /** Modification time, epoch ms. */
  mtimeMs: number;
  data: Uint8Array;
}

const BLOCK = 512;
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function text(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return utf8.decode(end < 0 ? slice : slice.subarray(0, end));
}

/** Numeric header fields: octal text, or base-256 when the top bit of the first byte is set. */
function number(block: Uint8Array, offset: number, length: number): number {
  if ((block[offset]! & 0x80) !== 0) {
    let value = block[offset]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + block[offset + i]!;
    return value;
  }
  const digits = latin1
    .decode(block.subarray(offset, offset + length))
    .replace(/[\0 ]+/g, ' ')
    .trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

function isZeroBlock(block: Uint8Array): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/** pax extended header records: `LEN key=value\n`. */
function paxPath(data: Uint8Array): string | undefined {
  const body = utf8.decode(data);
  for (const record of body.split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(record);
    if (m) return m[1];
  }
  return undefined;
}

/** True when the bytes start like a tar archive (ustar magic at offset 257). */
export function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= BLOCK && latin1.decode(bytes.subarray(257, 262)) === 'ustar';
}

/** Reads the archive; throws an Error naming the offset when a header is damaged. */
export function readTar(bytes: Uint8Array, wanted: (name: string) => boolean = () => true): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (isZeroBlock(header)) break;
    const size = number(header, 124, 12);
    const stored = number(header, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
    if (sum !== stored) throw new Error(`tar header checksum mismatch at offset ${offset}`);
    const type = String.fromCharCode(header[156]!);
    const prefix = latin1.decode(header.subarray(257, 262)) === 'ustar' ? text(header, 345, 155) : '';
    const headerName = prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100);
    const dataStart = offset + BLOCK;
    if (dataStart + size > bytes.length) throw new Error(`tar entry "${headerName}" is truncated`);
    const data = bytes.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (type === 'g') continue;
    const name = (longName ?? headerName).replace(/^\.\//, '');
    longName = undefined;
    if ((type === '0' || type === '\0') && wanted(name)) entries.push({ name, mtimeMs: number(header, 136, 12) * 1000, data });
  }
  return entries;
}
