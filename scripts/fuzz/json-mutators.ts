import { HOSTILE_STRINGS } from './hostile.ts';
import { type JsonValue, type RawText, randomSlot, type Slot, setSlot, slotValue } from './json-tree.ts';
import type { Rng } from './prng.ts';

/**
 * Mutations of a parsed JSON document, in place. Each returns a short description of what it did
 * (the path-free kind and value, for the failure file), or undefined when the document has no
 * place it applies to. Values Envoy's schema rejects come from issue 13's probes: negative and
 * overflowing numbers, non-finite `1e400`, ports past 65535, wrong shapes and duplicate keys
 * (Go's protojson, which istioctl uses, rejects them).
 */
export type JsonMutator = (rng: Rng, doc: JsonValue, raw: RawText) => string | undefined;

const HUGE = [
  '1e400',
  '-1e400',
  '-1',
  '-5',
  '0',
  '65536',
  '4294967296',
  '18446744073709551616',
  '9007199254740993',
  '1.5',
  '-0',
  '1e308',
  '123456789012345678901234567890',
];
const DEPTHS = [99, 100, 101, 1000, 20_000];
const TYPES = [
  'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  'type.googleapis.com/unknown.v9.Thing',
  'type.googleapis.com/envoy.api.v2.Cluster',
  '',
  'not a type url',
  'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
];

const any = () => true;

/** Fields meshscope prints as names (so a hostile value there reaches tables, text and notes). */
const PRINTED = new Set([
  'name',
  'domains',
  'cluster',
  'route_name',
  'routeName',
  'cluster_name',
  'clusterName',
  'prefix',
  'path',
  'service_name',
  'serviceName',
  'address',
  'sni',
  'server_names',
  'serverNames',
  'test_name',
  'authority',
  'host',
  'subset',
  'id',
  'key',
  'value',
]);

/** A value of another JSON type than `value`. */
function otherType(rng: Rng, value: JsonValue): JsonValue {
  const options: JsonValue[] = ['text', 42, [], {}, null, true, [1, 'two'], { a: 1 }];
  const kind = (v: JsonValue) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  const different = options.filter((o) => kind(o) !== kind(value));
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) different.push(Number(value));
  if (typeof value === 'number') different.push(String(value));
  return rng.pick(different);
}

function describe(slot: Slot): string {
  return typeof slot.key === 'number' ? `[${slot.key}]` : JSON.stringify(slot.key).slice(0, 60);
}

export const JSON_MUTATORS: Record<string, JsonMutator> = {
  'delete-member': (rng, doc) => {
    const slot = randomSlot(doc, rng);
    if (!slot) return undefined;
    if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
    else delete slot.parent[slot.key as string];
    return `deleted ${describe(slot)}`;
  },
  'duplicate-member': (rng, doc) => {
    const slot = randomSlot(doc, rng, (_v, s) => Array.isArray(s.parent));
    if (!slot) return undefined;
    const parent = slot.parent as JsonValue[];
    const copies = rng.pick([1, 1, 2, 50]);
    parent.splice(slot.key as number, 0, ...Array.from({ length: copies }, () => structuredClone(slotValue(slot))));
    return `duplicated array element ${describe(slot)} ×${copies}`;
  },
  'duplicate-key': (rng, doc, raw) => {
    const slot = randomSlot(doc, rng, (_v, s) => !Array.isArray(s.parent));
    if (!slot) return undefined;
    const value = slotValue(slot);
    (slot.parent as Record<string, JsonValue>)[raw.key(slot.key as string)] = rng.chance(0.5) ? otherType(rng, value) : structuredClone(value);
    return `duplicate key ${describe(slot)}`;
  },
  'type-swap': (rng, doc) => {
    const slot = randomSlot(doc, rng, any);
    if (!slot) return undefined;
    const next = otherType(rng, slotValue(slot));
    setSlot(slot, next);
    return `${describe(slot)} → ${JSON.stringify(next)}`;
  },
  'huge-number': (rng, doc, raw) => {
    const slot = randomSlot(doc, rng, (v) => typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))) ?? randomSlot(doc, rng);
    if (!slot) return undefined;
    const text = rng.pick(HUGE);
    setSlot(slot, raw.value(rng.chance(0.2) ? JSON.stringify(text) : text));
    return `${describe(slot)} → ${text}`;
  },
  'deep-nesting': (rng, doc, raw) => {
    const slot = randomSlot(doc, rng);
    if (!slot) return undefined;
    const depth = rng.pick(DEPTHS);
    const open = rng.chance(0.5) ? '[' : '{"a":';
    const close = open === '[' ? ']' : '}';
    setSlot(slot, raw.value(`${open.repeat(depth)}1${close.repeat(depth)}`));
    return `${describe(slot)} nested ${depth} levels of ${open}`;
  },
  'hostile-string': (rng, doc) => {
    const asKey = rng.chance(0.3);
    const slot = asKey ? randomSlot(doc, rng, (_v, s) => !Array.isArray(s.parent)) : randomSlot(doc, rng, (v) => typeof v === 'string');
    if (!slot) return undefined;
    const text = rng.pick(HOSTILE_STRINGS);
    const index = HOSTILE_STRINGS.indexOf(text);
    if (asKey) {
      const parent = slot.parent as Record<string, JsonValue>;
      parent[text] = parent[slot.key as string]!;
      delete parent[slot.key as string];
      return `key ${describe(slot)} → hostile #${index}`;
    }
    const old = slotValue(slot) as string;
    setSlot(slot, rng.chance(0.5) ? text : `${old.slice(0, 20)}${text}${old.slice(20)}`);
    return `${describe(slot)} → hostile #${index}`;
  },
  'hostile-name': (rng, doc) => {
    const slot = randomSlot(
      doc,
      rng,
      (v, s) => typeof v === 'string' && (PRINTED.has(String(s.key)) || (typeof s.key === 'number' && Array.isArray(s.parent))),
    );
    if (!slot) return undefined;
    const text = rng.pick(HOSTILE_STRINGS.filter((h) => h.length < 1000 && h !== ''));
    setSlot(slot, `${(slotValue(slot) as string).slice(0, 30)}${text}`);
    return `${describe(slot)} → +hostile #${HOSTILE_STRINGS.indexOf(text)}`;
  },
  'wrong-type-url': (rng, doc) => {
    const slot = randomSlot(doc, rng, (_v, s) => s.key === '@type');
    if (!slot) return undefined;
    const next = rng.pick(TYPES.filter((t) => t !== slotValue(slot)));
    setSlot(slot, next);
    return `@type → ${JSON.stringify(next)}`;
  },
};
