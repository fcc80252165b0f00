import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { type AuthzRequest, evaluateRbac, rbacFiltersOf } from '../src/core/authz/rbac-evaluate.ts';
import type { Json } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { Listener } from '../src/core/envoy/types.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

/**
 * A real Istio 1.24 sidecar dump with an AuthorizationPolicy: istioctl's own test data
 * (istioctl/pkg/authz/testdata/configdump.yaml at 1.24.0, in ../shared/conformance/istio-real as
 * h01-1.24-authz-configdump.yaml; see its SOURCES.md). Its virtualInbound has HTTP chains with an
 * `envoy.filters.http.rbac` ALLOW filter (policy ns[default]-policy[httpbin]-rule[0]) and TCP chains
 * with an `envoy.filters.network.rbac` whose rules are `{}`.
 */

const FILE = 'h01-1.24-authz-configdump.yaml';

function virtualInbound(): Listener {
  const data = parse(readFileSync(conformance('istio-real', FILE), 'utf8')) as Json;
  const config = loadProxyConfig([{ name: FILE, data }], FILE);
  const listener = config.listeners.find((l) => l.name === 'virtualInbound');
  assert.ok(listener, 'virtualInbound is in the dump');
  return listener;
}

const REQUEST: AuthzRequest = {
  method: 'GET',
  path: '/info',
  headers: [],
  host: 'httpbin.default:8000',
  destinationIp: '10.244.0.10',
  destinationPort: 80,
  sourceIp: '10.244.0.11',
  principal: 'spiffe://cluster.local/ns/default/sa/sleep',
};

describe(`RBAC filters of a real dump (${FILE})`, { skip: needsConformance }, () => {
  it('every RBAC filter of every chain is read without a caveat', () => {
    const listener = virtualInbound();
    let count = 0;
    for (const chain of listener.filterChains) {
      for (const filter of rbacFiltersOf(chain)) {
        count++;
        assert.equal(filter.config.type, 'rbac');
        if (filter.config.type === 'rbac') assert.deepEqual(filter.config.caveats, [], `${chain.name} ${filter.name}`);
      }
    }
    // 2 HTTP catch-all chains + 2 port-80 HTTP chains (http_filters), 3 TCP chains (network filter).
    assert.equal(count, 7);
  });

  it('GET /info from sleep without a JWT: 403, no policy matched (each principal also needs request.auth.claims[iss])', () => {
    const chain = virtualInbound().filterChains.find((c) => c.name === 'virtualInbound-catchall-http' && c.match.transportProtocol === 'tls')!;
    const filters = rbacFiltersOf(chain);
    assert.deepEqual(
      filters.map((f) => [f.name, f.kind]),
      [['envoy.filters.http.rbac', 'http']],
    );
    const r = evaluateRbac(filters, REQUEST);
    assert.equal(r.allowed, false);
    assert.equal(r.status, 403);
    assert.equal(r.detail, 'rbac_access_denied_matched_policy[none]');
    const policy = r.steps[0]!.policies[0]!;
    assert.equal(policy.name, 'ns[default]-policy[httpbin]-rule[0]');
    // The permissions match (GET with prefix /info); the principals fail on the JWT claim.
    assert.match(policy.why, /request\.auth\.claims/);
    assert.ok(r.caveats.some((c) => c.includes('istio_authn')));
  });

  it('the same request with a peer identity outside both sources still fails on the principals', () => {
    const chain = virtualInbound().filterChains.find((c) => c.name === 'virtualInbound-catchall-http' && c.match.transportProtocol === 'tls')!;
    const r = evaluateRbac(rbacFiltersOf(chain), { ...REQUEST, principal: 'spiffe://cluster.local/ns/other/sa/x' });
    assert.equal(r.allowed, false);
    assert.match(r.steps[0]!.policies[0]!.why, /io\.istio\.peer_principal/);
  });

  it('a TCP connection is closed: the network RBAC has rules {} (ALLOW matching nothing; the policy has only HTTP fields)', () => {
    const chain = virtualInbound().filterChains.find((c) => c.name === 'virtualInbound' && c.match.transportProtocol === 'raw_buffer')!;
    const filters = rbacFiltersOf(chain);
    assert.deepEqual(
      filters.map((f) => f.kind),
      ['network'],
    );
    const r = evaluateRbac(filters, { ...REQUEST, destinationPort: 3306 });
    assert.equal(r.allowed, false);
    assert.equal(r.status, null);
    assert.match(r.detail!, /closes the connection/);
    assert.equal(r.decidedBy?.action, 'ALLOW');
  });
});
