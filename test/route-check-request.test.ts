import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import { buildToolRequest, dynamicMetadata, toolRandomValue } from '../src/core/routecheck/request-builder.ts';
import { loadRouteConfigDocument } from '../src/core/routecheck/route-config-document.ts';
import { runRouteCheck } from '../src/core/routecheck/run.ts';
import { SchemaError } from '../src/core/routecheck/strict-fields.ts';
import { parseToolTestFile } from '../src/core/routecheck/test-file.ts';

const input = { authority: 'www.lyft.com', path: '/', method: 'GET' };
const testFile = (validate: JsonObject, extra: JsonObject = {}): Json => ({ tests: [{ test_name: 't', input: { ...input, ...extra }, validate }] });

describe('test file schema', () => {
  const rejected: [string, Json, RegExp][] = [
    [
      'an unknown field, in Envoy words',
      testFile({ cluster: 'x' }),
      /type envoy\.RouterCheckToolSchema\.ValidationAssert reason INVALID_ARGUMENT:cluster: Cannot find field/,
    ],
    ['an unknown input field', testFile({}, { headers: [] }), /ValidationInput reason INVALID_ARGUMENT:headers: Cannot find field/],
    ['no tests', { tests: [] }, /tests: value must contain at least 1 item/],
    ['an empty test name', { tests: [{ test_name: '', input, validate: {} }] }, /tests\[0\]\.test_name: value length must be at least 1/],
    ['a two-letter method', testFile({}, { method: 'GE' }), /tests\[0\]\.input\.method: value length must be at least 3/],
    ['a missing validate', { tests: [{ test_name: 't', input }] }, /tests\[0\]\.validate: value is required/],
    ['a negative random value', testFile({}, { random_value: -1 }), /random_value: expected an unsigned integer/],
    ['a bad timeout', testFile({ timeout: 'soon' }), /timeout: expected a Duration/],
    ['the old bare-list format', [{ test_name: 't' }], /bare list/],
  ];
  for (const [what, doc, message] of rejected) {
    it(`rejects ${what}`, () => {
      assert.throws(
        () => parseToolTestFile(doc),
        (error: unknown) => error instanceof SchemaError && message.test(error.message),
      );
    });
  }

  it('reads wrapper fields bare or as {value}, camelCase names, durations and 64-bit random values', () => {
    const file = parseToolTestFile({
      runtime: { 'a.b': 1 },
      tests: [
        {
          testName: 't',
          input: { ...input, randomValue: '18446744073709551615' },
          validate: { clusterName: { value: '' }, code_redirect: { value: 301 }, timeout: { seconds: 2, nanos: 500000000 } },
        },
      ],
    });
    const test = file.tests[0]!;
    assert.equal(test.validate.clusterName, '');
    assert.equal(test.validate.codeRedirect, 301);
    assert.equal(test.validate.timeoutMs, 2500);
    assert.equal(test.input.randomValue, 2n ** 64n - 1n);
    assert.deepEqual(file.runtime, { 'a.b': 1 });
  });
});

describe('request built like ToolConfig::create', () => {
  it('sets pseudo-headers, x-forwarded-proto and :scheme from ssl, x-envoy-internal, then the extra headers in order', () => {
    const file = parseToolTestFile(
      testFile(
        {},
        {
          ssl: true,
          internal: true,
          additional_request_headers: [
            { key: 'X-A', value: '1' },
            { key: 'x-a', value: '2' },
          ],
          additional_response_headers: [{ key: 'r', value: 'v' }],
        },
      ),
    );
    const request = buildToolRequest(file.tests[0]!.input);
    assert.deepEqual(request.headers.list(), [
      [':authority', 'www.lyft.com'],
      [':path', '/'],
      [':method', 'GET'],
      ['x-forwarded-proto', 'https'],
      [':scheme', 'https'],
      ['x-envoy-internal', 'true'],
      ['x-a', '1'],
      ['x-a', '2'],
    ]);
    assert.deepEqual(request.responseHeaders.list(), [['r', 'v']]);
  });

  it('wraps random values of 2^31 and more through a C++ int, as the tool does', () => {
    assert.equal(toolRandomValue(115n), 115n);
    assert.equal(toolRandomValue(2n ** 31n), 2n ** 64n - 2n ** 31n);
    assert.equal(toolRandomValue(2n ** 32n + 5n), 5n);
  });

  it('applies dynamic metadata like set_metadata: new namespaces set, existing ones merged only with allow_overwrite', () => {
    assert.deepEqual(
      dynamicMetadata([
        { namespace: 'a', value: { foo: 'bar', list: [1], deep: { x: 1 } }, allowOverwrite: false },
        { namespace: 'a', value: { foo: 'ignored' }, allowOverwrite: false },
        { namespace: 'a', value: { list: [2], deep: { y: 2 } }, allowOverwrite: true },
        { namespace: 'b', typedValue: { '@type': 'x' }, allowOverwrite: false },
      ]),
      { a: { foo: 'bar', list: [1, 2], deep: { x: 1, y: 2 } } },
    );
  });
});

describe('header finalization and checks', () => {
  const config = parseRouteConfig(
    {
      virtual_hosts: [
        {
          name: 'vh',
          domains: ['*'],
          request_headers_to_add: [{ header: { key: 'x-level', value: 'vhost' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }],
          virtual_clusters: [{ name: 'rewritten', headers: [{ name: ':path', string_match: { exact: '/new/x' } }] }],
          routes: [
            {
              match: { prefix: '/old' },
              route: { cluster: 'c', prefix_rewrite: '/new' },
              request_headers_to_add: [
                { header: { key: 'x-client', value: '%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%' } },
                { header: { key: 'x-level', value: 'route' } },
                { header: { key: 'x-empty', value: '%UPSTREAM_HOST%' } },
              ],
              response_headers_to_add: [{ header: { key: 'x-r', value: 'route' } }],
            },
            { match: { prefix: '/empty' }, direct_response: { status: 204 } },
            {
              match: { prefix: '/' },
              direct_response: { status: 200, body: { inline_string: 'héllo' } },
              response_headers_to_add: [{ header: { key: 'content-type', value: 'application/json' } }],
            },
          ],
        },
      ],
      response_headers_to_add: [{ header: { key: 'x-r', value: 'config' }, append: false }],
      response_headers_to_remove: ['x-r'],
    },
    new IssueSink(),
    'test',
  );
  const check = (path: string, validate: JsonObject) => runRouteCheck(config, parseToolTestFile(testFile(validate, { path }))).results[0]!;

  it('rewrites the path keeping the original in x-envoy-original-path, and expands %DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%', () => {
    const result = check('/old/x?q=1', {
      path_rewrite: '/new/x?q=1',
      request_header_matches: [
        { name: 'x-envoy-original-path', string_match: { exact: '/old/x?q=1' } },
        { name: 'x-client', string_match: { exact: '127.0.0.1' } },
        { name: 'x-empty', present_match: false },
      ],
    });
    assert.deepEqual(result.lines, []);
  });

  it('applies route, then virtual host, then route config mutations, so the least specific overwrite wins', () => {
    const result = check('/old/x', {
      request_header_matches: [{ name: 'x-level', string_match: { exact: 'vhost' } }],
      response_header_matches: [{ name: 'x-r', string_match: { exact: 'config' } }],
    });
    assert.deepEqual(result.lines, []);
  });

  it('matches virtual clusters against the finalized request', () => {
    assert.deepEqual(check('/old/x', { virtual_cluster_name: 'rewritten' }).lines, []);
  });

  it('reports the 15s default timeout of a route without one, and none for a direct response', () => {
    assert.deepEqual(check('/old/x', { timeout: '1s' }).lines, ['expected: [1s], actual: [15s], test type: timeout']);
    assert.deepEqual(check('/x', { timeout: '15s' }).lines, ['expected: [15s], actual: [], test type: timeout']);
  });

  it('builds the local reply: content-length in bytes and text/plain, with appended headers read back joined', () => {
    const result = check('/x', {
      code_redirect: 200,
      path_redirect: 'http://www.lyft.com/x',
      cluster_name: '',
      response_header_matches: [
        { name: 'content-length', string_match: { exact: '6' } },
        { name: 'content-type', string_match: { exact: 'text/plain,application/json' } },
        { name: ':status', string_match: { exact: '200' } },
      ],
    });
    assert.deepEqual(result.lines, []);
  });

  it('sends no content-type or content-length for an empty body', () => {
    const result = check('/empty', {
      code_redirect: 204,
      response_header_matches: [
        { name: 'content-type', present_match: true, invert_match: true },
        { name: 'content-length', present_match: true, invert_match: true },
      ],
    });
    assert.deepEqual(result.lines, []);
  });
});

describe('route config document', () => {
  it('accepts camelCase protojson as istioctl prints it', () => {
    const loaded = loadRouteConfigDocument(
      { virtualHosts: [{ name: 'vh', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'c' } }] }] },
      new IssueSink(),
    );
    assert.equal(loaded.config.virtualHosts.value[0]!.routes.length, 1);
  });

  it('takes the static layers of a bootstrap as runtime', () => {
    const loaded = loadRouteConfigDocument(
      {
        layered_runtime: { layers: [{ name: 'l', static_layer: { 'www2_weights.cluster1': 0 } }] },
        static_resources: {
          listeners: [
            {
              name: 'l1',
              filter_chains: [{ filters: [{ name: 'envoy.filters.network.http_connection_manager', typed_config: { route_config: { virtual_hosts: [] } } }] }],
            },
          ],
        },
      },
      new IssueSink(),
    );
    assert.equal(loaded.from, 'bootstrap');
    assert.equal(loaded.listener, 'l1');
    assert.deepEqual(loaded.runtime, { 'www2_weights.cluster1': 0 });
  });
});
