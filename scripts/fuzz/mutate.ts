import { gunzipSync, gzipSync } from 'node:zlib';
import YAML from 'yaml';
import { byteFlip, gzipCorrupt, truncate, utf16 } from './byte-mutators.ts';
import { HOSTILE_STRINGS } from './hostile.ts';
import { JSON_MUTATORS } from './json-mutators.ts';
import { type JsonValue, RawText } from './json-tree.ts';
import { Rng } from './prng.ts';

/** What a seed input is: a JSON file, a gzip'd JSON file, a YAML file, or one access-log line (an argument). */
export type InputKind = 'json' | 'gzip-json' | 'yaml' | 'line';

export const BYTE_MUTATIONS = ['truncate', 'byte-flip'] as const;
export const MUTATIONS: readonly string[] = [...BYTE_MUTATIONS, ...Object.keys(JSON_MUTATORS), 'gzip-corrupt', 'utf16'];

/** The mutations that make sense for an input kind. */
export function mutationsFor(kind: InputKind): string[] {
  if (kind === 'gzip-json') return [...MUTATIONS];
  if (kind === 'line') return [...BYTE_MUTATIONS, ...Object.keys(JSON_MUTATORS)];
  return MUTATIONS.filter((m) => m !== 'gzip-corrupt');
}

export interface Mutated {
  bytes: Buffer;
  detail: string;
}

function parseStructured(kind: InputKind, text: string): JsonValue {
  return (kind === 'yaml' ? YAML.parse(text) : JSON.parse(text)) as JsonValue;
}

/** A plain-text access-log line has no JSON members: tokens (space-separated fields) stand in. */
function mutateTextLine(rng: Rng, mutation: string, line: string): Mutated | undefined {
  const tokens = line.split(' ');
  const at = rng.int(tokens.length);
  const token = tokens[at] ?? '';
  switch (mutation) {
    case 'delete-member':
      tokens.splice(at, 1);
      return { bytes: Buffer.from(tokens.join(' ')), detail: `field ${at} deleted` };
    case 'duplicate-member':
    case 'duplicate-key':
      tokens.splice(at, 0, token);
      return { bytes: Buffer.from(tokens.join(' ')), detail: `field ${at} duplicated` };
    case 'huge-number':
    case 'type-swap':
      tokens[at] = rng.pick(['1e400', '-1', '99999999999999999999', '"-"', '[]', 'NaN', '0x1F']);
      return { bytes: Buffer.from(tokens.join(' ')), detail: `field ${at} → ${tokens[at]}` };
    case 'hostile-string': {
      const text = rng.pick(HOSTILE_STRINGS);
      tokens[at] = token.startsWith('"') ? `"${text}"` : text;
      return { bytes: Buffer.from(tokens.join(' ')), detail: `field ${at} → hostile #${HOSTILE_STRINGS.indexOf(text)}` };
    }
    case 'deep-nesting':
      tokens[at] = `${'['.repeat(5000)}${token}`;
      return { bytes: Buffer.from(tokens.join(' ')), detail: `field ${at} after 5000 "["` };
    default:
      return undefined;
  }
}

function mutateStructured(rng: Rng, kind: InputKind, mutation: string, text: string): Mutated | undefined {
  if (kind === 'line' && !text.trimStart().startsWith('{')) return mutateTextLine(rng, mutation, text);
  const mutator = JSON_MUTATORS[mutation];
  if (!mutator) return undefined;
  const doc = parseStructured(kind, text);
  const raw = new RawText();
  const detail = mutator(rng, doc, raw);
  if (detail === undefined) return undefined;
  return { bytes: Buffer.from(raw.stringify(doc, kind === 'line')), detail };
}

/**
 * Applies `mutation` to a seed input, reproducibly from `seed`. gzip inputs are mutated inside
 * (inflate, mutate, deflate) except by `gzip-corrupt`, which damages the compressed bytes.
 * Undefined when the mutation has nowhere to apply.
 */
export function mutate(kind: InputKind, original: Buffer, mutation: string, seed: number): Mutated | undefined {
  const rng = new Rng(seed);
  if (mutation === 'gzip-corrupt') return kind === 'gzip-json' ? gzipCorrupt(rng, original) : undefined;
  const plain = kind === 'gzip-json' ? gunzipSync(original) : original;
  let result: Mutated | undefined;
  if (mutation === 'truncate') result = truncate(rng, plain);
  else if (mutation === 'byte-flip') result = byteFlip(rng, plain);
  else if (mutation === 'utf16') result = kind === 'line' ? undefined : utf16(rng, plain);
  else result = mutateStructured(rng, kind, mutation, plain.toString('utf8'));
  if (result && kind === 'gzip-json') return { bytes: gzipSync(result.bytes), detail: result.detail };
  return result;
}
