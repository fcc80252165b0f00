import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../src/core/config/read-objects.ts';
import { explain } from '../src/core/explain/explain.ts';
import { intentForExplain, intentForProxy, reconcileIntent } from '../src/core/intent/reconcile.ts';
import type { ProxyIdentity } from '../src/core/intent/scope.ts';
import type { IntentReport, IntentVerdict } from '../src/core/intent/types.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { readConfigPaths } from '../src/sources/config-files.ts';
import { productpageConfig } from './helpers/bookinfo-config.ts';
import { fixture } from './helpers/paths.ts';

/**
 * The reconciliation of Istio objects with a request, each reason code against the Istio rule it
 * restates (the Istio test or function named in each test). Objects are written as a user would
 * (`kubectl apply` YAML); the proxy identity is what a sidecar's node metadata carries.
 */
const SIDECAR: ProxyIdentity = {
  namespace: 'shop',
  labels: { app: 'frontend', version: 'v1' },
  type: 'sidecar',
  podName: 'frontend-1',
  istioVersion: '1.24.2',
};
const GATEWAY: ProxyIdentity = {
  namespace: 'istio-system',
  labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' },
  type: 'router',
  podName: 'gw-1',
  istioVersion: '1.24.2',
};

const CART_SERVICE = `apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{name: http, port: 8080}]}`;

function vs(name: string, spec: string, extra = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: shop${extra}}
spec: ${spec}`;
}

function run(docs: string[], proxy: ProxyIdentity = SIDECAR, host = 'cart', port = 8080): IntentReport {
  return reconcileIntent({ objects: parseConfigText('objects.yaml', docs.join('\n---\n')), proxy, host, port });
}

function verdictOf(report: IntentReport, kind: string, name: string): IntentVerdict {
  const v = report.verdicts.find((x) => x.kind === kind && x.name === name);
  assert.ok(v, `no verdict for ${kind} ${name}: ${JSON.stringify(report.verdicts.map((x) => `${x.kind}/${x.name}`))}`);
  return v;
}

const ROUTE_ALL = '{hosts: [cart], http: [{route: [{destination: {host: cart}}]}]}';

describe('intent: which VirtualService applies (pilot/pkg/model/push_context.go, sidecar.go, virtualservice.go)', () => {
  it('applies a mesh VirtualService for the host, short names resolved in its namespace (ResolveShortnameToFQDN)', () => {
    const r = run([CART_SERVICE, vs('cart', ROUTE_ALL)]);
    const v = verdictOf(r, 'VirtualService', 'cart');
    assert.equal(v.applies, true);
    assert.equal(v.reason, null);
  });

  it('gateway-only: `gateways:` without mesh never reaches sidecars (getGatewayNames; VirtualServicesForGateway(ns, "mesh"))', () => {
    const r = run([CART_SERVICE, vs('cart', '{hosts: [cart], gateways: [shop-gw], http: [{route: [{destination: {host: cart}}]}]}')]);
    const v = verdictOf(r, 'VirtualService', 'cart');
    assert.equal(v.applies, false);
    assert.equal(v.reason?.code, 'gateway-only');
    assert.match(v.reason!.message, /shop\/shop-gw/);
  });

  it('gateway-not-found and not-bound on a gateway proxy (resolveGatewayName; Gateway selector)', () => {
    const gw = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: other-gw, namespace: shop}
spec: {selector: {istio: egressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}`;
    const r = run(
      [
        CART_SERVICE,
        gw,
        vs('missing', '{hosts: [cart], gateways: [nope], http: [{route: [{destination: {host: cart}}]}]}'),
        vs('mesh-only', ROUTE_ALL),
        vs('elsewhere', '{hosts: [cart], gateways: [other-gw], http: [{route: [{destination: {host: cart}}]}]}'),
      ],
      GATEWAY,
      'cart.shop.svc.cluster.local',
      80,
    );
    assert.equal(verdictOf(r, 'VirtualService', 'missing').reason?.code, 'gateway-not-found');
    assert.equal(verdictOf(r, 'VirtualService', 'mesh-only').reason?.code, 'not-bound');
    assert.equal(verdictOf(r, 'VirtualService', 'elsewhere').reason?.code, 'not-bound');
  });

  it('not-exported: exportTo "." hides a VirtualService from other namespaces (TestVirtualServiceWithExportTo)', () => {
    const svc = CART_SERVICE.replace('namespace: shop', 'namespace: backend');
    const r = run(
      [
        svc,
        vs(
          'cart',
          '{hosts: [cart.backend.svc.cluster.local], exportTo: ["."], http: [{route: [{destination: {host: cart.backend.svc.cluster.local}}]}]}',
        ).replace('namespace: shop', 'namespace: backend'),
      ],
      SIDECAR,
      'cart.backend',
    );
    const v = verdictOf(r, 'VirtualService', 'cart');
    assert.equal(v.reason?.code, 'not-exported');
  });

  it('sidecar-scope: a Sidecar importing ./* leaves out VirtualServices of other namespaces (SelectVirtualServices, TestSelectVirtualService)', () => {
    const sidecar =
      'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: shop}\nspec: {egress: [{hosts: ["./*", "istio-system/*"]}]}';
    const svc = CART_SERVICE.replace('namespace: shop', 'namespace: backend');
    const other = vs('cart', '{hosts: [cart.backend.svc.cluster.local], http: [{route: [{destination: {host: cart.backend.svc.cluster.local}}]}]}').replace(
      'namespace: shop',
      'namespace: backend',
    );
    const r = run([sidecar, svc, other], SIDECAR, 'cart.backend');
    assert.equal(verdictOf(r, 'VirtualService', 'cart').reason?.code, 'sidecar-scope');
    assert.equal(verdictOf(r, 'Sidecar', 'default').applies, true);
    // Importing the namespace brings it back.
    const open = sidecar.replace('"./*"', '"./*", "backend/*"');
    assert.equal(verdictOf(run([open, svc, other], SIDECAR, 'cart.backend'), 'VirtualService', 'cart').applies, true);
  });

  it('tcp-port: HTTP rules never apply to a port Istio treats as TCP (ConvertProtocol; BuildSidecarVirtualHostWrapper keeps IsHTTPOrSniffed ports)', () => {
    const tcp = CART_SERVICE.replace('name: http', 'name: tcp-cart');
    assert.equal(verdictOf(run([tcp, vs('cart', ROUTE_ALL)]), 'VirtualService', 'cart').reason?.code, 'tcp-port');
    // A port name without a protocol is sniffed: HTTP rules still apply to HTTP traffic.
    const sniffed = CART_SERVICE.replace('name: http', 'name: cart');
    assert.equal(verdictOf(run([sniffed, vs('cart', ROUTE_ALL)]), 'VirtualService', 'cart').applies, true);
    // appProtocol wins over the name.
    const app = CART_SERVICE.replace('name: http', 'name: tcp-cart, appProtocol: http');
    assert.equal(verdictOf(run([app, vs('cart', ROUTE_ALL)]), 'VirtualService', 'cart').applies, true);
  });

  it('older-wins: a sidecar keeps the first VirtualService per host by creation time, then name (configCompareByCreationTime; httproute.go "duplicate domain from virtual service")', () => {
    const r = run([
      CART_SERVICE,
      vs('cart-new', ROUTE_ALL, ', creationTimestamp: "2025-02-01T00:00:00Z"'),
      vs('cart-old', ROUTE_ALL, ', creationTimestamp: "2025-01-01T00:00:00Z"'),
    ]);
    assert.equal(verdictOf(r, 'VirtualService', 'cart-old').applies, true);
    const loser = verdictOf(r, 'VirtualService', 'cart-new');
    assert.equal(loser.reason?.code, 'older-wins');
    assert.match(loser.reason!.message, /shop\/cart-old.*2025-01-01/);
    // Same creation time: name order decides.
    const tie = run([CART_SERVICE, vs('b', ROUTE_ALL), vs('a', ROUTE_ALL)]);
    assert.equal(verdictOf(tie, 'VirtualService', 'a').applies, true);
    assert.equal(verdictOf(tie, 'VirtualService', 'b').reason?.code, 'older-wins');
  });

  it('a VirtualService private to the proxy namespace comes before an older public one (VirtualServicesForGateway: private, exported, public)', () => {
    const r = run([
      CART_SERVICE,
      vs('public', ROUTE_ALL, ', creationTimestamp: "2024-01-01T00:00:00Z"'),
      vs('private', ROUTE_ALL.replace('{hosts', '{exportTo: ["."], hosts'), ', creationTimestamp: "2025-01-01T00:00:00Z"'),
    ]);
    assert.equal(verdictOf(r, 'VirtualService', 'private').applies, true);
    assert.equal(verdictOf(r, 'VirtualService', 'public').reason?.code, 'older-wins');
  });

  it('more-specific-wins: an exact host beats an older wildcard; the longest wildcard wins from Istio 1.21 (computeWildcardHostVirtualServiceIndex; release note 45415)', () => {
    const wild = vs(
      'wild',
      '{hosts: ["*.shop.svc.cluster.local"], http: [{route: [{destination: {host: cart}}]}]}',
      ', creationTimestamp: "2024-01-01T00:00:00Z"',
    );
    const exact = vs('exact', ROUTE_ALL, ', creationTimestamp: "2025-01-01T00:00:00Z"');
    const r = run([CART_SERVICE, wild, exact]);
    assert.equal(verdictOf(r, 'VirtualService', 'exact').applies, true);
    assert.equal(verdictOf(r, 'VirtualService', 'wild').reason?.code, 'more-specific-wins');
    const broad = vs(
      'broad',
      '{hosts: ["*.svc.cluster.local"], http: [{route: [{destination: {host: cart}}]}]}',
      ', creationTimestamp: "2024-01-01T00:00:00Z"',
    );
    const narrow = vs(
      'narrow',
      '{hosts: ["*.shop.svc.cluster.local"], http: [{route: [{destination: {host: cart}}]}]}',
      ', creationTimestamp: "2025-01-01T00:00:00Z"',
    );
    const now = run([CART_SERVICE, broad, narrow]);
    assert.equal(verdictOf(now, 'VirtualService', 'narrow').applies, true);
    assert.equal(verdictOf(now, 'VirtualService', 'broad').reason?.code, 'more-specific-wins');
    // Istio 1.20 and older: the oldest wildcard VirtualService won regardless of specificity.
    const old = run([CART_SERVICE, broad, narrow], { ...SIDECAR, istioVersion: '1.20.3' });
    assert.equal(verdictOf(old, 'VirtualService', 'broad').applies, true);
    assert.equal(verdictOf(old, 'VirtualService', 'narrow').reason?.code, 'older-wins');
  });

  it('delegate-mismatch: a delegate whose matches all conflict with the root is not merged (hasConflict, TestHasConflict "mismatch uri")', () => {
    const root = vs('root', '{hosts: [cart], http: [{match: [{uri: {prefix: /productpage/v2}}], delegate: {name: leaf, namespace: shop}}]}');
    const leafBad = vs('leaf', '{http: [{match: [{uri: {prefix: /productpage}}], route: [{destination: {host: cart}}]}]}');
    const leafGood = vs('leaf', '{http: [{match: [{uri: {prefix: /productpage/v2/x}}], route: [{destination: {host: cart}}]}]}');
    assert.equal(verdictOf(run([CART_SERVICE, root, leafBad]), 'VirtualService', 'leaf').reason?.code, 'delegate-mismatch');
    assert.equal(verdictOf(run([CART_SERVICE, root, leafGood]), 'VirtualService', 'leaf').applies, true);
    // Regex on one side and a prefix on the other always conflict (TestHasConflict "regex uri").
    const rx = vs('root', '{hosts: [cart], http: [{match: [{uri: {regex: "^/productpage"}}], delegate: {name: leaf, namespace: shop}}]}');
    assert.equal(verdictOf(run([CART_SERVICE, rx, leafGood]), 'VirtualService', 'leaf').reason?.code, 'delegate-mismatch');
  });

  it('source-labels and port-mismatch: rules whose every match excludes this workload or port are not built (route.go sourceMatchHTTP; match.port vs the listener port)', () => {
    const src = vs('cart', '{hosts: [cart], http: [{match: [{sourceLabels: {app: admin}}], route: [{destination: {host: cart}}]}]}');
    assert.equal(verdictOf(run([CART_SERVICE, src]), 'VirtualService', 'cart').reason?.code, 'source-labels');
    const ns = vs('cart', '{hosts: [cart], http: [{match: [{sourceNamespace: ops}], route: [{destination: {host: cart}}]}]}');
    assert.equal(verdictOf(run([CART_SERVICE, ns]), 'VirtualService', 'cart').reason?.code, 'source-labels');
    const mine = vs('cart', '{hosts: [cart], http: [{match: [{sourceLabels: {app: frontend}}], route: [{destination: {host: cart}}]}]}');
    assert.equal(verdictOf(run([CART_SERVICE, mine]), 'VirtualService', 'cart').applies, true);
    const port = vs('cart', '{hosts: [cart], http: [{match: [{port: 9090}], route: [{destination: {host: cart}}]}]}');
    assert.equal(verdictOf(run([CART_SERVICE, port]), 'VirtualService', 'cart').reason?.code, 'port-mismatch');
    // Some rules left out: the VirtualService applies, with a note.
    const some = vs(
      'cart',
      '{hosts: [cart], http: [{match: [{sourceLabels: {app: admin}}], route: [{destination: {host: cart}}]}, {route: [{destination: {host: cart}}]}]}',
    );
    const v = verdictOf(run([CART_SERVICE, some]), 'VirtualService', 'cart');
    assert.equal(v.applies, true);
    assert.deepEqual(
      v.notes.map((n) => n.code),
      ['source-labels'],
    );
  });

  it('not-in-mesh: a client pod without istio-proxy (nor a native-sidecar init container) gets nothing of Istio', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: frontend-1, namespace: shop, labels: {app: frontend}}\nspec: {containers: [{name: app}]}';
    const r = run([CART_SERVICE, pod, vs('cart', ROUTE_ALL)]);
    assert.equal(verdictOf(r, 'VirtualService', 'cart').reason?.code, 'not-in-mesh');
    const native = pod.replace(
      'spec: {containers: [{name: app}]}',
      'spec: {initContainers: [{name: istio-proxy, restartPolicy: Always}], containers: [{name: app}]}',
    );
    assert.equal(verdictOf(run([CART_SERVICE, native, vs('cart', ROUTE_ALL)]), 'VirtualService', 'cart').applies, true);
  });
});

describe('intent: which DestinationRule applies (PushContext.destinationRule)', () => {
  const dr = (name: string, ns: string, extra = '') => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec: {host: cart.shop.svc.cluster.local${extra}, subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]}`;
  const pod = (name: string, version: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop, labels: {app: cart, version: ${version}}}\nspec: {containers: [{name: app}, {name: istio-proxy}]}`;

  it("the proxy namespace's rule first, then the service's namespace, then the root's (shadowed)", () => {
    const client: ProxyIdentity = { ...SIDECAR, namespace: 'web' };
    const r = run([CART_SERVICE, dr('in-web', 'web'), dr('in-shop', 'shop'), dr('in-root', 'istio-system')], client, 'cart.shop');
    assert.equal(verdictOf(r, 'DestinationRule', 'in-web').applies, true);
    assert.equal(verdictOf(r, 'DestinationRule', 'in-shop').reason?.code, 'shadowed');
    assert.equal(verdictOf(r, 'DestinationRule', 'in-root').reason?.code, 'shadowed');
    const noLocal = run([CART_SERVICE, dr('in-shop', 'shop'), dr('in-root', 'istio-system')], client, 'cart.shop');
    assert.equal(verdictOf(noLocal, 'DestinationRule', 'in-shop').applies, true);
  });

  it('not-exported: exportTo "." keeps a service-namespace rule from other namespaces (TestSetDestinationRuleWithExportTo)', () => {
    const client: ProxyIdentity = { ...SIDECAR, namespace: 'web' };
    const r = run([CART_SERVICE, dr('in-shop', 'shop', ', exportTo: ["."]')], client, 'cart.shop');
    assert.equal(verdictOf(r, 'DestinationRule', 'in-shop').reason?.code, 'not-exported');
  });

  it('subset-no-pods and pod-matches-no-subset from the pods the Service selects', () => {
    const r = run([CART_SERVICE, dr('cart', 'shop'), pod('cart-v1-a', 'v1'), pod('cart-v3-a', 'v3')]);
    const v = verdictOf(r, 'DestinationRule', 'cart');
    assert.equal(v.applies, true);
    assert.deepEqual(
      v.notes.map((n) => n.code),
      ['subset-no-pods', 'pod-matches-no-subset'],
    );
    assert.match(v.notes[0]!.message, /subset v2 \(version=v2\) selects none of the 2 pods/);
    assert.match(v.notes[1]!.message, /cart-v3-a/);
  });

  it('says when no pods were given, instead of judging subsets', () => {
    const r = run([CART_SERVICE, dr('cart', 'shop')]);
    assert.ok(r.caveats.some((c) => /no Pod of namespace shop/.test(c)));
    assert.deepEqual(verdictOf(r, 'DestinationRule', 'cart').notes, []);
  });
});

describe('intent: Gateway API routes and Gateways', () => {
  it('not-attached: a missing parent, or status Accepted: False', () => {
    const route = (extra: string) =>
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: cart, namespace: shop}\nspec: {parentRefs: [{name: web-gw}], hostnames: [cart.example.com], rules: [{backendRefs: [{name: cart, port: 8080}]}]}${extra}`;
    const gw =
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: web-gw, namespace: shop}\nspec: {gatewayClassName: istio, listeners: [{name: http, port: 80, protocol: HTTP}]}';
    assert.equal(verdictOf(run([route('')], GATEWAY, 'cart.example.com', 80), 'HTTPRoute', 'cart').reason?.code, 'not-attached');
    const refused = route(
      '\nstatus: {parents: [{parentRef: {name: web-gw}, conditions: [{type: Accepted, status: "False", reason: NotAllowedByListeners, message: "no listener allows it"}]}]}',
    );
    const v = verdictOf(run([gw, refused], GATEWAY, 'cart.example.com', 80), 'HTTPRoute', 'cart');
    assert.equal(v.reason?.code, 'not-attached');
    assert.match(v.reason!.message, /NotAllowedByListeners/);
    assert.equal(verdictOf(run([gw, route('')], GATEWAY, 'cart.example.com', 80), 'HTTPRoute', 'cart').applies, true);
  });

  it('an Istio Gateway that selects the gateway proxy but has no server on the port: port-mismatch', () => {
    const gw =
      'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: web, namespace: istio-system}\nspec: {selector: {istio: ingressgateway}, servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"]}]}';
    const r = run([gw], GATEWAY, 'cart.example.com', 80);
    assert.equal(verdictOf(r, 'Gateway', 'web').reason?.code, 'port-mismatch');
    assert.equal(verdictOf(run([gw], GATEWAY, 'cart.example.com', 443), 'Gateway', 'web').applies, true);
  });
});

describe('intent on the bookinfo demo (objects from fixtures/bookinfo/istio, the productpage dump)', () => {
  it('ties the route the request took to its VirtualService and the clusters to the DestinationRule', async () => {
    const config = await productpageConfig();
    const objects = await readConfigPaths([fixture('bookinfo', 'istio')]);
    const result = explain(config, parseRequest('GET http://reviews:9080/', []));
    const report = intentForExplain(objects, config, result);
    const reviews = verdictOf(report, 'VirtualService', 'reviews');
    assert.equal(reviews.applies, true);
    assert.equal(reviews.decisive, true);
    assert.ok(
      reviews.produced.some((p) => p.endsWith('/ reviews-canary')),
      reviews.produced.join(),
    );
    const dr = verdictOf(report, 'DestinationRule', 'reviews');
    assert.ok(dr.produced.includes('outbound|9080|v1|reviews.bookinfo.svc.cluster.local'));
  });

  it('not-programmed: an object that should apply but left nothing in the proxy config', async () => {
    const config = await productpageConfig();
    const objects = await readConfigPaths([fixture('bookinfo', 'istio')]);
    parseConfigText(
      'extra.yaml',
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: productpage-mesh, namespace: bookinfo}\nspec: {hosts: [productpage], http: [{route: [{destination: {host: productpage}}]}]}',
      objects,
    );
    const result = explain(config, parseRequest('GET http://productpage:9080/', []));
    const v = verdictOf(intentForExplain(objects, config, result), 'VirtualService', 'productpage-mesh');
    assert.equal(v.reason?.code, 'not-programmed');
  });

  it('gateway-only: the bookinfo VirtualService is bound to bookinfo-gateway, so the productpage sidecar never has it', async () => {
    const config = await productpageConfig();
    const objects = await readConfigPaths([fixture('bookinfo', 'istio')]);
    const result = explain(config, parseRequest('GET http://bookinfo.example.com/', []));
    const v = verdictOf(intentForExplain(objects, config, result), 'VirtualService', 'bookinfo');
    assert.equal(v.reason?.code, 'gateway-only');
  });
});

describe('intent for a whole proxy (the TUI Intent tab)', () => {
  it('judges every object of the demo from the productpage sidecar, at each host and port', async () => {
    const config = await productpageConfig();
    const objects = await readConfigPaths([fixture('bookinfo', 'istio')]);
    const report = intentForProxy(objects, config);
    const row = (kind: string, name: string) => report.verdicts.find((v) => v.kind === kind && v.name === name);
    assert.equal(row('Sidecar', 'default')?.applies, true);
    assert.equal(row('VirtualService', 'reviews')?.applies, true);
    assert.equal(row('VirtualService', 'bookinfo')?.reason?.code, 'gateway-only');
    assert.equal(row('DestinationRule', 'reviews')?.applies, true);
    // Each object once, Sidecar first and DestinationRules last.
    const keys = report.verdicts.map((v) => `${v.kind}/${v.namespace}/${v.name}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(report.verdicts[0]!.kind, 'Sidecar');
    assert.equal(report.verdicts.at(-1)!.kind, 'DestinationRule');
  });
});

describe('intent: Sidecar egress exclusions (Istio 1.30, release note 60139; sidecar.go excludePrefix)', () => {
  const sidecar = (hosts: string) =>
    `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: shop}\nspec: {egress: [{hosts: [${hosts}]}]}`;
  const svc = CART_SERVICE.replace('namespace: shop', 'namespace: backend');
  const other = vs('cart', '{hosts: [cart.backend.svc.cluster.local], http: [{route: [{destination: {host: cart.backend.svc.cluster.local}}]}]}').replace(
    'namespace: shop',
    'namespace: backend',
  );
  it('`*/*` with `~backend/*` imports everything but namespace backend', () => {
    const r = run([sidecar('"*/*", "~backend/*"'), svc, other], { ...SIDECAR, istioVersion: '1.30.0' }, 'cart.backend');
    assert.equal(verdictOf(r, 'VirtualService', 'cart').reason?.code, 'sidecar-scope');
  });
  it('`~/host` excludes the host from every namespace', () => {
    const r = run([sidecar('"*/*", "~/cart.backend.svc.cluster.local"'), svc, other], { ...SIDECAR, istioVersion: '1.30.1' }, 'cart.backend');
    assert.equal(verdictOf(r, 'VirtualService', 'cart').reason?.code, 'sidecar-scope');
  });
  it('before 1.30 a `~` entry is a namespace nothing lives in: it excludes nothing', () => {
    const r = run([sidecar('"*/*", "~backend/*"'), svc, other], { ...SIDECAR, istioVersion: '1.29.2' }, 'cart.backend');
    assert.equal(verdictOf(r, 'VirtualService', 'cart').applies, true);
  });
});

describe('intent: one hostname, several services (Istio 1.24 unified sidecar scoping, release note sidecar-scope-unit)', () => {
  const svc = (ns: string, ts: string) =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: ${ns}, creationTimestamp: "${ts}"}\nspec: {ports: [{name: http, port: 8080}]}`;
  const se = (ns: string, ts: string) =>
    `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: cart-se, namespace: ${ns}, creationTimestamp: "${ts}"}\nspec: {hosts: [cart.shop.svc.cluster.local], ports: [{number: 8080, name: tcp, protocol: TCP}]}`;
  it('from 1.24: the proxy namespace first, then a Kubernetes Service over a ServiceEntry', () => {
    // The ServiceEntry (TCP) in the proxy's namespace wins: http rules then do not apply (tcp-port).
    const r = run(
      [svc('shop', '2024-01-01T00:00:00Z'), se('web', '2023-01-01T00:00:00Z'), vs('cart', ROUTE_ALL)],
      { ...SIDECAR, namespace: 'web' },
      'cart.shop.svc.cluster.local',
    );
    assert.equal(verdictOf(r, 'VirtualService', 'cart').reason?.code, 'tcp-port');
    const same = run([svc('shop', '2024-01-01T00:00:00Z'), se('shop', '2023-01-01T00:00:00Z'), vs('cart', ROUTE_ALL)], SIDECAR, 'cart.shop.svc.cluster.local');
    // Both in the proxy's namespace: the Kubernetes Service (HTTP port) wins over the older ServiceEntry.
    assert.equal(verdictOf(same, 'VirtualService', 'cart').applies, true);
  });
  it('before 1.24 without a Sidecar: the Kubernetes Service first, wherever the proxy is', () => {
    const r = run(
      [svc('shop', '2024-01-01T00:00:00Z'), se('web', '2023-01-01T00:00:00Z'), vs('cart', ROUTE_ALL)],
      { ...SIDECAR, namespace: 'web', istioVersion: '1.22.0' },
      'cart.shop.svc.cluster.local',
    );
    assert.equal(verdictOf(r, 'VirtualService', 'cart').applies, true);
  });
});

describe('intent: a port without a protocol in its name (the demo api Service, port "web")', () => {
  it('says the port is sniffed, so http rules apply only to traffic detected as HTTP (ConvertProtocol → UnsupportedProtocol)', async () => {
    const config = await productpageConfig();
    const objects = await readConfigPaths([fixture('bookinfo', 'istio')]);
    const report = reconcileIntent({ objects, config, host: 'api', port: 8080 });
    assert.ok(
      report.caveats.some((c) => /port 8080 of api\.bookinfo\.svc\.cluster\.local is named "web".*sniffs it/.test(c)),
      report.caveats.join('\n'),
    );
  });
});
