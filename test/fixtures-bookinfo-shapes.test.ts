import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { conformance, fixture } from './helpers/paths.ts';

// The scenarios added to the demo (HTTPS gateway server, sniffed port, egress ServiceEntry, waypoint),
// checked against the Istio objects in fixtures/bookinfo/istio and, for their shapes, against the
// real dumps in ../shared/conformance (Istio's builders are cited in scripts/fixtures/bookinfo/*).

// biome-ignore lint/suspicious/noExplicitAny: the checks walk raw config dump JSON by known paths
type J = Record<string, any>;
const json = (file: string): J => JSON.parse(readFileSync(file, 'utf8'));
const dump = (dir: string) => json(fixture('bookinfo', dir, 'config_dump.json'));
const section = (d: J, suffix: string): J => d.configs.find((c: J) => String(c['@type']).endsWith(`.${suffix}`)) ?? {};
const listeners = (d: J): J[] => (section(d, 'ListenersConfigDump').dynamic_listeners ?? []).map((l: J) => l.active_state.listener);
const clusters = (d: J): J[] => (section(d, 'ClustersConfigDump').dynamic_active_clusters ?? []).map((c: J) => c.cluster);
const routeConfigs = (d: J): J[] => (section(d, 'RoutesConfigDump').dynamic_route_configs ?? []).map((r: J) => r.route_config);
const hcmOf = (chain: J): J | undefined => chain.filters.find((f: J) => f.name === 'envoy.filters.network.http_connection_manager')?.typed_config;
const names = (xs: J[] | undefined) => (xs ?? []).map((x) => x.name);

const istio: J[] = readdirSync(fixture('bookinfo', 'istio'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(fixture('bookinfo', 'istio', f), 'utf8')).map((d) => d.toJS()));
const resource = (kind: string, name: string): J => {
  const found = istio.find((r) => r.kind === kind && r.metadata.name === name);
  assert.ok(found, `${kind}/${name} in fixtures/bookinfo/istio`);
  return found;
};

describe('bookinfo demo: the HTTPS server of api-gateway (gatewayRDSRouteName, BuildListenerTLSContext)', () => {
  const gw = resource('Gateway', 'api-gateway');
  const server = gw.spec.servers[0];
  const d = dump('ingressgateway');
  const l = listeners(d).find((x) => x.name === '0.0.0.0_8443') ?? {};

  it('terminates TLS for the server hosts with the credentialName secret, h2 and http/1.1', () => {
    assert.ok(l.name, 'listener 0.0.0.0_8443');
    assert.deepEqual(names(l.listener_filters), ['envoy.filters.listener.tls_inspector']);
    const [chain] = l.filter_chains;
    assert.deepEqual(chain.filter_chain_match.server_names, server.hosts);
    const tls = chain.transport_socket.typed_config;
    assert.deepEqual(tls.common_tls_context.alpn_protocols, ['h2', 'http/1.1']);
    assert.deepEqual(names(tls.common_tls_context.tls_certificate_sds_secret_configs), [`kubernetes://${server.tls.credentialName}`]);
    assert.equal(tls.require_client_certificate, false);
  });

  it('routes by RDS https.<port>.<port name>.<gateway>.<namespace> to the VirtualService bound to it', () => {
    const rds = hcmOf(l.filter_chains[0])?.rds?.route_config_name;
    assert.equal(rds, `https.${server.port.number}.${server.port.name}.${gw.metadata.name}.${gw.metadata.namespace}`);
    const rc = routeConfigs(d).find((r) => r.name === rds);
    assert.ok(rc, `route config ${rds}`);
    const bound = istio.filter((r) => r.kind === 'VirtualService' && r.spec.gateways?.includes(gw.metadata.name));
    assert.deepEqual(
      rc.virtual_hosts.map((vh: J) => vh.name),
      bound.flatMap((vs) => vs.spec.hosts.map((h: string) => `${h}:${server.port.number}`)),
    );
  });

  it('holds the credential in its secrets, key redacted', () => {
    const secret = section(d, 'SecretsConfigDump').dynamic_active_secrets.find((s: J) => s.name === `kubernetes://${server.tls.credentialName}`);
    assert.ok(secret);
    assert.equal(Buffer.from(secret.secret.tls_certificate.private_key.inline_bytes, 'base64').toString(), '[redacted]');
    assert.match(Buffer.from(secret.secret.tls_certificate.certificate_chain.inline_bytes, 'base64').toString(), /BEGIN CERTIFICATE/);
  });
});

describe('bookinfo demo: the sniffed api port (buildSidecarOutboundListener, getVirtualHostsForSniffedServicePort)', () => {
  const d = dump('productpage');
  const sniffed = listeners(d).filter((l) => /^\d+\.\d+\.\d+\.\d+_\d+$/.test(l.name) && !l.name.startsWith('0.0.0.0'));

  it('has one HTTP chain with its own RDS <fqdn>:<port> and a tcp_proxy default chain to the same service', () => {
    assert.deepEqual(
      sniffed.map((l) => l.name),
      ['10.96.77.23_8080'],
    );
    for (const l of sniffed) {
      assert.deepEqual(names(l.listener_filters), ['envoy.filters.listener.tls_inspector', 'envoy.filters.listener.http_inspector']);
      assert.equal(l.filter_chains.length, 1);
      assert.deepEqual(l.filter_chains[0].filter_chain_match, { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] });
      const rds = hcmOf(l.filter_chains[0])?.rds?.route_config_name;
      const tcp = l.default_filter_chain.filters.find((f: J) => f.name === 'envoy.filters.network.tcp_proxy').typed_config;
      assert.equal(tcp.cluster, `outbound|${l.address.socket_address.port_value}||${rds.split(':')[0]}`);
      const rc = routeConfigs(d).find((r) => r.name === rds) ?? {};
      assert.deepEqual(
        rc.virtual_hosts.map((vh: J) => [vh.name, vh.domains]),
        [[rds, ['*']]],
      );
    }
  });

  it('has the same structure as the sniffed listeners of the real u01, u05 and u07 sidecars', (t) => {
    const files = ['u01-ossm-1.20.8-hello-openshift-sidecar.json', 'u05-scout-1.9.1-productpage.json', 'u07-mplb-1.22.3-app1-sidecar.json'];
    if (!existsSync(conformance('istio-real', files[0]!))) return t.skip('sniffed listeners: ../shared/conformance absent');
    const shape = (l: J) => ({
      filters: names(l.listener_filters),
      chains: l.filter_chains.map((c: J) => [Object.keys(c.filter_chain_match ?? {}).sort(), names(c.filters)]),
      fallback: names(l.default_filter_chain?.filters),
    });
    for (const f of files) {
      const real = listeners(json(conformance('istio-real', f))).filter(
        (l) => !l.name.startsWith('0.0.0.0') && names(l.listener_filters).includes('envoy.filters.listener.http_inspector'),
      );
      assert.ok(real.length > 0, `${f} has sniffed per-VIP listeners`);
      for (const l of sniffed) assert.deepEqual(shape(l), shape(real[0]!), f);
    }
  });
});

describe('bookinfo demo: the api.github.com ServiceEntry (buildSidecarOutboundTLSFilterChainOpts, STRICT_DNS)', () => {
  const se = resource('ServiceEntry', 'github-api');
  const port = se.spec.ports[0].number;

  for (const dir of ['productpage', 'ingressgateway']) {
    it(`${dir}: a STRICT_DNS cluster per host, resolved from the entry's host`, () => {
      for (const host of se.spec.hosts) {
        const c = clusters(dump(dir)).find((x) => x.name === `outbound|${port}||${host}`);
        assert.ok(c, `${dir} has outbound|${port}||${host}`);
        assert.equal(c.type, 'STRICT_DNS');
        assert.equal(c.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address, host);
        assert.equal(c.transport_socket_matches, undefined, 'MESH_EXTERNAL: no auto mTLS');
      }
    });
  }

  it('productpage: 0.0.0.0_443 matches the hosts by SNI and passes everything else through', () => {
    const l = listeners(dump('productpage')).find((x) => x.name === `0.0.0.0_${port}`);
    assert.ok(l);
    assert.deepEqual(names(l.listener_filters), ['envoy.filters.listener.tls_inspector']);
    assert.deepEqual(
      l.filter_chains.map((c: J) => c.filter_chain_match.server_names),
      se.spec.hosts.map((h: string) => [h]),
    );
    assert.equal(l.default_filter_chain.name, 'PassthroughFilterChain');
  });
});

describe('bookinfo demo: the waypoint (buildWaypointInbound, buildWaypointInboundClusters)', () => {
  const d = dump('waypoint');
  const ls = listeners(d);
  const main = ls.find((l) => l.name === 'main_internal') ?? {};
  const served = istio.filter((r) => r.kind === 'Service' && r.metadata.labels?.['istio.io/use-waypoint'] === 'waypoint');

  it('has connect_terminate, main_internal and connect_originate', () => {
    assert.deepEqual(
      ls.map((l) => l.name),
      ['connect_terminate', 'main_internal', 'connect_originate'],
    );
    assert.equal(ls[0]!.address.socket_address.port_value, 15008);
  });

  it('dispatches each served service VIP and port to an inbound-vip chain whose routes name existing clusters', () => {
    const cds = new Set(clusters(d).map((c) => c.name));
    const actions: string[] = [];
    for (const rm of main.filter_chain_matcher.matcher_tree.custom_match.typed_config.range_matchers) {
      for (const a of Object.values(rm.on_match.matcher.matcher_tree.exact_match_map.map) as J[]) actions.push(a.action.typed_config.value);
    }
    assert.deepEqual(
      actions,
      served.flatMap((s) => s.spec.ports.map((p: J) => `inbound-vip|${p.port}|http|${s.metadata.name}.${s.metadata.namespace}.svc.cluster.local`)),
    );
    const chains = new Set(names(main.filter_chains));
    for (const a of actions) assert.ok(chains.has(a), `chain ${a}`);
    for (const chain of main.filter_chains) {
      const hcm = hcmOf(chain);
      if (!hcm) continue;
      for (const r of hcm.route_config.virtual_hosts.flatMap((vh: J) => vh.routes)) {
        for (const c of [r.route.cluster, ...(r.route.weighted_clusters?.clusters ?? []).map((w: J) => w.name)].filter(Boolean)) {
          assert.ok(cds.has(c), `route ${r.name} → unknown cluster ${c}`);
        }
      }
    }
  });

  it('has the structure of the real waypoint dumps (i12 and istioctl proxyconfig)', (t) => {
    const i12 = conformance('istio-real', 'i12-head-compare-configdump.json');
    if (!existsSync(i12)) return t.skip('waypoint: ../shared/conformance absent');
    const real = listeners(json(i12)).find((l) => l.name === 'main_internal') ?? {};
    const tree = (l: J) => {
      const top = l.filter_chain_matcher.matcher_tree;
      const next = top.custom_match.typed_config.range_matchers[0].on_match.matcher.matcher_tree;
      return [top.input.typed_config['@type'], top.custom_match.typed_config['@type'], next.input.typed_config['@type']];
    };
    assert.deepEqual(tree(main), tree(real));
    assert.deepEqual(names(main.listener_filters).slice(0, 2), names(real.listener_filters));
    const realVip = clusters(json(i12))[0]!;
    const ours = clusters(d).find((c) => c.name.startsWith('inbound-vip|') && !c.name.includes('/')) ?? {};
    assert.equal(ours.transport_socket.name, realVip.transport_socket.name);
    assert.deepEqual(ours.transport_socket.typed_config.passthrough_metadata, realVip.transport_socket.typed_config.passthrough_metadata);
    const istioctlWaypoint = json(conformance('istioctl-configdump', 'istioctl', 'pkg', 'proxyconfig', 'testdata', 'config_dump.json'));
    const direct = (l: J) => l.filter_chains.filter((c: J) => c.name.startsWith('direct-')).map((c: J) => [c.name, names(c.filters)]);
    const realMain = listeners(istioctlWaypoint).find((l) => l.name === 'main_internal') ?? {};
    assert.deepEqual(direct(main), direct(realMain));
  });

  it('reaches reviews pods by plain address: sidecar pods without the tunnel label (endpoint_builder.go supportTunnel)', () => {
    const status = readFileSync(fixture('bookinfo', 'proxy-status.json'), 'utf8');
    assert.doesNotMatch(status, /networking\.istio\.io\/tunnel/, 'no proxy advertises HBONE');
    const eds = section(d, 'EndpointsConfigDump').dynamic_endpoint_configs.map((e: J) => e.endpoint_config);
    const vip = eds.filter((e: J) => e.cluster_name.startsWith('inbound-vip|'));
    assert.ok(vip.length > 0);
    for (const cla of vip) {
      for (const lb of cla.endpoints.flatMap((g: J) => g.lb_endpoints)) assert.ok(lb.endpoint.address.socket_address, cla.cluster_name);
    }
  });
});
