import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseJsonDocument } from '../../core/envoy/parse-json.ts';
import { InputError } from '../../core/errors.ts';
import { type BugReportFile, isBugReportFileWanted, looksLikeBugReport, snapshotFromBugReport } from '../../core/snapshot/bug-report.ts';
import { isSnapshotJson, parseSnapshot, type Snapshot } from '../../core/snapshot/format.ts';
import { isTar, readTar } from '../../core/snapshot/tar.ts';
import { decodeInput, inflateInput, inputKind, isGzip, readInputBytes, readInputText } from '../input-file.ts';

/**
 * Reads what `--snapshot` may name: a meshscope snapshot (`.json`, or gzip-compressed), an
 * `istioctl bug-report` archive (`bug-report.tar.gz`), or a bug report's extracted folder.
 * Every problem is an InputError naming the path (exit 2).
 */
const decoder = new TextDecoder('utf-8');

function fsProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot be read (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})`;
}

async function walk(root: string, dir: string, out: BugReportFile[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (entry.isDirectory()) await walk(root, full, out);
    else if (entry.isFile() && isBugReportFileWanted(rel)) {
      const info = await stat(full);
      out.push({ path: rel, mtimeMs: info.mtimeMs, text: await readInputText(full) });
    }
  }
}

async function readFolder(folder: string): Promise<Snapshot> {
  const files: BugReportFile[] = [];
  await walk(folder, folder, files);
  if (!looksLikeBugReport(files.map((f) => f.path))) {
    throw new InputError(folder, 'is a folder without proxies/<namespace>/<pod>/config_dump; expected an istioctl bug-report folder or a snapshot file');
  }
  return snapshotFromBugReport(folder, files);
}

function fromTar(file: string, bytes: Uint8Array): Snapshot {
  let entries: ReturnType<typeof readTar>;
  try {
    entries = readTar(bytes, isBugReportFileWanted);
  } catch (error) {
    throw new InputError(file, `is a damaged tar archive (${error instanceof Error ? error.message : String(error)})`);
  }
  const files = entries.map((e) => ({ path: e.name, mtimeMs: e.mtimeMs, text: decoder.decode(e.data) }));
  if (!looksLikeBugReport(files.map((f) => f.path)))
    throw new InputError(file, 'is a tar archive without proxies/<namespace>/<pod>/config_dump; expected an istioctl bug-report archive');
  return snapshotFromBugReport(file, files);
}

/** Reads and parses a snapshot, bug-report archive or bug-report folder. */
export async function readSnapshot(file: string): Promise<Snapshot> {
  let bytes: Uint8Array;
  try {
    if ((await inputKind(file)) === 'directory') return await readFolder(file);
    bytes = await readInputBytes(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, fsProblem(error));
  }
  if (isGzip(bytes)) bytes = await inflateInput(file, bytes);
  if (isTar(bytes)) return fromTar(file, bytes);
  const doc = parseJsonDocument(file, decodeInput(file, bytes));
  if (!isSnapshotJson(doc)) {
    throw new InputError(file, 'is JSON but not a meshscope snapshot (no "format": "meshscope-snapshot"); for a config dump use --file DUMP');
  }
  return parseSnapshot(file, doc);
}
