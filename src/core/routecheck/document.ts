import { parse } from 'yaml';
import type { Json } from '../envoy/json.ts';
import { MAX_JSON_DEPTH } from '../envoy/json-depth.ts';
import { yamlDepthOverflows } from '../text/yaml-depth.ts';
import { SchemaError } from './strict-fields.ts';
import { TEST_FILE_REPEATED, TEST_FILE_STRUCTS } from './test-file.ts';
import { parseTextProto, TextProtoError, textProtoToJson } from './text-proto.ts';

/** The spelling of an input file, from its extension, as Envoy's loadFromFile decides it. */
export type DocumentFormat = 'yaml' | 'json' | 'text_proto';

function documentFormat(fileName: string): DocumentFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.pb_text') || lower.endsWith('.textproto') || lower.endsWith('.txtpb')) return 'text_proto';
  return 'json';
}

/** 64-bit integers survive YAML parsing as bigint; keep them as numbers when exact, else as digit strings (protojson style). */
function fromBigInt(value: unknown, depth = 1): Json {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value !== 'object' || value === null) return value as Json;
  // Aliases can nest a value deeper than its text, or in a circle (`&a {b: *a}`): bounded here.
  if (depth > MAX_JSON_DEPTH) throw new SchemaError(`Unable to parse YAML: nested deeper than ${MAX_JSON_DEPTH} levels (through aliases?)`);
  if (Array.isArray(value)) return value.map((item) => fromBigInt(item, depth + 1));
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) out[key] = fromBigInt(child, depth + 1);
  return out;
}

/**
 * Parses a route config or test file. JSON goes through the YAML parser too, which is what lets
 * Envoy's own TestRoutes.golden.proto.json (with a trailing comma) load. Text proto is read with
 * the test-file schema's repeated fields, so it is for test files only.
 */
export function parseDocument(text: string, fileName: string, kind: 'config' | 'tests'): Json {
  const format = documentFormat(fileName);
  if (format === 'text_proto') {
    if (kind === 'config') throw new SchemaError('text-proto route configs are not supported; give the route config as YAML or JSON');
    try {
      return textProtoToJson(parseTextProto(text), TEST_FILE_REPEATED, TEST_FILE_STRUCTS);
    } catch (error) {
      if (error instanceof TextProtoError) throw new SchemaError(`Unable to parse text proto: ${error.message}`);
      throw error;
    }
  }
  // The YAML composer recurses: deep text is refused before it runs (see yaml-depth.ts).
  if (yamlDepthOverflows(text, MAX_JSON_DEPTH)) {
    throw new SchemaError(
      `Unable to parse ${format === 'yaml' ? 'YAML' : 'JSON'}: nested deeper than ${MAX_JSON_DEPTH} levels (Envoy's JSON parser, protobuf, stops at ${MAX_JSON_DEPTH})`,
    );
  }
  let doc: unknown;
  try {
    doc = parse(text, { intAsBigInt: true, uniqueKeys: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new SchemaError(`Unable to parse ${format === 'yaml' ? 'YAML' : 'JSON'}: ${message}`);
  }
  return fromBigInt(doc);
}
