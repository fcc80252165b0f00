import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issueAt } from '../src/core/envoy/issue-location.ts';
import { asNumber } from '../src/core/envoy/json.ts';
import { findDuplicateKeys, parsedKeyCount } from '../src/core/envoy/json-duplicates.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { jsonOutput } from '../src/sources/istioctl/output.ts';
import { loadText, mutatedDumpText, REVIEWS, vhost } from './helpers/mutated-dump.ts';

/**
 * JSON.parse keeps the last of two equal keys without a word. Go's protojson (istioctl) refuses
 * the document: encoding/protojson/decode.go `duplicate field %v`, decode_test.go "duplicate
 * field names"; protobuf's conformance suite expects a failure too (`FieldNameDuplicate`,
 * RECOMMENDED, conformance/binary_json_conformance_suite.cc).
 */
describe('duplicate keys in JSON text', () => {
  it('are found with their JSON path, nested in objects and arrays', () => {
    const text = '{"a": 1, "b": [{"c": 1, "d": {"e": 1, "e": 2}}, {"c": 1, "c": 3}], "a": 4}';
    assert.deepEqual(findDuplicateKeys(text), {
      found: [
        { path: '$.b[0].d.e', key: 'e' },
        { path: '$.b[1].c', key: 'c' },
        { path: '$.a', key: 'a' },
      ],
      total: 3,
    });
  });

  it('compare keys as JSON.parse decodes them ("a" and "\\u0061"), and ignore colons and braces inside strings', () => {
    assert.equal(findDuplicateKeys('{"a": "x:{[", "\\u0061": 1}').total, 1);
    assert.equal(findDuplicateKeys('{"a:": 1, "a": "\\"a\\": 2"}').total, 0);
  });

  it('make the text key count (the depth scan) differ from the parsed one, which is what triggers the exact scan', () => {
    const text = '{"x": {"k": 1, "k": 2}, "y": [{"z": 1}]}';
    assert.deepEqual(parsedKeyCount(JSON.parse(text)), { keys: 4, nonFinite: 0 });
    assert.equal(findDuplicateKeys(text).total, 1);
  });

  it('in a dump are warnings (duplicate-key) naming the path; the clean dump has none', () => {
    const clean = loadText(mutatedDumpText(() => {}));
    assert.equal(clean.issues.value.filter((i) => i.kind === 'duplicate-key').length, 0);
    const text = mutatedDumpText((d) => {
      vhost(d, REVIEWS).domains = 'raw:["reviews"], "domains": ["*"]';
    });
    const issues = loadText(text).issues.value.filter((i) => i.kind === 'duplicate-key');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.severity, 'warning');
    assert.match(issues[0]!.where!, /^\$\.configs\[\d+\]\.dynamic_route_configs\[0\]\.route_config\.virtual_hosts\[3\]\.domains$/);
    assert.match(issues[0]!.message, /config_dump\.json: key "domains" appears twice .*Go's protojson.*"duplicate field"/);
    // A place outside listeners, routes and clusters: explain's path caveats show it for every request.
    assert.deepEqual(issueAt(issues[0]!.where), {});
  });

  it('list the first five, then one count', () => {
    const many = Array.from({ length: 8 }, (_, i) => `{"k${i}": 1, "k${i}": 2}`).join(', ');
    const config = loadText(
      mutatedDumpText((d) => {
        d.configs[0].last_updated = `raw:"x", "extra": [${many}]`;
      }),
    );
    const issues = config.issues.value.filter((i) => i.kind === 'duplicate-key');
    assert.equal(issues.length, 6);
    assert.match(issues[5]!.message, /3 more duplicate keys \(8 in all\)/);
  });

  it('in istioctl -o json output are reported too (the live path parses without parseJsonDocument)', () => {
    const data = jsonOutput('istioctl proxy-config cluster x -o json', '[{"name": "a", "name": "b", "type": "EDS"}]');
    const issues = loadProxyConfig([{ name: 'istioctl', data }], 'x').issues.value.filter((i) => i.kind === 'duplicate-key');
    assert.deepEqual(
      issues.map((i) => i.where),
      ['$[0].name'],
    );
  });
});

describe('numbers beyond a double (JSON.parse reads 1e400 as Infinity)', () => {
  it('are warnings with their JSON path, never a silent Infinity or null', () => {
    const config = loadText(
      mutatedDumpText((d) => {
        d.configs[0].bootstrap.node.metadata.SCALE = 'raw:-1e400';
      }),
    );
    const issue = config.issues.value.find((i) => /beyond a double's range/.test(i.message));
    assert.ok(issue);
    assert.equal(issue.where, '$.configs[0].bootstrap.node.metadata.SCALE');
  });

  it('are never read as numbers by the loader (asNumber gives undefined, not Infinity)', () => {
    assert.deepEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 'Infinity', '1e400', '42', 7].map(asNumber), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      42,
      7,
    ]);
  });
});
