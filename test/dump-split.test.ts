import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { splitConfigDump } from '../src/core/envoy/dump-split.ts';
import { scanJsonBytes, scanJsonText } from '../src/core/envoy/json-depth.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { parseJsonDocument } from '../src/core/envoy/parse-json.ts';
import { parseDumpSections } from '../src/core/envoy/parse-sections.ts';
import { toCamelCase } from '../src/core/envoy/protojson.ts';
import { SKIPPABLE_SECTIONS, type SkippableSection } from '../src/core/envoy/types.ts';
import { UnreadSectionError } from '../src/core/envoy/unread-sections.ts';
import { InputError } from '../src/core/errors.ts';
import { runCli } from './helpers/cli.ts';
import { conformanceDir, fixture, jsonFiles, needsConformance } from './helpers/paths.ts';

/**
 * Issue 18: a config dump parsed section by section (dump-split.ts, parse-sections.ts). The
 * proof is the public corpus: every real dump in ../shared/conformance that is `{configs: [...]}`
 * splits into exactly its sections (each slice parses to the section JSON.parse gives for the
 * whole), and a model loaded from the sections is the model loaded from the whole document.
 * Everything else (istioctl 1.0's `configs` object, bare arrays, /clusters) does not split and is
 * parsed whole.
 */
const ALL: readonly SkippableSection[] = SKIPPABLE_SECTIONS;
const bytesOf = (text: string): Buffer => Buffer.from(text, 'utf8');

/** The sections as parsed from their slices; 'unparsable' when a slice is not JSON. */
function sections(bytes: Buffer): unknown[] | 'unparsable' | undefined {
  const slices = splitConfigDump(bytes);
  try {
    return slices?.map((s) => JSON.parse(bytes.toString('utf8', s.start, s.end)));
  } catch {
    return 'unparsable';
  }
}

describe('splitting a config dump into its sections', { skip: needsConformance }, () => {
  const dumps = [...jsonFiles(path.join(conformanceDir, 'istio-real')), ...jsonFiles(path.join(conformanceDir, 'istioctl-configdump'))];

  it('finds every section of every real {configs: [...]} dump, and nothing in the other shapes', async () => {
    let split = 0;
    for (const file of dumps) {
      const bytes = readFileSync(file);
      const found = sections(bytes);
      const name = path.relative(conformanceDir, file);
      let whole: { configs?: unknown };
      try {
        whole = JSON.parse(bytes.toString('utf8')) as { configs?: unknown };
      } catch {
        // Not JSON (kiali's invalid-input cases): whatever splits must fail to parse a section too.
        if (found !== undefined && found !== 'unparsable') assert.fail(`${name} is not JSON but split into sections that parse`);
        continue;
      }
      if (Array.isArray(whole.configs) && whole.configs.length > 0) {
        assert.ok(found, `${name} should split`);
        assert.deepEqual(found, whole.configs, name);
        split++;
      } else assert.equal(found, undefined, name);
    }
    // 24 of the corpus's dumps are {configs: [...]} (istio-real h02–h27 less the 1.0 ones, i12, i13, k01, ...).
    assert.ok(split >= 20, `only ${split} dumps split`);
  });

  it('loads the same model from the sections as from the whole document', async () => {
    for (const file of dumps) {
      const bytes = readFileSync(file);
      const sectioned = await parseDumpSections(file, bytes, new Set(ALL));
      if (sectioned === undefined) continue;
      const load = (data: Parameters<typeof loadProxyConfig>[0][number]['data']) => {
        try {
          return loadProxyConfig([{ name: file, data }], file);
        } catch (error) {
          return (error as Error).message;
        }
      };
      const whole = load(parseJsonDocument(file, bytes.toString('utf8')));
      const parts = load(sectioned);
      if (typeof whole === 'string' || typeof parts === 'string') {
        // Refused (an Envoy v2 dump): for the same reason either way.
        assert.equal(parts, whole, file);
        continue;
      }
      assert.deepEqual(parts.issues.value, whole.issues.value, file);
      assert.deepEqual({ ...parts, issues: undefined }, { ...whole, issues: undefined }, file);
    }
  });
});

describe('a dump read for one section', { skip: needsConformance }, () => {
  const dumps = [...jsonFiles(path.join(conformanceDir, 'istio-real')), ...jsonFiles(path.join(conformanceDir, 'istioctl-configdump'))];

  it('marks the other large sections unread, in either spelling, and reads the one asked for as the whole load does', async () => {
    for (const file of dumps) {
      const bytes = readFileSync(file);
      const sectioned = await parseDumpSections(file, bytes, new Set(['routes']));
      if (sectioned === undefined) continue;
      let whole: ReturnType<typeof loadProxyConfig>;
      try {
        whole = loadProxyConfig([{ name: file, data: parseJsonDocument(file, bytes.toString('utf8')) }], file);
      } catch {
        continue;
      }
      const parts = loadProxyConfig([{ name: file, data: sectioned }], file);
      const present = (['clusters', 'listeners', 'endpoints'] as const).filter((s) => whole.sections[s]);
      assert.deepEqual([...(parts.unread ?? [])].sort(), [...present].sort(), file);
      assert.deepEqual(parts.routeConfigs, whole.routeConfigs, file);
      assert.deepEqual(parts.sections, whole.sections, file);
    }
  });
});

describe('a camelCase dump (istioctl -o json spelling) read for one section', () => {
  it('marks the others unread and reads the one asked for as the whole load does', async () => {
    // The corpus's camelCase dumps are Envoy v2 (refused): bookinfo's productpage dump, respelled.
    const snake = JSON.parse(readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json'), 'utf8'));
    const text = JSON.stringify(toCamelCase(snake), null, 2);
    assert.ok(text.includes('"dynamicActiveClusters"'));
    const whole = loadProxyConfig([{ name: 'c.json', data: parseJsonDocument('c.json', text) }], 'c.json');
    for (const only of ALL) {
      const sectioned = await parseDumpSections('c.json', bytesOf(text), new Set([only]));
      assert.ok(sectioned);
      const parts = loadProxyConfig([{ name: 'c.json', data: sectioned }], 'c.json');
      assert.deepEqual([...(parts.unread ?? [])].sort(), ALL.filter((s) => s !== only && whole.sections[s]).sort(), only);
      const list = { clusters: 'clusters', listeners: 'listeners', routes: 'routeConfigs', endpoints: 'endpoints' } as const;
      assert.deepEqual(parts[list[only]], whole[list[only]], only);
      assert.deepEqual(parts.sections, whole.sections, only);
    }
  });
});

describe('what splits and what does not', () => {
  const dump = (...s: string[]) => `{"configs": [${s.join(', ')}]}`;
  const boot = '{"@type": "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump", "bootstrap": {}}';
  const clusters = '{"@type": "type.googleapis.com/envoy.admin.v3.ClustersConfigDump", "dynamic_active_clusters": [{"cluster": {"name": "a"}}]}';
  const routes = '{"@type": "type.googleapis.com/envoy.admin.v3.RoutesConfigDump", "dynamic_route_configs": []}';

  it('splits compact, pretty, CRLF and BOM-prefixed dumps at the sections', async () => {
    const compact = dump(boot, clusters, routes).replace(/": /g, '":').replace(/, /g, ',');
    const pretty = JSON.stringify(JSON.parse(dump(boot, clusters, routes)), null, 2);
    for (const text of [compact, pretty, pretty.replace(/\n/g, '\r\n'), `\ufeff${pretty}`]) {
      assert.deepEqual(sections(bytesOf(text)), [JSON.parse(boot), JSON.parse(clusters), JSON.parse(routes)]);
    }
  });

  it('does not split what is not exactly {configs: [sections with @type first]}', async () => {
    const cases: [string, string][] = [
      ['another top-level key', `{"configs": [${boot}], "x": 1}`],
      ['a section without @type first', dump(boot, '{"version_info": "1", "@type": "type.googleapis.com/envoy.admin.v3.ClustersConfigDump"}')],
      [
        'an admin type as a nested value',
        dump(`{"@type": "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump", "x": {"@type": "type.googleapis.com/envoy.admin.v3.ClustersConfigDump"}}`),
      ],
      [
        'an admin type in a string',
        dump(`{"@type": "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump", "s": "\\"@type\\": \\"type.googleapis.com/envoy.admin.v3.X\\""}`),
      ],
      ['a truncated dump', dump(boot, clusters).slice(0, -3)],
      ['an empty configs list', '{"configs": []}'],
      ['istioctl 1.0 configs object', '{"configs": {"clusters": {}}}'],
      ['an array', `[${clusters}]`],
    ];
    for (const [what, text] of cases) assert.equal(splitConfigDump(bytesOf(text)), undefined, what);
  });

  it('leaves unread what the command does not need, and an unread list throws instead of reading as empty', async () => {
    const doc = await parseDumpSections('d.json', bytesOf(dump(boot, clusters, routes)), new Set(['clusters']));
    assert.ok(doc);
    const config = loadProxyConfig([{ name: 'd.json', data: doc }], 'd.json');
    assert.equal(config.clusters.length, 1);
    assert.deepEqual([...(config.unread ?? [])], ['routes']);
    assert.equal(config.sections.routes, true);
    assert.throws(() => config.routeConfigs.length, UnreadSectionError);
    assert.equal(config.issues.value.filter((i) => i.code === 'missing-section' && i.where === 'routes').length, 0);
  });

  it('a section that is not valid JSON sends the caller to the whole-text parse, which words the error', async () => {
    const broken = dump(boot, clusters.replace('"a"', '"a" "b"'));
    assert.equal(await parseDumpSections('d.json', bytesOf(broken), new Set(ALL)), undefined);
    assert.throws(
      () => parseJsonDocument('d.json', broken),
      (e: unknown) => e instanceof InputError && /line 1, column/.test(e.message),
    );
  });

  it('a section left unread is still checked: not JSON, or nested too deep, sends the caller to the whole-text parse', async () => {
    // Each broken way inside the routes section, read for the clusters only.
    const brokenRoutes = [
      routes.replace('[]', '[1,]'),
      routes.replace('[]', '["raw\u0001"]').replace('\\u0001', '\u0001'),
      routes.replace('[]', '[tru]'),
      routes.replace('[]', '[{"a" 1}]'),
      routes.replace('[]', `${'['.repeat(98)}${']'.repeat(98)}`),
    ];
    for (const broken of brokenRoutes) {
      const text = dump(boot, clusters, broken);
      assert.equal(await parseDumpSections('d.json', bytesOf(text), new Set(['clusters'])), undefined, broken.slice(60, 100));
      assert.throws(() => parseJsonDocument('d.json', text), InputError);
    }
    // At the limit it is still read (level 100 from the root, as for the whole text).
    const deepest = dump(boot, clusters, routes.replace('[]', `${'['.repeat(97)}${']'.repeat(97)}`));
    assert.ok(await parseDumpSections('d.json', bytesOf(deepest), new Set(['clusters'])));
    parseJsonDocument('d.json', deepest);
  });

  it('every command refuses a file JSON.parse refuses, whatever section it reads (one line, exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-unread-syntax-'));
    try {
      const file = path.join(dir, 'dump.json');
      const text = readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json'), 'utf8');
      // A missing colon in the routes section: the clusters, listeners and endpoints tables do not parse it.
      const at = text.indexOf('"name"', text.indexOf('RoutesConfigDump'));
      writeFileSync(file, `${text.slice(0, at)}"name" ${text.slice(at + '"name":'.length)}`);
      for (const command of ['clusters', 'listeners', 'endpoints', 'routes']) {
        const r = await runCli([command, '--file', file]);
        assert.equal(r.code, 2, command);
        assert.equal(r.stdout, '', command);
        assert.match(r.stderr, /^meshscope: .*dump\.json: is not valid JSON: unexpected .* at line \d+, column \d+\n$/, command);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('paths of duplicate keys and the depth limit count from the whole document', async () => {
    const dup = dump(boot, clusters.replace('{"name": "a"}', '{"name": "a", "name": "b"}'));
    const doc = await parseDumpSections('d.json', bytesOf(dup), new Set(ALL));
    const config = loadProxyConfig([{ name: 'd.json', data: doc! }], 'd.json');
    const whole = loadProxyConfig([{ name: 'd.json', data: parseJsonDocument('d.json', dup) }], 'd.json');
    const dupIssues = (c: typeof config) => c.issues.value.filter((i) => i.kind === 'duplicate-key');
    assert.equal(dupIssues(config).length, 1);
    assert.deepEqual(dupIssues(config), dupIssues(whole));
    // 97 levels inside a section at level 3: level 100 is the limit, as for the whole text.
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const at = (n: number) => dump(boot, `{"@type": "type.googleapis.com/envoy.admin.v3.ClustersConfigDump", "x": ${deep(n)}}`);
    assert.ok(await parseDumpSections('d.json', bytesOf(at(97)), new Set(ALL)));
    parseJsonDocument('d.json', at(97));
    const refusal = async (f: () => unknown) => {
      try {
        await f();
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    const fromSections = await refusal(() => parseDumpSections('d.json', bytesOf(at(98)), new Set(ALL)));
    assert.notEqual(fromSections, 'accepted');
    assert.equal(fromSections, await refusal(() => parseJsonDocument('d.json', at(98))));
  });

  it('decodes malformed UTF-8 in a section as the whole-text read does (U+FFFD for the same bytes)', async () => {
    const bad = [[0xff], [0xc3], [0xe6, 0x97], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe6, 0x97, 0xa5, 0x80]];
    for (const seq of bad) {
      const [head, tail] = dump(boot, clusters).split('"a"');
      const bytes = Buffer.concat([Buffer.from(`${head}"a`), Buffer.from(seq), Buffer.from(`"${tail}`)]);
      const doc = (await parseDumpSections('d.json', bytes, new Set(ALL))) as { configs: unknown[] };
      assert.deepEqual(doc.configs, (parseJsonDocument('d.json', bytes.toString('utf8')) as { configs: unknown[] }).configs, seq.join(' '));
    }
  });

  it('the bookinfo fixture dump splits into its sections', async () => {
    const bytes = readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json'));
    assert.ok(splitConfigDump(bytes));
  });
});

describe('scanJsonBytes', () => {
  it('counts keys and finds the depth overflow as scanJsonText does over the decoded text', async () => {
    const texts = [
      '{"a": 1, "b": {"c": [1, {"d": "x:y"}]}}',
      '{"é": "ü:\\"{", "k\\\\": "\\\\", "日本": {"語": ["\\u0022:", "\\\\\\""]}}',
      `{"deep": ${'['.repeat(8)}${']'.repeat(8)}, "s": "[[[[[[[[[["}`,
      '{"unterminated": "abc',
    ];
    for (const text of texts) {
      const bytes = Buffer.from(`xx${text}yy`, 'utf8');
      const start = 2;
      const end = bytes.length - 2;
      for (const limit of [3, 5, 100]) {
        const fromText = scanJsonText(text, limit);
        const fromBytes = scanJsonBytes(bytes, start, end, limit);
        assert.equal(fromBytes.keys, fromText.keys, text);
        assert.equal(fromBytes.overflowAt === -1, fromText.overflowAt === -1, text);
        if (fromText.overflowAt !== -1) assert.equal(bytes.toString('utf8', start, start + fromBytes.overflowAt).length, fromText.overflowAt, text);
      }
    }
  });
});
