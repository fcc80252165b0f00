import { writeFile } from 'node:fs/promises';
import { InputError } from '../core/errors.ts';
import { readInputText } from './input-file.ts';

/**
 * File access for `meshscope route-check`: the route config and test file are read as text (the
 * parsing happens in core), and `-o` writes the result file. Failures are InputErrors naming the
 * file (exit 2).
 */
function describe(error: unknown, verb: 'read' | 'written'): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return verb === 'read' ? 'no such file' : 'cannot be written: its directory does not exist';
    case 'EACCES':
    case 'EPERM':
      return `permission denied: cannot be ${verb}`;
    case 'EISDIR':
      return 'is a directory; expected a file';
    default:
      return `cannot be ${verb} (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})`;
  }
}

export async function readTextFile(path: string): Promise<string> {
  try {
    return await readInputText(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, describe(error, 'read'));
  }
}

export async function writeTextFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw new InputError(path, describe(error, 'written'));
  }
}
