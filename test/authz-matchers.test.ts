import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AuthzRequest, evaluateRbac, type RbacFilter } from '../src/core/authz/rbac-evaluate.ts';
import { HTTP_RBAC_TYPE, parseRbacConfig } from '../src/core/authz/rbac-parse.ts';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';

/**
 * One case per RBAC matcher kind, each restating a case of Envoy's
 * test/extensions/filters/common/rbac/matchers_test.cc (named in the case) in our own fixtures:
 * a single ALLOW policy `p` with the permission and principal under test, and a request that
 * does or does not satisfy it.
 */

const BASE: AuthzRequest = {
  method: 'GET',
  path: '/api/items?id=1',
  headers: [
    ['x-user', 'jason'],
    ['x-multi', 'a'],
    ['x-multi', 'b'],
  ],
  host: 'reviews.bookinfo:9080',
  destinationIp: '1.2.3.4',
  destinationPort: 456,
  sourceIp: '12.13.14.15',
  directRemoteIp: '4.5.6.7',
  remoteIp: '8.9.10.11',
  principal: 'spiffe://cluster.local/ns/bookinfo/sa/productpage',
  requestedServerName: 'outbound_.9080_._.reviews.bookinfo.svc.cluster.local',
};

function allowOne(permission: Json, principal: Json = { any: true }): RbacFilter[] {
  const typed: JsonObject = { '@type': HTTP_RBAC_TYPE, rules: { policies: { p: { permissions: [permission], principals: [principal] } } } };
  return [{ name: 'envoy.filters.http.rbac', kind: 'http', config: parseRbacConfig(typed, 'http') }];
}

interface Case {
  name: string;
  permission?: Json;
  principal?: Json;
  request?: Partial<AuthzRequest>;
  allowed: boolean;
}

const cidr = (prefix: string, len: number): Json => ({ address_prefix: prefix, prefix_len: len });

const CASES: Case[] = [
  // matchers_test.cc AlwaysMatcher.AlwaysMatches
  { name: 'any permission and any principal', permission: { any: true }, allowed: true },
  // AndMatcher.Permission_Set: any + destination_port 123 on port 456 → no
  { name: 'and_rules: all must match', permission: { and_rules: { rules: [{ any: true }, { destination_port: 123 }] } }, allowed: false },
  { name: 'and_rules: all match', permission: { and_rules: { rules: [{ any: true }, { destination_port: 456 }] } }, allowed: true },
  // OrMatcher.Permission_Set: port 123, range [123,456) on 456 → no; add any → yes
  {
    name: 'or_rules: none match',
    permission: { or_rules: { rules: [{ destination_port: 123 }, { destination_port_range: { start: 123, end: 456 } }] } },
    allowed: false,
  },
  { name: 'or_rules: one matches', permission: { or_rules: { rules: [{ destination_port: 123 }, { any: true }] } }, allowed: true },
  // NotMatcher.Permission
  { name: 'not_rule of any never matches', permission: { not_rule: { any: true } }, allowed: false },
  { name: 'not_rule of a miss matches', permission: { not_rule: { destination_port: 80 } }, allowed: true },
  // HeaderMatcher.HeaderMatcher
  { name: 'header exact matches', permission: { header: { name: 'x-user', string_match: { exact: 'jason' } } }, allowed: true },
  { name: 'header exact differs', permission: { header: { name: 'x-user', string_match: { exact: 'bar' } } }, allowed: false },
  { name: 'header absent never matches a value', permission: { header: { name: 'x-none', string_match: { exact: '' } } }, allowed: false },
  { name: 'repeated headers are joined with ","', permission: { header: { name: 'x-multi', string_match: { exact: 'a,b' } } }, allowed: true },
  { name: 'pseudo-header :method (Istio methods)', permission: { header: { name: ':method', exact_match: 'GET' } }, allowed: true },
  {
    name: 'header name compared lower-cased (Istio writes X-header)',
    permission: { header: { name: 'X-User', string_match: { prefix: 'ja' } } },
    allowed: true,
  },
  // PathMatcher: the path without the query (Matchers::PathMatcher::match, removeQueryAndFragment)
  { name: 'url_path exact ignores the query', permission: { url_path: { path: { exact: '/api/items' } } }, allowed: true },
  { name: 'url_path prefix', permission: { url_path: { path: { prefix: '/api/' } } }, allowed: true },
  { name: 'url_path exact with the query does not match', permission: { url_path: { path: { exact: '/api/items?id=1' } } }, allowed: false },
  { name: 'header :path keeps the query', permission: { header: { name: ':path', string_match: { exact: '/api/items?id=1' } } }, allowed: true },
  { name: 'url_path ignore_case', permission: { url_path: { path: { exact: '/API/ITEMS', ignore_case: true } } }, allowed: true },
  {
    name: 'uri_template /api/*',
    permission: {
      uri_template: {
        name: 'uri-template',
        typed_config: { '@type': 'type.googleapis.com/envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig', path_template: '/api/*' },
      },
    },
    allowed: true,
  },
  // IPMatcher.IPMatcher: the four addresses
  { name: 'destination_ip in range', permission: { destination_ip: cidr('1.2.3.0', 24) }, allowed: true },
  { name: 'destination_ip out of range', permission: { destination_ip: cidr('1.2.4.8', 24) }, allowed: false },
  { name: 'source_ip is the connection remote', permission: { any: true }, principal: { source_ip: cidr('12.13.14.15', 32) }, allowed: true },
  { name: 'source_ip miss', permission: { any: true }, principal: { source_ip: cidr('4.5.6.7', 32) }, allowed: false },
  { name: 'direct_remote_ip', permission: { any: true }, principal: { direct_remote_ip: cidr('4.5.6.7', 32) }, allowed: true },
  { name: 'direct_remote_ip miss', permission: { any: true }, principal: { direct_remote_ip: cidr('4.5.6.0', 32) }, allowed: false },
  { name: 'remote_ip (x-forwarded-for)', permission: { any: true }, principal: { remote_ip: cidr('8.9.10.11', 32) }, allowed: true },
  { name: 'remote_ip miss', permission: { any: true }, principal: { remote_ip: cidr('4.5.6.7', 32) }, allowed: false },
  {
    name: 'remote_ip defaults to the direct remote',
    permission: { any: true },
    principal: { remote_ip: cidr('4.5.6.7', 32) },
    request: { remoteIp: undefined },
    allowed: true,
  },
  // PortMatcher.PortMatcher
  { name: 'destination_port equal', permission: { destination_port: 456 }, allowed: true },
  { name: 'destination_port differs', permission: { destination_port: 123 }, allowed: false },
  // PortRangeMatcher.PortRangeMatcher: 456 in [123,789) and [456,789), not in [123,456) or [12,34)
  { name: 'destination_port_range [123, 789)', permission: { destination_port_range: { start: 123, end: 789 } }, allowed: true },
  { name: 'destination_port_range [456, 789) includes start', permission: { destination_port_range: { start: 456, end: 789 } }, allowed: true },
  { name: 'destination_port_range [123, 456) excludes end', permission: { destination_port_range: { start: 123, end: 456 } }, allowed: false },
  // RequestedServerNameMatcher
  { name: 'requested_server_name suffix', permission: { requested_server_name: { suffix: '.svc.cluster.local' } }, allowed: true },
  {
    name: 'requested_server_name without SNI is ""',
    permission: { requested_server_name: { exact: '' } },
    request: { requestedServerName: undefined },
    allowed: true,
  },
  // AuthenticatedMatcher.uriSanPeerCertificate / NoSSL / AnySSLSubject
  {
    name: 'authenticated exact URI SAN',
    permission: { any: true },
    principal: { authenticated: { principal_name: { exact: 'spiffe://cluster.local/ns/bookinfo/sa/productpage' } } },
    allowed: true,
  },
  {
    name: 'authenticated other URI SAN',
    permission: { any: true },
    principal: { authenticated: { principal_name: { exact: 'spiffe://cluster.local/ns/bookinfo/sa/reviews' } } },
    allowed: false,
  },
  { name: 'authenticated without principal_name: any peer', permission: { any: true }, principal: { authenticated: {} }, allowed: true },
  {
    name: 'authenticated without a client certificate never matches',
    permission: { any: true },
    principal: { authenticated: {} },
    request: { principal: undefined },
    allowed: false,
  },
  {
    name: "Istio's source.namespaces regex on the URI SAN (RE2)",
    permission: { any: true },
    principal: { authenticated: { principal_name: { safe_regex: { regex: '.*/ns/bookinfo/.*' } } } },
    allowed: true,
  },
  {
    name: "Istio's principal regex spiffe://.+/ns/NS/(.+/|)sa/SA(/.+)? (builder testdata allow-full-rule-out.yaml)",
    permission: { any: true },
    principal: { authenticated: { principal_name: { safe_regex: { regex: 'spiffe://.+/ns/bookinfo/(.+/|)sa/productpage(/.+)?' } } } },
    allowed: true,
  },
  {
    name: 'source namespace regex of another namespace',
    permission: { any: true },
    principal: { authenticated: { principal_name: { safe_regex: { regex: '.*/ns/default/.*' } } } },
    allowed: false,
  },
  // Principal header / url_path
  { name: 'principal header', permission: { any: true }, principal: { header: { name: 'x-user', present_match: true } }, allowed: true },
  { name: 'principal url_path', permission: { any: true }, principal: { url_path: { path: { suffix: '/items' } } }, allowed: true },
  // AndMatcher.Principal_Set / OrMatcher.Principal_Set / NotMatcher.Principal
  { name: 'and_ids', permission: { any: true }, principal: { and_ids: { ids: [{ any: true }, { direct_remote_ip: cidr('1.2.3.0', 24) }] } }, allowed: false },
  { name: 'or_ids', permission: { any: true }, principal: { or_ids: { ids: [{ direct_remote_ip: cidr('1.2.3.0', 24) }, { any: true }] } }, allowed: true },
  { name: 'not_id of any', permission: { any: true }, principal: { not_id: { any: true } }, allowed: false },
  // MetadataMatcher: no dynamic metadata known here → the value is absent
  {
    name: 'metadata (JWT claim) absent: no match',
    permission: { any: true },
    principal: { metadata: { filter: 'envoy.filters.http.jwt_authn', path: [{ key: 'payload' }, { key: 'iss' }], value: { string_match: { exact: 'x' } } } },
    allowed: false,
  },
  {
    name: 'metadata inverted, absent: matches',
    permission: { metadata: { filter: 'istio_authn', path: [{ key: 'request.auth.principal' }], value: { string_match: { exact: 'x' } }, invert: true } },
    allowed: true,
  },
  // FilterStateMatcher on Istio's io.istio.peer_principal (model/generator_test.go srcNamespaceGenerator-http)
  {
    name: 'filter_state io.istio.peer_principal',
    permission: { any: true },
    principal: { filter_state: { key: 'io.istio.peer_principal', string_match: { safe_regex: { regex: '.*/ns/bookinfo/.*' } } } },
    allowed: true,
  },
  {
    name: 'filter_state without a peer',
    permission: { any: true },
    principal: { filter_state: { key: 'io.istio.peer_principal', string_match: { prefix: 'spiffe://' } } },
    request: { principal: undefined },
    allowed: false,
  },
];

describe('RBAC matchers (Envoy matchers_test.cc)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const result = evaluateRbac(allowOne(c.permission ?? { any: true }, c.principal ?? { any: true }), { ...BASE, ...c.request });
      assert.equal(result.allowed, c.allowed, JSON.stringify(result.steps[0]?.policies));
      assert.equal(result.steps[0]!.policies[0]!.matched, c.allowed);
      assert.equal(result.steps[0]!.matched, c.allowed ? 'p' : null);
    });
  }

  it('says why a policy did not match, naming the failing matcher', () => {
    const result = evaluateRbac(allowOne({ and_rules: { rules: [{ header: { name: ':method', exact_match: 'POST' } }] } }), BASE);
    assert.match(result.steps[0]!.policies[0]!.why, /header :method "GET", wanted exact "POST"/);
  });

  it('the metadata matcher notes that dynamic metadata is not known', () => {
    const c = CASES.find((x) => x.name.startsWith('metadata (JWT'))!;
    const result = evaluateRbac(allowOne(c.permission!, c.principal), BASE);
    assert.ok(result.caveats.some((line) => line.includes('envoy.filters.http.jwt_authn') && line.includes('read as absent')));
  });

  it('an IP matcher without the address is not matching, and said so', () => {
    const result = evaluateRbac(allowOne({ destination_ip: cidr('1.2.3.0', 24) }), { ...BASE, destinationIp: undefined });
    assert.equal(result.allowed, false);
    assert.ok(result.caveats.some((line) => line.includes('destination ip is not known')));
  });
});
