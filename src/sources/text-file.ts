import { InputError } from '../core/errors.ts';
import { readInputText } from './input-file.ts';

/** Reads a text file; a missing or unreadable file is an InputError naming it (exit 2). */
export async function readTextFile(file: string): Promise<string> {
  try {
    return await readInputText(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    const detail =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied: cannot read the file'
          : code === 'EISDIR'
            ? 'is a directory; expected a file'
            : `cannot be read (${String(code ?? error)})`;
    throw new InputError(file, detail);
  }
}
