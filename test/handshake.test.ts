import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { ConfigObject, ConfigSet } from '../src/core/config/objects.ts';
import type { Json } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { upstreamTlsFor } from '../src/core/envoy/upstream-tls.ts';
import { explainInbound } from '../src/core/explain/inbound.ts';
import { destinationRuleTls } from '../src/core/intent/destination-rule-tls.ts';
import { effectivePeerAuthentication } from '../src/core/intent/peer-authentication.ts';
import { pairTls } from '../src/core/path/handshake.ts';
import { pathProxy } from '../src/core/path/owners.ts';
import type { PeerTls } from '../src/core/path/types.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { inboundConfig, POD_IP } from './helpers/inbound-dump.ts';
import { conformanceDir, needsConformance } from './helpers/paths.ts';

/**
 * The handshake between two proxies (core/path/handshake.ts): every pairing of what the client
 * opens (plaintext, TLS without a client certificate, Istio mTLS, TLS with another certificate)
 * with the server's chains as Istio builds them for STRICT, PERMISSIVE and DISABLE
 * (pilot/pkg/networking/core/filterchain_options.go; the server dump of helpers/inbound-dump.ts:
 * 8080 STRICT sniffed, 9090 PERMISSIVE sniffed, 7070 DISABLE TCP, 5050 PERMISSIVE HTTP/2).
 *
 * The client's clusters carry UpstreamTlsContexts shaped as pilot/pkg/networking/core/cluster_tls.go
 * builds them: ISTIO_MUTUAL (buildIstioMutualTLS: SDS `default` + `ROOTCA`, the service
 * accounts' SANs as exact matches, ALPN istio-peer-exchange/istio), SIMPLE (constructUpstreamTLS:
 * no client certificate, CA `file-root:system` when caCertificates is unset), MUTUAL from files
 * (`file-cert:…`, `file-root:…`), auto mTLS as transport_socket_matches (`tlsMode-istio`, then a
 * plaintext catch-all; defaultTransportSocketMatch).
 */

const SERVER_ID = 'spiffe://cluster.local/ns/ns/sa/server';
const sds = (name: string) => ({ name, sds_config: { ads: {}, resource_api_version: 'V3' } });
const TLS_TYPE = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';

function istioMutual(sans: string[]): Json {
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': TLS_TYPE,
      sni: 'outbound_.8080_._.server.ns.svc.cluster.local',
      common_tls_context: {
        alpn_protocols: ['istio-peer-exchange', 'istio'],
        tls_certificate_sds_secret_configs: [sds('default')],
        combined_validation_context: {
          default_validation_context: { match_subject_alt_names: sans.map((exact) => ({ exact })) },
          validation_context_sds_secret_config: sds('ROOTCA'),
        },
      },
    },
  };
}

const simple: Json = {
  name: 'envoy.transport_sockets.tls',
  typed_config: {
    '@type': TLS_TYPE,
    sni: 'server.ns.svc.cluster.local',
    common_tls_context: { combined_validation_context: { default_validation_context: {}, validation_context_sds_secret_config: sds('file-root:system') } },
  },
};

const mutualFromFiles: Json = {
  name: 'envoy.transport_sockets.tls',
  typed_config: {
    '@type': TLS_TYPE,
    common_tls_context: {
      tls_certificate_sds_secret_configs: [sds('file-cert:/etc/certs/cert.pem~/etc/certs/key.pem')],
      combined_validation_context: { default_validation_context: {}, validation_context_sds_secret_config: sds('file-root:/etc/certs/ca.pem') },
    },
  },
};

const autoMtls = (sans: string[]): Json[] => [
  { name: 'tlsMode-istio', match: { tlsMode: 'istio' }, transport_socket: istioMutual(sans) },
  { name: 'tlsMode-disabled', match: {}, transport_socket: { name: 'envoy.transport_sockets.raw_buffer' } },
];

function cluster(name: string, socket: { transport_socket?: Json; transport_socket_matches?: Json[] }, drName?: string): Json {
  return {
    cluster: {
      '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
      name,
      type: 'EDS',
      eds_cluster_config: { eds_config: { ads: {} }, service_name: name },
      ...socket,
      ...(drName ? { metadata: { filter_metadata: { istio: { config: `/apis/networking.istio.io/v1/namespaces/ns/destination-rule/${drName}` } } } } : {}),
    },
  };
}

const clientDump: Json = {
  configs: [
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
      bootstrap: { node: { id: 'sidecar~10.0.0.9~client-1.ns~ns.svc.cluster.local', metadata: { ISTIO_VERSION: '1.24.0', SERVICE_ACCOUNT: 'client' } } },
    },
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
      dynamic_active_clusters: [
        ...[8080, 9090, 7070, 5050].map((p) => cluster(`outbound|${p}||server.ns.svc.cluster.local`, { transport_socket_matches: autoMtls([SERVER_ID]) })),
        cluster('outbound|8080|wrong-sa|server.ns.svc.cluster.local', { transport_socket: istioMutual(['spiffe://cluster.local/ns/ns/sa/other']) }, 'server'),
        ...[8080, 9090, 7070, 5050].map((p) => cluster(`outbound|${p}|simple|server.ns.svc.cluster.local`, { transport_socket: simple }, 'server')),
        cluster('outbound|8080|mutual|server.ns.svc.cluster.local', { transport_socket: mutualFromFiles }, 'server'),
      ],
    },
  ],
};

const client: ProxyConfig = loadProxyConfig([{ name: 'client.json', data: clientDump }], 'client.json');
const server: ProxyConfig = inboundConfig();

function pair(clusterName: string, port: number, peer: PeerTls, identity: string | null = SERVER_ID, objects?: ConfigSet) {
  const trace = explainInbound(server, parseRequest(`GET http://server:${port}/`), { port, peer, destinationIp: POD_IP });
  return pairTls(
    { client: { proxy: 'client-1.ns', config: client, cluster: clusterName, peer }, server: { proxy: 'server-1.ns', config: server, port, identity, trace } },
    objects,
  );
}

const auto = (port: number) => `outbound|${port}||server.ns.svc.cluster.local`;
const simpleTo = (port: number) => `outbound|${port}|simple|server.ns.svc.cluster.local`;

describe('the handshake between two proxies: client socket × server chains', () => {
  describe('Istio mTLS (ISTIO_MUTUAL)', () => {
    it('× STRICT: terminated by the ISTIO_MUTUAL chain; the server identity matches the SANs the client accepts', () => {
      const h = pair(auto(8080), 8080, 'mtls');
      assert.equal(h.established, true);
      assert.equal(h.status, null);
      assert.match(
        h.reason,
        /Istio mTLS terminated by chain 0\.0\.0\.0_8080 \(ISTIO_MUTUAL\); the server's spiffe:\/\/cluster\.local\/ns\/ns\/sa\/server matches/,
      );
    });
    it('× PERMISSIVE: the mTLS chain takes it', () => {
      const h = pair(auto(9090), 9090, 'mtls');
      assert.equal(h.established, true);
      assert.match(h.reason, /ISTIO_MUTUAL/);
    });
    it('× DISABLE: the port reads plaintext only; the server closes the connection during the handshake: 503 UF', () => {
      const h = pair(auto(7070), 7070, 'mtls');
      assert.equal(h.established, false);
      assert.deepEqual([h.status, h.responseFlag], [503, 'UF']);
      assert.match(h.reason, /read plaintext only \(DISABLE\)/);
    });
    it("a server identity outside the client's SANs: CERTIFICATE_VERIFY_FAILED at the client, 503 UF", () => {
      const h = pair('outbound|8080|wrong-sa|server.ns.svc.cluster.local', 8080, 'mtls');
      assert.equal(h.established, false);
      assert.equal(h.responseFlag, 'UF');
      assert.match(
        h.reason,
        /accepts a server certificate for spiffe:\/\/cluster\.local\/ns\/ns\/sa\/other only.*presents spiffe:\/\/cluster\.local\/ns\/ns\/sa\/server.*CERTIFICATE_VERIFY_FAILED/,
      );
    });
    it('the server identity unknown (no SERVICE_ACCOUNT in its dump): set up, and the SAN check said not made', () => {
      const h = pair('outbound|8080|wrong-sa|server.ns.svc.cluster.local', 8080, 'mtls', null);
      assert.equal(h.established, true);
      assert.match(h.reason, /SAN check was not made/);
    });
  });

  describe('plaintext (DestinationRule tls DISABLE, or auto mTLS to a pod without the tlsMode label)', () => {
    it('× STRICT: no chain takes raw_buffer; the server closes the connection: 503 UC (connection_termination)', () => {
      const h = pair(auto(8080), 8080, 'plaintext');
      assert.equal(h.established, false);
      assert.deepEqual([h.status, h.responseFlag], [503, 'UC']);
      assert.match(h.reason, /accept Istio mTLS only \(STRICT\).*connection_termination/);
    });
    it('× PERMISSIVE: the plaintext chain takes it', () => {
      const h = pair(auto(9090), 9090, 'plaintext');
      assert.equal(h.established, true);
      assert.match(h.reason, /plaintext accepted by chain 0\.0\.0\.0_9090 \(port PERMISSIVE\)/);
    });
    it('× DISABLE: the plaintext chain takes it', () => {
      assert.equal(pair(auto(7070), 7070, 'plaintext').established, true);
    });
  });

  describe('TLS without a client certificate (DestinationRule tls SIMPLE)', () => {
    it('× STRICT: the TCP chain matches (tls, any ALPN) but requires a client certificate: the server fails the handshake, 503 UF', () => {
      const h = pair(simpleTo(8080), 8080, 'tls');
      assert.equal(h.established, false);
      assert.deepEqual([h.status, h.responseFlag], [503, 'UF']);
      assert.match(h.reason, /requires a client certificate \(ISTIO_MUTUAL, CA ROOTCA\).*presents none/);
    });
    it('× PERMISSIVE, sniffed port: the plain-TLS chain passes the TLS to the application unterminated (it must terminate TLS itself)', () => {
      const h = pair(simpleTo(9090), 9090, 'tls');
      assert.equal(h.established, true);
      assert.match(h.reason, /does not terminate TLS: it passes the client's TLS through to the application/);
    });
    it('× PERMISSIVE, HTTP port: no chain for TLS without an Istio ALPN (inboundPermissiveHTTPFilterChainMatchWithMxcOptions): 503 UF', () => {
      const h = pair(simpleTo(5050), 5050, 'tls');
      assert.equal(h.established, false);
      assert.equal(h.responseFlag, 'UF');
    });
    it('× DISABLE: the server reads plaintext only: 503 UF', () => {
      const h = pair(simpleTo(7070), 7070, 'tls');
      assert.equal(h.established, false);
      assert.equal(h.responseFlag, 'UF');
    });
  });

  it('TLS with a certificate that is not the workload one (DestinationRule tls MUTUAL from files) × STRICT: refused unless the mesh CA issued it, 503 UF', () => {
    const h = pair('outbound|8080|mutual|server.ns.svc.cluster.local', 8080, 'tls');
    assert.equal(h.established, false);
    assert.equal(h.responseFlag, 'UF');
    assert.match(h.reason, /presents file-cert:\/etc\/certs\/cert\.pem~\/etc\/certs\/key\.pem, not the workload certificate/);
  });

  it("Istio's words: the DestinationRule field whose tls applies and the PeerAuthentication that made the port STRICT", () => {
    const objects = set([
      obj('DestinationRule', 'server', 'ns', { host: 'server', subsets: [{ name: 'simple', labels: { v: '1' }, trafficPolicy: { tls: { mode: 'SIMPLE' } } }] }),
      obj('PeerAuthentication', 'default', 'istio-system', { mtls: { mode: 'STRICT' } }),
    ]);
    const h = pair(simpleTo(8080), 8080, 'tls', SERVER_ID, objects);
    assert.equal(
      h.istio,
      'DestinationRule ns/server sets spec.subsets[simple].trafficPolicy.tls.mode SIMPLE; server-1.ns port 8080 is STRICT: PeerAuthentication istio-system/default (spec.mtls.mode)',
    );
  });
});

describe('upstream TLS per endpoint (transport_socket_matches, envoy transport_socket_match_impl.cc)', () => {
  const raw = (name: string) => client.index.clusterByName.get(name)!.raw;
  it('auto mTLS: the tlsMode-istio socket for a labelled endpoint, the plaintext catch-all otherwise', () => {
    const tls = upstreamTlsFor(raw(auto(8080)), 'istio');
    assert.equal(tls?.clientCertificate, 'default');
    assert.equal(tls?.trustedCa, 'ROOTCA');
    assert.deepEqual(tls?.alpn, ['istio-peer-exchange', 'istio']);
    assert.equal(tls?.sni, 'outbound_.8080_._.server.ns.svc.cluster.local');
    assert.equal(tls?.sans.length, 1);
    assert.equal(upstreamTlsFor(raw(auto(8080)), undefined), null);
    assert.equal(upstreamTlsFor(raw(auto(8080)), 'disabled'), null);
  });
  it('a single transport_socket applies to every endpoint; SIMPLE has no client certificate', () => {
    const tls = upstreamTlsFor(raw(simpleTo(8080)), undefined);
    assert.equal(tls?.clientCertificate, null);
    assert.equal(tls?.trustedCa, 'file-root:system');
  });
});

function obj(kind: ConfigObject['kind'], name: string, namespace: string, spec: Record<string, unknown>, created?: string): ConfigObject {
  return {
    kind,
    apiVersion: kind === 'PeerAuthentication' ? 'security.istio.io/v1' : 'networking.istio.io/v1',
    metadata: { name, namespace, labels: {}, annotations: {}, creationTimestamp: created, generation: undefined, resourceVersion: undefined, uid: undefined },
    spec: spec as ConfigObject['spec'],
    status: undefined,
    raw: {},
    origin: { file: 'test.yaml', document: 0 },
  };
}
const set = (objects: ConfigObject[]): ConfigSet => ({ objects, problems: [] });
const pa = (name: string, ns: string, spec: Record<string, unknown>, created?: string) => obj('PeerAuthentication', name, ns, spec, created);
const workload = { namespace: 'ns', labels: { app: 'server' } };

describe('the effective PeerAuthentication (policy_applier.go ComposePeerAuthentication)', () => {
  it('no policy: PERMISSIVE, decided by no object', () => {
    const e = effectivePeerAuthentication(set([]), workload, 8080);
    assert.equal(e.mode, 'PERMISSIVE');
    assert.equal(e.decidedBy, null);
  });
  it('mesh STRICT, namespace UNSET: STRICT from the mesh policy (UNSET inherits)', () => {
    const e = effectivePeerAuthentication(set([pa('mesh', 'istio-system', { mtls: { mode: 'STRICT' } }), pa('ns', 'ns', {})]), workload, 8080);
    assert.equal(e.mode, 'STRICT');
    assert.equal(e.decidedBy?.ref, 'PeerAuthentication istio-system/mesh');
    assert.deepEqual(
      e.applicable.map((a) => `${a.scope}:${a.mode}`),
      ['mesh:STRICT', 'namespace:UNSET'],
    );
  });
  it('the namespace overrides the mesh, the workload (selector) the namespace, portLevelMtls the workload for its port', () => {
    const objects = set([
      pa('mesh', 'istio-system', { mtls: { mode: 'STRICT' } }),
      pa('ns', 'ns', { mtls: { mode: 'PERMISSIVE' } }),
      pa('wl', 'ns', { selector: { matchLabels: { app: 'server' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '7070': { mode: 'DISABLE' }, '9090': {} } }),
    ]);
    assert.equal(effectivePeerAuthentication(set(objects.objects.slice(0, 2)), workload, 8080).mode, 'PERMISSIVE');
    const at8080 = effectivePeerAuthentication(objects, workload, 8080);
    assert.deepEqual([at8080.mode, at8080.decidedBy?.ref], ['STRICT', 'PeerAuthentication ns/wl']);
    const at7070 = effectivePeerAuthentication(objects, workload, 7070);
    assert.deepEqual([at7070.mode, at7070.decidedBy?.field], ['DISABLE', 'spec.portLevelMtls[7070].mode']);
    // An UNSET port inherits the workload's result.
    assert.equal(effectivePeerAuthentication(objects, workload, 9090).mode, 'STRICT');
  });
  it('a selector that does not match, or a selector policy in the root namespace, does not apply', () => {
    const objects = set([
      pa('other', 'ns', { selector: { matchLabels: { app: 'other' } }, mtls: { mode: 'DISABLE' } }),
      pa('root-wl', 'istio-system', { selector: { matchLabels: { app: 'server' } }, mtls: { mode: 'DISABLE' } }),
    ]);
    assert.equal(effectivePeerAuthentication(objects, workload, 8080).mode, 'PERMISSIVE');
  });
  it('two namespace-wide policies: the oldest wins, the other is said to be ignored', () => {
    const objects = set([
      pa('newer', 'ns', { mtls: { mode: 'DISABLE' } }, '2024-02-01T00:00:00Z'),
      pa('older', 'ns', { mtls: { mode: 'STRICT' } }, '2024-01-01T00:00:00Z'),
    ]);
    const e = effectivePeerAuthentication(objects, workload, 8080);
    assert.equal(e.mode, 'STRICT');
    assert.match(e.ignored[0] ?? '', /^PeerAuthentication ns\/newer \(a second namespace-wide policy: Istio uses the oldest, PeerAuthentication ns\/older\)$/);
  });
});

describe("a DestinationRule's tls for a subset and port (util.go MergeSubsetTrafficPolicy, destination_rule.go MergeTrafficPolicy)", () => {
  const dr = obj('DestinationRule', 'r', 'ns', {
    host: 'r',
    trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' }, portLevelSettings: [{ port: { number: 9080 }, loadBalancer: { simple: 'RANDOM' } }] },
    subsets: [
      { name: 'v1', trafficPolicy: { tls: { mode: 'DISABLE' } } },
      { name: 'v2', trafficPolicy: { portLevelSettings: [{ port: { number: 8080 }, tls: { mode: 'SIMPLE' } }] } },
      { name: 'v3', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } },
    ],
  });
  it('the top level, and a top port-level entry that replaces the policy wholesale (no tls: auto mTLS)', () => {
    assert.deepEqual(destinationRuleTls(dr, undefined, 8080), { ref: 'DestinationRule ns/r', field: 'spec.trafficPolicy.tls', mode: 'ISTIO_MUTUAL' });
    assert.deepEqual(destinationRuleTls(dr, undefined, 9080), {
      ref: 'DestinationRule ns/r',
      field: 'spec.trafficPolicy.portLevelSettings[9080].tls',
      mode: null,
    });
  });
  it("a subset's tls overrides; a subset port-level entry overrides for its port; a subset without tls inherits", () => {
    assert.equal(destinationRuleTls(dr, 'v1', 8080).mode, 'DISABLE');
    assert.deepEqual(destinationRuleTls(dr, 'v2', 8080), {
      ref: 'DestinationRule ns/r',
      field: 'spec.subsets[v2].trafficPolicy.portLevelSettings[8080].tls',
      mode: 'SIMPLE',
    });
    assert.equal(destinationRuleTls(dr, 'v2', 7070).mode, 'ISTIO_MUTUAL');
    assert.equal(destinationRuleTls(dr, 'v3', 8080).mode, 'ISTIO_MUTUAL');
  });
});

describe('a real pair (istio-real u08 → u07, Istio 1.22.3)', () => {
  it("the gateway's auto-mTLS cluster to app1 against app1's PERMISSIVE chains at 3333: set up, SAN spiffe://cluster.local/ns/default/sa/default matches", {
    skip: needsConformance,
  }, async () => {
    const read = async (name: string) => {
      const file = `${conformanceDir}/istio-real/${name}`;
      return loadProxyConfig([{ name: file, data: JSON.parse(await readFile(file, 'utf8')) as Json }], file);
    };
    const gw = await read('u08-mplb-1.22.3-ingressgateway.json');
    const app = pathProxy('app1-0.default', await read('u07-mplb-1.22.3-app1-sidecar.json'));
    assert.equal(app.identity, 'spiffe://cluster.local/ns/default/sa/default');
    const trace = explainInbound(app.config, parseRequest('GET http://app1:3333/'), { port: 3333, peer: 'mtls', destinationIp: app.addresses[0]! });
    assert.equal(trace.inbound?.mode, 'PERMISSIVE');
    const h = pairTls({
      client: { proxy: 'istio-ingressgateway.istio-system', config: gw, cluster: 'outbound|3333||app1.default.svc.cluster.local', peer: 'mtls' },
      server: { proxy: app.name, config: app.config, port: 3333, identity: app.identity, trace },
    });
    assert.equal(h.established, true);
    assert.match(
      h.reason,
      /^Istio mTLS terminated by chain 0\.0\.0\.0_3333 \(ISTIO_MUTUAL\); the server's spiffe:\/\/cluster\.local\/ns\/default\/sa\/default matches/,
    );
  });
});
