import type { Json, JsonObject } from '../../../src/core/envoy/json.ts';

/**
 * A JSON document described lazily, so a 10k-service dump (hundreds of MB) can be written piece by
 * piece without ever holding the whole text or object tree, and a small one can be built in memory.
 */
export type Streamable = Json | StreamedArray | StreamedObject;

/** An array whose items are produced on demand. */
export class StreamedArray {
  constructor(readonly items: () => Iterable<Streamable>) {}
}

/** An object whose values may themselves be streamed. */
export class StreamedObject {
  constructor(readonly entries: [string, Streamable][]) {}
}

/** The plain JSON value of a Streamable (for small dumps and tests). */
export function materialize(value: Streamable): Json {
  if (value instanceof StreamedArray) return [...value.items()].map(materialize);
  if (value instanceof StreamedObject) {
    const out: JsonObject = {};
    for (const [key, item] of value.entries) out[key] = materialize(item);
    return out;
  }
  return value;
}

/**
 * Serialises a Streamable as pretty JSON with `indent` spaces (Envoy's admin endpoint uses 1;
 * 0 gives compact JSON), calling `write` with pieces of text in document order.
 */
export function serialize(value: Streamable, indent: number, write: (text: string) => void, depth = 0): void {
  const pad = (level: number) => (indent > 0 ? `\n${' '.repeat(indent * level)}` : '');
  const colon = indent > 0 ? ': ' : ':';
  if (value instanceof StreamedArray) {
    let first = true;
    write('[');
    for (const item of value.items()) {
      write(first ? pad(depth + 1) : `,${pad(depth + 1)}`);
      serialize(item, indent, write, depth + 1);
      first = false;
    }
    write(first ? ']' : `${pad(depth)}]`);
    return;
  }
  if (value instanceof StreamedObject) {
    write('{');
    value.entries.forEach(([key, item], i) => {
      write(`${i === 0 ? '' : ','}${pad(depth + 1)}${JSON.stringify(key)}${colon}`);
      serialize(item, indent, write, depth + 1);
    });
    write(value.entries.length === 0 ? '}' : `${pad(depth)}}`);
    return;
  }
  const text = JSON.stringify(value, null, indent);
  write(indent > 0 && depth > 0 ? text.replaceAll('\n', pad(depth)) : text);
}
