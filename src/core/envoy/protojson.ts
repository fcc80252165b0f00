import { isObject, type Json, type JsonObject } from './json.ts';

/**
 * Envoy's admin endpoint writes protobuf JSON with the proto field names (snake_case);
 * istioctl's `-o json` writes lowerCamelCase json_names. meshscope reads snake_case only, so a
 * camelCase document is converted once, at the edge.
 *
 * Only keys that look like a lowerCamelCase proto field name are converted: map keys such as
 * `envoy.filters.http.fault` or `ISTIO_VERSION` never match. Inside a google.protobuf.Struct the
 * keys are user data (`service.istio.io/canonicalName`, `filter_metadata.istio.config`, a
 * transport socket match's `tlsMode`), so those subtrees are copied as they are.
 */
const CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;
const SNAKE_WORD = /_([a-z0-9])/g;

/**
 * Field names whose value is a Struct (or a map of Structs): their keys are data. Besides
 * Metadata's `filter_metadata` and the runtime `static_layer`: a cluster's
 * `lb_subset_config.default_subset` (endpoint label names, envoy.config.cluster.v3.Cluster.LbSubsetConfig)
 * and an access log's `json_format` (the user's log field names, envoy.config.core.v3.SubstitutionFormatString).
 */
const OPAQUE_FIELDS = new Set(['filter_metadata', 'metadata_struct', 'static_layer', 'fields', 'default_subset', 'json_format']);
const OPAQUE_CAMEL = new Set(['filterMetadata', 'staticLayer', 'defaultSubset', 'jsonFormat']);
/**
 * Proto map fields whose keys are data but whose values are messages: the keys are kept, the
 * values converted. A matcher tree's `exact_match_map.map` / `prefix_match_map.map` (keys are
 * the input values matched: ports, addresses, `'h2','http/1.1'`, hosts; xds.type.matcher.v3
 * Matcher.MatcherTree.MatchMap), and the maps keyed by extension or filter name.
 */
const DATA_KEYED_MAPS = new Set([
  'map',
  'typed_per_filter_config',
  'typedPerFilterConfig',
  'typed_extension_protocol_options',
  'typedExtensionProtocolOptions',
  'typed_filter_metadata',
  'typedFilterMetadata',
]);

const STRUCT_TYPES = new Set([
  'type.googleapis.com/google.protobuf.Struct',
  'type.googleapis.com/udpa.type.v1.TypedStruct',
  'type.googleapis.com/xds.type.v3.TypedStruct',
]);

/**
 * Envoy fields with an underscore before a digit: protobuf's json_name drops that underscore
 * (`consecutive_5xx` → `consecutive5xx`), so the generic rule cannot bring it back.
 */
const LOSSY_NAMES: [snake: string, camel: string][] = [
  ['consecutive_5xx', 'consecutive5xx'],
  ['enforcing_consecutive_5xx', 'enforcingConsecutive5xx'],
  ['accept_http_10', 'acceptHttp10'],
  ['default_host_for_http_10', 'defaultHostForHttp10'],
];
const SNAKE_OF = new Map(LOSSY_NAMES.map(([snake, camel]) => [camel, snake]));
const CAMEL_OF = new Map(LOSSY_NAMES);

/**
 * Each distinct key is converted once (issue 18: a document repeats a few hundred field names
 * millions of times). The caches are bounded: past the bound, keys are converted without caching.
 */
const CACHE_LIMIT = 50_000;
function cached(cache: Map<string, string>, convertKey: (key: string) => string): (key: string) => string {
  return (key) => {
    let out = cache.get(key);
    if (out === undefined) {
      out = convertKey(key);
      if (cache.size < CACHE_LIMIT) cache.set(key, out);
    }
    return out;
  };
}

export const camelToSnake = cached(new Map(SNAKE_OF), (key) => (CAMEL.test(key) ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : key));

export const snakeToCamel = cached(new Map(CAMEL_OF), (key) =>
  key.includes('_') && /^[a-z][a-z0-9_]*$/.test(key) ? key.replace(SNAKE_WORD, (_, c: string) => c.toUpperCase()) : key,
);

function convert(
  value: Json,
  rename: (key: string) => string,
  parentKey: string | undefined,
  opaque: (key: string | undefined, obj: JsonObject) => boolean,
): Json {
  if (Array.isArray(value)) return value.map((item) => convert(item, rename, parentKey, opaque));
  if (!isObject(value)) return value;
  if (isForeignAny(value)) return value;
  const out: JsonObject = {};
  if (parentKey !== undefined && DATA_KEYED_MAPS.has(parentKey)) {
    for (const key in value) out[key] = convert(value[key]!, rename, undefined, opaque);
    return out;
  }
  const structAny = typeof value['@type'] === 'string' && STRUCT_TYPES.has(value['@type']);
  // for…in, not Object.entries: no [key, value] array per field of every object.
  for (const key in value) {
    const child = value[key]!;
    const name = rename(key);
    if (opaque(name, value) || (structAny && name === 'value') || isNodeMetadata(parentKey, name) || isSocketMatch(parentKey, name)) out[name] = child;
    else out[name] = convert(child, rename, name, opaque);
  }
  return out;
}

/**
 * Packages whose messages use protobuf's default json_name (Envoy's, Istio's, the xDS/UDPA
 * annotations and the well-known types): an Any of one of them is a message meshscope can re-spell.
 */
const KNOWN_PACKAGES = /^(?:envoy|istio|io\.istio|udpa|xds|google\.protobuf)\./;

/**
 * An Any (`typed_config`, `typed_per_filter_config`, `typed_extension_protocol_options` values, …)
 * of a message meshscope has no descriptor for (`type.googleapis.com/acme.v1.Filter`,
 * `stats.PluginConfig`): its field names cannot be mapped, so it is kept exactly as written.
 */
function isForeignAny(value: JsonObject): boolean {
  const type = value['@type'];
  return typeof type === 'string' && !KNOWN_PACKAGES.test(type.slice(type.lastIndexOf('/') + 1));
}

/** The bootstrap node's `metadata` is a Struct of Istio's proxy metadata (labels and all). */
function isNodeMetadata(parentKey: string | undefined, key: string): boolean {
  return parentKey === 'node' && key === 'metadata';
}

/**
 * A cluster's `transport_socket_matches[].match` is a Struct matched against endpoint metadata
 * (`{tlsMode: istio}`): its keys are data. `parentKey` is the list's key, already converted.
 */
function isSocketMatch(parentKey: string | undefined, key: string): boolean {
  return key === 'match' && (parentKey === 'transport_socket_matches' || parentKey === 'transportSocketMatches');
}

const opaqueSnake = (key: string | undefined): boolean => key !== undefined && OPAQUE_FIELDS.has(key);
const opaqueCamel = (key: string | undefined): boolean => key !== undefined && (OPAQUE_FIELDS.has(key) || OPAQUE_CAMEL.has(key));

/** Converts a protojson document in lowerCamelCase to proto field names (snake_case). */
export function toSnakeCase(value: Json): Json {
  return convert(value, camelToSnake, undefined, opaqueSnake);
}

/** Converts proto field names to lowerCamelCase, as istioctl's `-o json` prints them. */
export function toCamelCase(value: Json): Json {
  return convert(value, snakeToCamel, undefined, opaqueCamel);
}
