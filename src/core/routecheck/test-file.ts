import { IssueSink } from '../envoy/issues.ts';
import { durationMs, isObject, type Json, type JsonObject } from '../envoy/json.ts';
import { toSnakeCase } from '../envoy/protojson.ts';
import { ROUTE_PROTO_FIELDS } from '../envoy/route-proto-fields.ts';
import { parseHeaderMatcher } from '../envoy/routes/header-matcher.ts';
import { boolField, listField, messageFields, SchemaError, stringField, stringWrapper, uint32Wrapper, unsignedField, violation } from './strict-fields.ts';
import type {
  DynamicMetadataEntry,
  ExpectedHeaderMatch,
  HeaderValue,
  RouteMetadataAssert,
  ToolAssert,
  ToolInput,
  ToolTest,
  ToolTestFile,
} from './test-schema.ts';

const PKG = 'envoy.RouterCheckToolSchema';
const VALIDATION = ['tests', 'runtime'];
const ITEM = ['test_name', 'input', 'validate'];
const INPUT = [
  'authority',
  'path',
  'method',
  'random_value',
  'ssl',
  'internal',
  'additional_request_headers',
  'additional_response_headers',
  'runtime',
  'dynamic_metadata',
];
const ASSERT = [
  'cluster_name',
  'virtual_cluster_name',
  'virtual_host_name',
  'host_rewrite',
  'path_rewrite',
  'path_redirect',
  'code_redirect',
  'request_header_fields',
  'response_header_fields',
  'request_header_matches',
  'response_header_matches',
  'timeout',
  'route_metadata',
];
const DYNAMIC_METADATA = ['metadata_namespace', 'value', 'typed_value', 'allow_overwrite'];
const ROUTE_METADATA = ['namespace', 'key', 'value'];

/** Repeated fields of the schema, for reading the text-proto spelling (see text-proto.ts). */
export const TEST_FILE_REPEATED = new Set([
  'tests',
  'additional_request_headers',
  'additional_response_headers',
  'request_header_fields',
  'response_header_fields',
  'request_header_matches',
  'response_header_matches',
  'dynamic_metadata',
  'route_metadata',
]);
/** Struct-valued fields of the schema (plain objects in JSON/YAML). */
export const TEST_FILE_STRUCTS = new Set(['runtime', 'value']);

function headerValues(value: Json | undefined, where: string): HeaderValue[] {
  return listField(value, where).map((item, i) => {
    const f = messageFields(item, 'envoy.config.core.v3.HeaderValue', `${where}[${i}]`, ['key', 'value', 'raw_value']);
    return { key: stringField(f.key, `${where}[${i}].key`), value: stringField(f.value, `${where}[${i}].value`) };
  });
}

function headerMatches(value: Json | undefined, where: string): ExpectedHeaderMatch[] {
  return listField(value, where).map((item, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(item)) throw new SchemaError(`INVALID_ARGUMENT: ${at}: expected a envoy.config.route.v3.HeaderMatcher message`);
    const fields = messageFields(toSnakeCase(item), 'envoy.config.route.v3.HeaderMatcher', at, ROUTE_PROTO_FIELDS.HeaderMatcher);
    const matcher = parseHeaderMatcher(fields, new IssueSink(), at);
    if (matcher.name === '') throw violation(`${at}.name`, 'value length must be at least 1 characters');
    return { matcher, raw: fields };
  });
}

function dynamicMetadata(value: Json | undefined, where: string): DynamicMetadataEntry[] {
  return listField(value, where).map((item, i) => {
    const at = `${where}[${i}]`;
    const f = messageFields(item, 'envoy.extensions.filters.http.set_metadata.v3.Metadata', at, DYNAMIC_METADATA);
    const namespace = stringField(f.metadata_namespace, `${at}.metadata_namespace`);
    if (namespace === '') throw violation(`${at}.metadata_namespace`, 'value length must be at least 1 characters');
    const struct = (v: Json | undefined, name: string): JsonObject | undefined => {
      if (v === undefined || v === null) return undefined;
      if (!isObject(v)) throw new SchemaError(`INVALID_ARGUMENT: ${at}.${name}: expected an object`);
      return v;
    };
    return {
      namespace,
      value: struct(f.value, 'value'),
      typedValue: struct(f.typed_value, 'typed_value'),
      allowOverwrite: boolField(f.allow_overwrite, `${at}.allow_overwrite`),
    };
  });
}

function routeMetadata(value: Json | undefined, where: string): RouteMetadataAssert[] {
  return listField(value, where).map((item, i) => {
    const at = `${where}[${i}]`;
    const f = messageFields(item, `${PKG}.RouteMetadata`, at, ROUTE_METADATA);
    return { namespace: stringField(f.namespace, `${at}.namespace`), key: stringField(f.key, `${at}.key`), value: f.value ?? '' };
  });
}

function parseInput(value: Json | undefined, where: string): ToolInput {
  if (value === undefined || value === null) throw violation(where, 'value is required');
  const f = messageFields(value, `${PKG}.ValidationInput`, where, INPUT);
  const input: ToolInput = {
    authority: stringField(f.authority, `${where}.authority`),
    path: stringField(f.path, `${where}.path`),
    method: stringField(f.method, `${where}.method`),
    randomValue: unsignedField(f.random_value, `${where}.random_value`, 64),
    ssl: boolField(f.ssl, `${where}.ssl`),
    internal: boolField(f.internal, `${where}.internal`),
    additionalRequestHeaders: headerValues(f.additional_request_headers, `${where}.additional_request_headers`),
    additionalResponseHeaders: headerValues(f.additional_response_headers, `${where}.additional_response_headers`),
    runtime: stringField(f.runtime, `${where}.runtime`),
    dynamicMetadata: dynamicMetadata(f.dynamic_metadata, `${where}.dynamic_metadata`),
  };
  if (input.authority.length < 1) throw violation(`${where}.authority`, 'value length must be at least 1 characters');
  if (input.path.length < 1) throw violation(`${where}.path`, 'value length must be at least 1 characters');
  if ([...input.method].length < 3) throw violation(`${where}.method`, 'value length must be at least 3 characters');
  return input;
}

function parseAssert(value: Json | undefined, where: string): ToolAssert {
  if (value === undefined || value === null) throw violation(where, 'value is required');
  const f = messageFields(value, `${PKG}.ValidationAssert`, where, ASSERT);
  let timeoutMs: number | undefined;
  if (f.timeout !== undefined && f.timeout !== null) {
    timeoutMs = durationMs(f.timeout);
    if (timeoutMs === undefined)
      throw new SchemaError(`INVALID_ARGUMENT: ${where}.timeout: expected a Duration such as "30s", got ${JSON.stringify(f.timeout)}`);
  }
  return {
    clusterName: stringWrapper(f.cluster_name, `${where}.cluster_name`),
    virtualClusterName: stringWrapper(f.virtual_cluster_name, `${where}.virtual_cluster_name`),
    virtualHostName: stringWrapper(f.virtual_host_name, `${where}.virtual_host_name`),
    hostRewrite: stringWrapper(f.host_rewrite, `${where}.host_rewrite`),
    pathRewrite: stringWrapper(f.path_rewrite, `${where}.path_rewrite`),
    pathRedirect: stringWrapper(f.path_redirect, `${where}.path_redirect`),
    codeRedirect: uint32Wrapper(f.code_redirect, `${where}.code_redirect`),
    requestHeaderFields: headerValues(f.request_header_fields, `${where}.request_header_fields`),
    responseHeaderFields: headerValues(f.response_header_fields, `${where}.response_header_fields`),
    requestHeaderMatches: headerMatches(f.request_header_matches, `${where}.request_header_matches`),
    responseHeaderMatches: headerMatches(f.response_header_matches, `${where}.response_header_matches`),
    timeoutMs,
    routeMetadata: routeMetadata(f.route_metadata, `${where}.route_metadata`),
  };
}

function parseItem(value: Json, where: string): ToolTest {
  const f = messageFields(value, `${PKG}.ValidationItem`, where, ITEM);
  const name = stringField(f.test_name, `${where}.test_name`);
  if (name.length < 1) throw violation(`${where}.test_name`, 'value length must be at least 1 characters');
  return { name, input: parseInput(f.input, `${where}.input`), validate: parseAssert(f.validate, `${where}.validate`) };
}

/**
 * Reads a parsed test file (JSON, YAML, or text proto converted with textProtoToJson) into typed
 * tests. Strict like the tool: unknown fields and broken validation rules throw SchemaError.
 */
export function parseToolTestFile(doc: Json): ToolTestFile {
  if (Array.isArray(doc))
    throw new SchemaError(`INVALID_ARGUMENT: the test file is a bare list; the current schema wants {tests: [...]} (old router_check format)`);
  const f = messageFields(doc, `${PKG}.Validation`, '(test file)', VALIDATION);
  const tests = listField(f.tests, 'tests').map((item, i) => parseItem(item, `tests[${i}]`));
  if (tests.length < 1) throw violation('tests', 'value must contain at least 1 item(s)');
  const runtime = f.runtime;
  if (runtime !== undefined && runtime !== null && !isObject(runtime)) throw new SchemaError('INVALID_ARGUMENT: runtime: expected an object of runtime keys');
  return { tests, runtime: isObject(runtime) ? runtime : {} };
}
