import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Json } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import type { ExplainResult } from '../src/core/explain/result.ts';
import { addressOwners, pathProxy, proxyAddresses, proxyIdentity } from '../src/core/path/owners.ts';
import { tracePath } from '../src/core/path/path.ts';
import type { HopHandshake, PathSteps } from '../src/core/path/types.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { conformanceDir, fixture, needsConformance } from './helpers/paths.ts';

/**
 * The path's own sequencing (core/path/path.ts): which proxy owns the next address, where it
 * stops, and what it says. The per-hop semantics (inbound explain, the TLS handshake) are passed
 * in; here they are test doubles, so what is asserted is the sequencing around them. The real
 * steps are tested in path-demo.test.ts and their own suites.
 */

async function dump(folder: string, edit?: (dump: { configs: Record<string, Json>[] }) => void): Promise<ProxyConfig> {
  const file = fixture('bookinfo', folder, 'config_dump.json');
  const eps = fixture('bookinfo', folder, 'endpoints.json');
  const data = JSON.parse(await readFile(file, 'utf8')) as { configs: Record<string, Json>[] };
  if (edit) edit(data);
  const docs = [{ name: file, data: data as unknown as Json }];
  // An edited dump is read alone: the /clusters file would still report the old health.
  if (!edit) docs.push({ name: eps, data: JSON.parse(await readFile(eps, 'utf8')) as Json });
  return loadProxyConfig(docs, file);
}

/** Every EDS endpoint of the dump marked UNHEALTHY. */
function allUnhealthy(d: { configs: Record<string, Json>[] }): void {
  for (const section of d.configs)
    for (const entry of (section.dynamic_endpoint_configs ?? []) as { endpoint_config: { endpoints?: { lb_endpoints?: Record<string, Json>[] }[] } }[])
      for (const locality of entry.endpoint_config.endpoints ?? []) for (const ep of locality.lb_endpoints ?? []) ep.health_status = 'UNHEALTHY';
}

const GATEWAY = 'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system';
const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';

/** Test double: the inbound side as the outbound explain of the same proxy would see it, marked delivered by the path. */
function doubles(
  handshake: HopHandshake = { established: true, reason: 'double', istio: null, status: null, responseFlag: null },
): PathSteps & { calls: string[] } {
  const calls: string[] = [];
  let last: ExplainResult | undefined;
  return {
    calls,
    inbound: (config, request, options) => {
      calls.push(`inbound ${config.source.split('/').at(-2)} port ${options.port} peer ${options.peer} ${options.principal ?? '-'}`);
      last = explain(config, request);
      return last;
    },
    handshake: (client, server) => {
      calls.push(`handshake ${client.cluster} → port ${server.port} (${client.peer}, ${server.trace === last ? 'with the inbound trace' : 'another trace'})`);
      return handshake;
    },
  };
}

describe('path: who owns an address (INSTANCE_IPS, pkg/bootstrap/config.go; the node id, pilot/pkg/model/context.go)', () => {
  it('reads the pod IPs and the SPIFFE identity from the node metadata', async () => {
    const pp = await dump('productpage');
    assert.deepEqual(proxyAddresses(pp), ['10.244.1.12']);
    assert.equal(proxyIdentity(pp), 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage');
    const owners = addressOwners([pathProxy(PRODUCTPAGE, pp), pathProxy(GATEWAY, await dump('ingressgateway'))]);
    assert.deepEqual(
      owners.get('10.244.1.12')?.map((p) => p.name),
      [PRODUCTPAGE],
    );
    assert.deepEqual(
      owners.get('10.244.2.5')?.map((p) => p.name),
      [GATEWAY],
    );
  });
});

describe('path: sequencing hops', () => {
  it('gateway → productpage: the endpoint 10.244.1.12 is the productpage proxy, whose inbound side is asked with the gateway identity over mTLS', async () => {
    const steps = doubles();
    const proxies = [pathProxy(GATEWAY, await dump('ingressgateway')), pathProxy(PRODUCTPAGE, await dump('productpage'))];
    const path = tracePath(proxies, GATEWAY, parseRequest('GET http://bookinfo.example.com/productpage'), steps);
    assert.equal(path.hops.length, 2);
    assert.equal(path.hops[0]!.direction, 'gateway');
    assert.equal(path.hops[0]!.outcome, 'forwarded');
    assert.equal(path.hops[0]!.endpoint, '10.244.1.12:9080');
    assert.equal(path.hops[1]!.proxy, PRODUCTPAGE);
    assert.equal(path.hops[1]!.direction, 'inbound');
    assert.equal(path.hops[1]!.tls?.peer, 'mtls');
    // The inbound side first: the handshake pairs the client's socket with the chain it selected.
    assert.deepEqual(steps.calls, [
      'inbound productpage port 9080 peer mtls spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
      'handshake outbound|9080||productpage.bookinfo.svc.cluster.local → port 9080 (mtls, with the inbound trace)',
    ]);
  });

  it('stops, and says so, where the snapshot holds no proxy at the endpoint address', async () => {
    const proxies = [pathProxy(PRODUCTPAGE, await dump('productpage'))];
    const path = tracePath(proxies, PRODUCTPAGE, parseRequest('GET http://details:9080/details/0'), doubles());
    assert.equal(path.outcome, 'incomplete');
    assert.equal(path.hops.length, 1);
    assert.equal(path.hops[0]!.outcome, 'stopped');
    assert.match(path.stoppedBecause ?? '', /^the snapshot holds no proxy at 10\.244\.\d\.\d+ \(details-v1/);
    assert.match(path.summary, /followed 1 hop; the snapshot holds no proxy at/);
  });

  it('refuses to guess when two proxies claim the same address', async () => {
    const pp = await dump('productpage');
    const proxies = [pathProxy(GATEWAY, await dump('ingressgateway')), pathProxy(PRODUCTPAGE, pp), pathProxy('productpage-copy.bookinfo', pp)];
    const path = tracePath(proxies, GATEWAY, parseRequest('GET http://bookinfo.example.com/productpage'), doubles());
    assert.equal(path.outcome, 'incomplete');
    assert.match(
      path.stoppedBecause ?? '',
      /10\.244\.1\.12 is claimed by 2 proxies of the snapshot \(productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo, productpage-copy\.bookinfo\)/,
    );
  });

  it('a handshake that fails ends the path at the server hop with what the client sees', async () => {
    const failing: HopHandshake = { established: false, reason: 'no chain takes plaintext', istio: null, status: 503, responseFlag: 'UC' };
    const proxies = [pathProxy(GATEWAY, await dump('ingressgateway')), pathProxy(PRODUCTPAGE, await dump('productpage'))];
    const path = tracePath(proxies, GATEWAY, parseRequest('GET http://bookinfo.example.com/productpage'), doubles(failing));
    assert.equal(path.outcome, 'failed');
    assert.equal(path.failedAt, 1);
    assert.equal(path.hops.length, 2);
    assert.equal(path.hops[1]!.status, 503);
    assert.equal(path.hops[1]!.responseFlag, 'UC');
    assert.match(path.summary, /^fails at hop 2 \(productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo, inbound\) with 503 UC: the connection from istio-ingressgateway/);
  });

  it('a request to a host the proxy does not know leaves through PassthroughCluster (ORIGINAL_DST): the path says it does not follow it', async () => {
    const proxies = [pathProxy(PRODUCTPAGE, await dump('productpage'))];
    const path = tracePath(proxies, PRODUCTPAGE, parseRequest('GET http://nowhere.example:9080/'), doubles());
    assert.equal(path.hops[0]!.cluster, 'PassthroughCluster');
    assert.equal(path.hops[0]!.outcome, 'stopped');
    assert.equal(path.outcome, 'incomplete');
    assert.match(path.stoppedBecause ?? '', /^PassthroughCluster is ORIGINAL_DST: the request goes to the address the client connected to/);
  });

  it('no healthy endpoint: below the panic threshold (Envoy default 50%) every host takes traffic, so the path goes on and says why', async () => {
    const config = await dump('productpage', allUnhealthy);
    const path = tracePath([pathProxy(PRODUCTPAGE, config)], PRODUCTPAGE, parseRequest('GET http://details:9080/details/0'), doubles());
    const cluster = path.hops[0]!.cluster!;
    assert.equal(cluster, 'outbound|9080|v1|details.bookinfo.svc.cluster.local');
    // The demo's details v1 cluster has `common_lb_config: {}`: Envoy's default threshold, 50%.
    assert.deepEqual(config.index.clusterByName.get(cluster)!.raw.common_lb_config, {});
    assert.equal(path.hops[0]!.outcome, 'stopped');
    assert.ok(
      path.hops[0]!.notes.some((n) => /^no endpoint is healthy: below the panic threshold \(50%\) Envoy sends to all 2 endpoints regardless of health/.test(n)),
    );
  });

  it('no healthy endpoint and healthy_panic_threshold 0 (Istio with outlier detection, minHealthPercent 0): 503 UH at hop 1', async () => {
    const config = await dump('productpage', (d) => {
      allUnhealthy(d);
      for (const section of d.configs)
        for (const entry of (section.dynamic_active_clusters ?? []) as { cluster: Record<string, Json> }[])
          entry.cluster.common_lb_config = { healthy_panic_threshold: {} };
    });
    const path = tracePath([pathProxy(PRODUCTPAGE, config)], PRODUCTPAGE, parseRequest('GET http://details:9080/details/0'), doubles());
    assert.equal(path.failedAt, 0);
    assert.equal(path.hops[0]!.status, 503);
    assert.equal(path.hops[0]!.responseFlag, 'UH');
    assert.match(path.hops[0]!.reason, /panic mode is off/);
  });

  it('an unknown --from is said plainly', () => {
    const path = tracePath([], 'nobody.nowhere', parseRequest('GET http://a/'), doubles());
    assert.equal(path.hops.length, 0);
    assert.equal(path.stoppedBecause, 'the snapshot holds no proxy nobody.nowhere');
  });

  it('a real Istio 1.22.3 gateway dump without EDS (istio-real u08) and its app1 sidecar (u07): the path stops at hop 1 and says the dump has no endpoints', {
    skip: needsConformance,
  }, async () => {
    const read = async (name: string) => {
      const file = `${conformanceDir}/istio-real/${name}`;
      return loadProxyConfig([{ name: file, data: JSON.parse(await readFile(file, 'utf8')) as Json }], file);
    };
    const gw = pathProxy('istio-ingressgateway-666cd48bd9-6v6cj.istio-system', await read('u08-mplb-1.22.3-ingressgateway.json'));
    const app = pathProxy('app1-0.default', await read('u07-mplb-1.22.3-app1-sidecar.json'));
    assert.deepEqual(gw.addresses, ['172.24.88.175']);
    assert.deepEqual(app.addresses, ['172.24.32.19']);
    const path = tracePath([gw, app], gw.name, parseRequest('GET http://app1.mplb.com/'), doubles());
    assert.equal(path.hops.length, 1);
    assert.equal(path.hops[0]!.direction, 'gateway');
    assert.match(path.hops[0]!.cluster ?? '', /^outbound\|\d+\|\|app1\./);
    assert.match(path.stoppedBecause ?? '', /holds no endpoints for outbound\|\d+\|\|app1\.[^ ]+ \(no EDS section or \/clusters data for it\)/);
  });
});
