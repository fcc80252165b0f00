import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { depthOverflowAt, MAX_JSON_DEPTH } from '../src/core/envoy/json-depth.ts';
import { parseJsonDocument } from '../src/core/envoy/parse-json.ts';
import { toCamelCase } from '../src/core/envoy/protojson.ts';
import { InputError } from '../src/core/errors.ts';
import { redactSecrets } from '../src/core/snapshot/redact.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { type CliResult, runCli } from './helpers/cli.ts';
import { conformanceDir, fixture, needsConformance } from './helpers/paths.ts';

/**
 * Issue 13 part 5, nesting: Envoy's JSON parser (protobuf's json/internal/lexer.h,
 * `ParseOptions::kDefaultDepth = 100`) reads 100 nested arrays or objects and refuses 101
 * (`LexerTest.ArrayRecursion`, `LexerTest.ObjectRecursion` in lexer_test.cc). meshscope draws
 * the same line at parse: deeper input is one line naming the file and the JSON path, exit 2,
 * through the loader and through `routes --file`, `--snapshot` and `diff`.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-depth-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The text of `doc` with `levels` nested arrays at `at` (an object path), so that its deepest
 * container sits at level at.length + levels. Built as text: JSON.stringify itself recurses.
 */
function deepened(doc: JsonObject, at: (string | number)[], total: number): string {
  const copy = structuredClone(doc);
  let holder = copy as Record<string | number, Json>;
  for (const key of at.slice(0, -1)) holder = holder[key] as Record<string | number, Json>;
  holder[at[at.length - 1]!] = '@DEEP@';
  const levels = total - at.length;
  return JSON.stringify(copy).replace('"@DEEP@"', `${'['.repeat(levels)}${']'.repeat(levels)}`);
}

const dumpFile = fixture('bookinfo', 'productpage', 'config_dump.json');
const dump = JSON.parse(readFileSync(dumpFile, 'utf8')) as JsonObject;
const snapshot = JSON.parse(gunzipSync(readFileSync(fixture('snapshots', 'bookinfo.json.gz'))).toString('utf8')) as JsonObject;
const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const DUMP_AT = ['configs', 0, 'bootstrap', 'node', 'metadata', 'DEEP'];
const SNAP_AT = ['proxies', PP, 'configDump', ...DUMP_AT];

const files = new Map<number, { dump: string; snapshot: string; snapshotGz: string }>();
for (const levels of [100, 101, 2000, 100000]) {
  const d = path.join(dir, `dump-${levels}.json`);
  writeFileSync(d, deepened(dump, DUMP_AT, levels));
  const s = deepened(snapshot, SNAP_AT, levels);
  writeFileSync(path.join(dir, `snap-${levels}.json`), s);
  writeFileSync(path.join(dir, `snap-${levels}.json.gz`), gzipSync(s));
  files.set(levels, { dump: d, snapshot: path.join(dir, `snap-${levels}.json`), snapshotGz: path.join(dir, `snap-${levels}.json.gz`) });
}

function assertRefused(r: CliResult, file: string): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, new RegExp(`${path.basename(file).replace(/\./g, '\\.')}: is nested deeper than 100 levels at \\$\\.`));
  assert.doesNotMatch(r.stderr, /\n\s+at |RangeError|Maximum call stack/);
}

describe('JSON nesting: protobuf LexerTest.ArrayRecursion / ObjectRecursion at parse', () => {
  it('100 nested arrays parse; 101 are refused with the path', () => {
    assert.doesNotThrow(() => parseJsonDocument('a.json', `${'['.repeat(100)}${']'.repeat(100)}`));
    assert.throws(
      () => parseJsonDocument('a.json', `[${'['.repeat(100)}${']'.repeat(100)}]`),
      (e: unknown) =>
        e instanceof InputError && e.exitCode === 2 && /^a\.json: is nested deeper than 100 levels at \$(\[0\]){8}…(\[0\]){3} \(level 101\)/.test(e.message),
    );
  });

  it('100 nested objects parse; 101 are refused, the path naming the keys', () => {
    const objects = (n: number) => `${'{"k":'.repeat(n - 1)}{}${'}'.repeat(n - 1)}`;
    assert.doesNotThrow(() => parseJsonDocument('o.json', objects(100)));
    assert.throws(() => parseJsonDocument('o.json', objects(101)), /o\.json: is nested deeper than 100 levels at \$\.k\.k\.k/);
  });

  it('brackets inside strings are not nesting', () => {
    const text = JSON.stringify({ s: '['.repeat(500), t: '\\"[[[' });
    assert.equal(depthOverflowAt(text), -1);
    assert.doesNotThrow(() => parseJsonDocument('s.json', text));
  });
});

describe('JSON nesting through the loader (readProxyConfig)', () => {
  it('a dump whose deepest value is at level 100 loads as the fixture does', async () => {
    const deep = await readProxyConfig({ dump: files.get(100)!.dump });
    const plain = await readProxyConfig({ dump: dumpFile });
    assert.equal(deep.routeConfigs.length, plain.routeConfigs.length);
    assert.equal(deep.clusters.length, plain.clusters.length);
  });
  for (const levels of [101, 2000, 100000]) {
    it(`${levels} levels: InputError naming the file and the path`, async () => {
      const file = files.get(levels)!.dump;
      await assert.rejects(readProxyConfig({ dump: file }), (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, /dump-\d+\.json: is nested deeper than 100 levels at \$\.configs\[0\]\.bootstrap\.node\.metadata\.DEEP\[0\]\[0\]…/);
        return true;
      });
    });
  }
});

describe('JSON nesting through the CLI: one line, exit 2, no stack trace', () => {
  it('100 levels: routes --file, --snapshot (.json, .json.gz) and diff answer as for the fixture', async () => {
    const f = files.get(100)!;
    const want = await runCli(['routes', '--file', dumpFile]);
    assert.equal(want.code, 0, want.stderr);
    for (const args of [
      ['routes', '--file', f.dump],
      ['routes', '--snapshot', f.snapshot, '--from', PP],
      ['routes', '--snapshot', f.snapshotGz, '--from', PP],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, want.stdout);
    }
    const d = await runCli(['diff', dumpFile, f.dump]);
    assert.equal(d.code, 0, d.stderr);
  });
  for (const levels of [101, 2000, 100000]) {
    it(`${levels} levels: routes --file, --snapshot, diff`, async () => {
      const f = files.get(levels)!;
      assertRefused(await runCli(['routes', '--file', f.dump]), f.dump);
      assertRefused(await runCli(['routes', '--snapshot', f.snapshot, '--from', PP]), f.snapshot);
      assertRefused(await runCli(['routes', '--snapshot', f.snapshotGz, '--from', PP]), f.snapshotGz);
      assertRefused(await runCli(['diff', dumpFile, f.dump]), f.dump);
      assertRefused(await runCli(['diff', f.snapshotGz, dumpFile]), f.snapshotGz);
    });
  }

  it('route-check: a YAML route config nested 2,000 levels, and an alias that contains itself, are one line', async () => {
    const deep = path.join(dir, 'deep.yaml');
    writeFileSync(deep, `virtual_hosts: ${'['.repeat(2000)}${']'.repeat(2000)}\n`);
    const loop = path.join(dir, 'loop.yaml');
    writeFileSync(loop, 'virtual_hosts: &a [{name: x, routes: *a}]\n');
    const tests = path.join(dir, 'tests.yaml');
    writeFileSync(tests, 'tests: []\n');
    for (const [file, why] of [
      [deep, /deep\.yaml: Unable to parse YAML: nested deeper than 100 levels/],
      [loop, /loop\.yaml: Unable to parse YAML: nested deeper than 100 levels \(through aliases\?\)/],
    ] as const) {
      const r = await runCli(['route-check', '--config', file, '--tests', tests]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, why);
    }
  });
});

describe('walks over parsed input, bounded by the limit', () => {
  it('at 100 levels every view that walks the whole dump answers (the JSON sorter, YAML, the spelling converter)', async () => {
    const f = files.get(100)!.dump;
    for (const args of [
      ['proxy-config', 'bootstrap', '--file', f, '-o', 'json'],
      ['proxy-config', 'bootstrap', '--file', f, '-o', 'yaml'],
      ['proxy-config', 'all', '--file', f, '-o', 'json'],
      ['findings', '--file', f],
      ['explain', '--file', f, 'GET http://reviews:9080/'],
    ]) {
      const r = await runCli(args);
      assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at |RangeError/);
    }
    // istioctl -o json spelling: the converter walks every field but Struct values, so the deep
    // value goes in a cluster (an unknown field, reported, still walked).
    const camel = toCamelCase(dump) as JsonObject;
    const text = deepened(camel, ['configs', 1, 'dynamicActiveClusters', 0, 'cluster', 'deepField'], 100);
    const file = path.join(dir, 'camel-100.json');
    writeFileSync(file, text);
    const r = await runCli(['clusters', '--file', file]);
    assert.equal(r.code, 0, r.stderr);
    const over = path.join(dir, 'camel-101.json');
    writeFileSync(over, deepened(camel, ['configs', 1, 'dynamicActiveClusters', 0, 'cluster', 'deepField'], 101));
    assertRefused(await runCli(['clusters', '--file', over]), over);
  });

  it('the snapshot redactor walks 100,000 levels without recursion (a key at the bottom is removed)', () => {
    let doc: Json = { private_key: { inline_string: 'secret' } };
    for (let i = 0; i < 100000; i++) doc = { a: [doc] };
    assert.deepEqual(
      redactSecrets(doc).map((r) => r.kind),
      ['key-field'],
    );
  });
});

describe('the real dumps are well inside the limit', { skip: needsConformance }, () => {
  it('every JSON file of ../shared/conformance parses under the 100-level limit', () => {
    const found: string[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const full = path.join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.json')) found.push(full);
      }
    };
    walk(conformanceDir);
    assert.ok(found.length > 50, `only ${found.length} JSON files`);
    for (const file of found) {
      const text = readFileSync(file, 'utf8');
      assert.equal(depthOverflowAt(text, MAX_JSON_DEPTH), -1, file);
      // Half the limit: the real dumps nest at most 35 levels.
      assert.equal(depthOverflowAt(text, 50), -1, `${file} nests deeper than 50 levels`);
    }
  });
});
