import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { RouteConfig } from '../src/core/envoy/route-types.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import { selectVirtualHost } from '../src/core/router/virtual-host-select.ts';

function config(domains: Record<string, string[]>, ignorePort = false): RouteConfig {
  return parseRouteConfig(
    {
      name: 'test',
      ignore_port_in_host_matching: ignorePort,
      virtual_hosts: Object.entries(domains).map(([name, d]) => ({ name, domains: d, routes: [{ match: { prefix: '/' }, route: { cluster: name } }] })),
    },
    new IssueSink(),
    'test',
  );
}

describe('virtual host selection (findVirtualHost)', () => {
  const wildcards = config({
    exact: ['api.foo.com', 'Mixed.Case.COM'],
    foo: ['*.foo.com'],
    barfoo: ['*.bar.foo.com'],
    dashbar: ['*-bar.baz.com'],
    baz: ['*.baz.com'],
    prefix: ['foo.*'],
    longprefix: ['foo.bar.*'],
    catchall: ['*'],
  });
  // [host, vhost, how, domain]
  const cases: [string, string, string, string][] = [
    ['api.foo.com', 'exact', 'exact', 'api.foo.com'],
    ['API.FOO.COM', 'exact', 'exact', 'api.foo.com'], // hosts compare case-insensitively
    ['mixed.case.com', 'exact', 'exact', 'Mixed.Case.COM'],
    ['www.foo.com', 'foo', 'suffix_wildcard', '*.foo.com'],
    ['x.bar.foo.com', 'barfoo', 'suffix_wildcard', '*.bar.foo.com'], // longest suffix wins
    ['bar.foo.com', 'foo', 'suffix_wildcard', '*.foo.com'], // *.bar.foo.com needs a character before ".bar.foo.com"
    ['.foo.com', 'catchall', 'catch_all', '*'], // the wildcard must match at least one character
    ['foo-bar.baz.com', 'dashbar', 'suffix_wildcard', '*-bar.baz.com'],
    ['x.baz.com', 'baz', 'suffix_wildcard', '*.baz.com'],
    ['foo.example', 'prefix', 'prefix_wildcard', 'foo.*'],
    ['foo.bar.example', 'longprefix', 'prefix_wildcard', 'foo.bar.*'], // longest prefix wins
    ['foo.', 'catchall', 'catch_all', '*'],
    ['foo.foo.com', 'foo', 'suffix_wildcard', '*.foo.com'], // suffix wildcards beat prefix wildcards
    ['elsewhere.org', 'catchall', 'catch_all', '*'],
    ['api.foo.com:8080', 'catchall', 'catch_all', '*'], // the port is part of the host: neither exact nor *.foo.com
  ];
  for (const [host, vhost, how, domain] of cases) {
    it(`${host} → ${vhost} (${how})`, () => {
      const selection = selectVirtualHost(wildcards, { authority: host });
      assert.equal(selection.found, true);
      if (!selection.found) return;
      assert.equal(selection.virtualHost.name, vhost);
      assert.equal(selection.how, how);
      assert.equal(selection.domain, domain);
    });
  }

  const istio = config({ reviews: ['reviews.bookinfo.svc.cluster.local', 'reviews', 'reviews.bookinfo', '10.0.0.5'], ratings: ['ratings:9080'] });
  const istioIgnorePort = config({ reviews: ['reviews.bookinfo.svc.cluster.local', 'reviews'] }, true);
  const portCases: [RouteConfig, string, string | undefined][] = [
    [istio, 'reviews', 'reviews'],
    [istio, 'reviews:9080', undefined], // port kept: no "reviews:9080" domain
    [istio, 'ratings:9080', 'ratings'],
    [istio, 'ratings', undefined],
    [istioIgnorePort, 'reviews:9080', 'reviews'],
    [istioIgnorePort, 'reviews.bookinfo.svc.cluster.local:9080', 'reviews'],
    [istioIgnorePort, 'REVIEWS:9080', 'reviews'],
    [istioIgnorePort, 'ratings:9080', undefined],
    [config({ v6: ['[::1]'] }, true), '[::1]:80', 'v6'],
    [config({ v6: ['[::1]'] }, true), '[::1]', 'v6'],
  ];
  for (const [cfg, host, vhost] of portCases) {
    it(`${host} with ignore_port_in_host_matching=${cfg.ignorePortInHostMatching} → ${vhost ?? 'no virtual host'}`, () => {
      const selection = selectVirtualHost(cfg, { authority: host });
      assert.equal(selection.found ? selection.virtualHost.name : undefined, vhost);
    });
  }

  it('explains a miss, mentioning the kept port', () => {
    const selection = selectVirtualHost(istio, { authority: 'reviews:9080' });
    assert.equal(selection.found, false);
    if (selection.found) return;
    assert.equal(selection.host, 'reviews:9080');
    assert.match(selection.reason, /no virtual host has a domain matching "reviews:9080" and there is no "\*" domain/);
    assert.match(selection.reason, /ignore_port_in_host_matching is off/);
  });

  it('sends every host to a lone "*" virtual host', () => {
    const selection = selectVirtualHost(config({ all: ['*'] }), { authority: '' });
    assert.equal(selection.found && selection.how, 'catch_all');
  });

  it('reports a config without virtual hosts', () => {
    const selection = selectVirtualHost(config({}), { authority: 'x' });
    assert.equal(selection.found, false);
  });
});
