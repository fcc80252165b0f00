import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Json } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explainInbound } from '../src/core/explain/inbound.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { fixture } from './helpers/paths.ts';

/**
 * The authorization stage of the inbound trace on the demo's details sidecar, whose RBAC filters
 * Istio's builder made from AuthorizationPolicy bookinfo/details-viewer (ALLOW GET from
 * sa/bookinfo-productpage; see fixtures/bookinfo/README.md and scripts/fixtures/bookinfo/security.ts):
 * the HTTP filter on the 9080 chain, and `rules: {}` (allow nothing) in the network filter of
 * the TCP passthrough chain, where the rule's HTTP-only `methods` cannot apply
 * (pilot/pkg/security/authz/builder testdata tcp/allow-only-http-out.yaml).
 */
async function details(): Promise<ProxyConfig> {
  const file = fixture('bookinfo', 'details', 'config_dump.json');
  return loadProxyConfig([{ name: file, data: JSON.parse(await readFile(file, 'utf8')) as Json }], file);
}

const PRODUCTPAGE = 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage';
const REVIEWS = 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews';

describe('inbound authorization (envoy.filters.http.rbac, network.rbac on the chain Envoy picked)', () => {
  it('GET from productpage: the ALLOW policy ns[bookinfo]-policy[details-viewer]-rule[0] matches, the request goes on to inbound|9080||', async () => {
    const r = explainInbound(await details(), parseRequest('GET http://details:9080/details/0'), { port: 9080, peer: 'mtls', principal: PRODUCTPAGE });
    assert.equal(r.outcome, 'route');
    assert.equal(r.cluster, 'inbound|9080||');
    assert.deepEqual(r.authorization, {
      allowed: true,
      status: null,
      policy: 'ns[bookinfo]-policy[details-viewer]-rule[0]',
      reason: 'the authorization filters allow it',
    });
    const step = r.steps.find((s) => s.stage === 'authorization');
    assert.match(step?.reason ?? '', /^policy ns\[bookinfo\]-policy\[details-viewer\]-rule\[0\] matches/);
  });

  it('POST from productpage: no ALLOW policy matches, 403 "RBAC: access denied" with rbac_access_denied_matched_policy[none] (rbac_filter.cc), before any route', async () => {
    const r = explainInbound(await details(), parseRequest('POST http://details:9080/details/0'), { port: 9080, peer: 'mtls', principal: PRODUCTPAGE });
    assert.equal(r.outcome, 'denied');
    assert.equal(r.status, 403);
    assert.equal(r.responseFlag, null);
    assert.equal(r.route, null);
    assert.equal(r.authorization?.allowed, false);
    assert.match(
      r.authorization?.reason ?? '',
      /tried AuthorizationPolicy bookinfo\/details-viewer\): "RBAC: access denied" \(rbac_access_denied_matched_policy\[none\]\)$/,
    );
    const deciding = r.steps.find((s) => s.deciding);
    assert.equal(deciding?.stage, 'authorization');
    assert.match(deciding?.reason ?? '', /header :method "POST", wanted exact "GET"/);
    assert.match(r.summary, /: 403 no ALLOW policy/);
  });

  it('GET from reviews: the principal does not match (authenticated principal_name), 403', async () => {
    const r = explainInbound(await details(), parseRequest('GET http://details:9080/details/0'), { port: 9080, peer: 'mtls', principal: REVIEWS });
    assert.equal(r.outcome, 'denied');
    assert.equal(r.status, 403);
  });

  it('an mTLS peer without a known identity is evaluated as one without a principal, and says so', async () => {
    const r = explainInbound(await details(), parseRequest('GET http://details:9080/details/0'), { port: 9080, peer: 'mtls' });
    assert.equal(r.outcome, 'denied');
    assert.ok(r.caveats.some((c) => /the peer identity is not known \(--principal\)/.test(c.message)));
  });

  it("a TCP connection to a port no Service declares: the TCP passthrough chain's network RBAC (rules: {}) closes it; the client's sidecar logs 503 UC", async () => {
    // An Istio client's TCP connection offers istio-peer-exchange,istio (util.ALPNInMeshWithMxc).
    const r = explainInbound(await details(), parseRequest('GET http://details:7777/'), {
      port: 7777,
      peer: 'mtls',
      principal: PRODUCTPAGE,
      alpn: ['istio-peer-exchange', 'istio'],
    });
    assert.equal(r.filterChain, 'virtualInbound');
    assert.equal(r.outcome, 'denied');
    assert.equal(r.status, 503);
    assert.equal(r.responseFlag, 'UC');
    assert.match(r.authorization?.reason ?? '', /no ALLOW policy of envoy\.filters\.network\.rbac matches \(it has none: allow nothing\)/);
  });

  it('HTTP to a port no Service declares takes virtualInbound-catchall-http, whose HTTP RBAC is the same policy: GET allowed, POST 403', async () => {
    const config = await details();
    const get = explainInbound(config, parseRequest('GET http://details:7777/'), { port: 7777, peer: 'mtls', principal: PRODUCTPAGE });
    assert.equal(get.filterChain, 'virtualInbound-catchall-http');
    assert.equal(get.authorization?.allowed, true);
    const post = explainInbound(config, parseRequest('POST http://details:7777/'), { port: 7777, peer: 'mtls', principal: PRODUCTPAGE });
    assert.equal(post.outcome, 'denied');
    assert.equal(post.status, 403);
  });

  it('a chain without RBAC filters has no authorization stage (ratings)', async () => {
    const file = fixture('bookinfo', 'ratings', 'config_dump.json');
    const ratings = loadProxyConfig([{ name: file, data: JSON.parse(await readFile(file, 'utf8')) as Json }], file);
    const r = explainInbound(ratings, parseRequest('GET http://ratings:9080/ratings/0'), { port: 9080, peer: 'mtls', principal: REVIEWS });
    assert.equal(r.authorization, undefined);
    assert.ok(!r.steps.some((s) => s.stage === 'authorization'));
    assert.equal(r.outcome, 'route');
  });
});
