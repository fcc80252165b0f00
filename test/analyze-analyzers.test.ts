import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goQuote, goSprintf } from '../src/core/analyze/go-format.ts';
import { meshSettingsFromText } from '../src/core/analyze/mesh-config.ts';
import { analyzeRaw, runAnalyzers, sortedDeduped } from '../src/core/analyze/runner.ts';
import { parseConfigText } from '../src/core/config/read-objects.ts';

/**
 * One small positive and one negative case per analyzer, each restating the rule of the named
 * upstream file (istio/istio pkg/config/analysis/analyzers/…). `(code origin)` pairs are compared.
 */
function run(analyzer: string, yaml: string, mesh?: string): string[] {
  const set = parseConfigText('inline.yaml', yaml);
  const settings = mesh === undefined ? undefined : meshSettingsFromText(mesh);
  if (settings !== undefined && 'error' in settings) throw new Error(settings.error);
  return analyzeRaw(set, { analyzer, mesh: settings })
    .map((m) => `${m.code} ${m.origin}`)
    .sort();
}

const svc = (name: string, ns: string, ports = '[{name: http, port: 9080}]', extra = '') =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}${extra}}\nspec: {selector: {app: ${name}}, ports: ${ports}}\n---\n`;
const vs = (name: string, ns: string, spec: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}\n---\n`;
const dr = (name: string, ns: string, spec: string) =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}\n---\n`;
const pod = (name: string, ns: string, labels: string, spec = '{}') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}\nspec: ${spec}\n---\n`;
const gw = (name: string, ns: string, spec: string) =>
  `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}\n---\n`;
const se = (name: string, ns: string, spec: string, status = '') =>
  `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}\n${status}---\n`;
const sidecar = (name: string, ns: string, spec: string) =>
  `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}\n---\n`;

describe('virtualservice.DestinationHostAnalyzer (virtualservice/destinationhosts.go)', () => {
  const name = 'virtualservice.DestinationHostAnalyzer';
  it('a short host resolves in the VirtualService namespace; a missing one is IST0101', () => {
    const yaml = svc('reviews', 'bookinfo') + vs('ok', 'bookinfo', '{hosts: [reviews], http: [{route: [{destination: {host: reviews}}]}]}');
    assert.deepEqual(run(name, yaml), []);
    assert.deepEqual(run(name, `${yaml}${vs('bad', 'bookinfo', '{hosts: [x], http: [{route: [{destination: {host: ratings}}]}]}')}`), [
      'IST0101 VirtualService bookinfo/bad',
    ]);
  });
  it('a service with several ports needs a destination port (IST0112); a port it lacks is IST0101', () => {
    const yaml = svc('r', 'ns', '[{name: http, port: 80}, {name: grpc, port: 90}]');
    assert.deepEqual(run(name, yaml + vs('noport', 'ns', '{hosts: [r], http: [{route: [{destination: {host: r}}]}]}')), ['IST0112 VirtualService ns/noport']);
    assert.deepEqual(run(name, yaml + vs('wrong', 'ns', '{hosts: [r], http: [{route: [{destination: {host: r, port: {number: 91}}}]}]}')), [
      'IST0101 VirtualService ns/wrong',
    ]);
    assert.deepEqual(run(name, yaml + vs('right', 'ns', '{hosts: [r], http: [{route: [{destination: {host: r, port: {number: 90}}}]}]}')), []);
  });
  it('a Service exported to its own namespace only is not visible from another', () => {
    const yaml =
      svc('r', 'a', undefined, ', annotations: {networking.istio.io/exportTo: "."}') +
      vs('v', 'b', '{hosts: [x], http: [{route: [{destination: {host: r.a.svc.cluster.local}}]}]}');
    assert.deepEqual(run(name, yaml), ['IST0101 VirtualService b/v']);
  });
});

describe('virtualservice.DestinationRuleAnalyzer (virtualservice/destinationrules.go)', () => {
  const name = 'virtualservice.DestinationRuleAnalyzer';
  it('a subset must be defined by a DestinationRule for the same host; short and long names meet', () => {
    const rule = dr('r', 'ns', '{host: r.ns.svc.cluster.local, subsets: [{name: v1, labels: {version: v1}}]}');
    assert.deepEqual(run(name, rule + vs('v', 'ns', '{hosts: [r], http: [{route: [{destination: {host: r, subset: v1}}]}]}')), []);
    assert.deepEqual(run(name, rule + vs('v', 'ns', '{hosts: [r], http: [{mirror: {host: r, subset: v2}, route: [{destination: {host: r}}]}]}')), [
      'IST0101 VirtualService ns/v',
    ]);
  });
});

describe('virtualservice.GatewayAnalyzer (virtualservice/gateways.go)', () => {
  const name = 'virtualservice.GatewayAnalyzer';
  it('a missing gateway is IST0101 and IST0132; a host the gateway does not serve is IST0132', () => {
    const g = gw('gw', 'ns', '{selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["./a.example.com"]}]}');
    assert.deepEqual(run(name, g + vs('v', 'ns', '{hosts: [a.example.com], gateways: [gw], http: [{route: [{destination: {host: a}}]}]}')), []);
    assert.deepEqual(run(name, g + vs('v', 'ns', '{hosts: [b.example.com], gateways: [gw], http: [{route: [{destination: {host: a}}]}]}')), [
      'IST0132 VirtualService ns/v',
    ]);
    assert.deepEqual(run(name, vs('v', 'ns', '{hosts: [a.example.com], gateways: [other/gw], http: [{route: [{destination: {host: a}}]}]}')), [
      'IST0101 VirtualService ns/v',
      'IST0132 VirtualService ns/v',
    ]);
  });
  it('a reference to a gateway generated from the Gateway API is IST0165', () => {
    assert.deepEqual(run(name, vs('v', 'ns', '{hosts: [a], gateways: [ns/gw-istio-autogenerated-k8s-gateway-http]}')), [
      'IST0101 VirtualService ns/v',
      'IST0132 VirtualService ns/v',
    ]);
    assert.deepEqual(run(name, vs('v', 'ns', '{hosts: [a], gateways: [ns/gw~istio-autogenerated-k8s-gateway~http]}')), ['IST0165 VirtualService ns/v']);
  });
});

describe('virtualservice.ConflictingMeshGatewayHostsAnalyzer (virtualservice/conflictingmeshgatewayhosts.go)', () => {
  const name = 'virtualservice.ConflictingMeshGatewayHostsAnalyzer';
  it('two mesh VirtualServices for one host are each IST0109; exportTo to different namespaces does not conflict', () => {
    const spec = '{hosts: [r.ns.svc.cluster.local], http: [{route: [{destination: {host: r}}]}]}';
    assert.deepEqual(run(name, vs('a', 'ns', spec) + vs('b', 'other', spec)), ['IST0109 VirtualService ns/a', 'IST0109 VirtualService other/b']);
    const local = (n: string, ns: string) => vs(n, ns, '{hosts: [r.ns.svc.cluster.local], exportTo: ["."], http: [{route: [{destination: {host: r}}]}]}');
    assert.deepEqual(run(name, local('a', 'ns') + local('b', 'other')), []);
  });
});

describe('destinationrule.SubsetSelectPodAnalyzer (destinationrule/subset.go)', () => {
  const name = 'destinationrule.SubsetSelectPodAnalyzer';
  it('a subset selecting no pod is IST0173; an unknown host is IST0174', () => {
    const yaml = svc('r', 'ns') + pod('r-1', 'ns', '{app: r, version: v1}');
    assert.deepEqual(run(name, yaml + dr('d', 'ns', '{host: r, subsets: [{name: v1, labels: {version: v1}}]}')), []);
    assert.deepEqual(run(name, yaml + dr('d', 'ns', '{host: r, subsets: [{name: v2, labels: {version: v2}}]}')), ['IST0173 DestinationRule ns/d']);
    assert.deepEqual(run(name, yaml + dr('d', 'ns', '{host: nothere}')), ['IST0174 DestinationRule ns/d']);
  });
  it("subset labels may name the node's topology labels, which the pod inherits (AugmentLabels)", () => {
    const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: n1, labels: {topology.kubernetes.io/region: eu, topology.kubernetes.io/zone: eu-1}}\n---\n';
    const yaml = svc('r', 'ns') + node + pod('r-1', 'ns', '{app: r}', '{nodeName: n1}');
    assert.deepEqual(run(name, yaml + dr('d', 'ns', '{host: r, subsets: [{name: z, labels: {topology.kubernetes.io/zone: eu-1}}]}')), []);
    assert.deepEqual(run(name, yaml + dr('d', 'ns', '{host: r, subsets: [{name: z, labels: {topology.kubernetes.io/zone: eu-2}}]}')), [
      'IST0173 DestinationRule ns/d',
    ]);
  });
});

describe('destinationrule.CaCertificateAnalyzer (destinationrule/ca-certificates.go)', () => {
  const name = 'destinationrule.CaCertificateAnalyzer';
  it('SIMPLE without caCertificates is IST0128 (destination) / IST0129 (port); with them, nothing', () => {
    assert.deepEqual(run(name, dr('d', 'ns', '{host: db, trafficPolicy: {tls: {mode: SIMPLE}}}')), ['IST0128 DestinationRule ns/d']);
    assert.deepEqual(run(name, dr('d', 'ns', '{host: db, trafficPolicy: {portLevelSettings: [{port: {number: 443}, tls: {mode: MUTUAL}}]}}')), [
      'IST0129 DestinationRule ns/d',
    ]);
    assert.deepEqual(run(name, dr('d', 'ns', '{host: db, trafficPolicy: {tls: {mode: SIMPLE, caCertificates: /ca.pem}}}')), []);
    assert.deepEqual(
      run(name, dr('d', 'ns', '{host: db, workloadSelector: {matchLabels: {a: b}}, trafficPolicy: {tls: {mode: SIMPLE, credentialName: c}}}')),
      [],
    );
  });
});

describe('service.PortNameAnalyzer (service/portname.go)', () => {
  const name = 'service.PortNameAnalyzer';
  it('a port name without a protocol is IST0118; http-foo and a control-plane Service are fine', () => {
    assert.deepEqual(run(name, svc('s', 'ns', '[{name: foo, port: 8080}]')), ['IST0118 Service ns/s']);
    assert.deepEqual(run(name, svc('s', 'ns', '[{name: http-foo, port: 8080}]')), []);
    assert.deepEqual(run(name, svc('s', 'ns', '[{name: foo, port: 8080}]', ', labels: {istio: pilot}')), []);
    assert.deepEqual(run(name, svc('s', 'kube-system', '[{name: foo, port: 8080}]')), [], 'system namespaces are not read');
  });
  it('an ExternalName Service with a tcp port is IST0150', () => {
    const ext =
      'apiVersion: v1\nkind: Service\nmetadata: {name: e, namespace: ns}\nspec: {type: ExternalName, externalName: x.example.com, ports: [{name: tcp, port: 80}]}\n';
    assert.deepEqual(run(name, ext), ['IST0150 Service ns/e']);
  });
});

describe('sidecar.SelectorAnalyzer (sidecar/selector.go)', () => {
  const name = 'sidecar.SelectorAnalyzer';
  it('a selector matching no pod is IST0101; two Sidecars on one pod are IST0110; two namespace-wide ones IST0111', () => {
    const p = pod('p', 'ns', '{app: a}');
    assert.deepEqual(run(name, p + sidecar('s', 'ns', '{workloadSelector: {labels: {app: a}}}')), []);
    assert.deepEqual(run(name, p + sidecar('s', 'ns', '{workloadSelector: {labels: {app: b}}}')), ['IST0101 Sidecar ns/s']);
    assert.deepEqual(
      run(name, p + sidecar('s1', 'ns', '{workloadSelector: {labels: {app: a}}}') + sidecar('s2', 'ns', '{workloadSelector: {labels: {app: a}}}')),
      ['IST0110 Sidecar ns/s1', 'IST0110 Sidecar ns/s2'],
    );
    assert.deepEqual(run(name, sidecar('s1', 'ns', '{}') + sidecar('s2', 'ns', '{}')), ['IST0111 Sidecar ns/s1', 'IST0111 Sidecar ns/s2']);
  });
});

describe('serviceentry.Analyzer (serviceentry/protocoladdresses.go)', () => {
  const name = 'serviceentry.Analyzer';
  const entry = se('e', 'ns', '{hosts: [db.example.com], ports: [{number: 5432, name: pg, protocol: TCP}], resolution: DNS}');
  it('a TCP port without addresses is IST0134, unless DNS capture and auto-allocation are on', () => {
    assert.deepEqual(run(name, entry), ['IST0134 ServiceEntry ns/e']);
    assert.deepEqual(run(name, entry, 'defaultConfig: {proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true", ISTIO_META_DNS_AUTO_ALLOCATE: "true"}}'), []);
    assert.deepEqual(run(name, entry, 'defaultConfig: {proxyMetadata: {ISTIO_META_DNS_AUTO_ALLOCATE: "true"}}'), ['IST0134 ServiceEntry ns/e']);
    assert.deepEqual(run(name, se('e', 'ns', '{hosts: [a.example.com], ports: [{number: 80, name: http, protocol: HTTP}]}')), []);
  });
});

describe('serviceentry.ConflictingServiceEntryProtocolAnalyzer (serviceentry/conflictingserviceentries.go)', () => {
  const name = 'serviceentry.ConflictingServiceEntryProtocolAnalyzer';
  it('one host and port with two protocols is IST0177 for each entry; the same protocol is fine', () => {
    const a = se('a', 'ns', '{hosts: [x.example.com], ports: [{number: 443, name: h, protocol: HTTPS}]}');
    assert.deepEqual(run(name, a + se('b', 'ns', '{hosts: [x.example.com], ports: [{number: 443, name: t, protocol: TLS}]}')), [
      'IST0177 ServiceEntry ns/a',
      'IST0177 ServiceEntry ns/b',
    ]);
    assert.deepEqual(run(name, a + se('b', 'ns', '{hosts: [x.example.com], ports: [{number: 443, name: t, protocol: https}]}')), []);
  });
});

describe('gateway.IngressGatewayPortAnalyzer (gateway/gateway.go)', () => {
  const name = 'gateway.IngressGatewayPortAnalyzer';
  it('the default ingress gateway (AddDefaultResources) serves 80 but not 8080 (IST0162); a selector with no pod is IST0101', () => {
    const server = (port: number) => `{selector: {istio: ingressgateway}, servers: [{port: {number: ${port}, name: http, protocol: HTTP}, hosts: ["*"]}]}`;
    assert.deepEqual(run(name, gw('g', 'ns', server(80))), []);
    assert.deepEqual(run(name, gw('g', 'ns', server(8080))), ['IST0162 Gateway ns/g']);
    assert.deepEqual(run(name, gw('g', 'ns', '{selector: {app: none}, servers: []}')), ['IST0101 Gateway ns/g']);
  });
});

describe('gateway.ConflictingGatewayAnalyzer (gateway/conflictinggateway.go)', () => {
  const name = 'gateway.ConflictingGatewayAnalyzer';
  it('two Gateways with one selector, port and host are each IST0145; different hosts are fine', () => {
    const g = (n: string, host: string) =>
      gw(n, 'ns', `{selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [${host}]}]}`);
    assert.deepEqual(run(name, g('a', 'x.example.com') + g('b', 'x.example.com')), ['IST0145 Gateway ns/a', 'IST0145 Gateway ns/b']);
    assert.deepEqual(run(name, g('a', 'x.example.com') + g('b', 'y.example.com')), []);
  });
});

describe('messages as istioctl builds them (diag/message.go, messages.yaml templates)', () => {
  it('fills the Go templates: %q is strconv.Quote, %v of a slice is [a b]', () => {
    assert.equal(goQuote('a"b\\c\n\u0001é\u200e'), '"a\\"b\\\\c\\n\\x01é\\u200e"');
    assert.equal(goSprintf('ports %v hosts %v %d%%', [[80, 443], ['a', 'b'], 5]), 'ports [80 443] hosts [a b] 5%');
  });
  it('the text, the origin without a namespace, the docs URL; sorted Error first and deduplicated', () => {
    const set = parseConfigText('x.yaml', vs('v', 'ns', '{hosts: [a], http: [{route: [{destination: {host: gone}}, {destination: {host: gone}}]}]}'));
    const raw = analyzeRaw(set, { analyzer: 'virtualservice.DestinationHostAnalyzer' });
    assert.equal(raw.length, 2);
    const [m, ...rest] = runAnalyzers(set, { analyzer: 'virtualservice.DestinationHostAnalyzer' });
    assert.equal(rest.length, 0, 'two equal lines print once (SortedDedupedCopy)');
    assert.equal(m!.message, 'Referenced host not found: "gone"');
    assert.equal(m!.documentationUrl, 'https://istio.io/v1.32/docs/reference/config/analysis/ist0101/?ref=istioctl-analyze');
    const noNs = parseConfigText('x.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{name: foo, port: 1}]}\n');
    assert.equal(runAnalyzers(noNs, { analyzer: 'service.PortNameAnalyzer' })[0]!.origin, 'Service s');
    assert.equal(runAnalyzers(noNs, { analyzer: 'service.PortNameAnalyzer', defaultNamespace: 'default' })[0]!.origin, 'Service default/s');
    const mixed = sortedDeduped([
      { code: 'IST0118', level: 'Info', message: 'i', origin: 'Service a/b', kind: 'Service', name: 'b', namespace: 'a' },
      { code: 'IST0101', level: 'Error', message: 'e', origin: 'VirtualService a/z', kind: 'VirtualService', name: 'z', namespace: 'a' },
    ]);
    assert.deepEqual(
      mixed.map((x) => x.level),
      ['Error', 'Info'],
    );
  });
});

describe('deprecation.DeprecationAnalyzer (deprecation/deprecation.go)', () => {
  const name = 'deprecation.DeprecationAnalyzer';
  it('fault.delay.percent and Sidecar egressProxy are IST0002; fault.delay.percentage is not', () => {
    assert.deepEqual(run(name, vs('v', 'ns', '{hosts: [a], http: [{fault: {delay: {percent: 10, fixedDelay: 1s}}, route: [{destination: {host: a}}]}]}')), [
      'IST0002 VirtualService ns/v',
    ]);
    assert.deepEqual(
      run(name, vs('v', 'ns', '{hosts: [a], http: [{fault: {delay: {percentage: {value: 10}, fixedDelay: 1s}}, route: [{destination: {host: a}}]}]}')),
      [],
    );
    assert.deepEqual(run(name, sidecar('s', 'ns', '{outboundTrafficPolicy: {mode: REGISTRY_ONLY, egressProxy: {host: egress}}}')), ['IST0002 Sidecar ns/s']);
  });
});

describe('conditions.ConditionAnalyzer (conditions/conditions.go)', () => {
  const name = 'conditions.ConditionAnalyzer';
  const route = (status: string) =>
    `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: ns}\nspec: {}\nstatus: {parents: [{parentRef: {name: g}, controllerName: istio.io/gateway-controller, conditions: [{type: Accepted, status: "${status}", reason: NotAllowedByListeners, message: m}]}]}\n`;
  it("an HTTPRoute parent's Accepted=False is IST0171; Accepted=True is not", () => {
    assert.deepEqual(run(name, route('False')), ['IST0171 HTTPRoute ns/r']);
    assert.deepEqual(run(name, route('True')), []);
  });
});

describe('k8sgateway.CRDVersionAnalyzer (k8sgateway/crdversion.go)', () => {
  const name = 'k8sgateway.CRDVersionAnalyzer';
  const crd = (version: string) =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: tcproutes.gateway.networking.k8s.io, annotations: {gateway.networking.k8s.io/bundle-version: ${version}}}\nspec: {group: gateway.networking.k8s.io}\n`;
  it('a bundle version below MinimumCRDVersions is IST0176; at or above it (pre-release ignored) is not', () => {
    assert.deepEqual(run(name, crd('v1.5.0')), ['IST0176 CustomResourceDefinition tcproutes.gateway.networking.k8s.io']);
    assert.deepEqual(run(name, crd('v1.6.0-rc.1')), []);
    assert.deepEqual(run(name, crd('not-a-version')), []);
  });
});

describe('virtualservice.JWTClaimRouteAnalyzer (virtualservice/jwtclaimroute.go)', () => {
  const name = 'virtualservice.JWTClaimRouteAnalyzer';
  const g = gw('gw', 'ns', '{selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}');
  const v = vs(
    'v',
    'ns',
    '{hosts: ["*"], gateways: [gw], http: [{match: [{headers: {"@request.auth.claims.group": {exact: admin}}}], route: [{destination: {host: a}}]}]}',
  );
  const ra =
    'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt, namespace: istio-system}\nspec: {selector: {matchLabels: {istio: ingressgateway}}, jwtRules: [{issuer: x}]}\n---\n';
  it('claim routing on a gateway whose pod no RequestAuthentication selects is IST0149', () => {
    assert.deepEqual(run(name, g + v), ['IST0149 VirtualService ns/v']);
    assert.deepEqual(run(name, g + v + ra), []);
  });
});

describe('schema.ValidationAnalyzer.VirtualService, rule reachability (validation.go analyzeUnreachableHTTPRules)', () => {
  const name = 'schema.ValidationAnalyzer.VirtualService';
  it('a repeated match is IST0131 and makes its rule IST0130; a covered prefix is IST0131; distinct matches are fine', () => {
    const dup = vs(
      'v',
      'ns',
      '{hosts: [a], http: [{match: [{uri: {exact: /a}}], route: [{destination: {host: a}}]}, {match: [{name: again, uri: {exact: /a}}], route: [{destination: {host: a}}]}]}',
    );
    assert.deepEqual(run(name, dup), ['IST0130 VirtualService ns/v', 'IST0131 VirtualService ns/v']);
    const cover = vs(
      'v',
      'ns',
      '{hosts: [a], http: [{match: [{uri: {prefix: /debug}}], route: [{destination: {host: a}}]}, {match: [{uri: {prefix: /debugs}}], route: [{destination: {host: a}}]}]}',
    );
    assert.deepEqual(run(name, cover), ['IST0131 VirtualService ns/v']);
    const distinct = vs(
      'v',
      'ns',
      '{hosts: [a], http: [{match: [{uri: {prefix: /b}}], route: [{destination: {host: a}}]}, {match: [{uri: {prefix: /a}}], route: [{destination: {host: a}}]}, {route: [{destination: {host: a}}]}]}',
    );
    assert.deepEqual(run(name, distinct), []);
    const afterCatchAll = vs('v', 'ns', '{hosts: [a], tcp: [{route: [{destination: {host: a}}]}, {route: [{destination: {host: a}}]}]}');
    assert.deepEqual(run(name, afterCatchAll), ['IST0130 VirtualService ns/v']);
  });
});
