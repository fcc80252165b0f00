import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.ts';

/**
 * Writes what the TUI shows (`:save [FILE]`) as a plain-text file, relative to `dir` (the
 * working directory). Not secret (the tables are what the screen shows, secrets redacted), so
 * mode 0644 under the umask; an existing file is kept unless `overwrite` (`:save! FILE`).
 * Returns the path as the user would type it from `dir`.
 */
export function textFileWriter(dir: string): (file: string, text: string, overwrite: boolean) => Promise<string> {
  return async (file, text, overwrite) => {
    const target = path.resolve(dir, file);
    const relative = path.relative(dir, target);
    const shown = relative.startsWith('..') || path.isAbsolute(relative) ? target : `./${relative}`;
    try {
      await writeFile(target, text, { encoding: 'utf8', flag: overwrite ? 'w' : 'wx', mode: 0o644 });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new InputError(
        shown,
        code === 'EEXIST'
          ? 'exists; :save! FILE overwrites it'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'ENOENT'
              ? 'its folder does not exist'
              : code === 'EISDIR'
                ? 'is a folder'
                : `cannot be written (${String(code)})`,
      );
    }
    return shown;
  };
}
