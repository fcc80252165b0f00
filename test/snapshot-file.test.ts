import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { InputError, UsageError } from '../src/core/errors.ts';
import { parseSnapshot, type Snapshot, snapshotToJson } from '../src/core/snapshot/format.ts';
import { readSnapshot } from '../src/sources/snapshot/read.ts';
import { writeSnapshot } from '../src/sources/snapshot/write.ts';

const sample = (): Snapshot => ({
  capturedAt: '2025-01-15T09:14:02.000Z',
  capturedBy: 'meshscope test',
  context: 'kind-test',
  istioctlVersion: '1.24.2',
  istioVersion: '1.24.2',
  proxyStatus: [{ resources: [] }],
  proxies: new Map([
    ['b-1.ns', { configDump: { configs: [] }, endpoints: { cluster_statuses: [] } }],
    ['a-1.ns', { error: 'istioctl: pod not found' }],
  ]),
  analyze: new Map([['ns', [{ code: 'IST0101', level: 'Error', message: 'x', origin: 'VirtualService ns/a' }]]]),
});

async function rejects(work: Promise<unknown>, kind: typeof InputError | typeof UsageError, pattern: RegExp): Promise<void> {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof kind, String(error));
    assert.equal((error as InputError).exitCode, 2);
    assert.match((error as Error).message, pattern);
    assert.ok(!(error as Error).message.includes('\n'));
    return true;
  });
}

describe('snapshot files', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-snapshot-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of ['plain.json', 'packed.json.gz']) {
    it(`writes and reads back ${name} with every field`, async () => {
      const file = path.join(dir, name);
      await writeSnapshot(file, sample());
      const back = await readSnapshot(file);
      assert.deepEqual(snapshotToJson(back), snapshotToJson(sample()));
      assert.equal(back.proxies.get('a-1.ns')?.error, 'istioctl: pod not found');
    });
  }

  it('gzips a .gz name and writes plain JSON otherwise, proxies sorted', async () => {
    const gz = readFileSync(path.join(dir, 'packed.json.gz'));
    assert.deepEqual([gz[0], gz[1]], [0x1f, 0x8b]);
    const text = gunzipSync(gz).toString('utf8');
    assert.equal(text, readFileSync(path.join(dir, 'plain.json'), 'utf8'));
    const doc = JSON.parse(text);
    assert.equal(doc.format, 'meshscope-snapshot');
    assert.equal(doc.version, 2);
    assert.deepEqual(doc.redactions, []);
    assert.deepEqual(Object.keys(doc.proxies), ['a-1.ns', 'b-1.ns']);
    assert.deepEqual(Object.keys(doc).slice(0, 3), ['format', 'version', 'capturedAt']);
  });

  it('is readable by its owner only', { skip: process.platform === 'win32' }, () => {
    assert.equal(statSync(path.join(dir, 'packed.json.gz')).mode & 0o777, 0o600);
  });

  it('never overwrites without force, and replaces the file (still 0600) with it', async () => {
    const file = path.join(dir, 'exists.json');
    writeFileSync(file, 'keep me', { mode: 0o644 });
    await rejects(writeSnapshot(file, sample()), UsageError, /exists\.json already exists; pass --force to overwrite it/);
    assert.equal(readFileSync(file, 'utf8'), 'keep me');
    await writeSnapshot(file, sample(), { force: true });
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).context, 'kind-test');
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('names a missing folder when writing', async () => {
    await rejects(writeSnapshot(path.join(dir, 'nope', 'x.json'), sample()), InputError, /folder does not exist/);
  });

  const bad: [string, string | Uint8Array, RegExp][] = [
    ['a config dump', JSON.stringify({ configs: [] }), /not a meshscope snapshot .*use --file DUMP/],
    [
      'a newer version',
      JSON.stringify({ format: 'meshscope-snapshot', version: 3 }),
      /snapshot version 3 is not supported \(this meshscope reads versions 1 and 2\).*upgrade meshscope/,
    ],
    [
      'a redactions list that is not one',
      JSON.stringify({ format: 'meshscope-snapshot', version: 2, proxies: {}, redactions: {} }),
      /"redactions" must be a list/,
    ],
    [
      'a redaction without a path',
      JSON.stringify({ format: 'meshscope-snapshot', version: 2, proxies: {}, redactions: [{ kind: 'jwt' }] }),
      /redactions\[0\] must be/,
    ],
    ['proxies that are not an object', JSON.stringify({ format: 'meshscope-snapshot', version: 1, proxies: [] }), /"proxies" must be an object/],
    ['a cut-short gzip file', gzipSync(Buffer.from('{"format":')).subarray(0, 12), /not valid gzip/],
    ['truncated JSON inside gzip', gzipSync(Buffer.from('{"format": "meshscope-snapshot", "version": 1, ')), /truncated/],
    ['an empty file', new Uint8Array(0), /is empty/],
  ];
  for (const [what, content, pattern] of bad) {
    it(`refuses ${what} with one line naming the file`, async () => {
      const file = path.join(dir, `bad-${what.replace(/\W+/g, '-')}`);
      writeFileSync(file, content);
      await rejects(readSnapshot(file), InputError, pattern);
    });
  }

  it('names a missing snapshot', async () => {
    await rejects(readSnapshot(path.join(dir, 'missing.json.gz')), InputError, /missing\.json\.gz: no such file or folder/);
  });

  it('parses a minimal snapshot with defaults', () => {
    const s = parseSnapshot('x', { format: 'meshscope-snapshot', version: 1 });
    assert.equal(s.proxies.size, 0);
    assert.deepEqual(s.proxyStatus, []);
    assert.equal(s.capturedAt, undefined);
  });
});
