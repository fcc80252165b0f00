import { chmod, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError, UsageError } from '../../core/errors.ts';
import { type Snapshot, snapshotToJson } from '../../core/snapshot/format.ts';

/**
 * Writes a snapshot file: JSON, gzip-compressed when the name ends in `.gz`, readable by its
 * owner only (mode 0600: it describes the mesh's internals). An existing file is never replaced
 * unless `force` is set; then the new content goes to a temporary file first and is renamed
 * over the old one, so an interrupted write never leaves half a snapshot.
 */
export interface WriteOptions {
  force?: boolean;
}

/** The bytes of a snapshot file for this name (gzip for `.gz`). */
function encodeSnapshot(file: string, snapshot: Snapshot): Uint8Array {
  const text = `${JSON.stringify(snapshotToJson(snapshot))}\n`;
  const bytes = new TextEncoder().encode(text);
  return file.endsWith('.gz') ? gzipSync(bytes, { level: 9 }) : bytes;
}

async function writeNew(file: string, bytes: Uint8Array, flag: 'wx'): Promise<void> {
  const handle = await open(file, flag, 0o600);
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
  await chmod(file, 0o600);
}

function problem(file: string, error: unknown): InputError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return new InputError(file, 'cannot be written: the folder does not exist');
  if (code === 'EACCES' || code === 'EPERM') return new InputError(file, 'cannot be written: permission denied');
  if (code === 'EISDIR') return new InputError(file, 'is a folder; give a file name such as incident.json.gz');
  return new InputError(file, `cannot be written (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})`);
}

/** Writes `snapshot` to `file`; UsageError when it exists and `force` is not set. */
export async function writeSnapshot(file: string, snapshot: Snapshot, options: WriteOptions = {}): Promise<number> {
  const bytes = encodeSnapshot(file, snapshot);
  if (!options.force) {
    try {
      await writeNew(file, bytes, 'wx');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EEXIST') throw new UsageError(`${file} already exists; pass --force to overwrite it`);
      throw problem(file, error);
    }
    return bytes.length;
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeNew(temp, bytes, 'wx');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw problem(file, error);
  }
  return bytes.length;
}
