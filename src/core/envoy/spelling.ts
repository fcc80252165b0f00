import { isObject, type Json } from './json.ts';
import { toSnakeCase } from './protojson.ts';
import { unreadSectionOf } from './unread-sections.ts';

/**
 * Which protobuf JSON spelling a document uses. Envoy's admin endpoint writes proto field names
 * (`lb_endpoints`); istioctl's `-o json` writes lowerCamelCase json names (`lbEndpoints`). The
 * decision is made once per document from a bounded sample of its field names, breadth first,
 * skipping Struct subtrees whose keys are user data (metadata, labels, transport socket match
 * criteria). A snake_case document is never copied.
 */
const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;
const CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;
/** Keys whose value is a google.protobuf.Struct (or map of them) in either spelling. */
const OPAQUE = new Set(['metadata', 'filter_metadata', 'filterMetadata', 'typed_filter_metadata', 'typedFilterMetadata', 'match', 'value', 'fields', 'labels']);
const SAMPLE_OBJECTS = 400;

export type Spelling = 'snake' | 'camel';

/** Counts snake_case and lowerCamelCase field names in the first objects of the document. */
export function detectSpelling(doc: Json): Spelling {
  let snake = 0;
  let camel = 0;
  const queue: Json[] = [doc];
  let visited = 0;
  for (let i = 0; i < queue.length && visited < SAMPLE_OBJECTS; i++) {
    const value = queue[i]!;
    if (Array.isArray(value)) {
      // A few items of each list tell as much as all of them.
      for (let j = 0; j < value.length && j < 3; j++) queue.push(value[j]!);
      continue;
    }
    if (!isObject(value)) continue;
    visited++;
    for (const key in value) {
      if (SNAKE.test(key)) snake++;
      else if (CAMEL.test(key)) camel++;
      if (OPAQUE.has(key)) continue;
      const child = value[key]!;
      if (typeof child === 'object' && child !== null) queue.push(child);
    }
  }
  return camel > snake ? 'camel' : 'snake';
}

/**
 * The document in snake_case: itself when it already is, else one converted copy. A dump read
 * section by section keeps its unread sections' stubs as they are (`unread-sections.ts` knows
 * them by identity; a stub holds only its `@type`, the same in both spellings).
 */
export function toSnakeDocument(doc: Json): { data: Json; converted: boolean } {
  if (detectSpelling(doc) === 'snake') return { data: doc, converted: false };
  if (isObject(doc) && Array.isArray(doc.configs) && doc.configs.some((c) => isObject(c) && unreadSectionOf(c) !== undefined)) {
    // parseDumpSections made it: `{configs: [...]}` and nothing else.
    const configs = doc.configs.map((c) => (isObject(c) && unreadSectionOf(c) !== undefined ? c : toSnakeCase(c)));
    return { data: { configs }, converted: true };
  }
  return { data: toSnakeCase(doc), converted: true };
}
