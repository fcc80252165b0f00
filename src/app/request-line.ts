import { UsageError } from '../core/errors.ts';
import { type HttpRequest, parseRequest } from '../core/router/request.ts';

/**
 * Splits what a user types in the explain panel, shell style:
 * `GET http://reviews:9080/reviews/1 -H end-user:jason -H 'x-b3-sampled: 1'`.
 * Single and double quotes group words; `-H`/`--header` take the next word (or `-Hvalue`).
 */
export function splitRequestLine(text: string): { line: string; headers: string[] } {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let inWord = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new UsageError(`unclosed ${quote} in "${text}"`);
  if (inWord) words.push(word);
  const rest: string[] = [];
  const headers: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-H' || w === '--header') {
      const value = words[++i];
      if (value === undefined) throw new UsageError(`${w} needs a "Name: value"`);
      headers.push(value);
    } else if (w.startsWith('-H') && w.length > 2) headers.push(w.slice(2));
    else if (w.startsWith('--header=')) headers.push(w.slice('--header='.length));
    else rest.push(w);
  }
  return { line: rest.join(' '), headers };
}

/** Parses a typed request line into the request explain takes; UsageError says what is wrong. */
export function parseRequestLine(text: string): HttpRequest {
  const { line, headers } = splitRequestLine(text);
  if (line === '') throw new UsageError('type a request: METHOD URL [-H "Name: value"]…, e.g. GET http://reviews:9080/reviews/1 -H end-user:jason');
  return parseRequest(line, headers);
}
