import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { parseConcatenatedJson } from '../src/core/istio/concatenated-json.ts';
import { fixture } from './helpers/paths.ts';

// fixtures/bookinfo/istio/kubernetes.yaml (and the creationTimestamps of the Istio objects) checked
// against the dumps they must agree with. Shapes: Kubernetes core/v1 Pod and Service; Istio's
// injection-template.yaml (istio-proxy container, tlsMode/canonical labels), pkg/kube/inject/webhook.go
// reorderPod (istio-proxy last), pilot-agent's node metadata (LABELS/ANNOTATIONS are the pod's, read
// through the downward API), and istiod's EDS, which only carries Ready pods the Service selects.

// biome-ignore lint/suspicious/noExplicitAny: the checks walk raw YAML and config dump JSON by known paths
type J = Record<string, any>;
const json = (file: string): J => JSON.parse(readFileSync(file, 'utf8'));
const objects: J[] = readdirSync(fixture('bookinfo', 'istio'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(fixture('bookinfo', 'istio', f), 'utf8')).map((d) => ({ ...d.toJS(), file: f })));
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const pods = ofKind('Pod');
const services = ofKind('Service');
const byName = (kind: string, name: string): J => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(o, `${kind}/${name} in fixtures/bookinfo/istio`);
  return o;
};
const dump = (dir: string) => json(fixture('bookinfo', dir, 'config_dump.json'));
const section = (d: J, suffix: string): J => d.configs.find((c: J) => String(c['@type']).endsWith(`.${suffix}`)) ?? {};
const nodeMeta = (d: J): J => section(d, 'BootstrapConfigDump').bootstrap.node.metadata;
const statusNodes: J[] = parseConcatenatedJson('proxy-status.json', readFileSync(fixture('bookinfo', 'proxy-status.json'), 'utf8')).flatMap((doc) =>
  (doc as J).resources.map((r: J) => r.node),
);
const isReady = (p: J) => p.status.conditions.some((c: J) => c.type === 'Ready' && c.status === 'True');
const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
const productpage = dump('productpage');
const eds: J[] = section(productpage, 'EndpointsConfigDump').dynamic_endpoint_configs.map((e: J) => e.endpoint_config);
const edsIps = (cluster: string): string[] =>
  (eds.find((e) => e.cluster_name === cluster)?.endpoints ?? [])
    .flatMap((g: J) => g.lb_endpoints)
    .map((l: J) => l.endpoint.address.socket_address.address)
    .sort();

describe('bookinfo demo: kubernetes.yaml agrees with the dumps', () => {
  it('gives every proxy pod exactly the labels and annotations of its node metadata (dumps and proxy-status)', () => {
    const metas = [...['productpage', 'ingressgateway', 'waypoint'].map((d) => nodeMeta(dump(d))), ...statusNodes.map((n) => n.metadata)];
    assert.ok(metas.length >= 12);
    for (const m of metas) {
      const pod = pods.find((p) => p.metadata.name === m.NAME && p.metadata.namespace === m.NAMESPACE);
      assert.ok(pod, `pod ${m.NAMESPACE}/${m.NAME}`);
      assert.deepEqual(pod.metadata.labels, m.LABELS, `${m.NAME} labels`);
      assert.deepEqual(pod.metadata.annotations, m.ANNOTATIONS, `${m.NAME} annotations`);
      assert.equal(pod.status.podIP, m.INSTANCE_IPS);
      assert.equal(pod.spec.nodeName, m.NODE_NAME);
      assert.equal(pod.spec.serviceAccountName, m.SERVICE_ACCOUNT);
    }
  });

  it('injects the sidecar as injection-template.yaml does: istio-init, app container first, istio-proxy last; gateways run istio-proxy alone', () => {
    const bookinfo = byName('Namespace', 'bookinfo');
    assert.equal(bookinfo.metadata.labels['istio-injection'], 'enabled');
    for (const p of pods) {
      const names = p.spec.containers.map((c: J) => c.name);
      const proxy = p.spec.containers.find((c: J) => c.name === 'istio-proxy');
      if (p.metadata.labels['security.istio.io/tlsMode'] === 'istio') {
        assert.equal(names.at(-1), 'istio-proxy', p.metadata.name);
        assert.equal(names[0], p.metadata.annotations['kubectl.kubernetes.io/default-container']);
        const status = JSON.parse(p.metadata.annotations['sidecar.istio.io/status']);
        assert.deepEqual(
          p.spec.initContainers.map((c: J) => c.name),
          status.initContainers,
        );
        assert.equal(p.metadata.labels['service.istio.io/canonical-revision'], p.metadata.labels.version);
      } else if (proxy) {
        assert.deepEqual(names, ['istio-proxy'], `${p.metadata.name}: a gateway's proxy is its only container`);
      }
      if (proxy) assert.match(proxy.image, /^docker\.io\/istio\/proxyv2:1\.24\.2$/);
    }
  });

  it('has every bookinfo Service port, clusterIP and selector behind the sidecar EDS: the Ready pods it selects, no others', () => {
    const domains = new Set(
      section(productpage, 'RoutesConfigDump')
        .dynamic_route_configs.map((r: J) => r.route_config)
        .flatMap((rc: J) => rc.virtual_hosts.flatMap((vh: J) => vh.domains)),
    );
    const bookinfoServices = services.filter((s) => s.metadata.namespace === 'bookinfo');
    assert.equal(bookinfoServices.length, 5);
    for (const s of bookinfoServices) {
      for (const port of s.spec.ports) {
        const cluster = `outbound|${port.port}||${s.metadata.name}.bookinfo.svc.cluster.local`;
        const expected = pods
          .filter((p) => p.metadata.namespace === 'bookinfo' && isReady(p) && selects(s.spec.selector, p.metadata.labels))
          .map((p) => p.status.podIP)
          .sort();
        assert.ok(expected.length > 0, cluster);
        assert.deepEqual(edsIps(cluster), expected, cluster);
      }
      if (s.spec.ports[0].port === 9080) assert.ok(domains.has(s.spec.clusterIP), `${s.metadata.name} clusterIP ${s.spec.clusterIP} in a vhost`);
    }
  });
});

describe('bookinfo demo: objects that are not in effect', () => {
  it('ratings-v3 is Running, not Ready, in no EDS and no proxy-status, and matches no ratings subset (pod-matches-no-subset)', () => {
    const pod = pods.find((p) => p.metadata.name.startsWith('ratings-v3-'));
    assert.ok(pod);
    assert.equal(pod.status.phase, 'Running');
    assert.equal(isReady(pod), false);
    const everyDump = ['productpage', 'ingressgateway', 'waypoint'].map((d) => readFileSync(fixture('bookinfo', d, 'config_dump.json'), 'utf8')).join('');
    assert.ok(!everyDump.includes(`"${pod.status.podIP}"`), 'no dump has its IP');
    assert.ok(!statusNodes.some((n) => n.metadata.NAME === pod.metadata.name));
    const dr = objects.find((o) => o.kind === 'DestinationRule' && o.spec.host === 'ratings');
    assert.ok(dr);
    assert.equal(
      dr.spec.subsets.some((s: J) => selects(s.labels, pod.metadata.labels)),
      false,
    );
    assert.ok(selects(byName('Service', 'ratings').spec.selector, pod.metadata.labels), 'the Service would select it once Ready');
  });

  it('legacy-client opted out of injection: no istio-proxy, no proxy anywhere (not-in-mesh)', () => {
    const pod = pods.find((p) => p.metadata.name.startsWith('legacy-client-'));
    assert.ok(pod);
    assert.equal(pod.metadata.namespace, 'bookinfo');
    assert.equal(pod.metadata.annotations['sidecar.istio.io/inject'], 'false');
    assert.ok(!pod.spec.containers.some((c: J) => c.name === 'istio-proxy'));
    assert.ok(!statusNodes.some((n) => n.metadata.NAME === pod.metadata.name));
    assert.ok(isReady(pod));
  });

  it('reviews-hotfix is newer than reviews for the same host, and none of its routes reached the sidecar (oldest VirtualService per host wins)', () => {
    const hotfix = byName('VirtualService', 'reviews-hotfix');
    const reviews = byName('VirtualService', 'reviews');
    assert.deepEqual(hotfix.spec.hosts, reviews.spec.hosts);
    assert.equal(hotfix.spec.gateways, undefined);
    assert.ok(Date.parse(hotfix.metadata.creationTimestamp) > Date.parse(reviews.metadata.creationTimestamp));
    const text = readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json'), 'utf8');
    assert.ok(text.includes('/virtual-service/reviews"'));
    assert.ok(!text.includes('reviews-hotfix'));
    for (const r of hotfix.spec.http) assert.ok(!text.includes(`"name": "${r.name}"`), r.name);
  });

  it('dates every object; the Istio config is older than the push in the dumps, the proxy pods than their proxies', () => {
    const pushed = Date.parse(String(section(productpage, 'ClustersConfigDump').version_info).split('/')[0]!);
    assert.ok(pushed > 0);
    for (const o of objects) {
      const at = Date.parse(o.metadata.creationTimestamp);
      assert.ok(at > 0, `${o.kind}/${o.metadata.name} creationTimestamp`);
      if (/istio\.io|gateway\.networking/.test(o.apiVersion)) assert.ok(at < pushed, `${o.kind}/${o.metadata.name} before the push`);
    }
    const started = Date.parse(`${section(productpage, 'ClustersConfigDump').static_clusters[0].last_updated}`);
    for (const m of [nodeMeta(productpage), nodeMeta(dump('ingressgateway')), nodeMeta(dump('waypoint'))]) {
      const pod = pods.find((p) => p.metadata.name === m.NAME);
      assert.ok(pod && Date.parse(pod.metadata.creationTimestamp) <= started, `${m.NAME} created before its proxy started`);
    }
  });
});
