import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { parseMatcher } from '../src/core/envoy/matcher-tree-parse.ts';
import { evaluateMatcher, type InputValue } from '../src/core/router/matcher-tree.ts';

// Cases restated from Envoy's own tests (test/common/matcher/*_test.cc,
// test/extensions/common/matcher/ip_range_matcher_test.cc): the same trees and inputs, written
// as the JSON a config dump holds. Inputs are named; the test resolves them by name.

const action = (value: string): JsonObject => ({ action: { name: 'a', typed_config: { '@type': 'type.googleapis.com/google.protobuf.StringValue', value } } });
const input = (name: string): JsonObject => ({ name, typed_config: { '@type': `type.googleapis.com/test.${name}` } });
const tree = (name: string, kind: 'exact_match_map' | 'prefix_match_map', map: JsonObject, extra: JsonObject = {}): JsonObject => ({
  matcher_tree: { input: input(name), [kind]: { map } },
  ...extra,
});
const ipTree = (name: string, rangeMatchers: JsonObject[], extra: JsonObject = {}): JsonObject => ({
  matcher_tree: {
    input: input(name),
    custom_match: { name: 'ip', typed_config: { '@type': 'type.googleapis.com/xds.type.matcher.v3.IPMatcher', range_matchers: rangeMatchers } },
  },
  ...extra,
});
const range = (address_prefix: string, prefix_len?: number): JsonObject => (prefix_len === undefined ? { address_prefix } : { address_prefix, prefix_len });

function run(raw: JsonObject, inputs: Record<string, InputValue>) {
  const result = evaluateMatcher(parseMatcher(raw), { resolve: (i) => (i.name in inputs ? inputs[i.name]! : { unknown: `no ${i.name}` }) });
  return { value: result.action?.value, result };
}

describe('matcher trees: exact and prefix maps (test/common/matcher/exact_map_matcher_test.cc, prefix_map_matcher_test.cc)', () => {
  it('ExactMapMatcherTest.NoMatch / NoMatchWithFallback: a missing key takes on_no_match, or nothing', () => {
    assert.equal(run(tree('in', 'exact_match_map', { match: action('match') }), { in: 'blah' }).value, undefined);
    assert.equal(run(tree('in', 'exact_match_map', { match: action('match') }, { on_no_match: action('no_match') }), { in: 'blah' }).value, 'no_match');
    assert.equal(run(tree('in', 'exact_match_map', { match: action('match') }, { on_no_match: action('no_match') }), { in: 'match' }).value, 'match');
  });

  it('PrefixMapMatcherTest.NoMatchDueToNoData: an input without data takes on_no_match', () => {
    assert.equal(run(tree('in', 'prefix_match_map', { match: action('match') }), { in: null }).value, undefined);
    assert.equal(run(tree('in', 'prefix_match_map', { match: action('match') }, { on_no_match: action('no_match') }), { in: null }).value, 'no_match');
  });

  it('PrefixMapMatcherTest.PrefixMatch / LongestPrefixMatch: the longest key that prefixes the value wins', () => {
    assert.equal(run(tree('in', 'prefix_match_map', { mat: action('mat') }), { in: 'match' }).value, 'mat');
    const three = tree(
      'in',
      'prefix_match_map',
      { mat: action('mat'), match: action('match'), matcher: action('matcher') },
      { on_no_match: action('no_match') },
    );
    const r = run(three, { in: 'match' });
    assert.equal(r.value, 'match');
    assert.match(r.result.path.join('; '), /prefix "match"/);
  });

  const nested = (want: string, value: string): JsonObject => ({
    matcher: {
      matcher_list: { matchers: [{ predicate: { single_predicate: { input: input('inner'), value_match: { exact: want } } }, on_match: action(value) }] },
    },
  });

  it('MatcherTest.TestPrefixMatcherWithRetryInnerMissRetriesShorterPrefix: a nested miss moves on to a shorter prefix', () => {
    const raw = tree('outer', 'prefix_match_map', { val: nested('bar', 'expected!'), valu: nested('foo', 'not expected') });
    const r = run(raw, { outer: 'value', inner: 'bar' });
    assert.equal(r.value, 'expected!');
    assert.deepEqual(
      r.result.path.filter((p) => p.includes('→ prefix')),
      ['outer "value" → prefix "valu"', 'outer "value" → prefix "val"'],
    );
  });

  it('ExactMapMatcherTest.RecursiveMatchingWithKeepMatching: skipped matches fall through to the top on_no_match', () => {
    const nestedKeeps: JsonObject = {
      matcher: tree('in', 'exact_match_map', { match: { ...action('nested_match_1'), keep_matching: true } }, { on_no_match: action('nested_on_no_match_1') }),
      keep_matching: true,
    };
    const raw = tree(
      'in',
      'exact_match_map',
      { match: nestedKeeps },
      { on_no_match: { matcher: tree('in', 'exact_match_map', {}, { on_no_match: action('top_level_no_match') }) } },
    );
    const r = run(raw, { in: 'match' });
    assert.equal(r.value, 'top_level_no_match');
    assert.deepEqual(
      r.result.skipped.map((a) => a.value),
      ['nested_match_1', 'nested_on_no_match_1'],
    );
  });

  it('ExactMapMatcherTest.RecursiveMatchingOnNoMatch: on_no_match may hold a nested matcher', () => {
    const raw = tree(
      'top',
      'exact_match_map',
      { match: action('match') },
      { on_no_match: { matcher: tree('in', 'exact_match_map', { match: action('nested_match') }) } },
    );
    assert.equal(run(raw, { top: 'blah', in: 'match' }).value, 'nested_match');
  });

  it('an exact hit whose nested matcher misses falls back to the map’s on_no_match (MapMatcher::doNoMatch)', () => {
    const raw = tree('outer', 'exact_match_map', { value: nested('foo', 'inner') }, { on_no_match: action('fallback') });
    assert.equal(run(raw, { outer: 'value', inner: 'bar' }).value, 'fallback');
    assert.equal(run(raw, { outer: 'value', inner: 'foo' }).value, 'inner');
  });

  it('MatcherTest.TestAnyMatcher: a matcher with only on_no_match always takes it', () => {
    const r = evaluateMatcher(parseMatcher({ on_no_match: action('expected!') }), { resolve: () => null });
    assert.equal(r.action?.value, 'expected!');
    assert.equal(r.caveats.length, 1, 'neither matcher_tree nor matcher_list is said');
  });
});

describe('matcher lists and predicates (test/common/matcher/list_matcher_test.cc, matcher_test.cc)', () => {
  const list = (predicate: JsonObject, value = 'expected!'): JsonObject => ({ matcher_list: { matchers: [{ predicate, on_match: action(value) }] } });
  const single = (name: string, match: JsonObject): JsonObject => ({ single_predicate: { input: input(name), value_match: match } });

  it('MatcherTest.TestAndMatcher: and_matcher needs every predicate', () => {
    const p = { and_matcher: { predicate: [single('a', { exact: 'foo' }), single('b', { exact: 'foo' })] } };
    assert.equal(run(list(p), { a: 'foo', b: 'foo' }).value, 'expected!');
    assert.equal(run(list(p), { a: 'foo', b: 'bar' }).value, undefined);
  });

  it('MatcherTest.TestOrMatcher / TestNotMatcher: or_matcher needs one, not_matcher inverts', () => {
    const or = { or_matcher: { predicate: [single('a', { exact: 'x' }), single('b', { exact: 'foo' })] } };
    assert.equal(run(list(or), { a: 'foo', b: 'foo' }).value, 'expected!');
    assert.equal(run(list({ not_matcher: single('a', { exact: 'foo' }) }), { a: 'foo' }).value, undefined);
    assert.equal(run(list({ not_matcher: single('a', { exact: 'foo' }) }), { a: 'bar' }).value, 'expected!');
  });

  it('string matchers: prefix, suffix, contains, safe_regex (full match), ignore_case', () => {
    const cases: [JsonObject, string, boolean][] = [
      [{ prefix: 'ma' }, 'match', true],
      [{ suffix: 'ch' }, 'match', true],
      [{ contains: 'tc' }, 'match', true],
      [{ safe_regex: { regex: 'm.*h' } }, 'match', true],
      [{ safe_regex: { regex: 'atc' } }, 'match', false],
      [{ exact: 'MATCH', ignore_case: true }, 'match', true],
      [{ exact: 'MATCH' }, 'match', false],
    ];
    for (const [m, v, want] of cases) assert.equal(run(list(single('a', m)), { a: v }).value === 'expected!', want, JSON.stringify(m));
  });

  it('the first entry whose predicate and on_match match wins; keep_matching skips an action and goes on', () => {
    const raw: JsonObject = {
      matcher_list: {
        matchers: [
          { predicate: single('a', { exact: 'foo' }), on_match: { ...action('skipped'), keep_matching: true } },
          { predicate: single('a', { exact: 'foo' }), on_match: action('second') },
        ],
      },
    };
    const r = run(raw, { a: 'foo' });
    assert.equal(r.value, 'second');
    assert.deepEqual(
      r.result.skipped.map((s) => s.value),
      ['skipped'],
    );
  });

  it('an unknown input or a custom predicate becomes a caveat, never a silent answer', () => {
    const r = run(list(single('mystery', { exact: 'foo' })), {});
    assert.equal(r.value, undefined);
    assert.match(r.result.caveats.join('\n'), /not known \(no mystery\)/);
    const custom = run(list({ single_predicate: { input: input('a'), custom_match: { name: 'c', typed_config: { '@type': 'x.Custom' } } } }), { a: 'foo' });
    assert.match(custom.result.caveats.join('\n'), /custom_match x\.Custom is not interpreted/);
  });
});

describe('IP range matcher (test/extensions/common/matcher/ip_range_matcher_test.cc)', () => {
  const two = ipTree('ip', [
    { ranges: [range('192.0.0.0', 2)], on_match: action('foo') },
    { ranges: [range('192.101.0.0', 10)], on_match: action('bar') },
  ]);

  it('IpRangeMatcherTest.TestMatcher: the containing range; no range or not an IP is no match', () => {
    assert.equal(run(two, { ip: '192.0.100.1' }).value, 'foo');
    assert.equal(run(two, { ip: '192.101.0.1' }).value, 'bar');
    assert.equal(run(two, { ip: '128.0.0.1' }).value, undefined);
    assert.equal(run(two, { ip: 'xxx' }).value, undefined);
  });

  it('IpRangeMatcherTest.TestMatcherOnNoMatch: no range, not an IP, or no data takes on_no_match', () => {
    const raw = ipTree('ip', [{ ranges: [range('192.0.0.0', 2)], on_match: action('foo') }], { on_no_match: action('bar') });
    for (const ip of ['128.0.0.1', 'xxx', null]) assert.equal(run(raw, { ip }).value, 'bar', String(ip));
  });

  it('IpRangeMatcherTest.OverlappingMatcher: the longest prefix wins across range matchers', () => {
    const raw = ipTree('ip', [
      { ranges: [range('128.0.0.0', 1), range('192.0.0.0', 2), range('192.0.0.0', 2)], on_match: action('foo') },
      { ranges: [range('255.0.0.0', 8), range('192.0.0.0', 2), range('192.0.0.1', 32)], on_match: action('bar') },
    ]);
    assert.equal(run(raw, { ip: '192.0.100.1' }).value, 'foo');
    assert.equal(run(raw, { ip: '192.0.0.1' }).value, 'bar');
    assert.equal(run(raw, { ip: '255.0.0.1' }).value, 'bar');
  });

  const nestedBaz: JsonObject = { matcher: { matcher_tree: { input: input('nested'), exact_match_map: { map: { baz: action('bar') } } } } };

  it('IpRangeMatcherTest.NestedInclusiveMatcher: a nested miss falls to the next, shorter range', () => {
    const raw = ipTree('ip', [
      { ranges: [range('0.0.0.0')], on_match: action('foo') },
      { ranges: [range('192.0.0.0', 2)], on_match: nestedBaz },
    ]);
    assert.equal(run(raw, { ip: '192.0.100.1', nested: 'baz' }).value, 'bar');
    assert.equal(run(raw, { ip: '192.0.100.1', nested: '' }).value, 'foo');
    assert.equal(run(raw, { ip: '128.0.0.1', nested: '' }).value, 'foo');
  });

  it('IpRangeMatcherTest.NestedExclusiveMatcher: after a miss, exclusive ranges are not tried', () => {
    const raw = ipTree('ip', [
      { ranges: [range('0.0.0.0')], exclusive: true, on_match: action('foo') },
      { ranges: [range('192.0.0.0', 2)], exclusive: true, on_match: nestedBaz },
    ]);
    assert.equal(run(raw, { ip: '192.0.100.1', nested: 'baz' }).value, 'bar');
    assert.equal(run(raw, { ip: '192.0.100.1', nested: '' }).value, undefined);
    assert.equal(run(raw, { ip: '128.0.0.1', nested: '' }).value, 'foo');
  });

  it('an unknown custom matcher is a caveat and takes on_no_match', () => {
    const raw: JsonObject = {
      matcher_tree: {
        input: input('sni'),
        custom_match: { name: 'd', typed_config: { '@type': 'type.googleapis.com/xds.type.matcher.v3.ServerNameMatcher' } },
      },
      on_no_match: action('fallback'),
    };
    const r = run(raw, { sni: 'a.example.com' });
    assert.equal(r.value, 'fallback');
    assert.match(r.result.caveats[0]!, /custom matcher xds\.type\.matcher\.v3\.ServerNameMatcher .*not interpreted/);
  });
});
