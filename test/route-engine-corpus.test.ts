import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { IssueSink } from '../src/core/envoy/issues.ts';
import { formatDuration, isObject, type JsonObject } from '../src/core/envoy/json.ts';
import type { RouteConfig } from '../src/core/envoy/route-types.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import type { HttpRequest } from '../src/core/router/request.ts';
import { type RouteDecision, routeRequest } from '../src/core/router/route-request.ts';
import { selectVirtualCluster } from '../src/core/router/virtual-cluster.ts';
import { conformance, haveConformance, needsConformance } from './helpers/paths.ts';

/**
 * Cross-checks the engine's routing decisions against Envoy's router_check corpus: the fields
 * that follow from routing (cluster, virtual host and cluster, rewrites, redirects, timeout,
 * route metadata). Header finalization and the tool's output belong to the route-check command.
 */
const dir = conformance('envoy-router-check');
const read = (file: string): JsonObject => parseYaml(readFileSync(`${dir}/${file}`, 'utf8')) as JsonObject;

interface Case {
  test_name: string;
  input: JsonObject;
  validate: JsonObject;
}

/** The request router_check builds from `input` (see the corpus README). */
function toRequest(input: JsonObject): HttpRequest {
  const ssl = input.ssl === true;
  const headers: [string, string][] = [['x-forwarded-proto', ssl ? 'https' : 'http']];
  if (input.internal === true) headers.push(['x-envoy-internal', 'true']);
  for (const h of (input.additional_request_headers as JsonObject[] | undefined) ?? []) headers.push([String(h.key).toLowerCase(), String(h.value)]);
  const authority = String(input.authority);
  return {
    method: String(input.method),
    scheme: ssl ? 'https' : 'http',
    authority,
    host: authority.toLowerCase(),
    port: ssl ? 443 : 80,
    explicitPort: false,
    path: String(input.path),
    headers,
    internal: input.internal === true,
  };
}

function merge(into: JsonObject, from: JsonObject): void {
  for (const [k, v] of Object.entries(from)) {
    const old = into[k];
    if (isObject(old) && isObject(v)) merge(old, v);
    else into[k] = v;
  }
}

function dynamicMetadata(input: JsonObject): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const entry of (input.dynamic_metadata as JsonObject[] | undefined) ?? []) {
    const ns = String(entry.metadata_namespace);
    const value = structuredClone((entry.value ?? {}) as JsonObject);
    if (!out[ns]) out[ns] = value;
    else if (entry.allow_overwrite === true) merge(out[ns]!, value);
  }
  return out;
}

/** What router_check would report for the routing fields, as [field, expected, actual] mismatches. */
function mismatches(config: RouteConfig, c: Case): [string, unknown, unknown][] {
  const request = toRequest(c.input);
  const d: RouteDecision = routeRequest(config, request, {
    randomValue: BigInt(String(c.input.random_value ?? 0)),
    runtimeFractionMode: 'router_check',
    routerCheckRuntimeKey: c.input.runtime as string | undefined,
    dynamicMetadata: dynamicMetadata(c.input),
  });
  const forwarding = d.outcome === 'route' && d.route?.action.kind === 'route';
  const action = forwarding && d.route?.action.kind === 'route' ? d.route.action : undefined;
  const actual: Record<string, unknown> = {
    cluster_name: forwarding ? (d.cluster ?? '') : '',
    virtual_host_name: forwarding && d.virtualHost.found ? d.virtualHost.virtualHost.name : '',
    virtual_cluster_name: d.virtualHost.found ? (selectVirtualCluster(d.virtualHost.virtualHost, request) ?? '') : '',
    path_redirect: d.redirect?.location ?? d.directResponse?.uri ?? '',
    code_redirect: d.redirect?.code ?? d.directResponse?.status ?? 0,
    path_rewrite: forwarding ? (d.pathRewrite?.to ?? request.path) : undefined,
    host_rewrite: forwarding ? (d.hostRewrite?.to ?? request.authority) : undefined,
    timeout: action ? formatDuration(action.timeoutMs ?? 15000) : undefined,
  };
  const out: [string, unknown, unknown][] = [];
  for (const [field, expected] of Object.entries(c.validate)) {
    if (field === 'route_metadata') {
      for (const m of expected as JsonObject[]) {
        const value = d.route?.filterMetadata[String(m.namespace)]?.[String(m.key)];
        if (value !== m.value) out.push([`route_metadata ${m.namespace}.${m.key}`, m.value, value]);
      }
      continue;
    }
    if (!(field in actual) || actual[field] === undefined) continue;
    if (actual[field] !== expected) out.push([field, expected, actual[field]]);
  }
  return out;
}

describe('route engine against Envoy router_check expectations', { skip: needsConformance }, () => {
  const expectations = (haveConformance ? read('expectations.json') : { runs: [] }) as {
    runs: { config: string; tests: string; cases: { test_name: string; expected_result: string }[] }[];
  };
  const runs = expectations.runs.filter((r) => r.tests.endsWith('.json'));

  it('covers the corpus', () => {
    assert.ok(runs.length >= 19);
  });

  for (const run of runs) {
    const config = parseRouteConfig(read(run.config), new IssueSink(), run.config);
    const cases = (read(run.tests).tests as unknown as Case[]).map((c, i) => ({ c, expected: run.cases[i]!.expected_result }));
    for (const { c, expected } of cases) {
      // TestRoutesFailures fails only on response header matchers, which header finalization (route-check) builds.
      const expectFailure = expected === 'fail' && run.tests !== 'TestRoutesFailures.golden.proto.json';
      it(`${run.config} × ${run.tests}: ${c.test_name} ${expectFailure ? 'fails' : 'passes'}`, () => {
        const found = mismatches(config, c);
        if (expectFailure) assert.notDeepEqual(found, []);
        else assert.deepEqual(found, []);
      });
    }
  }
});
