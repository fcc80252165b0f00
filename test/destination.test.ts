import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain } from '../src/core/explain/explain.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { productpageConfig } from './helpers/bookinfo-config.ts';
import { fixture } from './helpers/paths.ts';

/**
 * Where the client's connection goes. The application resolves the name with DNS through the
 * pod's search path (`<ns>.svc.<domain>`, `svc.<domain>`, `<domain>`, ndots 5) and connects to the
 * service's ClusterIP; the sidecar sees only that address. The bookinfo dump names each service's
 * ClusterIP among its virtual host's domains (Istio's generateVirtualHostDomains adds the VIP).
 */
describe('the destination address, as the client resolves it', () => {
  it('follows the search path from a short name to the service and its ClusterIP', async () => {
    const config = await productpageConfig();
    for (const host of ['reviews', 'reviews.bookinfo', 'reviews.bookinfo.svc', 'reviews.bookinfo.svc.cluster.local']) {
      const r = explain(config, parseRequest(`GET http://${host}:9080/`, []));
      assert.equal(r.connection?.service, 'reviews.bookinfo.svc.cluster.local', host);
      assert.equal(r.connection?.destinationIp, '10.96.61.148', host);
      assert.match(r.connection?.how ?? '', /10\.96\.61\.148 \(virtual host reviews\.bookinfo\.svc\.cluster\.local:9080 lists it\)/, host);
    }
  });

  it('says a host the proxy does not know is unknown, with the reasons it may be hidden', async () => {
    const r = explain(await productpageConfig(), parseRequest('GET http://payments.shop:8080/', []));
    assert.equal(r.connection?.service, null);
    assert.match(r.connection?.how ?? '', /payments\.shop is not known to this proxy.*Sidecar's egress hosts or the service's exportTo/);
    assert.ok(r.caveats.some((c) => /not known to this proxy/.test(c.message)));
  });

  it('takes --ip as given, before anything the dump says', async () => {
    const r = explain(await productpageConfig(), parseRequest('GET http://reviews:9080/', [], { ip: '10.96.0.99' }));
    assert.equal(r.connection?.destinationIp, '10.96.0.99');
    assert.match(r.connection?.how ?? '', /\(--ip\)/);
  });

  it('on a gateway, the client connects to the gateway itself (no VIP to resolve)', async () => {
    const config = await readProxyConfig({ dump: fixture('bookinfo', 'ingressgateway', 'config_dump.json') });
    const r = explain(config, parseRequest('GET http://bookinfo.example.com/productpage', []));
    assert.equal(r.connection?.destinationIp, null);
    assert.match(r.connection?.how ?? '', /connects to the gateway itself/);
    assert.ok(!r.caveats.some((c) => /not known/.test(c.message)));
  });
});
