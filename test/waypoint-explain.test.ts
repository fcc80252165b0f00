import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseClusterName } from '../src/core/envoy/cluster-name.ts';
import type { Json as DumpJson, JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { Listener, ProxyConfig } from '../src/core/envoy/types.ts';
import type { ConnectionFacts } from '../src/core/explain/connection.ts';
import { explain } from '../src/core/explain/explain.ts';
import { selectFilterChain } from '../src/core/explain/filter-chain-select.ts';
import { internalUpstream } from '../src/core/explain/internal-upstream.ts';
import { networkInputs } from '../src/core/explain/network-inputs.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { runCli } from './helpers/cli.ts';
import { conformance } from './helpers/paths.ts';

// The real waypoint dumps: Istio's `istioctl x compare` test data at HEAD (i12, i13) and the
// istioctl proxyconfig waypoint dump. Expected answers come from each dump's own matcher and
// chains, never from this project.
const DUMPS = [
  conformance('istio-real', 'i12-head-compare-configdump.json'),
  conformance('istio-real', 'i13-head-compare-configdump_diff.json'),
  conformance('istioctl-configdump', 'istioctl', 'pkg', 'proxyconfig', 'testdata', 'config_dump.json'),
];
const present = DUMPS.every((f) => existsSync(f));
const APP = 'envoy.extensions.matching.common_inputs.network.v3.ApplicationProtocolInput';

/** A value of the raw dump, walked by key: a test reads the dump's own JSON, not meshscope's model. */
type Json = { [key: string]: Json } & Json[] & string;
const dig = (value: unknown, ...keys: (string | number)[]): Json =>
  keys.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value) as Json;

/** The raw `filter_chain_matcher` of main_internal, read straight from the file. */
function rawMatcher(file: string): Json {
  const dump = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  for (const c of dig(dump, 'configs')) {
    for (const l of [...(dig(c, 'dynamic_listeners') ?? []), ...(dig(c, 'static_listeners') ?? [])]) {
      const matcher = dig(l, 'active_state', 'listener', 'filter_chain_matcher') ?? dig(l, 'listener', 'filter_chain_matcher');
      if (matcher) return matcher;
    }
  }
  throw new Error(`${file}: no filter_chain_matcher`);
}

/** Each (VIP, port, chain) the dump's matcher holds: the port map under each IP range, or the HTTP branch of an ALPN map. */
function served(matcher: Json): { ip: string; port: number; chain: string }[] {
  const out: { ip: string; port: number; chain: string }[] = [];
  for (const rm of dig(matcher, 'matcher_tree', 'custom_match', 'typed_config', 'range_matchers')) {
    const ip = dig(rm, 'ranges', 0, 'address_prefix');
    const tree = dig(rm, 'on_match', 'matcher', 'matcher_tree');
    const map = dig(tree, 'exact_match_map', 'map');
    const chainOf = (om: unknown) => dig(om, 'action', 'typed_config', 'value');
    // Istio's NewAppProtocol keys are Envoy's quoted ALPN form: an HTTP/1.1 request is `'http/1.1'`.
    if (dig(tree, 'input', 'typed_config', '@type').endsWith(APP)) out.push({ ip, port: 80, chain: chainOf(dig(map, "'http/1.1'")) });
    else for (const port of Object.keys(map)) out.push({ ip, port: Number(port), chain: chainOf(dig(map, port)) });
  }
  return out;
}

/** The cluster the chain's inline route config sends `/` to, from the dump. */
function chainCluster(config: ProxyConfig, internal: Listener, chain: string): string | undefined {
  const fc = internal.filterChains.find((c) => c.name === chain);
  const hcm = fc?.filters.find((f) => f.kind === 'http_connection_manager');
  const route = hcm?.kind === 'http_connection_manager' ? hcm.routeConfig?.virtualHosts.value[0]?.routes[0] : undefined;
  const action = route?.action;
  if (action?.kind === 'route' && action.cluster.kind === 'cluster') return action.cluster.name;
  const tcp = fc?.filters.find((f) => f.kind === 'tcp_proxy');
  return tcp?.kind === 'tcp_proxy' ? tcp.cluster : config.index.clusterByName.has(chain) ? chain : undefined;
}

describe('waypoints explain like any proxy (real waypoint dumps)', () => {
  it('each VIP and port a waypoint serves reaches the chain and cluster its own matcher and chain name', async (t) => {
    if (!present) return t.skip('waypoint dumps: ../shared/conformance absent');
    let reached = 0;
    let dangling = 0;
    for (const file of DUMPS) {
      const config = await readProxyConfig({ dump: file });
      const internal = config.listeners.find((l) => l.filterChainMatcher)!;
      const cases = served(rawMatcher(file));
      assert.ok(cases.length >= 2, `${file}: the matcher serves several VIPs`);
      for (const c of cases) {
        const r = explain(config, parseRequest(`GET http://${c.ip}:${c.port}/`));
        const where = `${file} ${c.ip}:${c.port}`;
        assert.equal(r.listener, internal.name, where);
        const filterChainStep = r.steps.find((s) => s.stage === 'filter_chain')!;
        assert.match(filterChainStep.reason, new RegExp(`destination IP "${c.ip.replace(/\./g, '\\.')}"`), where);
        if (internal.filterChains.some((fc) => fc.name === c.chain)) {
          reached++;
          assert.equal(r.filterChain, c.chain, where);
          assert.equal(r.destinations[0]?.cluster, chainCluster(config, internal, c.chain), where);
        } else {
          dangling++;
          assert.equal(r.filterChain, null, where);
          assert.ok(
            r.caveats.some((k) => k.message.includes(`"${c.chain}"`)),
            `${where}: the missing chain is said: ${JSON.stringify(r.caveats)}`,
          );
        }
      }
    }
    assert.ok(reached >= 4 && dangling >= 10, `reached ${reached}, dangling ${dangling}`);
  });

  it('a service name resolves to the VIP the matcher lists for it, and the trace shows the HBONE hop', async (t) => {
    if (!present) return t.skip('waypoint dumps: ../shared/conformance absent');
    for (const file of DUMPS) {
      const config = await readProxyConfig({ dump: file });
      for (const c of served(rawMatcher(file))) {
        const host = parseClusterName(c.chain)?.host.replace(/-(http|tcp)$/, '');
        if (!host || c.port === 80) continue;
        const r = explain(config, parseRequest(`GET http://${host}:${c.port}/`));
        assert.equal(r.connection?.destinationIp, c.ip, `${file} ${host}`);
        assert.equal(r.steps[0]!.stage, 'listener');
        assert.match(r.steps[0]!.reason, /HBONE .* CONNECT /);
      }
    }
  });

  it('names inbound-vip clusters by protocol, never as a subset "http"', async (t) => {
    if (!present) return t.skip('waypoint dumps: ../shared/conformance absent');
    const config = await readProxyConfig({ dump: DUMPS[2]! });
    const r = explain(config, parseRequest('GET http://httpbin.default.svc.cluster.local:8000/get'));
    assert.equal(r.cluster, 'inbound-vip|8000|http|httpbin.default.svc.cluster.local');
    assert.equal(r.subset, null);
    const text = JSON.stringify([r.findings, r.steps, r.caveats]);
    assert.doesNotMatch(text, /subset "?http"?/);
  });

  it('the CLI explains a waypoint request without a stack trace, truncated dump or not', async (t) => {
    if (!present) return t.skip('waypoint dumps: ../shared/conformance absent');
    for (const file of DUMPS) {
      for (const url of ['GET http://10.98.193.58:9080/', 'GET http://details.default.svc.cluster.local:9080/', 'GET http://nothere:1234/']) {
        const out = await runCli(['explain', '--file', file, url]);
        assert.ok(out.code === 0 || out.code === 1, `${file} ${url}: exit ${out.code} ${out.stderr}`);
        assert.doesNotMatch(out.stdout + out.stderr, /\n\s+at \S+ \(/);
      }
    }
  });
});

describe('after the cluster: endpoints that are internal listeners (envoy_internal_address)', () => {
  it("follows the istioctl dump's EDS endpoint to i12's connect_originate listener, and says when that listener is missing", (t) => {
    if (!present) return t.skip('waypoint dumps: ../shared/conformance absent');
    const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as JsonObject;
    const [i12, , istioctl] = DUMPS.map(read);
    const section = (d: JsonObject | undefined, type: string) => dig(d, 'configs').filter((c: unknown) => dig(c, '@type').endsWith(type));
    const eds = section(istioctl, 'EndpointsConfigDump');
    const cla = dig(eds, 0, 'dynamic_endpoint_configs', 0, 'endpoint_config');
    const name = dig(cla, 'cluster_name');
    const id = dig(cla, 'endpoints', 0, 'lb_endpoints', 0, 'endpoint', 'address', 'envoy_internal_address');
    const merged = loadProxyConfig([{ name: 'merged', data: { configs: [...section(i12, 'ListenersConfigDump'), ...eds] } as DumpJson }], 'merged');
    const hop = internalUpstream(merged, name)!;
    assert.equal(hop.result, dig(id, 'server_listener_name'));
    assert.match(hop.reason, new RegExp(`original destination ${dig(id, 'endpoint_id')}.*TCP proxy sends it to cluster connect_originate`));
    assert.deepEqual(hop.caveats, []);
    const alone = loadProxyConfig([{ name: 'istioctl', data: istioctl as DumpJson }], 'istioctl');
    assert.match(internalUpstream(alone, name)!.caveats[0]!, /internal listener connect_originate, which the dump does not hold/);
  });
});

describe('network inputs of a filter chain matcher (source/common/network/matching/inputs.cc)', () => {
  const facts = (over: Partial<ConnectionFacts>): ConnectionFacts => ({
    destinationPort: 80,
    destinationIp: '192.168.195.248',
    transportProtocol: 'raw_buffer',
    applicationProtocols: [],
    clientTls: false,
    ...over,
  });
  const input = (type: string) => ({ name: type, type: `envoy.extensions.matching.common_inputs.network.v3.${type}` });

  it("ApplicationProtocolInput quotes and joins ALPN as `'h2','http/1.1'`; none is no data", () => {
    const ctx = (alpn: string[]) => networkInputs(facts({ applicationProtocols: alpn }));
    assert.equal(ctx(['h2', 'http/1.1']).resolve(input('ApplicationProtocolInput')), "'h2','http/1.1'");
    assert.equal(ctx(['http/1.1']).resolve(input('ApplicationProtocolInput')), "'http/1.1'");
    assert.equal(ctx([]).resolve(input('ApplicationProtocolInput')), null);
  });

  it('SourceTypeInput is "local" for loopback or the same IP, else no data; ServerNameInput is no data without SNI', () => {
    assert.equal(networkInputs(facts({ sourceIp: '127.0.0.1' })).resolve(input('SourceTypeInput')), 'local');
    assert.equal(networkInputs(facts({ sourceIp: '10.0.0.9' })).resolve(input('SourceTypeInput')), null);
    assert.deepEqual(Object.keys(networkInputs(facts({})).resolve(input('SourceTypeInput')) as object), ['unknown']);
    assert.equal(networkInputs(facts({})).resolve(input('ServerNameInput')), null);
    assert.equal(networkInputs(facts({ serverName: 'a.b' })).resolve(input('ServerNameInput')), 'a.b');
    assert.equal(networkInputs(facts({})).resolve(input('DestinationPortInput')), '80');
  });

  it("Istio's waypoint ALPN branch: HTTP/1.1 → direct-http, no ALPN (TCP) → on_no_match direct-tcp, h2 and http/1.1 together match neither key", async (t) => {
    if (!present) return t.skip('waypoint dumps: ../shared/conformance absent');
    const config = await readProxyConfig({ dump: DUMPS[2]! });
    const internal = config.listeners.find((l) => l.filterChainMatcher)!;
    const pick = (alpn: string[]) => selectFilterChain(internal, facts({ applicationProtocols: alpn })).chain?.name;
    const branch = dig(rawMatcher(DUMPS[2]!), 'matcher_tree', 'custom_match', 'typed_config', 'range_matchers', 1, 'on_match', 'matcher');
    const chain = (...keys: string[]) => dig(branch, ...keys, 'action', 'typed_config', 'value');
    assert.equal(pick(['http/1.1']), chain('matcher_tree', 'exact_match_map', 'map', "'http/1.1'"));
    assert.equal(pick(['h2c']), chain('matcher_tree', 'exact_match_map', 'map', "'h2c'"));
    assert.equal(pick([]), chain('on_no_match'));
    assert.equal(pick(['h2', 'http/1.1']), chain('on_no_match'));
  });
});
