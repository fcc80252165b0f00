import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import type { ForwardAction, RouteConfig } from '../src/core/envoy/route-types.ts';
import { conformance } from './helpers/paths.ts';

const corpusDir = conformance('envoy-router-check');

function load(text: string): { config: RouteConfig; sink: IssueSink } {
  const sink = new IssueSink();
  const config = parseRouteConfig(parseYaml(text) as JsonObject, sink, 'test');
  return { config, sink };
}

function forward(config: RouteConfig, vh: number, route: number): ForwardAction {
  const action = config.virtualHosts[vh]!.routes[route]!.action;
  assert.equal(action.kind, 'route');
  return action as ForwardAction;
}

describe('route config parser', () => {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.yaml') && !f.includes('.golden.') && f !== 'ClusterHeaderBootstrap.yaml');

  it('finds the router_check route configs', () => {
    assert.ok(files.length >= 17, `found ${files.length} route configs`);
  });

  for (const file of files) {
    it(`parses ${file} without warnings or errors`, () => {
      const { config, sink } = load(readFileSync(`${corpusDir}/${file}`, 'utf8'));
      const issues = sink.finish().filter((i) => i.severity !== 'info');
      assert.deepEqual(issues, []);
      assert.ok(config.virtualHosts.length > 0);
      for (const vh of config.virtualHosts) for (const route of vh.routes) assert.notEqual(route.match.path.kind, 'unsupported');
    });
  }
});
