import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { type Streamable, serialize } from './stream.ts';

/**
 * Writes a Streamable JSON document to `file` in ~1 MiB chunks (creating the folder), so dumps
 * far bigger than what one string may hold are written with little memory. Returns the byte size.
 */
export function writeJsonFile(file: string, document: Streamable, indent = 1): number {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = () => {
      writeSync(fd, pending.join(''));
      pending = [];
      pendingLength = 0;
    };
    serialize(document, indent, (text) => {
      pending.push(text);
      pendingLength += text.length;
      if (pendingLength >= 1 << 20) flush();
    });
    pending.push('\n');
    flush();
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}
