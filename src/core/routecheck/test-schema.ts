import type { Json, JsonObject } from '../envoy/json.ts';
import type { HeaderMatcher } from '../envoy/route-types.ts';

/**
 * The router_check_tool test file (`envoy.RouterCheckToolSchema.Validation`, from Envoy's
 * test/tools/router_check/validation.proto) as typed values. The same schema is written as JSON,
 * YAML or text proto; see test-file.ts for the reader.
 */

/** envoy.config.core.v3.HeaderValue. */
export interface HeaderValue {
  key: string;
  value: string;
}

/**
 * One set_metadata-filter entry applied to the stream's dynamic metadata before routing. Only the
 * untyped `value` (a Struct) is visible to route `dynamic_metadata` matchers; a `typed_value` (Any)
 * lands in typed metadata, which route matching does not read.
 */
export interface DynamicMetadataEntry {
  namespace: string;
  value?: JsonObject;
  typedValue?: JsonObject;
  allowOverwrite: boolean;
}

/** ValidationInput: how the tool builds the request. */
export interface ToolInput {
  authority: string;
  path: string;
  method: string;
  /** uint64 as written; see request-builder.ts for the int truncation the tool applies. */
  randomValue: bigint;
  ssl: boolean;
  internal: boolean;
  additionalRequestHeaders: HeaderValue[];
  additionalResponseHeaders: HeaderValue[];
  /** The one runtime key the tool's runtime mock treats as enabled; '' for none. */
  runtime: string;
  dynamicMetadata: DynamicMetadataEntry[];
}

/** A HeaderMatcher as written in the test file (echoed in failures) and as parsed for evaluation. */
export interface ExpectedHeaderMatch {
  matcher: HeaderMatcher;
  raw: JsonObject;
}

/** `route_metadata` entry: route.metadata.filter_metadata[namespace][key] must equal value. */
export interface RouteMetadataAssert {
  namespace: string;
  key: string;
  value: Json;
}

/**
 * ValidationAssert. An absent field is not checked; a field set to "" expects "none". Wrapper
 * fields (StringValue, UInt32Value) may be written bare or as `{value: x}`.
 */
export interface ToolAssert {
  clusterName?: string;
  virtualClusterName?: string;
  virtualHostName?: string;
  hostRewrite?: string;
  pathRewrite?: string;
  pathRedirect?: string;
  codeRedirect?: number;
  /** Deprecated exact comparisons of the first value of a header. */
  requestHeaderFields: HeaderValue[];
  responseHeaderFields: HeaderValue[];
  requestHeaderMatches: ExpectedHeaderMatch[];
  responseHeaderMatches: ExpectedHeaderMatch[];
  /** The matched route's timeout, in milliseconds (newer than the published schema). */
  timeoutMs?: number;
  routeMetadata: RouteMetadataAssert[];
}

/** ValidationItem. Names need not be unique. */
export interface ToolTest {
  name: string;
  input: ToolInput;
  validate: ToolAssert;
}

/** Validation: the whole file. `runtime` is a static runtime layer loaded before the routes. */
export interface ToolTestFile {
  tests: ToolTest[];
  runtime: JsonObject;
}
