import type { Json } from '../envoy/json.ts';
import { checkJsonDepth } from '../envoy/json-depth.ts';
import { InputError } from '../errors.ts';

/**
 * Splits text holding JSON documents written back to back (`{...}{...}` or one per line), as
 * `istioctl proxy-status -o json` prints one document per istiod. Strings are honoured, so braces
 * inside values do not confuse the split.
 */
export function parseConcatenatedJson(name: string, text: string): Json[] {
  const docs: Json[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) docs.push(parseOne(name, text.slice(start, i + 1), docs.length));
      if (depth < 0) throw new InputError(name, `unbalanced "${text[i]}" at offset ${i}; expected JSON documents`);
    } else if (depth === 0 && c > 32) {
      throw new InputError(name, `expected a JSON document at offset ${i}, found "${text.slice(i, i + 20).replace(/\s+/g, ' ')}"`);
    }
  }
  if (depth !== 0) throw new InputError(name, `ends inside JSON document ${docs.length + 1} (truncated output?)`);
  return docs;
}

function parseOne(name: string, text: string, index: number): Json {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (error) {
    throw new InputError(name, `document ${index + 1} is not valid JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  checkJsonDepth(index === 0 ? name : `${name} (document ${index + 1})`, text, value);
  return value;
}
