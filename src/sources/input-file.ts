import { constants, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { InputError } from '../core/errors.ts';
import { formatSize, INFLATED_ENV, INPUT_ENV, inputLimits } from './input-limits.ts';
import { decodeUtf16, detectEncoding } from './text-encoding.ts';

/**
 * The one guarded way meshscope reads an input file. The path is opened without blocking
 * (`O_NONBLOCK`: opening a FIFO with no writer returns at once) and checked on the open handle,
 * so a named pipe, a character device such as /dev/zero, a socket or a block device is refused
 * in one line before a byte is read; a regular file larger than the input limit is refused by
 * its size, and at most limit + 1 bytes are ever read (a file that grows while read is caught
 * too). gzip is inflated with zlib's `maxOutputLength`, so a gzip bomb stops at the limit.
 * Other fs errors (ENOENT, EACCES) are rethrown for the caller to word.
 */
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const gunzipAsync = promisify(gunzip);

function specialKind(info: Stats): string | undefined {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return info.isFile() || info.isDirectory() ? undefined : 'not a regular file';
}

function refuseSpecial(file: string, info: Stats): void {
  const kind = specialKind(info);
  if (kind) throw new InputError(file, `is ${kind}; expected a regular file (save the output to a file first)`);
}

function tooLarge(file: string, size: string): InputError {
  const max = inputLimits().maxInputBytes;
  return new InputError(file, `is ${size}, over the ${formatSize(max)} input limit; raise it with ${INPUT_ENV}=SIZE (e.g. ${INPUT_ENV}=1G)`);
}

/** What the path is: a regular file or a directory; InputError for anything else. */
export async function inputKind(file: string): Promise<'file' | 'directory'> {
  const handle = await open(file, constants.O_RDONLY | NONBLOCK);
  try {
    const info = await handle.stat();
    refuseSpecial(file, info);
    return info.isDirectory() ? 'directory' : 'file';
  } finally {
    await handle.close();
  }
}

/** Reads to the end into one buffer sized by fstat (+1 to see growth), never past limit + 1 bytes. */
async function readAll(file: string, handle: FileHandle, size: number, shared: boolean): Promise<Buffer> {
  const max = inputLimits().maxInputBytes;
  const alloc = (n: number): Buffer => (shared ? Buffer.from(new SharedArrayBuffer(n), 0, n) : Buffer.allocUnsafe(n));
  let buffer = alloc(Math.min(size, max) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      const grown = alloc(Math.min(buffer.length * 2, max + 1));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > max) throw tooLarge(file, `over ${formatSize(max)}`);
  }
  return buffer.subarray(0, total);
}

/**
 * A regular file's bytes. `directory` is the message for a directory (default: expected a file);
 * `shared` puts the bytes in a SharedArrayBuffer, for a worker thread to read (sources/parallel-scan.ts);
 * `onSize` hears the file's size before the read starts.
 * InputError for a special file or one over the limit; fs errors as thrown.
 */
export async function readInputBytes(file: string, options: { directory?: string; shared?: boolean; onSize?: (bytes: number) => void } = {}): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | NONBLOCK);
  try {
    const info = await handle.stat();
    refuseSpecial(file, info);
    if (info.isDirectory()) throw new InputError(file, options.directory ?? 'is a directory; expected a file');
    if (info.size > inputLimits().maxInputBytes) throw tooLarge(file, formatSize(info.size));
    options.onSize?.(info.size);
    return await readAll(file, handle, info.size, options.shared === true);
  } finally {
    await handle.close();
  }
}

/**
 * Bytes as text: UTF-8 (a BOM kept, as readFile does), or UTF-16 LE/BE when it has a BOM or a NUL
 * beside every character (a PowerShell redirect; text-encoding.ts), decoded without its BOM.
 * InputError for cut-off UTF-16 or when V8 cannot hold the string.
 */
export function decodeInput(file: string, bytes: Uint8Array): string {
  const { encoding, bom } = detectEncoding(bytes);
  try {
    if (encoding === 'utf8') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const text = decodeUtf16(bytes.subarray(bom), encoding);
    if (text === undefined)
      throw new InputError(file, `is UTF-16 (a PowerShell redirect?) with an odd number of bytes (cut short?); save it as UTF-8: Out-File -Encoding utf8`);
    return text;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, `is too large to read as text (${formatSize(bytes.byteLength)}; JavaScript strings stop below 512 MiB)`);
  }
}

/** A regular file as text (UTF-8, or UTF-16 with a BOM or NULs), guarded as readInputBytes. */
export async function readInputText(file: string, options: { directory?: string } = {}): Promise<string> {
  return decodeInput(file, await readInputBytes(file, options));
}

export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Inflates gzip bytes, stopping at the decompressed-size limit (a gzip bomb is one line, exit 2). */
export async function inflateInput(file: string, bytes: Uint8Array): Promise<Buffer> {
  const max = inputLimits().maxInflatedBytes;
  try {
    return await gunzipAsync(bytes, { maxOutputLength: max });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InputError(
        file,
        `inflates to more than ${formatSize(max)}, the decompressed-size limit (a gzip bomb?); raise it with ${INFLATED_ENV}=SIZE (e.g. ${INFLATED_ENV}=2G)`,
      );
    }
    throw new InputError(file, `is not valid gzip (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); was the file cut short?`);
  }
}
