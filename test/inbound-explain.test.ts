import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explainInbound, type InboundOptions } from '../src/core/explain/inbound.ts';
import { inboundMode } from '../src/core/explain/inbound-mode.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { inboundConfig, inboundDump, POD_IP } from './helpers/inbound-dump.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

/**
 * The server side of a request (explain --inbound). Envoy's filter chain match
 * (FilterChainManagerImpl::findFilterChain: destination port, then IP, server names, transport
 * protocol, application protocols) over virtualInbound chains shaped as Istio builds them
 * (listener_inbound.go, filterchain_options.go; see helpers/inbound-dump.ts), with what the peer
 * sends (pilot/pkg/networking/util/util.go ALPNInMeshWithMxc, xds/filters/filters.go istio.alpn).
 */

const config = inboundConfig();
const run = (url: string, options: Partial<InboundOptions> & { peer: InboundOptions['peer'] }, c: ProxyConfig = config) =>
  explainInbound(c, parseRequest(url), { port: parseRequest(url).port, ...options });
const step = (r: ReturnType<typeof run>, stage: string, result?: string) =>
  r.steps.find((s) => s.stage === stage && (result === undefined || s.result === result));

describe('inbound explain over Istio-shaped chains (listener_inbound.go, filterchain_options.go)', () => {
  it('an Istio mTLS client on a STRICT port: the HTTP mTLS chain by ALPN istio-http/1.1, the inbound route and the pod IP (ORIGINAL_DST)', () => {
    const r = run('GET http://server:8080/api', { peer: 'mtls', principal: 'spiffe://cluster.local/ns/ns/sa/client' });
    assert.equal(r.listener, 'virtualInbound');
    const { chainIndex, ...inbound } = r.inbound!;
    // The chain's place in the listener: the HTTP mTLS chain of port 8080 (tls, Istio's HTTP ALPNs).
    const taken = config.index.listenerByName.get('virtualInbound')!.filterChains[chainIndex!]!;
    assert.deepEqual([taken.match.destinationPort, taken.match.transportProtocol, taken.tls?.mode], [8080, 'tls', 'ISTIO_MUTUAL']);
    assert.ok(taken.filters.some((f) => f.kind === 'http_connection_manager'));
    assert.deepEqual(inbound, {
      port: 8080,
      peer: 'mtls',
      principal: 'spiffe://cluster.local/ns/ns/sa/client',
      alpn: ['istio-http/1.1', 'istio', 'http/1.1'],
      chain: '0.0.0.0_8080',
      mode: 'STRICT',
      passthrough: false,
    });
    assert.equal(r.routeConfig, 'inbound|8080||');
    assert.equal(r.virtualHost, 'inbound|http|8080');
    assert.equal(r.cluster, 'inbound|8080||');
    assert.equal(r.outcome, 'route');
    assert.equal(r.responseFlag, null);
    assert.match(step(r, 'endpoints')!.result, new RegExp(`^${POD_IP.replace(/\./g, '\\.')}:8080$`));
    assert.match(step(r, 'endpoints')!.reason, /from 127\.0\.0\.6/);
    assert.match(step(r, 'tls', 'terminated')!.reason, /ISTIO_MUTUAL.*ROOTCA.*spiffe:\/\/cluster\.local\/ns\/ns\/sa\/client/);
    assert.match(step(r, 'listener')!.reason, /original_dst listener filter/);
  });

  it("evaluates the chain's RBAC filter (an allow-all AuthorizationPolicy) before the route", () => {
    const r = run('GET http://server:8080/', { peer: 'mtls' });
    const authz = step(r, 'authorization');
    assert.ok(authz);
    assert.match(authz.reason, /^policy ns\[ns\]-policy\[allow-all\]-rule\[0\] matches/);
    assert.equal(r.authorization?.allowed, true);
    assert.equal(r.status, null);
  });

  it('a plaintext client on a STRICT port: no chain at port 8080 takes raw_buffer, Envoy closes the connection, the client sidecar logs 503 UC', () => {
    const r = run('GET http://server:8080/', { peer: 'plaintext' });
    assert.equal(r.outcome, 'no_listener');
    assert.equal(r.status, 503);
    assert.equal(r.responseFlag, 'UC');
    assert.equal(r.inbound?.chain, null);
    assert.equal(r.inbound?.mode, 'STRICT');
    const none = step(r, 'filter_chain', 'none')!;
    assert.ok(none.deciding);
    assert.match(none.reason, /transport protocol/);
    assert.match(none.reason, /STRICT accepts mTLS only/);
    assert.match(r.summary, /^inbound port 8080 \(STRICT\), plaintext peer: no filter chain takes the connection/);
  });

  it('a TLS client without a certificate on a STRICT port: the TCP mTLS chain matches (tls, any ALPN) but require_client_certificate fails the handshake: 503 UF', () => {
    const r = run('GET http://server:8080/', { peer: 'tls' });
    assert.equal(r.inbound?.chain, '0.0.0.0_8080');
    assert.deepEqual(r.inbound?.alpn, ['h2', 'http/1.1']);
    assert.equal(r.outcome, 'no_listener');
    assert.equal(r.responseFlag, 'UF');
    assert.ok(step(r, 'tls', 'handshake fails')?.deciding);
  });

  it('PERMISSIVE, sniffed port: mTLS HTTP, plaintext HTTP (http_inspector http/1.1), plain TLS (passthrough) and mTLS TCP (istio-peer-exchange) each take their own chain', () => {
    const chainOf = (r: ReturnType<typeof run>) => {
      const fc = r.steps.filter((s) => s.stage === 'filter_chain')[1]!;
      return fc.reason;
    };
    const mtls = run('GET http://server:9090/', { peer: 'mtls' });
    assert.equal(mtls.inbound?.mode, 'PERMISSIVE');
    assert.match(chainOf(mtls), /tls, ALPN istio-http\/1\.0,istio-http\/1\.1,istio-h2, terminates ISTIO_MUTUAL; decided by application protocols/);
    assert.equal(mtls.routeConfig, 'inbound|9090||');
    const plain = run('GET http://server:9090/', { peer: 'plaintext' });
    assert.deepEqual(plain.inbound?.alpn, ['http/1.1']);
    assert.match(chainOf(plain), /raw_buffer, ALPN http\/1\.1,h2c/);
    assert.equal(plain.routeConfig, 'inbound|9090||');
    const tls = run('GET http://server:9090/', { peer: 'tls' });
    assert.match(chainOf(tls), /port 9090, tls, any ALPN;/);
    assert.equal(step(tls, 'tls')?.result, 'passed through');
    assert.equal(tls.routeConfig, null);
    assert.equal(tls.cluster, 'inbound|9090||');
    const tcp = run('GET http://server:9090/', { peer: 'mtls', alpn: ['istio-peer-exchange', 'istio'] });
    assert.match(chainOf(tcp), /ALPN istio-peer-exchange,istio, terminates ISTIO_MUTUAL/);
    assert.ok(step(tcp, 'filter_chain', 'TCP proxy'));
  });

  it('an Istio client on a TCP-only port sends istio-peer-exchange,istio; on a DISABLE port that mTLS finds no chain (closed during the handshake: 503 UF), plaintext TCP does', () => {
    const mtls = run('GET http://server:7070/', { peer: 'mtls' });
    assert.deepEqual(mtls.inbound?.alpn, ['istio-peer-exchange', 'istio']);
    assert.equal(mtls.inbound?.mode, 'DISABLE');
    // Envoy's upstream TLS socket is connected only after the handshake (SslSocket::onSuccess): a close before it is a connection failure.
    assert.equal(mtls.responseFlag, 'UF');
    assert.match(step(mtls, 'filter_chain', 'none')!.reason, /during the TLS handshake.*503 UF/);
    assert.match(step(mtls, 'filter_chain', 'none')!.reason, /mTLS is DISABLE/);
    const plain = run('GET http://server:7070/', { peer: 'plaintext' });
    assert.deepEqual(plain.inbound?.alpn, []);
    assert.equal(plain.inbound?.chain, '0.0.0.0_7070');
    assert.equal(plain.cluster, 'inbound|7070||');
    assert.equal(plain.outcome, 'route');
  });

  it('an HTTP/2 port (the inbound cluster speaks h2): the istio.alpn filter sends istio-h2,istio,h2', () => {
    const r = run('GET http://server:5050/', { peer: 'mtls' });
    assert.deepEqual(r.inbound?.alpn, ['istio-h2', 'istio', 'h2']);
    assert.equal(r.inbound?.chain, '0.0.0.0_5050');
    assert.equal(r.routeConfig, 'inbound|5050||');
  });

  it('a port no Service declares: the passthrough chains (virtualInbound-catchall-http to InboundPassthroughClusterIpv4), with the caveat that Istio clients send it plaintext', () => {
    const r = run('GET http://10.0.0.5:3000/', { peer: 'plaintext' });
    assert.equal(r.inbound?.chain, 'virtualInbound-catchall-http');
    assert.equal(r.inbound?.passthrough, true);
    assert.equal(r.cluster, 'InboundPassthroughClusterIpv4');
    const m = run('GET http://10.0.0.5:3000/', { peer: 'mtls' });
    assert.ok(m.caveats.some((c) => /PassthroughCluster in plaintext/.test(c.message)));
  });

  it('port 15006 itself: virtualInbound-blackhole to BlackHoleCluster (UH, closed)', () => {
    const r = run('GET http://10.0.0.5:15006/', { peer: 'plaintext' });
    assert.equal(r.inbound?.chain, 'virtualInbound-blackhole');
    assert.equal(r.cluster, 'BlackHoleCluster');
    assert.equal(r.responseFlag, 'UH');
    assert.equal(r.inbound?.mode, 'unknown');
  });

  it("server names: a TLS peer's SNI picks the chain naming it, others fall back to the chain without server names (Envoy's server name criterion, before transport protocol)", () => {
    const dump = inboundDump() as { configs: { dynamic_listeners?: { active_state: { listener: { filter_chains: unknown[] } } }[] }[] };
    const chains = dump.configs[2]!.dynamic_listeners![0]!.active_state.listener.filter_chains;
    const tcpTo = (cluster: string) => [
      {
        name: 'envoy.filters.network.tcp_proxy',
        typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', stat_prefix: cluster, cluster },
      },
    ];
    chains.push(
      {
        name: 'api',
        filter_chain_match: { destination_port: 8443, server_names: ['api.example.com'], transport_protocol: 'tls' },
        filters: tcpTo('inbound|8443||'),
      },
      { name: 'other', filter_chain_match: { destination_port: 8443, transport_protocol: 'tls' }, filters: tcpTo('InboundPassthroughClusterIpv4') },
    );
    const c = loadProxyConfig([{ name: 'sni.json', data: dump as never }], 'sni.json');
    const api = run('GET https://api.example.com:8443/', { peer: 'tls' }, c);
    assert.equal(api.inbound?.chain, 'api');
    assert.equal(api.cluster, 'inbound|8443||');
    const other = run('GET https://api.example.com:8443/', { peer: 'tls', sni: 'www.example.com' }, c);
    assert.equal(other.inbound?.chain, 'other');
    const mtls = run('GET https://api.example.com:8443/', { peer: 'mtls' }, c);
    assert.equal(mtls.inbound?.chain, 'other', 'an Istio client sends no SNI this trace knows (outbound_.PORT_._.FQDN unless --sni)');
  });

  it('older per-port inbound listeners: virtualInbound with use_original_dst hands the connection to the listener bound at the pod address', () => {
    const dump = inboundDump() as { configs: { dynamic_listeners?: { name: string; active_state: { listener: Record<string, unknown> } }[] }[] };
    const listeners = dump.configs[2]!.dynamic_listeners!;
    const vi = listeners[0]!.active_state.listener;
    vi.use_original_dst = true;
    vi.filter_chains = [
      {
        filter_chain_match: {},
        filters: [
          {
            name: 'envoy.filters.network.tcp_proxy',
            typed_config: {
              '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
              stat_prefix: 'p',
              cluster: 'InboundPassthroughClusterIpv4',
            },
          },
        ],
      },
    ];
    const old = JSON.parse(JSON.stringify(vi)) as Record<string, unknown>;
    old.name = `${POD_IP}_9090`;
    old.address = { socket_address: { address: POD_IP, port_value: 9090 } };
    old.use_original_dst = false;
    old.bind_to_port = false;
    old.filter_chains = (inboundDump() as typeof dump).configs[2]!.dynamic_listeners![0]!.active_state.listener.filter_chains as unknown[];
    listeners.push({ name: old.name as string, active_state: { listener: old } });
    const c = loadProxyConfig([{ name: 'old.json', data: dump as never }], 'old.json');
    const r = run('GET http://server:9090/', { peer: 'mtls' }, c);
    assert.equal(r.listener, `${POD_IP}_9090`);
    assert.match(step(r, 'listener')!.reason, /use_original_dst and hands the connection/);
    assert.equal(r.inbound?.chain, '0.0.0.0_9090');
  });

  it('mode: HTTP chains and TCP chains of one port that disagree are unknown, with why', () => {
    const listener = config.listeners.find((l) => l.name === 'virtualInbound')!;
    const strictHttp = listener.filterChains.filter((c) => c.match.destinationPort === 8080 && c.filters.some((f) => f.kind === 'http_connection_manager'));
    const plainTcp = listener.filterChains.filter((c) => c.match.destinationPort === 7070);
    const mixed = inboundMode([...strictHttp, ...plainTcp]);
    assert.equal(mixed.mode, 'unknown');
    assert.match(mixed.why, /HTTP chains look STRICT.*TCP chains look DISABLE/);
  });
});

function load(file: string): ProxyConfig {
  const text = readFileSync(conformance('istio-real', file), 'utf8');
  const data = file.endsWith('.yaml') ? parseYaml(text) : JSON.parse(text);
  return loadProxyConfig([{ name: file, data }], file);
}

describe('inbound explain over real server dumps (../shared/conformance/istio-real)', { skip: needsConformance }, () => {
  it('OSSM 1.20.8 sidecar: port 8080 mTLS → 0.0.0.0_8080, inbound|8080|| to the pod IP; plaintext to an undeclared port → virtualInbound-catchall-http', () => {
    const c = load('u01-ossm-1.20.8-hello-openshift-sidecar.json');
    const r = run('GET http://hello-openshift:8080/', { peer: 'mtls' }, c);
    assert.equal(r.inbound?.chain, '0.0.0.0_8080');
    assert.equal(r.inbound?.mode, 'PERMISSIVE');
    assert.equal(r.routeConfig, 'inbound|8080||');
    assert.equal(r.virtualHost, 'inbound|http|8080');
    assert.equal(step(r, 'endpoints')?.result, '10.129.0.60:8080');
    const p = run('GET http://10.129.0.60:9999/', { peer: 'plaintext' }, c);
    assert.equal(p.inbound?.chain, 'virtualInbound-catchall-http');
    assert.equal(p.cluster, 'InboundPassthroughClusterIpv4');
  });

  it('Istio 1.9.1 productpage: port 9080 mTLS → 0.0.0.0_9080 (ALPN istio matches first), the STATIC inbound cluster to 127.0.0.1:9080', () => {
    const c = load('u05-scout-1.9.1-productpage.json');
    const r = run('GET http://productpage:9080/productpage', { peer: 'mtls' }, c);
    assert.equal(r.inbound?.chain, '0.0.0.0_9080');
    assert.equal(r.cluster, 'inbound|9080||');
    assert.equal(step(r, 'endpoints', '127.0.0.1:9080')?.stage, 'endpoints');
  });

  it('Istio 1.22.3 sidecar: port 3333 plaintext → the raw_buffer HTTP chain; port 15006 → virtualInbound-blackhole', () => {
    const c = load('u07-mplb-1.22.3-app1-sidecar.json');
    const r = run('GET http://app1:3333/', { peer: 'plaintext' }, c);
    assert.equal(r.inbound?.chain, '0.0.0.0_3333');
    assert.equal(r.routeConfig, 'inbound|3333||');
    const b = run('GET http://172.24.32.19:15006/', { peer: 'mtls' }, c);
    assert.equal(b.inbound?.chain, 'virtualInbound-blackhole');
  });

  it('Istio HEAD authz dump: port 80 mTLS → 0.0.0.0_80, whose RBAC filters deny a request without the JWT their principals need (as authz-conformance.test.ts)', () => {
    const c = load('i14-head-authz-configdump.yaml');
    const r = run('GET http://httpbin:80/', { peer: 'mtls', destinationIp: '10.244.0.10' }, c);
    assert.equal(r.inbound?.chain, '0.0.0.0_80');
    assert.ok(step(r, 'authorization'));
    assert.equal(r.outcome, 'denied');
    assert.equal(r.status, 403);
  });
});
