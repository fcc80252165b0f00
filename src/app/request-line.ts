import { UsageError } from '../core/errors.ts';
import { type ConnectionOptions, type HttpRequest, parseRequest } from '../core/router/request.ts';
import { parseUpstreamFailure, type UpstreamFailure } from '../core/router/upstream-failure.ts';

/** `--random N`: Envoy's per-request random value, a uint64 (decides a weighted split). */
export function parseRandomValue(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || BigInt(value) >= 2n ** 64n) throw new UsageError(`--random ${value} is not a uint64 (0 to 18446744073709551615)`);
  return BigInt(value);
}

/** The connection flags a typed request line may carry, as on the command line. */
const CONNECTION_FLAGS = { '--sni': 'sni', '--alpn': 'alpn', '--ip': 'ip' } as const satisfies Record<string, keyof ConnectionOptions>;

/**
 * Splits what a user types in the explain panel, shell style:
 * `GET https://api.example.com/v1 -H end-user:jason -H 'x-b3-sampled: 1' --sni api.example.com`.
 * Single and double quotes group words; `-H`/`--header` take the next word (or `-Hvalue`);
 * `--sni`, `--alpn` and `--ip` take the next word (or `--sni=value`) as `meshscope explain` does.
 */
export function splitRequestLine(text: string): { line: string; headers: string[]; connection: ConnectionOptions; random?: string; status?: string } {
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
  const connection: ConnectionOptions = {};
  let random: string | undefined;
  let status: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--status' || w.startsWith('--status=')) {
      status = w === '--status' ? words[++i] : w.slice('--status='.length);
      if (status === undefined) throw new UsageError('--status needs a value: an HTTP status (500, 503, …) or reset, connect-failure, refused-stream, timeout');
      continue;
    }
    if (w === '--random' || w.startsWith('--random=')) {
      random = w === '--random' ? words[++i] : w.slice('--random='.length);
      if (random === undefined) throw new UsageError('--random needs a value');
      continue;
    }
    const [flag, inline] = w.startsWith('--') && w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    const option = Object.hasOwn(CONNECTION_FLAGS, flag) ? CONNECTION_FLAGS[flag as keyof typeof CONNECTION_FLAGS] : undefined;
    if (option !== undefined) {
      const value = inline ?? words[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      connection[option] = value;
    } else if (w === '-H' || w === '--header') {
      const value = words[++i];
      if (value === undefined) throw new UsageError(`${w} needs a "Name: value"`);
      headers.push(value);
    } else if (w.startsWith('-H') && w.length > 2) headers.push(w.slice(2));
    else if (w.startsWith('--header=')) headers.push(w.slice('--header='.length));
    else rest.push(w);
  }
  return { line: rest.join(' '), headers, connection, ...(random === undefined ? {} : { random }), ...(status === undefined ? {} : { status }) };
}

/** Parses a typed request line into the request explain takes; UsageError says what is wrong. */
export function parseRequestLine(text: string): HttpRequest {
  return parseRequestLineWithOptions(text).request;
}

/** The request and the `--random N` and `--status S` a typed line may carry (the value the trace of a split suggests). */
export function parseRequestLineWithOptions(text: string): {
  request: HttpRequest;
  randomValue?: bigint;
  failure?: { failure: UpstreamFailure; text: string };
} {
  const { line, headers, connection, random, status } = splitRequestLine(text);
  if (line === '') throw new UsageError('type a request: METHOD URL [-H "Name: value"]…, e.g. GET http://reviews:9080/reviews/1 -H end-user:jason');
  const request = parseRequest(line, headers, connection);
  const randomValue = parseRandomValue(random);
  const out: { request: HttpRequest; randomValue?: bigint; failure?: { failure: UpstreamFailure; text: string } } = { request };
  if (randomValue !== undefined) out.randomValue = randomValue;
  if (status !== undefined) out.failure = { failure: parseUpstreamFailure(status), text: status };
  return out;
}
