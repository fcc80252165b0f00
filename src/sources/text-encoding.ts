/**
 * Which Unicode encoding an input file's bytes are in. Windows PowerShell's `>` redirect (5.1's
 * Out-File default, "Unicode") writes UTF-16LE with a BOM, so `istioctl proxy-config all POD -o
 * json > dump.json` there gives a file meshscope would otherwise see as NUL-riddled garbage. The
 * BOMs are those of the Unicode standard (FF FE little endian, FE FF big endian); without a BOM,
 * text that starts with ASCII (every JSON, YAML or access-log input does) shows UTF-16 as a NUL
 * byte beside every character, which UTF-8 text never has.
 */
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

const SNIFF_PAIRS = 32;

/** NUL in every odd (LE) or even (BE) byte of the first characters, the other byte not NUL. */
function nulPattern(bytes: Uint8Array): TextEncoding {
  const pairs = Math.min(SNIFF_PAIRS, Math.floor(bytes.length / 2));
  if (pairs < 2) return 'utf8';
  let le = true;
  let be = true;
  for (let i = 0; i < pairs; i++) {
    const a = bytes[2 * i]!;
    const b = bytes[2 * i + 1]!;
    le &&= a !== 0 && b === 0;
    be &&= a === 0 && b !== 0;
  }
  return le ? 'utf16le' : be ? 'utf16be' : 'utf8';
}

/** The encoding and how many BOM bytes to skip. */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  return { encoding: nulPattern(bytes), bom: 0 };
}

/**
 * UTF-16 bytes (after the BOM) as a string. An odd byte count is a cut-off file: undefined, for
 * the caller to refuse. Unpaired surrogates stay as they are (the parsers see them as text).
 */
export function decodeUtf16(bytes: Uint8Array, encoding: 'utf16le' | 'utf16be'): string | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  const copy = Buffer.from(bytes);
  if (encoding === 'utf16be') copy.swap16();
  return copy.toString('utf16le');
}
