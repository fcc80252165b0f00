import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIstioPolicyName } from '../src/core/authz/istio-policy-name.ts';
import { type AuthzRequest, evaluateRbac, RBAC_DENIED_BODY, type RbacFilter, responseDetail } from '../src/core/authz/rbac-evaluate.ts';
import { HTTP_RBAC_TYPE, NETWORK_RBAC_TYPE, parseExtAuthzConfig, parseRbacConfig } from '../src/core/authz/rbac-parse.ts';
import { compareBytes } from '../src/core/authz/rbac-reader.ts';
import type { RbacConfig } from '../src/core/authz/rbac-types.ts';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';

/**
 * The engine and the filters: Envoy's RoleBasedAccessControlEngineImpl::handleAction
 * (source/extensions/filters/common/rbac/engine_impl.cc, tests in
 * test/extensions/filters/common/rbac/engine_impl_test.cc), the HTTP filter's decodeHeaders and
 * the network filter's onData (source/extensions/filters/{http,network}/rbac/rbac_filter.cc),
 * and Istio's policy names and filter order (pilot/pkg/security/authz/builder/builder.go).
 */

const REQ: AuthzRequest = {
  method: 'GET',
  path: '/productpage',
  headers: [],
  host: 'productpage:9080',
  destinationIp: '10.0.0.5',
  destinationPort: 9080,
  sourceIp: '10.0.0.9',
  principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-gateway',
};

const ANY = { permissions: [{ any: true }], principals: [{ any: true }] };
const PATH = (exact: string) => ({ permissions: [{ url_path: { path: { exact } } }], principals: [{ any: true }] });

function http(typed: JsonObject, name = 'envoy.filters.http.rbac'): RbacFilter {
  return { name, kind: 'http', config: parseRbacConfig({ '@type': HTTP_RBAC_TYPE, ...typed }, 'http') };
}
function network(typed: JsonObject): RbacFilter {
  return { name: 'envoy.filters.network.rbac', kind: 'network', config: parseRbacConfig({ '@type': NETWORK_RBAC_TYPE, ...typed }, 'network') };
}
const rules = (action: string | undefined, policies: Record<string, Json>): Json => (action === undefined ? { policies } : { action, policies });

describe('RBAC engine actions (engine_impl_test.cc)', () => {
  it('AllowedAllowlist: ALLOW allows a matching request', () => {
    const r = evaluateRbac([http({ rules: rules('ALLOW', { foo: { permissions: [{ destination_port: 9080 }], principals: [{ any: true }] } }) })], REQ);
    assert.equal(r.allowed, true);
    assert.equal(r.steps[0]!.matched, 'foo');
    assert.equal(r.status, null);
  });

  it('AllowedAllowlist: ALLOW denies a request no policy matches, detail [none]', () => {
    const r = evaluateRbac([http({ rules: rules('ALLOW', { foo: { permissions: [{ destination_port: 123 }], principals: [{ any: true }] } }) })], REQ);
    assert.equal(r.allowed, false);
    assert.equal(r.status, 403);
    assert.equal(r.body, 'RBAC: access denied');
    assert.equal(r.detail, 'rbac_access_denied_matched_policy[none]');
    assert.deepEqual(r.decidedBy, { filter: 'envoy.filters.http.rbac', action: 'ALLOW', policy: null, istio: null });
  });

  it('DeniedDenylist: DENY denies a matching request, naming the policy', () => {
    const r = evaluateRbac([http({ rules: rules('DENY', { foo: { permissions: [{ destination_port: 9080 }], principals: [{ any: true }] } }) })], REQ);
    assert.equal(r.allowed, false);
    assert.equal(r.detail, 'rbac_access_denied_matched_policy[foo]');
    assert.equal(r.decidedBy?.policy, 'foo');
  });

  it('DeniedDenylist: DENY allows a request no policy matches', () => {
    const r = evaluateRbac([http({ rules: rules('DENY', { foo: { permissions: [{ destination_port: 123 }], principals: [{ any: true }] } }) })], REQ);
    assert.equal(r.allowed, true);
    assert.equal(r.decidedBy, null);
  });

  it('action given as the enum number (DENY = 1) reads the same', () => {
    const r = evaluateRbac([http({ rules: { action: 1, policies: { foo: ANY } } })], REQ);
    assert.equal(r.allowed, false);
  });

  it('LOG always allows, matched or not (handleAction case LOG)', () => {
    for (const policy of [ANY, PATH('/other')]) {
      const r = evaluateRbac([http({ rules: rules('LOG', { audit: policy }) })], REQ);
      assert.equal(r.allowed, true);
      assert.equal(r.steps[0]!.action, 'LOG');
    }
  });

  it('Disabled: ALLOW with no policies denies everything, DENY with none allows', () => {
    // Istio's allow-nothing policy is exactly `rules: {}` (tcp/allow-only-http-out.yaml).
    assert.equal(evaluateRbac([http({ rules: {} })], REQ).allowed, false);
    assert.equal(evaluateRbac([http({ rules: rules('DENY', {}) })], REQ).allowed, true);
  });

  it('a filter without rules has no engine and allows ("no engine, allowed by default")', () => {
    const r = evaluateRbac([http({ shadow_rules_stat_prefix: 'istio_dry_run_allow_' })], REQ);
    assert.equal(r.allowed, true);
    assert.equal(r.steps[0]!.action, 'NONE');
  });

  it('an empty permissions list matches nothing (OrMatcher over none)', () => {
    const r = evaluateRbac([http({ rules: rules('ALLOW', { p: { permissions: [], principals: [{ any: true }] } }) })], REQ);
    assert.equal(r.allowed, false);
  });
});

describe('policy order: the byte order of the names (std::map in engine_impl.h)', () => {
  it('the lexically first matching policy is named, whatever the config order', () => {
    const r = evaluateRbac([http({ rules: rules('DENY', { 'ns[x]-policy[zeta]-rule[0]': ANY, 'ns[x]-policy[alpha]-rule[0]': ANY }) })], REQ);
    assert.equal(r.decidedBy?.policy, 'ns[x]-policy[alpha]-rule[0]');
    assert.deepEqual(
      r.steps[0]!.policies.map((p) => p.name),
      ['ns[x]-policy[alpha]-rule[0]'],
      'evaluation stops at the first match',
    );
  });

  it('rule[10] sorts before rule[2] (bytes, not numbers)', () => {
    const r = evaluateRbac([http({ rules: rules('DENY', { 'ns[a]-policy[p]-rule[2]': ANY, 'ns[a]-policy[p]-rule[10]': ANY }) })], REQ);
    assert.equal(r.decidedBy?.istio?.rule, 10);
  });

  it('upper case sorts before lower case, a prefix before its extensions', () => {
    const names = ['b', 'B', 'ab', 'a', 'é', 'z'];
    assert.deepEqual([...names].sort(compareBytes), ['B', 'a', 'ab', 'b', 'z', 'é']);
  });

  it('non-matching policies before the match are listed with why', () => {
    const r = evaluateRbac([http({ rules: rules('ALLOW', { a: PATH('/x'), b: PATH('/productpage'), c: ANY }) })], REQ);
    assert.deepEqual(
      r.steps[0]!.policies.map((p) => [p.name, p.matched]),
      [
        ['a', false],
        ['b', true],
      ],
    );
    assert.match(r.steps[0]!.policies[0]!.why, /path "\/productpage", wanted exact "\/x"/);
  });
});

describe('shadow rules never change the outcome (rbac_filter.cc decodeHeaders)', () => {
  it('a shadow DENY that matches is reported as wouldDeny, the request passes', () => {
    const r = evaluateRbac(
      [http({ shadow_rules: rules('DENY', { 'ns[bookinfo]-policy[dry]-rule[0]': ANY }), shadow_rules_stat_prefix: 'istio_dry_run_deny_' })],
      REQ,
    );
    assert.equal(r.allowed, true);
    assert.deepEqual(r.shadow, [{ filter: 'envoy.filters.http.rbac', action: 'DENY', matched: 'ns[bookinfo]-policy[dry]-rule[0]', wouldDeny: true }]);
    assert.equal(r.steps[0]!.shadow, true);
  });

  it('shadow ALLOW matching nothing would deny; the enforced rules decide (dry-run-mix-out.yaml shape)', () => {
    const r = evaluateRbac(
      [
        http({
          rules: rules(undefined, { 'ns[foo]-policy[httpbin-2]-rule[0]': PATH('/productpage') }),
          shadow_rules: rules(undefined, { 'ns[foo]-policy[httpbin-1]-rule[0]': PATH('/allow') }),
        }),
      ],
      REQ,
    );
    assert.equal(r.allowed, true);
    assert.equal(r.decidedBy, null);
    assert.deepEqual(
      r.shadow.map((s) => [s.matched, s.wouldDeny]),
      [[null, true]],
    );
    assert.deepEqual(
      r.steps.map((s) => [s.shadow, s.matched]),
      [
        [true, null],
        [false, 'ns[foo]-policy[httpbin-2]-rule[0]'],
      ],
    );
  });
});

describe('filters in chain order; the first denial stops the request', () => {
  it("Istio's order AUDIT, DENY, ALLOW (builder.go build): a DENY match is named even when ALLOW would allow", () => {
    const filters = [
      http({ rules: rules('LOG', { 'ns[bookinfo]-policy[audit]-rule[0]': ANY }) }),
      http({
        rules: rules('DENY', {
          'ns[bookinfo]-policy[deny-get]-rule[0]': { permissions: [{ header: { name: ':method', exact_match: 'GET' } }], principals: [{ any: true }] },
        }),
      }),
      http({ rules: rules('ALLOW', { 'ns[bookinfo]-policy[allow-all]-rule[0]': ANY }) }),
    ];
    const r = evaluateRbac(filters, REQ);
    assert.equal(r.allowed, false);
    assert.deepEqual(r.decidedBy, {
      filter: 'envoy.filters.http.rbac',
      action: 'DENY',
      policy: 'ns[bookinfo]-policy[deny-get]-rule[0]',
      istio: { namespace: 'bookinfo', name: 'deny-get', rule: 0 },
    });
    assert.deepEqual(
      r.steps.map((s) => s.action),
      ['LOG', 'DENY'],
      'the ALLOW filter after the denial is not reached',
    );
    assert.equal(r.detail, 'rbac_access_denied_matched_policy[ns[bookinfo]-policy[deny-get]-rule[0]]');
  });

  it('the same request passes DENY and is allowed by ALLOW', () => {
    const filters = [
      http({
        rules: rules('DENY', {
          'ns[bookinfo]-policy[deny-post]-rule[0]': { permissions: [{ header: { name: ':method', exact_match: 'POST' } }], principals: [{ any: true }] },
        }),
      }),
      http({ rules: rules('ALLOW', { 'ns[bookinfo]-policy[allow-all]-rule[0]': ANY }) }),
    ];
    const r = evaluateRbac(filters, REQ);
    assert.equal(r.allowed, true);
    assert.deepEqual(
      r.steps.map((s) => [s.action, s.matched]),
      [
        ['DENY', null],
        ['ALLOW', 'ns[bookinfo]-policy[allow-all]-rule[0]'],
      ],
    );
  });
});

describe('network RBAC (network/rbac/rbac_filter.cc onData)', () => {
  it('a network deny closes the connection: no status, the termination detail named', () => {
    const r = evaluateRbac([network({ rules: {}, stat_prefix: 'tcp.' })], REQ);
    assert.equal(r.allowed, false);
    assert.equal(r.status, null);
    assert.equal(r.body, null);
    assert.match(r.detail!, /closes the connection.*rbac_access_denied_matched_policy\[none\].*503.*UC/);
  });

  it('a network ALLOW on the port passes', () => {
    const r = evaluateRbac(
      [
        network({
          rules: rules('ALLOW', { 'ns[db]-policy[tcp]-rule[0]': { permissions: [{ destination_port: 9080 }], principals: [{ authenticated: {} }] } }),
          stat_prefix: 'tcp.',
        }),
      ],
      REQ,
    );
    assert.equal(r.allowed, true);
  });

  it('the network config fields are read (stat_prefix, enforcement_type)', () => {
    const c = parseRbacConfig({ '@type': NETWORK_RBAC_TYPE, stat_prefix: 'tcp.', enforcement_type: 'CONTINUOUS' }, 'http') as RbacConfig;
    assert.equal(c.kind, 'network', 'the @type decides');
    assert.equal(c.statPrefix, 'tcp.');
    assert.equal(c.enforcementType, 'CONTINUOUS');
    assert.deepEqual(c.caveats, []);
  });
});

describe('no client certificate', () => {
  it('an ALLOW on principals denies a plaintext request', () => {
    const policy = { permissions: [{ any: true }], principals: [{ authenticated: { principal_name: { safe_regex: { regex: '.*/ns/bookinfo/.*' } } } }] };
    const r = evaluateRbac([http({ rules: rules('ALLOW', { 'ns[bookinfo]-policy[ns-only]-rule[0]': policy }) })], { ...REQ, principal: undefined });
    assert.equal(r.allowed, false);
    assert.match(r.steps[0]!.policies[0]!.why, /no client certificate/);
  });
});

describe('unknown matchers and fields are caveats, never errors', () => {
  it('a `matcher` permission is not evaluated: treated as not matching, said', () => {
    const r = evaluateRbac(
      [http({ rules: rules('ALLOW', { p: { permissions: [{ matcher: { name: 'x', typed_config: {} } }], principals: [{ any: true }] } }) })],
      REQ,
    );
    assert.equal(r.allowed, false);
    assert.ok(r.caveats.some((c) => c.includes('permission matcher is not evaluated')));
  });

  it('an unknown principal field and an unknown top-level field', () => {
    const f = http({ rules: rules('ALLOW', { p: { permissions: [{ any: true }], principals: [{ sourced_metadata: {} }] } }), new_field: 1 });
    const r = evaluateRbac([f], REQ);
    assert.equal(r.allowed, false);
    assert.ok(r.caveats.some((c) => c.includes('new_field')));
    assert.ok(r.caveats.some((c) => c.includes('principal sourced_metadata')));
  });

  it('the unified matcher form (matcher/shadow_matcher) is a caveat', () => {
    const f = http({ matcher: { matcher_list: {} }, shadow_matcher: { matcher_list: {} } });
    const config = f.config as RbacConfig;
    assert.equal(config.hasMatcher, true);
    assert.ok(config.caveats.some((c) => c.includes('matcher (a unified matcher tree')));
    const r = evaluateRbac([f], REQ);
    assert.equal(r.steps[0]!.action, 'MATCHER');
    assert.ok(r.caveats.some((c) => c.includes('not evaluated')));
  });

  it('a permission with two rules set is refused by Envoy: said, and never matches', () => {
    const r = evaluateRbac([http({ rules: rules('ALLOW', { p: { permissions: [{ any: true, destination_port: 1 }], principals: [{ any: true }] } }) })], REQ);
    assert.equal(r.allowed, false);
    assert.ok(r.caveats.some((c) => c.includes('several rules')));
  });
});

describe("both JSON spellings (istioctl camelCase, Istio's golden files)", () => {
  it('camelCase fields are read; the policy names are kept as written', () => {
    const camel: JsonObject = {
      rules: {
        policies: {
          allowAll: {
            permissions: [{ andRules: { rules: [{ urlPath: { path: { exact: '/productpage' } } }, { destinationPortRange: { start: 9000, end: 9100 } }] } }],
            principals: [{ andIds: { ids: [{ authenticated: { principalName: { safeRegex: { regex: '.*/ns/bookinfo/.*' } } } }] } }],
          },
        },
      },
      shadowRulesStatPrefix: 'istio_dry_run_allow_',
    };
    const f = http(camel);
    assert.deepEqual((f.config as RbacConfig).caveats, []);
    assert.equal((f.config as RbacConfig).shadowRulesStatPrefix, 'istio_dry_run_allow_');
    const r = evaluateRbac([f], REQ);
    assert.equal(r.allowed, true);
    assert.equal(r.steps[0]!.matched, 'allowAll');
  });
});

describe("Istio's policy names (builder.go policyName, extauthz.go)", () => {
  const CASES: [string, ReturnType<typeof parseIstioPolicyName>][] = [
    ['ns[foo]-policy[httpbin-1]-rule[0]', { namespace: 'foo', name: 'httpbin-1', rule: 0 }],
    ['ns[istio-system]-policy[global-deny]-rule[12]', { namespace: 'istio-system', name: 'global-deny', rule: 12 }],
    ['istio-ext-authz-default-ns[foo]-policy[httpbin-2]-rule[0]', { namespace: 'foo', name: 'httpbin-2', rule: 0, provider: 'default' }],
    ['istio-ext-authz-ns[foo]-policy[a]-rule[1]', { namespace: 'foo', name: 'a', rule: 1, provider: '' }],
    ['istio-ext-authz-my-provider-ns[foo]-policy[a]-rule[1]', { namespace: 'foo', name: 'a', rule: 1, provider: 'my-provider' }],
    ['ns[foo]-policy[a]-rule[0]-deny-due-to-bad-CUSTOM-action', { namespace: 'foo', name: 'a', rule: 0, badCustom: true }],
    ['service-viewer', null],
    ['ns[foo]-policy[a]-rule[x]', null],
  ];
  for (const [name, want] of CASES) it(name, () => assert.deepEqual(parseIstioPolicyName(name), want));
});

describe('response detail (common/rbac/utility_test.cc ResponseDetail)', () => {
  it('whitespace in the policy id becomes _', () => {
    assert.equal(responseDetail('abdfxy'), 'rbac_access_denied_matched_policy[abdfxy]');
    assert.equal(responseDetail('ab df  xy'), 'rbac_access_denied_matched_policy[ab_df__xy]');
    assert.equal(responseDetail('a \t\f\v\n\ry'), 'rbac_access_denied_matched_policy[a______y]');
    assert.equal(responseDetail(null), 'rbac_access_denied_matched_policy[none]');
    assert.equal(RBAC_DENIED_BODY, 'RBAC: access denied');
  });
});

describe("CUSTOM: ext_authz after Istio's shadow RBAC filter (builder.go buildHTTP, custom-grpc-provider-out1.yaml)", () => {
  const customRbac = () =>
    http({
      shadow_rules: rules('DENY', { 'istio-ext-authz-default-ns[foo]-policy[httpbin-1]-rule[0]': PATH('/productpage') }),
      shadow_rules_stat_prefix: 'istio_ext_authz_',
    });
  const extAuthz = (): RbacFilter => ({
    name: 'envoy.filters.http.ext_authz',
    kind: 'http',
    config: parseExtAuthzConfig({
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz',
      grpc_service: { envoy_grpc: { cluster_name: 'outbound|9000||ext-authz.foo.svc.cluster.local' } },
      filter_enabled_metadata: {
        filter: 'envoy.filters.http.rbac',
        path: [{ key: 'istio_ext_authz_shadow_effective_policy_id' }],
        value: { string_match: { prefix: 'istio-ext-authz-default' } },
      },
    }),
  });

  it('a request the CUSTOM rule selects is decided by the provider, outside the dump', () => {
    const r = evaluateRbac([customRbac(), extAuthz()], REQ);
    assert.equal(r.allowed, true);
    const step = r.steps.find((s) => s.action === 'CUSTOM')!;
    assert.equal(step.matched, 'istio-ext-authz-default-ns[foo]-policy[httpbin-1]-rule[0]');
    assert.ok(r.caveats.some((c) => c.startsWith('CUSTOM: decided by the ext_authz provider default, not in the dump')));
  });

  it('a request the CUSTOM rule does not select skips ext_authz', () => {
    const r = evaluateRbac([customRbac(), extAuthz()], { ...REQ, path: '/other' });
    assert.equal(r.allowed, true);
    assert.equal(r.steps.find((s) => s.action === 'CUSTOM')!.matched, null);
    assert.ok(!r.caveats.some((c) => c.startsWith('CUSTOM')));
  });

  it('the shadow result is reported apart and does not deny', () => {
    const r = evaluateRbac([customRbac(), extAuthz()], REQ);
    assert.equal(r.shadow[0]!.wouldDeny, true);
    assert.equal(r.decidedBy, null);
  });
});

describe('a matcher replaces the rules (common/rbac/utility.h createEngine)', () => {
  it('rules that would deny are ignored when a matcher is set: the decision is unknown, said', () => {
    const f = http({ rules: rules('DENY', { all: ANY }), matcher: { matcher_list: {} } });
    const r = evaluateRbac([f], REQ);
    assert.equal(r.allowed, true);
    assert.equal(r.steps[0]!.action, 'MATCHER');
    assert.ok((f.config as RbacConfig).caveats.some((c) => c.includes('Envoy ignores its rules when a matcher is set')));
  });
});

describe("Istio's whole HTTP chain: CUSTOM first (listener_builder.go), then AUDIT, DENY, ALLOW (builder.go build)", () => {
  it('CUSTOM is said, then the DENY filter denies, naming the AuthorizationPolicy', () => {
    const filters: RbacFilter[] = [
      http({ shadow_rules: rules('DENY', { 'istio-ext-authz-opa-ns[bookinfo]-policy[ext]-rule[0]': ANY }), shadow_rules_stat_prefix: 'istio_ext_authz_' }),
      {
        name: 'envoy.filters.http.ext_authz',
        kind: 'http',
        config: parseExtAuthzConfig({
          '@type': 'type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz',
          filter_enabled_metadata: {
            filter: 'envoy.filters.http.rbac',
            path: [{ key: 'istio_ext_authz_shadow_effective_policy_id' }],
            value: { string_match: { prefix: 'istio-ext-authz-opa' } },
          },
        }),
      },
      http({ rules: rules('LOG', { 'ns[bookinfo]-policy[audit]-rule[0]': ANY }) }),
      http({
        rules: rules('DENY', {
          'ns[bookinfo]-policy[no-gateway]-rule[3]': {
            permissions: [{ any: true }],
            principals: [{ authenticated: { principal_name: { safe_regex: { regex: '.*/sa/bookinfo-gateway' } } } }],
          },
        }),
      }),
      http({ rules: rules('ALLOW', { 'ns[bookinfo]-policy[allow-all]-rule[0]': ANY }) }),
    ];
    const r = evaluateRbac(filters, REQ);
    assert.deepEqual(
      r.steps.map((s) => [s.action, s.shadow]),
      [
        ['DENY', true],
        ['NONE', false],
        ['CUSTOM', false],
        ['LOG', false],
        ['DENY', false],
      ],
    );
    assert.ok(r.caveats.some((c) => c.startsWith('CUSTOM: decided by the ext_authz provider opa, not in the dump')));
    assert.equal(r.allowed, false);
    assert.deepEqual(r.decidedBy?.istio, { namespace: 'bookinfo', name: 'no-gateway', rule: 3 });
    assert.equal(r.status, 403);
  });
});

describe('a network filter sees no HTTP request (handleAction without headers: StaticEmptyHeaders)', () => {
  it('header and url_path never match there, the same policy matches on the HTTP filter', () => {
    const policies: Record<string, Json> = {
      'ns[db]-policy[get-only]-rule[0]': {
        permissions: [{ header: { name: ':method', exact_match: 'GET' } }, { url_path: { path: { prefix: '/' } } }],
        principals: [{ any: true }],
      },
    };
    const onNetwork = evaluateRbac([network({ rules: rules('ALLOW', policies) })], REQ);
    assert.equal(onNetwork.allowed, false);
    assert.match(onNetwork.steps[0]!.policies[0]!.why, /header :method absent.*a network filter sees no HTTP path/);
    assert.equal(evaluateRbac([http({ rules: rules('ALLOW', policies) })], REQ).allowed, true);
  });

  it('an inverted header matcher on an absent header still does not match (HeaderUtility::matchHeaders)', () => {
    const r = evaluateRbac(
      [
        network({
          rules: rules('DENY', {
            p: { permissions: [{ header: { name: 'x-a', string_match: { exact: 'b' }, invert_match: true } }], principals: [{ any: true }] },
          }),
        }),
      ],
      REQ,
    );
    assert.equal(r.allowed, true);
  });
});
