import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goJsonIndent, goJsonString, jsonpbIndent, protoJsonView } from '../src/core/report/istioctl/proto-json.ts';

describe("istioctl's -o json", () => {
  it('unpacks a resource: camelCase names, no @type, map and Struct keys sorted, other keys in dump order', () => {
    const raw = {
      '@type': 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
      cluster_name: 'outbound|80||a',
      endpoints: [
        {
          lb_endpoints: [
            {
              health_status: 'HEALTHY',
              metadata: {
                filter_metadata: { istio: { workload: 'w', b_key: 1, a_key: { z: 1, y: 2 } }, 'envoy.transport_socket_match': { tlsMode: 'istio' } },
              },
            },
          ],
        },
      ],
      typed_extension_protocol_options: {
        'z.opts': { '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions', use_downstream_protocol_config: {} },
        'a.opts': {},
      },
    };
    const view = protoJsonView(raw);
    assert.deepEqual(Object.keys(view), ['clusterName', 'endpoints', 'typedExtensionProtocolOptions']);
    const lb = (view.endpoints as { lbEndpoints: { healthStatus: string; metadata: { filterMetadata: Record<string, Record<string, unknown>> } }[] }[])[0]!
      .lbEndpoints[0]!;
    assert.deepEqual(Object.keys(lb.metadata.filterMetadata), ['envoy.transport_socket_match', 'istio']);
    assert.deepEqual(Object.keys(lb.metadata.filterMetadata.istio!), ['a_key', 'b_key', 'workload']);
    assert.deepEqual(Object.keys(lb.metadata.filterMetadata.istio!.a_key as object), ['y', 'z']);
    assert.deepEqual(view.typedExtensionProtocolOptions, {
      'a.opts': {},
      'z.opts': { '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions', useDownstreamProtocolConfig: {} },
    });
  });

  it('escapes strings as Go encoding/json does', () => {
    assert.equal(goJsonString('a<b>&c'), '"a\\u003cb\\u003e\\u0026c"');
    assert.equal(goJsonString('line\u2028sep\u2029'), '"line\\u2028sep\\u2029"');
    assert.equal(goJsonString('tab\t"q"\\'), '"tab\\t\\"q\\"\\\\"');
    assert.equal(goJsonString('lone \ud800 surrogate'), '"lone \\ufffd surrogate"');
    assert.equal(goJsonString('literal \\ud800'), '"literal \\\\ud800"');
    assert.equal(goJsonString('ünï 😀'), '"ünï 😀"');
  });

  it('indents like json.MarshalIndent, with {} and [] for empty containers', () => {
    assert.equal(
      goJsonIndent({ a: [], b: {}, c: [1, { d: 'x' }] }),
      '{\n    "a": [],\n    "b": {},\n    "c": [\n        1,\n        {\n            "d": "x"\n        }\n    ]\n}',
    );
    assert.equal(goJsonIndent([]), '[]');
  });

  it('indents like legacy jsonpb: Struct entries one level deeper than their key, a blank line in empty messages', () => {
    const text = jsonpbIndent({
      node: { id: 'n', metadata: { B: 'b', NESTED: { x: 1 }, LIST: ['a'] }, locality: {} },
    });
    assert.equal(
      text,
      [
        '{',
        '    "node": {',
        '        "id": "n",',
        '        "metadata": {',
        '                "B": "b",',
        '                "NESTED": {',
        '                            "x": 1',
        '                        },',
        '                "LIST": [',
        '                            "a"',
        '                        ]',
        '            },',
        '        "locality": {',
        '',
        '        }',
        '    }',
        '}',
      ].join('\n'),
    );
  });
});
