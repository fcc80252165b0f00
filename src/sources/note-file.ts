import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.ts';

/**
 * Writes incident notes as files in `dir` (the working directory by default). Returns the path
 * as the user would type it from `dir`'s parent shell: relative when inside `dir`.
 */
export function noteFileWriter(dir: string): (fileName: string, markdown: string) => Promise<string> {
  return async (fileName, markdown) => {
    const file = path.join(dir, path.basename(fileName));
    try {
      await writeFile(file, markdown, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new InputError(
        file,
        code === 'EEXIST'
          ? 'already exists; not overwritten'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied: cannot write the note here'
            : `cannot be written (${String(code)})`,
      );
    }
    return `./${path.relative(dir, file)}`;
  };
}
