import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { FilterChain, RouteConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { pathCaveats } from '../src/core/explain/path-caveats.ts';
import { renderExplainMarkdown } from '../src/core/report/explain-markdown.ts';
import { renderExplainText } from '../src/core/report/explain-text.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { runCli } from './helpers/cli.ts';
import { conformance, needsConformance } from './helpers/paths.ts';
import { warningDump, warningMesh } from './helpers/warning-mesh.ts';

const where = (r: ReturnType<typeof explain>): string[] => r.caveats.filter((c) => c.where?.match(/^(routes|clusters|listeners)\[/)).map((c) => c.where!);
const scout = conformance('istio-real', 'u06-scout-gateway.json');
const mplb = conformance('istio-real', 'u07-mplb-1.22.3-app1-sidecar.json');

// Envoy evaluates a virtual host's routes in order, first match wins (VirtualHostImpl::getRouteFromEntries,
// source/common/router/config_impl.cc): a route it skipped because meshscope reads it as never matching
// is on the request's path.
describe('explain: the load issues on the request path are caveats', () => {
  it('lists a never-matching route that was evaluated before the route taken', () => {
    const r = explain(warningMesh(), parseRequest('GET http://reviews:9080/reviews/1', ['end-user: jason']));
    assert.equal(r.route?.name, 'jason-to-v2');
    assert.deepEqual(
      r.notTaken.map((n) => n.index),
      [0],
    );
    assert.deepEqual(where(r), ['routes[9080].virtual_hosts[reviews.bookinfo.svc.cluster.local:9080].routes[0].match']);
    const caveat = r.caveats.find((c) => c.kind === 'route-path-unsupported')!;
    assert.equal(caveat.severity, 'warning');
    assert.equal(caveat.code, 'unsupported');
  });

  it('adds the issues of the clusters the request may reach, and not of the others', () => {
    const config = warningMesh();
    const jason = explain(config, parseRequest('GET http://reviews:9080/reviews/1', ['end-user: jason']));
    assert.ok(!where(jason).some((w) => w.startsWith('clusters[')), 'v2 is chosen: the v1 cluster is not on the path');
    const canary = explain(config, parseRequest('GET http://reviews:9080/x', []));
    assert.deepEqual(
      canary.destinations.map((d) => d.subset),
      ['v1', 'v3'],
    );
    assert.ok(where(canary).includes('clusters[outbound|9080|v1|reviews.bookinfo.svc.cluster.local]'));
  });

  it('leaves out what steers nothing (an unknown field on a header to add)', () => {
    const r = explain(warningMesh(), parseRequest('GET http://reviews:9080/reviews/1', ['end-user: jason']));
    assert.ok(!r.caveats.some((c) => c.message.includes('shiny_new_option')));
  });

  it('shows them in the text trace and in the Markdown Caveats part, with their place', () => {
    const r = explain(warningMesh(), parseRequest('GET http://reviews:9080/reviews/1', ['end-user: jason']));
    const text = renderExplainText(r);
    assert.match(
      text,
      /Caveats\n {2}not interpreted by meshscope, on this request's path:\n {2}unsupported path_match_policy type\.googleapis\.com\/acme\.path\.match\.glob\.v3\.GlobMatchConfig is not evaluated; the route never matches \(routes\[9080\]/,
    );
    const md = renderExplainMarkdown(r, {});
    assert.match(
      md,
      /### Caveats\n\n(- .*\n)*- path_match_policy .*GlobMatchConfig is not evaluated; the route never matches \(at `routes\[9080\]\.virtual_hosts\[reviews\.bookinfo\.svc\.cluster\.local:9080\]\.routes\[0\]\.match`\)/,
    );
  });

  it('uses the place on the path of an issue aggregated over several objects', () => {
    const dump = warningDump() as { configs: JsonObject[] };
    const clusters = dump.configs.flatMap((s) => (s.dynamic_active_clusters as JsonObject[] | undefined) ?? []).map((e) => e.cluster as JsonObject);
    // A newer Envoy's cluster field on every cluster: one issue, several places.
    for (const c of clusters) c.shiny_lb_option = true;
    const config = loadProxyConfig([{ name: 'd.json', data: dump }], 'd.json');
    const aggregated = config.issues.value.find((i) => i.message.includes('cluster.shiny_lb_option'))!;
    const v2 = 'clusters[outbound|9080|v2|reviews.bookinfo.svc.cluster.local]';
    assert.notEqual(aggregated.where, v2, 'the first place is another cluster');
    assert.ok(aggregated.places?.includes(v2));
    const r = explain(config, parseRequest('GET http://reviews:9080/a', ['end-user: jason']));
    const caveat = r.caveats.find((c) => c.message.includes('cluster.shiny_lb_option'))!;
    assert.equal(caveat.where, v2);
    assert.equal(caveat.places, undefined);
  });
});

describe('explain -o json caveats, from the CLI', () => {
  let dir = '';
  let warn = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-caveats-'));
    // A second virtual host with its own never-matching route first: not on a request to reviews.
    const dump = warningDump() as { configs: JsonObject[] };
    for (const s of dump.configs) {
      for (const entry of (s.dynamic_route_configs as JsonObject[] | undefined) ?? []) {
        const hosts = (entry.route_config as JsonObject).virtual_hosts as JsonObject[];
        const glob = (hosts[0]!.routes as JsonObject[])[0]!;
        const route = { name: 'all', match: { prefix: '/' }, route: { cluster: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local' } };
        hosts.push({ name: 'other:9080', domains: ['other'], routes: [{ ...glob, name: 'other-glob' }, route] });
      }
    }
    warn = path.join(dir, 'warn.json');
    writeFileSync(warn, JSON.stringify(dump));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('names the never-matching route Envoy would have evaluated, and keeps stdout pure JSON', async () => {
    const r = await runCli(['explain', '--file', warn, '-o', 'json', 'GET http://reviews:9080/reviews/1', '-H', 'end-user: jason']);
    const j = JSON.parse(r.stdout);
    assert.equal(j.virtualHost, 'reviews.bookinfo.svc.cluster.local:9080');
    const skipped = j.caveats.filter((c: { kind?: string }) => c.kind === 'route-path-unsupported');
    assert.equal(skipped.length, 1);
    assert.deepEqual(Object.keys(skipped[0]).slice(0, 3), ['severity', 'code', 'kind']);
    assert.equal(typeof skipped[0].message, 'string');
    assert.equal(skipped[0].where, 'routes[9080].virtual_hosts[reviews.bookinfo.svc.cluster.local:9080].routes[0].match');
    assert.match(
      r.stderr,
      /^\d+ things meshscope did not interpret can change answers \(2 routes use a path match meshscope does not evaluate, .*\); --warnings lists them\n$/,
    );
  });

  it('does not name the never-matching routes of another virtual host', async () => {
    const r = await runCli(['explain', '--file', warn, '-o', 'json', 'GET http://other:9080/a']);
    const j = JSON.parse(r.stdout);
    assert.equal(j.outcome, 'route');
    assert.equal(j.virtualHost, 'other:9080');
    const skipped = j.caveats.filter((c: { kind?: string }) => c.kind === 'route-path-unsupported');
    assert.deepEqual(
      skipped.map((c: { where: string }) => c.where),
      ['routes[9080].virtual_hosts[other:9080].routes[0].match'],
    );
  });
});

// Envoy's v2 API was removed in Envoy 1.18: a dump that shows it is refused whole (v2-api.ts).
describe('explain on a real Envoy v2 gateway dump (u06-scout-gateway)', { skip: needsConformance }, () => {
  it('refuses it in one line naming the file, exit 2, no stack trace', async () => {
    const r = await runCli(['explain', '--file', scout, '-o', 'json', 'GET http://istio.com/localCacheScenario/a']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^meshscope: .*u06-scout-gateway\.json: an Envoy v2 API config dump \(.*\); meshscope reads Envoy v3 dumps/);
  });
});

// Istio 1.22's virtualInbound has several chains per name (five called 0.0.0.0_3333: HTTP with an
// inline route config, and TCP): the trace names the chain, so every chain of that name that holds
// the route config it used is on the path, and no other.
describe('explain: caveats on a listener whose chains share a name (u07-mplb-1.22.3-app1-sidecar)', () => {
  it('takes the issues of the chains that may be the one traced, and of their inline route config', async (t) => {
    if (!existsSync(mplb)) return t.skip('../shared/conformance absent');
    const config = await readProxyConfig({ dump: mplb });
    const listener = config.index.listenerByName.get('virtualInbound')!;
    const raw = listener.raw.filter_chains as JsonObject[];
    const inlineOf = (c: FilterChain): RouteConfig | undefined => {
      for (const f of c.filters) if (f.kind === 'http_connection_manager' && f.routeConfig) return f.routeConfig;
      return undefined;
    };
    const http = listener.filterChains.filter((c) => c.name === '0.0.0.0_3333' && inlineOf(c));
    const tcp = listener.filterChains.find((c) => c.name === '0.0.0.0_3333' && !inlineOf(c))!;
    assert.ok(http.length >= 2 && tcp, 'the dump has HTTP and TCP chains of one name');
    const rc = inlineOf(http[0]!)!;
    const vh = rc.virtualHosts.value[0]!;
    const at = (chain: JsonObject, rest = '') => `listeners[virtualInbound].filter_chains[${raw.indexOf(chain)}]${rest}`;
    const place = (where: string) => ({ severity: 'warning' as const, code: 'unsupported' as const, message: `test issue at ${where}`, where });
    const onPath = [at(http[1]!.raw, `.route_config.virtual_hosts[${vh.name}].routes[0].match`), 'listeners[virtualInbound]', at(http[0]!.raw)];
    const offPath = [
      at(tcp.raw),
      at(listener.filterChains[0]!.raw),
      `routes[${rc.name}].virtual_hosts[${vh.name}].routes[0].match`,
      at(http[0]!.raw, '.route_config.virtual_hosts[elsewhere].routes[0]'),
    ];
    config.issues.value.push(...[...onPath, ...offPath].map(place));
    const traced = explain(config, parseRequest('GET http://app2.default.svc.cluster.local:3333/', []));
    const inbound = {
      ...traced,
      listener: 'virtualInbound',
      filterChain: '0.0.0.0_3333',
      routeConfig: rc.name,
      virtualHost: vh.name,
      route: { index: 0, name: null },
      notTaken: [],
    };
    const got = pathCaveats(config, inbound).map((c) => c.where);
    for (const where of onPath) assert.ok(got.includes(where), `on the path: ${where}`);
    for (const where of offPath) assert.ok(!got.includes(where), `not on the path: ${where}`);
  });
});
