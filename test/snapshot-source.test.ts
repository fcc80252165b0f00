import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  buildBookinfoSnapshot,
  CAPTURED_AT,
  CAPTURED_PROXIES,
  CONTEXT,
  INGRESS_GATEWAY,
  PRODUCTPAGE,
  SNAPSHOT_FILE,
} from '../scripts/fixtures/bookinfo-snapshot.ts';
import { InputError } from '../src/core/errors.ts';
import { explain } from '../src/core/explain/explain.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { snapshotToJson } from '../src/core/snapshot/format.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { SnapshotSource } from '../src/sources/snapshot-source.ts';
import { fixture, repoRoot } from './helpers/paths.ts';

const file = path.join(repoRoot, SNAPSHOT_FILE);

describe('the bookinfo snapshot as a MeshSource', () => {
  it('is what the capture of fixtures/bookinfo gives today (regenerate with scripts/fixtures/bookinfo-snapshot.ts)', async () => {
    const source = await SnapshotSource.open(file);
    assert.deepEqual(snapshotToJson(source.snapshot), snapshotToJson(await buildBookinfoSnapshot(repoRoot)));
  });

  it('lists the captured proxies with their proxy-status sync state', async () => {
    const source = await SnapshotSource.open(file);
    const proxies = await source.listProxies();
    // Every proxy of fixtures/bookinfo with a dump (the gateway, the bookinfo sidecars, the waypoint), sorted by name.
    assert.deepEqual(
      proxies.map((p) => p.name),
      Object.keys(CAPTURED_PROXIES).sort(),
    );
    const byName = (name: string) => proxies.find((p) => p.name === name)!;
    assert.equal(byName(PRODUCTPAGE).sync.CDS, 'SYNCED');
    assert.equal(byName(INGRESS_GATEWAY).proxyType, 'router');
    assert.equal(source.kind, 'snapshot');
    assert.equal(source.label, `snapshot ${file}`);
  });

  it('tells when, where and with what the capture was made', async () => {
    const { provenance } = await SnapshotSource.open(file);
    assert.deepEqual(provenance, {
      capturedAt: CAPTURED_AT,
      context: CONTEXT,
      istioVersion: '1.24.2',
      istioctlVersion: '1.24.2',
      capturedBy: 'meshscope 0.1.0',
    });
  });

  it('explains a request exactly as the dump files do', async () => {
    const source = await SnapshotSource.open(file);
    const { config, fetchedAt } = await source.proxyConfig(PRODUCTPAGE);
    assert.equal(fetchedAt, Date.parse(CAPTURED_AT));
    const files = await readProxyConfig({
      dump: fixture('bookinfo', 'productpage', 'config_dump.json'),
      endpoints: fixture('bookinfo', 'productpage', 'endpoints.json'),
    });
    for (const line of ['GET http://reviews:9080/reviews/0', 'GET http://details:9080/details/0', 'GET http://example.org/']) {
      const request = parseRequest(line);
      const a = explain(config, request, { randomValue: 7n });
      const b = explain(files, request, { randomValue: 7n });
      assert.deepEqual({ ...a, proxy: null }, { ...b, proxy: null }, line);
    }
  });

  it('finds a proxy by its pod name alone and names the captured ones for an unknown one', async () => {
    const source = await SnapshotSource.open(file);
    assert.equal(source.resolveProxy('productpage-v1-7d6cfb7dfd-4xk2p'), PRODUCTPAGE);
    await assert.rejects(source.proxyConfig('ratings-v1-x.bookinfo'), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(
        error.message,
        /has no proxy "ratings-v1-x\.bookinfo"; it holds details-v1-65cfcf56f9-q8w7m\.bookinfo, istio-ingressgateway-6b8f4c7d9b-wq5tz\.istio-system, productpage-/,
      );
      return true;
    });
  });

  it('answers analyze per namespace and for all', async () => {
    const source = await SnapshotSource.open(file);
    assert.deepEqual(
      (await source.analyze('bookinfo')).map((m) => m.code),
      ['IST0173', 'IST0130', 'IST0131'],
    );
    assert.deepEqual(await source.analyze('istio-system'), []);
    assert.equal((await source.analyze(undefined)).length, 3);
  });

  it('says why a proxy whose capture failed has no config', async () => {
    const base = await SnapshotSource.open(file);
    const snapshot = { ...base.snapshot, proxies: new Map([['gone-1.ns', { error: 'pod gone-1 not found' }]]) };
    const source = new SnapshotSource('x.json', snapshot);
    await assert.rejects(source.proxyConfig('gone-1.ns'), /x\.json: holds no config for gone-1\.ns: the capture failed \(pod gone-1 not found\)/);
    assert.deepEqual(
      (await source.listProxies()).map((p) => [p.name, p.pod, p.namespace]),
      [['gone-1.ns', 'gone-1', 'ns']],
    );
  });

  it("reads stats in Envoy's JSON form", async () => {
    const base = await SnapshotSource.open(file);
    const stats = {
      stats: [
        { name: 'cluster.x.upstream_rq_total', value: 12 },
        { name: 'cluster.x.upstream_rq_active', value: 2 },
      ],
    };
    const source = new SnapshotSource('x.json', { ...base.snapshot, proxies: new Map([['a.ns', { configDump: { configs: [] }, stats }]]) });
    const read = await source.stats('a.ns');
    assert.equal(read.counters['cluster.x.upstream_rq_total'], 12);
    assert.equal(read.gauges['cluster.x.upstream_rq_active'], 2);
  });
});
