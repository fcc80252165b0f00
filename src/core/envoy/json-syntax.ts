/**
 * Finds where a JSON text goes wrong, for error messages only (JSON.parse's own messages differ
 * between Node, Bun and Deno). Returns `eof` when the text is a valid JSON prefix that stops
 * early (a truncated capture), or the index of the first character that cannot belong there.
 */
export type JsonSyntax = { kind: 'ok' } | { kind: 'eof' } | { kind: 'error'; index: number };

type State = 'value' | 'valueOrEnd' | 'keyOrEnd' | 'key' | 'colon' | 'commaOrEnd' | 'done';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** End index of the string starting at `start` (a quote), -1 at end of input, or -(index+2) on a bad character. */
function scanString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 0x20) return -(i + 2);
    if (c !== 92) continue;
    const next = text[i + 1];
    if (next === undefined) return -1;
    if (next === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]*$/.test(hex)) return -(i + 2);
      if (hex.length < 4) return -1;
      i += 5;
    } else if (ESCAPES.has(next)) i++;
    else return -(i + 2);
  }
  return -1;
}

export function checkJsonSyntax(text: string): JsonSyntax {
  const stack: string[] = [];
  let state: State = 'value';
  let i = 0;
  const after = (): State => (stack.length > 0 ? 'commaOrEnd' : 'done');
  while (true) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= text.length) return state === 'done' ? { kind: 'ok' } : { kind: 'eof' };
    const c = text[i]!;
    if (state === 'done') return { kind: 'error', index: i };
    if (state === 'colon') {
      if (c !== ':') return { kind: 'error', index: i };
      i++;
      state = 'value';
      continue;
    }
    if (state === 'commaOrEnd') {
      const top = stack[stack.length - 1];
      if (c === ',') state = top === '{' ? 'key' : 'value';
      else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop();
        state = after();
      } else return { kind: 'error', index: i };
      i++;
      continue;
    }
    if ((state === 'keyOrEnd' && c === '}') || (state === 'valueOrEnd' && c === ']')) {
      stack.pop();
      i++;
      state = after();
      continue;
    }
    if (state === 'keyOrEnd' || state === 'key') {
      if (c !== '"') return { kind: 'error', index: i };
      const end = scanString(text, i);
      if (end === -1) return { kind: 'eof' };
      if (end < 0) return { kind: 'error', index: -end - 2 };
      i = end;
      state = 'colon';
      continue;
    }
    // A value.
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      state = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
      continue;
    }
    if (c === '"') {
      const end = scanString(text, i);
      if (end === -1) return { kind: 'eof' };
      if (end < 0) return { kind: 'error', index: -end - 2 };
      i = end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return i + 1 >= text.length ? { kind: 'eof' } : { kind: 'error', index: i };
      i += m[0].length;
      if (i >= text.length && stack.length > 0) return { kind: 'eof' };
    } else {
      const rest = text.slice(i, i + 5);
      const literal = LITERALS.find((l) => rest.startsWith(l));
      if (literal) i += literal.length;
      else if (i + rest.length >= text.length && LITERALS.some((l) => l.startsWith(rest))) return { kind: 'eof' };
      else return { kind: 'error', index: i };
    }
    state = after();
  }
}
