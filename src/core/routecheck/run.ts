import { isObject, type Json, type JsonObject } from '../envoy/json.ts';
import type { RouteConfig } from '../envoy/route-types.ts';
import type { RuntimeValue } from '../router/route-options.ts';
import { RouteCoverage } from './coverage.ts';
import { finalizeHeaders } from './finalize.ts';
import { TOOL_STREAM } from './header-formatter.ts';
import { buildToolRequest, type ToolRequest } from './request-builder.ts';
import type { ToolTestFile } from './test-schema.ts';
import type { ToolRoute } from './tool-route.ts';
import { routeToolRequest } from './tool-router.ts';
import { validateTest } from './validate.ts';

/** One test's outcome, in file order. */
export interface ToolTestResult {
  name: string;
  passed: boolean;
  /** Failure lines as the tool prints them under the test name. */
  lines: string[];
  /** envoy.RouterCheckToolSchema.ValidationFailure (snake_case protojson); {} when passed. */
  failure: JsonObject;
}

export interface RouteCheckRun {
  results: ToolTestResult[];
  coverage: RouteCoverage;
}

/** Picks the route for a test request; the default is meshscope's engine in router_check mode. */
export type ToolRouter = (config: RouteConfig, request: ToolRequest, runtime: Record<string, RuntimeValue>) => ToolRoute;

/** A static runtime layer (`{a: {b: 1}}` or `{"a.b": 1}`) as flat `a.b` keys with scalar values. */
export function flattenRuntime(layer: JsonObject, prefix = '', out: Record<string, RuntimeValue> = {}): Record<string, RuntimeValue> {
  for (const [key, value] of Object.entries(layer) as [string, Json][]) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) flattenRuntime(value, name, out);
    else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') out[name] = value;
  }
  return out;
}

/**
 * Runs a router_check test file against a route config, as RouterCheckTool::compareEntries does:
 * for each test, build the request, route it, finalize the headers once, run every check, and
 * record coverage for the checks that passed.
 */
export function runRouteCheck(config: RouteConfig, file: ToolTestFile, router: ToolRouter = routeToolRequest): RouteCheckRun {
  const coverage = new RouteCoverage(config);
  const runtime = flattenRuntime(file.runtime);
  const results: ToolTestResult[] = [];
  for (const test of file.tests) {
    const request = buildToolRequest(test.input);
    const route = router(config, request, runtime);
    finalizeHeaders(route, config, request.headers, request.responseHeaders, TOOL_STREAM);
    const verdict = validateTest(test.validate, route, request.headers, request.responseHeaders);
    coverage.mark(route, verdict.covered);
    results.push({ name: test.name, passed: verdict.passed, lines: verdict.lines, failure: verdict.passed ? {} : verdict.failure });
  }
  return { results, coverage };
}
