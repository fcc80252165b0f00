import { formatDuration, type Json, type JsonObject } from '../envoy/json.ts';
import { selectVirtualCluster } from '../router/virtual-cluster.ts';
import type { CoverageField } from './coverage.ts';
import { checkHeaderMatch } from './header-check.ts';
import type { HeaderMap } from './header-map.ts';
import { failureLine } from './report-line.ts';
import type { ExpectedHeaderMatch, HeaderValue, ToolAssert } from './test-schema.ts';
import type { ToolRoute } from './tool-route.ts';

/** Envoy's route timeout when a forwarding route sets none. */
const DEFAULT_ROUTE_TIMEOUT_MS = 15_000;

/** The verdict on one test: the printed failure lines, the ValidationFailure, and what it covered. */
export interface TestVerdict {
  passed: boolean;
  lines: string[];
  /** envoy.RouterCheckToolSchema.ValidationFailure as snake_case protojson (plus timeout/route_metadata). */
  failure: JsonObject;
  covered: CoverageField[];
}

function metadataText(value: Json | undefined): string {
  if (value === undefined) return 'NULL';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Runs every check of `validate` against the routed, finalized request, in the tool's order
 * (cluster, virtual cluster, virtual host, path rewrite, host rewrite, redirect path, redirect
 * code, request headers, response headers), then the newer timeout and route_metadata checks.
 * Every check runs, so one test can report several failures.
 */
export function validateTest(validate: ToolAssert, route: ToolRoute, request: HeaderMap, response: HeaderMap): TestVerdict {
  const lines: string[] = [];
  const failure: JsonObject = {};
  const covered: CoverageField[] = [];
  const forward = route.kind === 'forward' ? route : undefined;
  const direct = route.kind === 'direct' ? route : undefined;

  const field = (name: string, expected: string | number | undefined, actual: string | number, coverage: CoverageField | undefined): void => {
    if (expected === undefined) return;
    if (expected === actual) {
      if (coverage) covered.push(coverage);
      return;
    }
    lines.push(failureLine(expected, actual, name));
    failure[`expected_${name}`] = expected;
    failure[`actual_${name}`] = actual;
  };
  field('cluster_name', validate.clusterName, forward?.cluster ?? '', forward && 'cluster');
  field(
    'virtual_cluster_name',
    validate.virtualClusterName,
    forward ? (selectVirtualCluster(forward.virtualHost, (name) => request.joined(name)) ?? '') : '',
    forward && 'virtual_cluster',
  );
  field('virtual_host_name', validate.virtualHostName, forward?.virtualHost.name ?? '', forward && 'virtual_host');
  field('path_rewrite', validate.pathRewrite, forward ? request.first(':path') : '', forward && 'path_rewrite');
  field('host_rewrite', validate.hostRewrite, forward ? request.first(':authority') : '', forward && 'host_rewrite');
  field('path_redirect', validate.pathRedirect, direct?.newUri ?? '', direct && 'redirect_path');
  field('code_redirect', validate.codeRedirect, direct?.status ?? 0, direct && 'redirect_code');

  const headers = (side: 'request' | 'response', map: HeaderMap, matches: ExpectedHeaderMatch[], fields: HeaderValue[]): void => {
    for (const expected of matches) {
      const miss = checkHeaderMatch(map, expected, `${side}_header_matches`);
      if (!miss) continue;
      lines.push(miss.line);
      const key = `${side}_header_match_failures`;
      failure[key] ??= [];
      (failure[key] as Json[]).push(miss.failure);
    }
    for (const { key, value } of fields) {
      const actual = map.first(key);
      if (actual !== value) lines.push(failureLine(value, actual, `${side}_header_fields`));
    }
  };
  headers('request', request, validate.requestHeaderMatches, validate.requestHeaderFields);
  headers('response', response, validate.responseHeaderMatches, validate.responseHeaderFields);

  if (validate.timeoutMs !== undefined) {
    const actual = forward ? formatDuration(forward.action.timeoutMs ?? DEFAULT_ROUTE_TIMEOUT_MS) : '';
    field('timeout', formatDuration(validate.timeoutMs), actual, undefined);
  }
  const routeMetadata = route.kind === 'none' ? undefined : route.route?.filterMetadata;
  for (const { namespace, key, value } of validate.routeMetadata) {
    const actual = routeMetadata?.[namespace]?.[key];
    if (actual !== undefined && JSON.stringify(actual) === JSON.stringify(value)) continue;
    const label = `${namespace}.${key}`;
    lines.push(failureLine(`${label}: ${metadataText(value)}`, `${label}: ${metadataText(actual)}`, 'route_metadata'));
    failure.route_metadata_failures ??= [];
    (failure.route_metadata_failures as Json[]).push({ namespace, key, expected_value: value, actual_value: actual ?? null });
  }
  return { passed: lines.length === 0, lines, failure, covered };
}
