import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { hostSubsetOf, hostsMatch, resolveShortName } from '../src/core/config/hosts.ts';
import { namespaceOf, objectRef } from '../src/core/config/objects.ts';
import { servicePortProtocol } from '../src/core/config/protocol.ts';
import { parseConfigText } from '../src/core/config/read-objects.ts';
import { meshServices, visibleFrom } from '../src/core/config/services.ts';
import { InputError } from '../src/core/errors.ts';
import { readConfigPaths } from '../src/sources/config-files.ts';
import { conformance, fixture, needsConformance } from './helpers/paths.ts';

describe('Istio and Kubernetes objects from YAML/JSON (--config)', () => {
  it('reads multi-document YAML and kind: List items (analyze-list-type.yaml from istio/istio analyzers testdata)', { skip: needsConformance }, async () => {
    const set = await readConfigPaths([conformance('istio-analyze', 'testdata', 'analyze-list-type.yaml')]);
    const names = set.objects.map((o) => `${o.kind}/${o.metadata.name}`);
    assert.ok(names.includes('Gateway/alpha'), names.join());
    assert.ok(names.includes('Gateway/beta-l'), names.join());
    const listItem = set.objects.find((o) => o.metadata.name === 'beta-l')!;
    assert.equal(listItem.origin.item, 1);
    assert.equal(listItem.origin.document, 2);
    // No namespace: the origin keeps none (istioctl analyze prints `Gateway alpha`), the note says how it is read.
    assert.equal(objectRef(listItem), 'Gateway beta-l');
    assert.equal(namespaceOf(listItem), 'default');
    assert.ok(set.problems.some((p) => p.severity === 'note' && /beta-l has no metadata.namespace/.test(p.message)));
  });

  it('reads every file of the analyze corpus without throwing; every document is an object or a problem', { skip: needsConformance }, async () => {
    // The two `*-mesh-cfg.yaml` files are mesh config (MeshConfig fields), given upstream as mesh_config_file, not objects.
    const dir = conformance('istio-analyze', 'testdata');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('-mesh-cfg.yaml'));
    const set = await readConfigPaths(files.map((f) => path.join(dir, f)));
    assert.ok(set.objects.length > 300, `${set.objects.length} objects`);
    assert.deepEqual(
      set.problems.filter((p) => p.severity === 'skipped' && !/is not one meshscope reads/.test(p.message)).map((p) => p.message),
      [],
    );
  });

  it('reports a document that is not an object, an unknown kind and bad YAML per document, and keeps the rest', () => {
    const text = [
      'just a string',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}',
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ok, namespace: shop}\nspec: {hosts: [cart]}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: [x}',
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {namespace: shop}',
      '',
    ].join('\n---\n');
    const set = parseConfigText('objs.yaml', text);
    assert.deepEqual(
      set.objects.map((o) => objectRef(o)),
      ['VirtualService shop/ok'],
    );
    const messages = set.problems.map((p) => p.message);
    assert.match(messages[0]!, /^objs\.yaml \(document 1\): not a Kubernetes object/);
    assert.match(messages[1]!, /^objs\.yaml \(document 2\): kind Widget \(example\.com\/v1\) is not one meshscope reads/);
    assert.match(messages[2]!, /^objs\.yaml \(document 4\): not valid YAML/);
    assert.match(messages[3]!, /^objs\.yaml \(document 5\): DestinationRule has no metadata\.name/);
    assert.equal(messages.length, 4);
  });

  it('drops managed fields, last-applied and every Secret payload on reading', () => {
    const set = parseConfigText(
      'x.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'cert', namespace: 'istio-system' },
            type: 'kubernetes.io/tls',
            data: { 'tls.key': 'LS0tLS1CRUdJTiBQUklWQVRF', 'tls.crt': 'AAAA' },
          },
          {
            apiVersion: 'networking.istio.io/v1',
            kind: 'VirtualService',
            metadata: {
              name: 'r',
              namespace: 'a',
              managedFields: [{ manager: 'kubectl' }],
              annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"old":1}', keep: 'me' },
            },
            spec: {},
          },
        ],
      }),
    );
    const [secret, vs] = set.objects;
    assert.equal(JSON.stringify(secret!.raw).includes('LS0t'), false);
    assert.deepEqual(secret!.spec, { type: 'kubernetes.io/tls', keys: ['tls.key', 'tls.crt'] });
    assert.equal(JSON.stringify(vs!.raw).includes('managedFields'), false);
    assert.equal(JSON.stringify(vs!.raw).includes('last-applied'), false);
    assert.deepEqual(vs!.metadata.annotations, { keep: 'me' });
  });

  it('keeps the Gateway API Gateway apart from Istio Gateway', () => {
    const set = parseConfigText(
      'g.yaml',
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: waypoint, namespace: bookinfo}\n---\napiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata: {name: gw, namespace: bookinfo}',
    );
    assert.deepEqual(
      set.objects.map((o) => o.kind),
      ['KubernetesGateway', 'Gateway'],
    );
  });

  it('walks folders in name order and says which path is missing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ms-config-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(path.join(dir, 'b'));
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'b', 'vs.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: two, namespace: x}\n');
    writeFileSync(path.join(dir, 'a.json'), '{"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"one","namespace":"x"}}');
    writeFileSync(path.join(dir, '.git', 'c.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: hidden, namespace: x}\n');
    writeFileSync(path.join(dir, 'README.md'), '# not read');
    const set = await readConfigPaths([dir]);
    assert.deepEqual(
      set.objects.map((o) => o.metadata.name),
      ['one', 'two'],
    );
    await assert.rejects(readConfigPaths([path.join(dir, 'nope')]), (e: unknown) => e instanceof InputError && /nope: no such file or folder/.test(e.message));
  });

  it('reads the bookinfo demo objects', async () => {
    const set = await readConfigPaths([fixture('bookinfo', 'istio')]);
    assert.ok(set.objects.some((o) => o.kind === 'VirtualService' && o.metadata.name === 'reviews'));
    assert.deepEqual(
      set.problems.filter((p) => p.severity === 'skipped'),
      [],
    );
  });
});

describe('Istio host names and port protocols', () => {
  it('matches and orders hosts as host.Name.Matches / SubsetOf (pkg/config/host/name_test.go cases)', () => {
    assert.equal(hostsMatch('*.com', 'foo.com'), true);
    assert.equal(hostsMatch('*.foo.com', '*.com'), true);
    assert.equal(hostsMatch('foo.com', 'bar.com'), false);
    assert.equal(hostsMatch('*', 'anything.example'), true);
    assert.equal(hostSubsetOf('*.foo.com', '*.com'), true);
    assert.equal(hostSubsetOf('*.com', '*.foo.com'), false);
    assert.equal(hostSubsetOf('foo.com', '*.com'), true);
    assert.equal(hostSubsetOf('*.com', 'foo.com'), false);
  });

  it('resolves short names as ResolveShortnameToFQDN: only names without a dot get the namespace', () => {
    assert.equal(resolveShortName('reviews', 'bookinfo'), 'reviews.bookinfo.svc.cluster.local');
    assert.equal(resolveShortName('reviews.bookinfo', 'default'), 'reviews.bookinfo');
    assert.equal(resolveShortName('*', 'x'), '*');
    assert.equal(resolveShortName('10.0.0.1', 'x'), '10.0.0.1');
  });

  it('gives Service ports the protocol of ConvertProtocol (pkg/config/kube/conversion_test.go)', () => {
    assert.equal(servicePortProtocol(9080, 'http', 'TCP', undefined), 'HTTP');
    assert.equal(servicePortProtocol(9080, 'http-web', 'TCP', undefined), 'HTTP');
    assert.equal(servicePortProtocol(9080, 'grpc-web-x', 'TCP', undefined), 'GRPC-Web');
    assert.equal(servicePortProtocol(9080, 'web', 'TCP', undefined), 'UnsupportedProtocol');
    assert.equal(servicePortProtocol(3306, 'db', 'TCP', undefined), 'TCP');
    assert.equal(servicePortProtocol(53, 'dns', 'UDP', undefined), 'UDP');
    assert.equal(servicePortProtocol(80, 'tcp', 'TCP', 'http'), 'HTTP');
    assert.equal(servicePortProtocol(80, 'x', 'TCP', 'kubernetes.io/h2c'), 'HTTP2');
    assert.equal(servicePortProtocol(80, 'x', 'TCP', 'kubernetes.io/wss'), 'HTTPS');
  });

  it('builds services from Services and ServiceEntries with exportTo', () => {
    const set = parseConfigText(
      's.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: reviews, namespace: bookinfo, annotations: {networking.istio.io/exportTo: "."}}\nspec: {selector: {app: reviews}, ports: [{port: 9080, name: http}, {port: 9090, name: tcp-metrics}]}\n---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: bookinfo}\nspec: {hosts: [api.example.com], ports: [{number: 443, name: https, protocol: TLS}], exportTo: ["*"]}',
    );
    const [svc, se] = meshServices(set);
    assert.equal(svc!.hostname, 'reviews.bookinfo.svc.cluster.local');
    assert.deepEqual(
      svc!.ports.map((p) => p.protocol),
      ['HTTP', 'TCP'],
    );
    assert.deepEqual(svc!.exportTo, ['.']);
    assert.equal(se!.hostname, 'api.example.com');
    assert.equal(se!.ports[0]!.protocol, 'TLS');
    assert.equal(visibleFrom(['.'], 'bookinfo', 'other'), false);
    assert.equal(visibleFrom(['.'], 'bookinfo', 'bookinfo'), true);
    assert.equal(visibleFrom([], 'bookinfo', 'other'), true);
    assert.equal(visibleFrom(['~'], 'bookinfo', 'bookinfo'), false);
  });
});
