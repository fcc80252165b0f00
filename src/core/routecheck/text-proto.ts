import type { Json, JsonObject } from '../envoy/json.ts';

/**
 * A reader for the protobuf text format (`.pb_text`), the third spelling router_check_tool accepts
 * for its test files besides JSON and YAML:
 *
 *     tests {
 *       test_name: "Test_1"
 *       input: { authority: "www1.lyft.com" path: "/foo" ssl: true }
 *       validate: { cluster_name: { value: "cluster1" } }
 *     }
 *
 * Supported: `name: scalar`, `name { ... }` / `name: { ... }` / `name < ... >`, `name: [a, b]`,
 * repeated fields written several times, double- or single-quoted strings with C escapes (adjacent
 * strings concatenate), integers (decimal, hex, octal), floats, `true`/`false`, enum identifiers,
 * `#` comments and optional `,`/`;` separators. Not supported: `[type.url] { ... }` Any expansion
 * and extensions; they raise a TextProtoError.
 */
export class TextProtoError extends Error {
  override readonly name = 'TextProtoError';
}

/** One field occurrence; a message is the list of its field occurrences in order. */
export type TextValue = string | number | boolean | { enum: string } | TextMessage;
export interface TextField {
  name: string;
  value: TextValue;
}
export type TextMessage = TextField[];

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[-+]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[fF]?|inf(?:inity)?|nan)/iy;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skip(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return;
      if (c === '#') {
        const nl = this.text.indexOf('\n', this.pos);
        this.pos = nl === -1 ? this.text.length : nl + 1;
      } else if (/\s/.test(c)) this.pos++;
      else return;
    }
  }

  peek(): string | undefined {
    this.skip();
    return this.text[this.pos];
  }

  fail(message: string): never {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    throw new TextProtoError(`text proto line ${line}, column ${column}: ${message}`);
  }

  expect(c: string): void {
    if (this.peek() !== c) this.fail(`expected "${c}"`);
    this.pos++;
  }

  match(re: RegExp): string | undefined {
    this.skip();
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

function readString(r: Reader): string {
  let out = '';
  while (r.peek() === '"' || r.peek() === "'") {
    const start = r.pos;
    const quote = r.text[r.pos++]!;
    const bytes: number[] = [];
    const pushText = (s: string) => bytes.push(...new TextEncoder().encode(s));
    for (;;) {
      const c = r.text[r.pos++];
      if (c === undefined || c === '\n') {
        r.pos = start;
        r.fail('unterminated string');
      }
      if (c === quote) break;
      if (c !== '\\') {
        pushText(c);
        continue;
      }
      const e = r.text[r.pos++] ?? '';
      if (e in SIMPLE_ESCAPES) pushText(SIMPLE_ESCAPES[e]!);
      else if (/[0-7]/.test(e)) {
        const digits = /^[0-7]{1,3}/.exec(r.text.slice(r.pos - 1))![0];
        r.pos += digits.length - 1;
        bytes.push(parseInt(digits, 8) & 0xff);
      } else if (e === 'x' || e === 'X') {
        const digits = /^[0-9a-fA-F]{1,2}/.exec(r.text.slice(r.pos))?.[0];
        if (!digits) r.fail('bad \\x escape');
        r.pos += digits.length;
        bytes.push(parseInt(digits, 16));
      } else if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const digits = r.text.slice(r.pos, r.pos + len);
        if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== len) r.fail(`bad \\${e} escape`);
        r.pos += len;
        pushText(String.fromCodePoint(parseInt(digits, 16)));
      } else r.fail(`unknown escape \\${e}`);
    }
    out += new TextDecoder().decode(new Uint8Array(bytes));
  }
  return out;
}

function readScalar(r: Reader): TextValue {
  const c = r.peek();
  if (c === '"' || c === "'") return readString(r);
  if (c === '-' || c === '+' || c === '.' || (c !== undefined && /\d/.test(c))) {
    const n = r.match(NUMBER);
    if (n === undefined) r.fail('expected a number');
    return parseNumber(n, r);
  }
  const ident = r.match(IDENT);
  if (ident === undefined) r.fail('expected a value');
  if (ident === 'true' || ident === 'True' || ident === 't') return true;
  if (ident === 'false' || ident === 'False' || ident === 'f') return false;
  if (/^(inf|infinity|nan)$/i.test(ident)) return parseNumber(ident, r);
  return { enum: ident };
}

function parseNumber(text: string, r: Reader): number {
  const t = (/^[-+]?0[xX]/.test(text) ? text : text.replace(/[fF]$/, '')).toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[-+]/, '');
  if (body.startsWith('0x')) return sign * parseInt(body.slice(2), 16);
  if (/^0[0-7]+$/.test(body)) return sign * parseInt(body, 8);
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  const n = Number(body);
  if (Number.isNaN(n)) r.fail(`bad number "${text}"`);
  return sign * n;
}

/**
 * Nested messages allowed. protobuf's TextFormat::Parser has no default limit
 * (`kDefaultRecursionLimit = INT_MAX` in text_format.cc) but recurses on the C++ stack; meshscope
 * uses the JSON parser's 100 (see core/envoy/json-depth.ts) so this recursive reader stays bounded.
 */
const MAX_DEPTH = 100;

function readMessage(r: Reader, close: string | undefined, depth = 0): TextMessage {
  if (depth > MAX_DEPTH) r.fail(`messages nested deeper than ${MAX_DEPTH} levels`);
  const fields: TextMessage = [];
  for (;;) {
    const c = r.peek();
    if (c === undefined) {
      if (close !== undefined) r.fail(`expected "${close}" before the end of the text`);
      return fields;
    }
    if (c === close) {
      r.pos++;
      return fields;
    }
    if (c === '[') r.fail('Any expansions and extensions ([type.url] { ... }) are not supported');
    const name = r.match(IDENT);
    if (name === undefined) r.fail('expected a field name');
    const colon = r.peek() === ':';
    if (colon) r.pos++;
    const next = r.peek();
    if (next === '{' || next === '<') {
      r.pos++;
      fields.push({ name, value: readMessage(r, next === '{' ? '}' : '>', depth + 1) });
    } else if (next === '[' && colon) {
      r.pos++;
      if (r.peek() === ']') r.pos++;
      else
        for (;;) {
          const open = r.peek();
          if (open === '{' || open === '<') {
            r.pos++;
            fields.push({ name, value: readMessage(r, open === '{' ? '}' : '>', depth + 1) });
          } else fields.push({ name, value: readScalar(r) });
          if (r.peek() === ',') r.pos++;
          else {
            r.expect(']');
            break;
          }
        }
    } else if (colon) fields.push({ name, value: readScalar(r) });
    else r.fail(`expected ":" or "{" after field "${name}"`);
    const sep = r.peek();
    if (sep === ',' || sep === ';') r.pos++;
  }
}

/** Parses a text-format message. Throws TextProtoError with the line and column on bad syntax. */
export function parseTextProto(text: string): TextMessage {
  return readMessage(new Reader(text), undefined);
}

function isMessage(value: TextValue): value is TextMessage {
  return Array.isArray(value);
}

/**
 * Converts a parsed message to the JSON shape protojson would give, so the same schema reader
 * handles every spelling. The text format does not say which fields are repeated, so the caller
 * names them (`repeated`); a field written more than once becomes a list anyway. A field named in
 * `structs` holds a google.protobuf.Struct (`fields { key: "k" value { string_value: "v" } }`)
 * and becomes a plain object.
 */
export function textProtoToJson(message: TextMessage, repeated: ReadonlySet<string>, structs: ReadonlySet<string> = new Set()): JsonObject {
  const out: JsonObject = {};
  for (const { name, value } of message) {
    const json = structs.has(name) && isMessage(value) ? structToJson(value) : toJson(value, repeated, structs);
    const seen = out[name];
    if (repeated.has(name)) out[name] = [...((seen as Json[] | undefined) ?? []), json];
    else if (seen !== undefined) out[name] = Array.isArray(seen) ? [...seen, json] : [seen, json];
    else out[name] = json;
  }
  return out;
}

function toJson(value: TextValue, repeated: ReadonlySet<string>, structs: ReadonlySet<string>): Json {
  if (isMessage(value)) return textProtoToJson(value, repeated, structs);
  if (typeof value === 'object') return value.enum;
  return value;
}

/** google.protobuf.Struct / Value / ListValue in text format → plain JSON. */
function structToJson(message: TextMessage): JsonObject {
  const out: JsonObject = {};
  for (const { name, value } of message) {
    if (name !== 'fields' || !isMessage(value)) continue;
    const key = value.find((f) => f.name === 'key')?.value;
    const entry = value.find((f) => f.name === 'value')?.value;
    if (typeof key === 'string') out[key] = entry !== undefined && isMessage(entry) ? valueToJson(entry) : null;
  }
  return out;
}

function valueToJson(message: TextMessage): Json {
  const field = message[0];
  if (!field) return null;
  const { name, value } = field;
  if (name === 'struct_value' && isMessage(value)) return structToJson(value);
  if (name === 'list_value' && isMessage(value)) return value.filter((f) => f.name === 'values').map((f) => (isMessage(f.value) ? valueToJson(f.value) : null));
  if (name === 'null_value') return null;
  return typeof value === 'object' && !isMessage(value) ? value.enum : isMessage(value) ? null : value;
}
