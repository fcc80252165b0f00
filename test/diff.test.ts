import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type DiffChange, diffAnalyzer, diffProxyConfigs } from '../src/core/diff/diff.ts';
import { pairProxies, workloadKey } from '../src/core/diff/pairing.ts';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { parseAnalyze } from '../src/core/istio/analyze.ts';
import { fixture } from './helpers/paths.ts';

/** The bookinfo productpage capture as raw documents, to change one thing at a time. */
interface Capture {
  dump: JsonObject;
  endpoints: Json[];
}
const fresh = (): Capture => ({
  dump: JSON.parse(readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json'), 'utf8')),
  endpoints: JSON.parse(readFileSync(fixture('bookinfo', 'productpage', 'endpoints.json'), 'utf8')),
});
const load = (c: Capture): ProxyConfig =>
  loadProxyConfig(
    [
      { name: 'dump', data: c.dump },
      { name: 'endpoints', data: c.endpoints },
    ],
    'x',
  );

const section = (c: Capture, type: string): JsonObject => (c.dump.configs as JsonObject[]).filter((s) => String(s['@type']).endsWith(type)).at(-1)!;
const virtualHosts = (c: Capture): JsonObject[] =>
  ((section(c, 'RoutesConfigDump').dynamic_route_configs as JsonObject[])[0]!.route_config as JsonObject).virtual_hosts as JsonObject[];
const vhost = (c: Capture, prefix: string): JsonObject => virtualHosts(c).find((v) => String(v.name).startsWith(prefix))!;
const routes = (c: Capture, prefix: string): JsonObject[] => vhost(c, prefix).routes as JsonObject[];
const clusters = (c: Capture): JsonObject[] => section(c, 'ClustersConfigDump').dynamic_active_clusters as JsonObject[];
const cluster = (c: Capture, name: string): JsonObject => clusters(c).find((x) => (x.cluster as JsonObject).name === name)!.cluster as JsonObject;
const cla = (c: Capture, name: string): JsonObject =>
  (section(c, 'EndpointsConfigDump').dynamic_endpoint_configs as JsonObject[]).find((e) => (e.endpoint_config as JsonObject).cluster_name === name)!
    .endpoint_config as JsonObject;
const V = (subset: string, host = 'reviews') => `outbound|9080|${subset}|${host}.bookinfo.svc.cluster.local`;

function diff(change: (c: Capture) => void): DiffChange[] {
  const a = fresh();
  const b = fresh();
  change(b);
  return diffProxyConfigs(load(a), load(b));
}

const summary = (changes: DiffChange[]): string[] => changes.map((c) => `${c.kind} ${c.object}: ${c.message}`);

describe('diff of two captures of one proxy', () => {
  it('finds nothing between equal captures', () => {
    assert.deepEqual(
      diff(() => {}),
      [],
    );
  });

  const cases: [string, (c: Capture) => void, RegExp[]][] = [
    [
      'a route added',
      (c) => routes(c, 'reviews').splice(0, 0, { name: 'beta', match: { prefix: '/beta' }, route: { cluster: V('v3') } }),
      [/^route-added 9080\/reviews\.bookinfo\.svc\.cluster\.local:9080\/beta: route beta added at #0: prefix "\/beta" → outbound\|9080\|v3\|reviews/],
    ],
    [
      'a route removed',
      (c) => routes(c, 'reviews').splice(1, 1),
      [/^route-removed 9080\/reviews\.bookinfo\.svc\.cluster\.local:9080\/jason-to-v3: route jason-to-v3 removed \(was #1:/],
    ],
    [
      'routes reordered',
      (c) => routes(c, 'reviews').reverse(),
      [
        /^routes-reordered 9080\/reviews\.bookinfo\.svc\.cluster\.local:9080: routes reordered: jason-to-v2, jason-to-v3, reviews-canary → reviews-canary, jason-to-v3, jason-to-v2 \(the first match wins\)/,
      ],
    ],
    [
      'a match changed',
      (c) => {
        ((routes(c, 'reviews')[0]!.match as JsonObject).headers as JsonObject[])[0]!.string_match = { exact: 'Jason' };
      },
      [/^match-changed .*\/jason-to-v2: match prefix "\/" and header end-user exact "jason" → prefix "\/" and header end-user exact "Jason"/],
    ],
    [
      'weights changed',
      (c) => {
        const w = ((routes(c, 'reviews')[2]!.route as JsonObject).weighted_clusters as JsonObject).clusters as JsonObject[];
        w[0]!.weight = 50;
        w[1]!.weight = 50;
      },
      [
        /^weight-changed .*\/reviews-canary: weights changed: outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local 90 → 50; outbound\|9080\|v3\|reviews\.bookinfo\.svc\.cluster\.local 10 → 50/,
      ],
    ],
    [
      'a subset added to a split',
      (c) => {
        (((routes(c, 'reviews')[2]!.route as JsonObject).weighted_clusters as JsonObject).clusters as JsonObject[]).push({ name: V('v2'), weight: 0 });
      },
      [/weights changed: outbound\|9080\|v2\|reviews\.bookinfo\.svc\.cluster\.local added with weight 0/],
    ],
    [
      'a destination changed',
      (c) => {
        (routes(c, 'details')[0]!.route as JsonObject).cluster = V('v2', 'details');
      },
      [
        /^destination-changed 9080\/details\.bookinfo\.svc\.cluster\.local:9080\/details-retries: destination outbound\|9080\|v1\|details\.bookinfo\.svc\.cluster\.local → outbound\|9080\|v2\|details/,
      ],
    ],
    [
      'a timeout changed',
      (c) => {
        (routes(c, 'details')[0]!.route as JsonObject).timeout = '5s';
      },
      [/^route-policy-changed .*details-retries: timeout 10s → 5s$/],
    ],
    [
      'retries changed',
      (c) => {
        ((routes(c, 'details')[0]!.route as JsonObject).retry_policy as JsonObject).num_retries = 1;
      },
      [/^route-policy-changed .*details-retries: retry_policy \{.*"num_retries":3.* → \{.*"num_retries":1/],
    ],
    [
      'a subset added',
      (c) => {
        const copy = structuredClone(clusters(c).find((x) => (x.cluster as JsonObject).name === V('v3'))!);
        (copy.cluster as JsonObject).name = V('v4');
        ((((copy.cluster as JsonObject).metadata as JsonObject).filter_metadata as JsonObject).istio as JsonObject).subset = 'v4';
        clusters(c).push(copy);
      },
      [
        /^subset-added outbound\|9080\|v4\|reviews\.bookinfo\.svc\.cluster\.local: subset v4 of reviews\.bookinfo\.svc\.cluster\.local added \(DestinationRule reviews\.bookinfo\)/,
      ],
    ],
    [
      'a subset removed',
      (c) => {
        const list = clusters(c);
        list.splice(
          list.findIndex((x) => (x.cluster as JsonObject).name === V('v2', 'details')),
          1,
        );
      },
      [/^subset-removed outbound\|9080\|v2\|details\.bookinfo\.svc\.cluster\.local: subset v2 of details\.bookinfo\.svc\.cluster\.local removed/],
    ],
    [
      'DestinationRule policies changed',
      (c) => {
        (cluster(c, V('v1')).outlier_detection as JsonObject).consecutive_5xx = 7;
        cluster(c, V('v1', 'ratings')).lb_policy = 'ROUND_ROBIN';
      },
      [
        /^policy-changed outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local: outlier detection \{.*"consecutive_5xx":5.* → \{.*"consecutive_5xx":7/,
        /^policy-changed outbound\|9080\|v1\|ratings\.bookinfo\.svc\.cluster\.local: load balancer RING_HASH → ROUND_ROBIN/,
      ],
    ],
    [
      'an endpoint added and one removed',
      (c) => {
        const locality = (cla(c, V('v3')).endpoints as JsonObject[])[0]!;
        const eps = locality.lb_endpoints as JsonObject[];
        const copy = structuredClone(eps[0]!);
        ((copy.endpoint as JsonObject).address as JsonObject).socket_address = { address: '10.244.2.99', port_value: 9080 };
        eps.push(copy);
        const v2 = (cla(c, V('v2')).endpoints as JsonObject[])[0]!;
        v2.lb_endpoints = [];
      },
      [
        /^endpoint-added 10\.244\.2\.99:9080 in outbound\|9080\|v3\|reviews\.bookinfo\.svc\.cluster\.local: endpoint 10\.244\.2\.99:9080 \(reviews-v3\) added/,
        /^endpoint-removed 10\.244\.1\.11:9080 in outbound\|9080\|v2\|reviews\.bookinfo\.svc\.cluster\.local: endpoint 10\.244\.1\.11:9080 \(reviews-v2\) removed/,
      ],
    ],
    [
      'EDS health changed',
      (c) => {
        ((cla(c, V('v2')).endpoints as JsonObject[])[0]!.lb_endpoints as JsonObject[])[0]!.health_status = 'UNHEALTHY';
      },
      [
        /^health-changed 10\.244\.1\.11:9080 in outbound\|9080\|v2\|reviews\.bookinfo\.svc\.cluster\.local: EDS health of 10\.244\.1\.11:9080 .*: HEALTHY → UNHEALTHY/,
      ],
    ],
    [
      'an ejection ended',
      (c) => {
        const status = (c.endpoints as JsonObject[]).find((s) => s.name === V('v1'))!;
        for (const h of status.hostStatuses as JsonObject[]) delete (h.healthStatus as JsonObject).failedOutlierCheck;
      },
      [/^ejection-changed 10\.244\.1\.10:9080 in outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local: 10\.244\.1\.10:9080 no longer ejected/],
    ],
    [
      'an ejection started',
      (c) => {
        const status = (c.endpoints as JsonObject[]).find((s) => s.name === V('v2', 'ratings'))!;
        ((status.hostStatuses as JsonObject[])[0]!.healthStatus as JsonObject).failedOutlierCheck = true;
      },
      [/^ejection-changed 10\.244\.2\.14:9080 in outbound\|9080\|v2\|ratings\.bookinfo\.svc\.cluster\.local: 10\.244\.2\.14:9080 ejected by outlier detection/],
    ],
    [
      'version_info moved',
      (c) => {
        for (const x of clusters(c)) x.version_info = '2025-01-15T09:30:02Z/61';
      },
      [/^version-moved clusters: clusters version_info 2025-01-15T09:12:31Z\/58 → 2025-01-15T09:30:02Z\/61 \(18 of 18 resources\)/],
    ],
    [
      'a virtual host added and domains changed',
      (c) => {
        virtualHosts(c).push({ name: 'new.bookinfo.svc.cluster.local:9080', domains: ['new'], routes: [] });
        (vhost(c, 'ratings').domains as Json[]).push('ratings.example');
      },
      [
        /^virtual-host-added 9080\/new\.bookinfo\.svc\.cluster\.local:9080/,
        /^domains-changed 9080\/ratings\.bookinfo\.svc\.cluster\.local:9080: domains .* → .*ratings\.example/,
      ],
    ],
    [
      'a listener removed',
      (c) => {
        const ls = section(c, 'ListenersConfigDump').dynamic_listeners as JsonObject[];
        ls.splice(
          ls.findIndex((l) => l.name === '0.0.0.0_9080'),
          1,
        );
      },
      [/^listener-removed 0\.0\.0\.0_9080: listener 0\.0\.0\.0_9080 removed/],
    ],
  ];
  for (const [what, mutate, patterns] of cases) {
    it(`reports ${what}`, () => {
      const changes = summary(diff(mutate));
      for (const p of patterns)
        assert.ok(
          changes.some((c) => p.test(c)),
          `${p} not in:\n${changes.join('\n')}`,
        );
    });
  }

  it('reports only what changed', () => {
    const changes = diff((c) => {
      (routes(c, 'details')[0]!.route as JsonObject).timeout = '5s';
    });
    assert.equal(changes.length, 1);
    assert.deepEqual(
      { ...changes[0] },
      {
        category: 'routes',
        kind: 'route-policy-changed',
        object: '9080/details.bookinfo.svc.cluster.local:9080/details-retries',
        message: 'timeout 10s → 5s',
        before: '10s',
        after: '5s',
      },
    );
  });
});

describe('pairing proxies across captures', () => {
  it('pairs by name, then by workload when a pod restarted', () => {
    assert.equal(workloadKey('reviews-v1-5896f547f5-7cjxn.bookinfo'), 'reviews-v1.bookinfo');
    assert.equal(workloadKey('ztunnel-abcde.istio-system'), 'ztunnel.istio-system');
    assert.deepEqual(
      pairProxies(
        ['a-1.ns', 'reviews-v1-5896f547f5-7cjxn.bookinfo', 'gone-6b8f4c7d9b-aaaaa.ns'],
        ['a-1.ns', 'reviews-v1-5896f547f5-q2x8d.bookinfo', 'new-1.ns'],
      ),
      {
        pairs: [
          ['a-1.ns', 'a-1.ns'],
          ['reviews-v1-5896f547f5-7cjxn.bookinfo', 'reviews-v1-5896f547f5-q2x8d.bookinfo'],
        ],
        onlyInA: ['gone-6b8f4c7d9b-aaaaa.ns'],
        onlyInB: ['new-1.ns'],
      },
    );
  });

  it('does not guess between two pods of one workload', () => {
    const p = pairProxies(['r-5896f547f5-aaaaa.ns'], ['r-5896f547f5-bbbbb.ns', 'r-5896f547f5-ccccc.ns']);
    assert.deepEqual(p.pairs, []);
  });
});

describe('analyzer messages across captures', () => {
  it('says which appeared and which went away', () => {
    const all = parseAnalyze(JSON.parse(readFileSync(fixture('bookinfo', 'analyze.json'), 'utf8')));
    const changes = diffAnalyzer(all.slice(0, 2), all.slice(1));
    assert.deepEqual(
      changes.map((c) => `${c.kind} ${c.object}`),
      ['analyzer-added VirtualService bookinfo/reviews', 'analyzer-removed DestinationRule bookinfo/details'],
    );
    assert.match(changes[0]!.message, /^Info IST0131 appeared on VirtualService bookinfo\/reviews/);
  });
});
