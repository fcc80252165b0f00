import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain } from '../src/core/explain/explain.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

/**
 * Route configs without listeners (istioctl `proxy-config routes POD -o json`) of gateways, from
 * Istio's own istioctl test data: each lists the gateway's dynamic route config beside two static,
 * unnamed `backend` route configs (the health and stats routes of the gateway's bootstrap, domain
 * `*`). Istio names a gateway's HTTP route config `http.<listener port>` (pilot/pkg/model
 * gateway.go gatewayRDSRouteName): the stock ingress gateway listens on the Service's targetPort
 * 8080 for port 80; a Gateway API gateway (k8s-gateway-…) listens on the port itself. The static
 * configs never take a request, whatever their domains.
 */
const routes = (name: string): string =>
  conformance('istioctl-configdump', 'istioctl', 'pkg', 'writer', 'envoy', 'configdump', 'testdata', 'routes', name, 'configdump.json');

describe("gateway route dumps from Istio's istioctl test data", { skip: needsConformance }, () => {
  it('istio-gateway-http-route-prefix: port 80 is route config http.8080, not a static backend config', async () => {
    const config = await readProxyConfig({ dump: routes('istio-gateway-http-route-prefix') });
    const r = explain(config, parseRequest('GET http://httpbin.example.com/get', []));
    assert.equal(r.routeConfig, 'http.8080');
    assert.equal(r.virtualHost, 'httpbin.example.com:80');
    assert.equal(r.cluster, 'outbound|8000||httpbin.default.svc.cluster.local');
    assert.ok(r.caveats.some((c) => /chosen by its name, filter chains were not checked/.test(c.message)));
  });

  it('k8s-gateway-http-route-path-prefix (and its 1.23 copy): a Gateway API gateway listens on 80 itself → http.80', async () => {
    for (const file of [routes('k8s-gateway-http-route-path-prefix'), conformance('istio-real', 'h04-1.23-routes-k8s-gateway-path-prefix.json')]) {
      const config = await readProxyConfig({ dump: file });
      const r = explain(config, parseRequest('GET http://httpbin.example.com/get/anything', []));
      assert.equal(r.routeConfig, 'http.80', file);
      assert.equal(r.outcome, 'route', file);
      // PathPrefix /get is path_separated_prefix: /getter is not under it.
      const miss = explain(config, parseRequest('GET http://httpbin.example.com/getter', []));
      assert.equal(miss.routeConfig, 'http.80', file);
      assert.equal(miss.outcome, 'no_route', file);
    }
  });

  it('empty-gateway: only the static backend configs → no route config for the port, said so', async () => {
    const config = await readProxyConfig({ dump: routes('empty-gateway') });
    const r = explain(config, parseRequest('GET http://httpbin.example.com/', []));
    assert.equal(r.routeConfig, null);
    assert.equal(r.destinations.length, 0);
    assert.match(r.steps[0]?.reason ?? '', /no route config is named for port 80 \(tried .*http\.80, http\.8080\)/);
  });
});
