import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { InputError, UsageError } from '../src/core/errors.ts';
import { createFileSource } from '../src/sources/file-source.ts';
import { createFolderSource } from '../src/sources/folder-source.ts';
import { noteFileWriter } from '../src/sources/note-file.ts';
import { fixture } from './helpers/paths.ts';

const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';

describe('MeshSources over captures (file, folder) and the note writer', () => {
  it('a dump file holds one proxy, named by its bootstrap node', async () => {
    const source = createFileSource({
      dump: fixture('bookinfo', 'productpage', 'config_dump.json'),
      endpoints: fixture('bookinfo', 'productpage', 'endpoints.json'),
    });
    assert.equal(source.kind, 'file');
    const proxies = await source.listProxies();
    assert.deepEqual(
      proxies.map((p) => [p.name, p.pod, p.namespace, p.proxyType, p.istioVersion]),
      [[PRODUCTPAGE, 'productpage-v1-7d6cfb7dfd-4xk2p', 'bookinfo', 'sidecar', '1.24.2']],
    );
    const { config, fetchedAt } = await source.proxyConfig(PRODUCTPAGE);
    assert.ok(config.hostStatus.length > 0, 'endpoints file read');
    assert.ok(fetchedAt > 0);
    await assert.rejects(source.proxyConfig('reviews-v1.bookinfo'), (e: unknown) => e instanceof UsageError && /is the config of productpage/.test(e.message));
    assert.deepEqual(await source.analyze('bookinfo'), []);
  });

  it('a dump file that fails to read is read again on retry (the TUI reads it while Ink loads, the r key retries)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-file-source-'));
    try {
      const dump = path.join(dir, 'config_dump.json');
      writeFileSync(dump, '{"configs": [');
      const source = createFileSource({ dump });
      await assert.rejects(source.listProxies(), InputError);
      await assert.rejects(source.listProxies(), InputError, 'read again, still cut short');
      writeFileSync(dump, readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json')));
      assert.deepEqual(
        (await source.listProxies()).map((p) => p.name),
        [PRODUCTPAGE],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a capture folder lists proxy-status proxies and maps sub-folders by bootstrap pod and namespace', async () => {
    const source = createFolderSource(fixture('bookinfo'));
    const proxies = await source.listProxies();
    assert.equal(proxies.length, 12);
    assert.ok(proxies.some((p) => p.name === 'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system' && p.proxyType === 'router'));
    assert.equal(proxies.find((p) => p.name === PRODUCTPAGE)?.sync.CDS, 'SYNCED');
    // Which can be opened: the folder holds eight dumps; proxy-status lists four more.
    assert.deepEqual(
      proxies.filter((p) => p.captured).map((p) => p.pod),
      [
        'details-v1-65cfcf56f9-q8w7m',
        'istio-ingressgateway-6b8f4c7d9b-wq5tz',
        'productpage-v1-7d6cfb7dfd-4xk2p',
        'ratings-v1-7c9bd4b87f-9v5lx',
        'reviews-v1-5896f547f5-mz4wq',
        'reviews-v2-5b667bcbf8-xq2lm',
        'reviews-v3-7886dd86b9-lc4jh',
        'waypoint-7b6f9d8c4d-p5x9v',
      ],
    );
    assert.equal(proxies.filter((p) => p.captured === false).length, 4);
    const gateway = await source.proxyConfig('istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system');
    assert.match(gateway.config.source, /ingressgateway[/\\]config_dump\.json$/);
    assert.ok(gateway.config.hostStatus.length > 0);
    const waypoint = await source.proxyConfig('waypoint-7b6f9d8c4d-p5x9v.bookinfo');
    assert.match(waypoint.config.source, /waypoint[/\\]config_dump\.json$/);
    assert.equal(proxies.find((p) => p.name === 'waypoint-7b6f9d8c4d-p5x9v.bookinfo')?.proxyType, 'waypoint');
    await assert.rejects(
      source.proxyConfig('reviews-v1-5896f547f5-7cjxn.bookinfo'),
      (e: unknown) =>
        e instanceof InputError && /no config dump for reviews-v1-5896f547f5-7cjxn\.bookinfo; capture one with `istioctl proxy-config all/.test(e.message),
    );
    const bookinfo = await source.analyze('bookinfo');
    assert.deepEqual(
      bookinfo.map((m) => m.code),
      ['IST0173', 'IST0130', 'IST0131'],
    );
    assert.deepEqual(await source.analyze('istio-system'), []);
  });

  it('a folder without proxy-status lists its captured dumps; a missing folder is an InputError', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-folder-'));
    try {
      const sub = path.join(dir, 'pp');
      (await import('node:fs')).mkdirSync(sub);
      writeFileSync(path.join(sub, 'config_dump.json'), readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json')));
      const proxies = await createFolderSource(dir).listProxies();
      assert.deepEqual(
        proxies.map((p) => p.name),
        [PRODUCTPAGE],
      );
      await assert.rejects(
        createFolderSource(path.join(dir, 'nope')).listProxies(),
        (e: unknown) => e instanceof InputError && /no such folder/.test(e.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes notes into the directory and never overwrites one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-notes-'));
    try {
      const write = noteFileWriter(dir);
      assert.equal(await write('note.md', '# hi\n'), './note.md');
      assert.equal(readFileSync(path.join(dir, 'note.md'), 'utf8'), '# hi\n');
      await assert.rejects(write('note.md', 'again'), (e: unknown) => e instanceof InputError && /already exists/.test(e.message));
      assert.equal(await write('../escape.md', 'x'), './escape.md', 'names cannot leave the directory');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the workload picker on a capture folder', () => {
  it('dims the proxies the folder holds no dump of, and says why on the detail line', async () => {
    const { proxiesTable } = await import('../src/ui/tables/proxies-table.ts');
    const proxies = await createFolderSource(fixture('bookinfo')).listProxies();
    const table = proxiesTable(proxies, null);
    const reviews = table.rows.find((r) => r.id === 'reviews-v1-5896f547f5-7cjxn.bookinfo')!;
    assert.equal(reviews.tone, 'muted');
    assert.match(reviews.detail ?? '', /no config dump captured in this folder/);
    const productpage = table.rows.find((r) => r.id === PRODUCTPAGE)!;
    assert.notEqual(productpage.tone, 'muted');
    assert.doesNotMatch(productpage.detail ?? '', /no config dump/);
  });
});
