import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { ConfigSet } from '../src/core/config/objects.ts';
import { parseConfigText } from '../src/core/config/read-objects.ts';
import { explain } from '../src/core/explain/explain.ts';
import { intentForExplain, proxyIdentityOfPod, reconcileIntent } from '../src/core/intent/reconcile.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

/**
 * Intent against istioctl's own describe scenarios (istio/istio istioctl/pkg/describe/describe_test.go,
 * TestDescribe; restated as manifests and expected output in the corpus's describe-cases.yaml):
 * `istioctl x describe service productpage` warns "POD DOES NOT MATCH ANY SUBSETS (Non matching
 * subsets v1)" for the DestinationRule, lists the VirtualService whose routes the dump carries
 * (TestGetIstioVirtualServicePathForSvcFromRoute: `.../virtual-service/bookinfo`), and in case D
 * says the service is exposed on the ingress gateway through Gateway fake-gw.
 */
const CASES = conformance('istioctl-configdump', 'describe-cases.yaml');
const HTTP_CONFIG = conformance('istioctl-configdump', 'istioctl', 'pkg', 'describe', 'testdata', 'describe', 'http_config.json');

interface Case {
  id: string;
  extra_manifests?: Record<string, unknown>[];
  destinationrule_traffic_policy?: Record<string, unknown>;
  virtualservice_hosts_override?: string[];
  expected_output_lines: string[];
}

function objectsFor(c: Case): ConfigSet {
  const doc = parse(readFileSync(CASES, 'utf8')) as { common: { manifests: Record<string, unknown>[] } };
  const items = structuredClone([...doc.common.manifests, ...(c.extra_manifests ?? [])]) as { kind: string; spec: Record<string, unknown> }[];
  for (const item of items) {
    if (item.kind === 'DestinationRule' && c.destinationrule_traffic_policy) item.spec.trafficPolicy = c.destinationrule_traffic_policy;
    if (item.kind === 'VirtualService' && c.virtualservice_hosts_override) item.spec.hosts = c.virtualservice_hosts_override;
  }
  return parseConfigText(`describe case ${c.id}`, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
}

function cases(): Case[] {
  return (parse(readFileSync(CASES, 'utf8')) as { cases: Case[] }).cases;
}

describe('intent against istioctl x describe (describe_test.go TestDescribe)', { skip: needsConformance }, () => {
  it('each case: the DestinationRule applies, and its subset v1 matches no pod — the pod matches no subset, as describe warns', async () => {
    const config = await readProxyConfig({ dump: HTTP_CONFIG });
    for (const c of cases()) {
      const objects = objectsFor(c);
      const pod = objects.objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'productpage-v1-1234567890')!;
      const report = reconcileIntent({ objects, config, proxy: proxyIdentityOfPod(pod), host: 'productpage', port: 9080 });
      const dr = report.verdicts.find((v) => v.kind === 'DestinationRule' && v.name === 'productpage');
      assert.ok(dr, `case ${c.id}: no DestinationRule verdict`);
      const warns = c.expected_output_lines.some((l) => l.includes('WARNING POD DOES NOT MATCH ANY SUBSETS.  (Non matching subsets v1)'));
      assert.equal(warns, true, `case ${c.id}: the corpus expects the warning`);
      const codes = dr.notes.map((n) => n.code);
      assert.ok(codes.includes('pod-matches-no-subset'), `case ${c.id}: ${JSON.stringify(dr.notes)}`);
      assert.match(dr.notes.find((n) => n.code === 'pod-matches-no-subset')!.message, /productpage-v1-1234567890/);
      assert.match(dr.notes.find((n) => n.code === 'subset-no-pods')!.message, /^subset v1 \(version=v1\) selects none of the 1 pods/);
    }
  });

  it('the route a request takes names VirtualService default/bookinfo (TestGetIstioVirtualServicePathForSvcFromRoute)', async () => {
    const config = await readProxyConfig({ dump: HTTP_CONFIG });
    const c = cases().find((x) => x.id === 'D')!;
    const objects = objectsFor(c);
    const gatewayPod = objects.objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'ingress' && o.metadata.namespace === 'default')!;
    const result = explain(config, parseRequest('GET http://productpage.default.svc.cluster.local:9080/prefix', []));
    const report = intentForExplain(objects, config, result);
    // The dump has no node metadata: the verdicts need the proxy's identity, and say so without it.
    assert.ok(report.caveats.some((x) => /node metadata/.test(x)));
    // Through the gateway pod of case D (labels istio=ingressgateway): Gateway fake-gw serves
    // productpage.exapple.com on port 80, and the VirtualService bound to it applies there —
    // describe's "Exposed on Ingress Gateway … VirtualService: bookinfo".
    assert.ok(c.expected_output_lines.includes('Exposed on Ingress Gateway http://2.2.2.2'));
    const viaGateway = reconcileIntent({ objects, config, proxy: proxyIdentityOfPod(gatewayPod), host: 'productpage.exapple.com', port: 80 });
    const gw = viaGateway.verdicts.find((v) => v.kind === 'Gateway' && v.name === 'fake-gw')!;
    assert.equal(gw.applies, true, JSON.stringify(gw));
    const vs = viaGateway.verdicts.find((v) => v.kind === 'VirtualService' && v.name === 'bookinfo')!;
    assert.equal(vs.applies, true, JSON.stringify(vs));
    assert.ok(vs.produced.length > 0, 'the dump carries routes of default/bookinfo');
    // From the productpage sidecar the same VirtualService is bound to fake-gw only.
    const pod = objects.objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'productpage-v1-1234567890')!;
    const fromSidecar = reconcileIntent({ objects, config, proxy: proxyIdentityOfPod(pod), host: 'productpage', port: 9080 });
    assert.equal(fromSidecar.verdicts.find((v) => v.name === 'bookinfo')?.reason?.code, 'gateway-only');
  });
});

describe('intent with a real Gateway API dump (istio-real h04, Istio 1.23 k8s-gateway-http-route-path-prefix)', { skip: needsConformance }, () => {
  it('an attached HTTPRoute names the Envoy routes generated from it; a route on a missing Gateway is not-attached', async () => {
    const config = await readProxyConfig({ dump: conformance('istio-real', 'h04-1.23-routes-k8s-gateway-path-prefix.json') });
    // The upstream test's objects restated: Gateway default/gateway and HTTPRoute default/http for httpbin.example.com.
    const objects = parseConfigText(
      'gateway-api.yaml',
      [
        'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gateway, namespace: default}\nspec: {gatewayClassName: istio, listeners: [{name: default, hostname: "*.example.com", port: 80, protocol: HTTP}]}',
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: http, namespace: default}\nspec: {parentRefs: [{name: gateway}], hostnames: [httpbin.example.com], rules: [{matches: [{path: {type: PathPrefix, value: /get}}], backendRefs: [{name: httpbin, port: 80}]}]}',
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: orphan, namespace: default}\nspec: {parentRefs: [{name: other-gw}], hostnames: [httpbin.example.com], rules: [{backendRefs: [{name: httpbin, port: 80}]}]}',
      ].join('\n---\n'),
    );
    const gateway = {
      namespace: 'default',
      labels: { 'gateway.networking.k8s.io/gateway-name': 'gateway' },
      type: 'router',
      podName: undefined,
      istioVersion: '1.23.0',
    };
    const report = reconcileIntent({ objects, config, proxy: gateway, host: 'httpbin.example.com', port: 80 });
    const http = report.verdicts.find((v) => v.name === 'http')!;
    assert.equal(http.applies, true);
    assert.deepEqual(http.produced, ['http.80 / httpbin.example.com:80 / default.http.0']);
    assert.equal(report.verdicts.find((v) => v.name === 'orphan')?.reason?.code, 'not-attached');
  });
});
