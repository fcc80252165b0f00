import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { textIssuesOf } from '../src/core/envoy/json-text-issues.ts';
import { parseDumpSections, scanHere } from '../src/core/envoy/parse-sections.ts';
import { SKIPPABLE_SECTIONS } from '../src/core/envoy/types.ts';
import { PARALLEL_MIN_BYTES, prepareScanner, scanInParallel, scanInWorker } from '../src/sources/parallel-scan.ts';
import { claimBack, claimBoard, claimFront } from '../src/sources/scan-claims.ts';

/**
 * The depth and key scan in a worker thread (sources/parallel-scan.ts) gives the answers the scan
 * in this thread gives, under Node, Bun and Deno (this file runs in all three suites), on a dump
 * big enough for the CLI to use the worker, with a duplicate key and a deep section in it.
 */
function sharedBytes(text: string): Buffer {
  const plain = Buffer.from(text, 'utf8');
  const shared = Buffer.from(new SharedArrayBuffer(plain.length), 0, plain.length);
  plain.copy(shared);
  return shared;
}

function bigDump(): string {
  const clusters: string[] = [];
  for (let i = 0; clusters.length * 120 < PARALLEL_MIN_BYTES + 1_000_000; i++) {
    clusters.push(
      `{"cluster": {"@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster", "name": "outbound|80||s${i}.ns.svc.cluster.local", "type": "EDS"}}`,
    );
  }
  clusters.push('{"cluster": {"name": "dup", "name": "dup2", "x": [[[["é:{"]]]]}}');
  return `{"configs": [{"@type": "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump", "bootstrap": {}}, {"@type": "type.googleapis.com/envoy.admin.v3.ClustersConfigDump", "dynamic_active_clusters": [${clusters.join(',\n')}]}]}`;
}

describe('the section scan in a worker thread', () => {
  const text = bigDump();
  const bytes = sharedBytes(text);
  const ranges = [
    { start: 0, end: bytes.length, limit: 100 },
    { start: 0, end: bytes.length, limit: 5 },
    { start: 10, end: 5000, limit: 98 },
    // Syntax only (a section a command leaves unparsed): the whole dump, too deep for 5, a cut piece.
    { start: 0, end: bytes.length, limit: 100, syntaxOnly: true },
    { start: 0, end: bytes.length, limit: 5, syntaxOnly: true },
    { start: 0, end: 5000, limit: 100, syntaxOnly: true },
  ];

  it('answers as the scan here does', async () => {
    const here = await scanHere(bytes, ranges).finish();
    assert.deepEqual(await scanInWorker(bytes, ranges), here);
    assert.deepEqual(
      here.slice(3).map((r) => r.valid),
      [true, false, false],
    );
  });

  it('a command reading the bootstrap alone still checks the clusters section there, and refuses it when broken', async () => {
    const none = new Set<(typeof SKIPPABLE_SECTIONS)[number]>();
    assert.ok(await parseDumpSections('big.json', bytes, none, scanInParallel));
    const broken = sharedBytes(text.replace('"type": "EDS"}}', '"type": "EDS"},}'));
    assert.equal(await parseDumpSections('big.json', broken, none, scanInParallel), undefined);
  });

  it('loads the same document and issues through the worker as without it', async () => {
    const all = new Set(SKIPPABLE_SECTIONS);
    const viaWorker = await parseDumpSections('big.json', bytes, all, scanInParallel);
    const here = await parseDumpSections('big.json', bytes, all, scanHere);
    assert.ok(viaWorker && here);
    assert.deepEqual(viaWorker, here);
    const dup = textIssuesOf(viaWorker).filter((i) => i.kind === 'duplicate-key');
    assert.equal(dup.length, 1);
    assert.deepEqual(textIssuesOf(viaWorker), textIssuesOf(here));
  });

  it('scans here when the bytes are not shared or the sections are small', async () => {
    const plain = Buffer.from(text.slice(0, 2000), 'utf8');
    const small = [{ start: 0, end: plain.length, limit: 100 }];
    assert.deepEqual(await scanInParallel(plain, small).finish(), await scanHere(plain, small).finish());
  });

  it('shares the ranges: the worker from the front, this thread from the back once finished, each range scanned once, the answers in order', async () => {
    // Many ranges (pieces of the dump, some syntax only), so that both threads take some.
    const step = Math.floor(bytes.length / 64);
    const many = Array.from({ length: 64 }, (_, i) => ({ start: 0, end: Math.min(bytes.length, (i + 1) * step), limit: 100, syntaxOnly: i % 3 === 0 }));
    const want = await scanHere(bytes, many).finish();
    assert.deepEqual(await scanInParallel(bytes, many).finish(), want);
    const prepared = prepareScanner();
    try {
      assert.deepEqual(await prepared.scanner(bytes, many).finish(), want);
    } finally {
      prepared.dispose();
    }
  });

  it('a worker started before the read and never used is stopped (the test process ends), and one for small bytes scans here', async () => {
    prepareScanner().dispose();
    const prepared = prepareScanner();
    const plain = Buffer.from(text.slice(0, 2000), 'utf8');
    const small = [{ start: 0, end: plain.length, limit: 100 }];
    assert.deepEqual(await prepared.scanner(plain, small).finish(), await scanHere(plain, small).finish());
    prepared.dispose();
  });

  it('cancelled (a section did not parse), the scan stops its worker', async () => {
    const job = scanInParallel(bytes, ranges);
    job.cancel();
    const broken = sharedBytes(text.replace('"bootstrap": {}', '"bootstrap": {,}'));
    assert.equal(await parseDumpSections('big.json', broken, new Set(SKIPPABLE_SECTIONS), scanInParallel), undefined);
  });
});

describe('the claim board (scan-claims.ts)', () => {
  it('gives every range once, the front ascending and the back descending, however the claims interleave', () => {
    for (const count of [0, 1, 2, 7, 100]) {
      for (let pattern = 0; pattern < 16; pattern++) {
        const board = claimBoard(count);
        const fronts: number[] = [];
        const backs: number[] = [];
        for (let k = 0; ; k++) {
          const fromFront = ((pattern >> (k % 4)) & 1) === 1;
          const index = fromFront ? claimFront(board) : claimBack(board);
          if (index === undefined) {
            assert.equal(claimFront(board), undefined);
            assert.equal(claimBack(board), undefined);
            break;
          }
          (fromFront ? fronts : backs).push(index);
        }
        assert.deepEqual(
          fronts,
          fronts.toSorted((a, b) => a - b),
        );
        assert.deepEqual(
          backs,
          backs.toSorted((a, b) => b - a),
        );
        assert.deepEqual(
          [...fronts, ...backs].toSorted((a, b) => a - b),
          Array.from({ length: count }, (_, i) => i),
        );
      }
    }
  });

  it('holds up to 65,535 ranges (both ends in 16 bits; the high end sets the sign bit)', () => {
    const board = claimBoard(0xffff);
    assert.equal(claimBack(board), 0xfffe);
    assert.equal(claimFront(board), 0);
    assert.equal(claimBack(board), 0xfffd);
  });
});
