import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateConfigDump } from '../scripts/bench/dump/dump.ts';
import { findingsInBackground } from '../src/app/background-findings.ts';
import { issuesInBackground } from '../src/app/background-issues.ts';
import { isObject, type Json, type JsonObject } from '../src/core/envoy/json.ts';
import { isBuilt } from '../src/core/envoy/lazy.ts';
import { issueReadSteps, loadProxyConfig } from '../src/core/envoy/load.ts';
import { InputError } from '../src/core/errors.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { WorkloadTables } from '../src/ui/tables/catalog.ts';
import { tabCounts } from '../src/ui/views/chrome.ts';
import { corpusFiles } from './helpers/corpus-files.ts';
import { conformanceDir, fixture, haveConformance } from './helpers/paths.ts';

/**
 * The TUI counts a workload's findings after its first frame, in slices with the event loop free
 * between them (app/background-findings.ts). The answer must be `findingsFor`'s, finding for
 * finding in the same order: checked on every proxy of the bookinfo capture, the warnings dump and,
 * when ../shared is beside the checkout, every dump of the conformance corpus meshscope reads.
 */
async function proxies(): Promise<{ name: string; files: { dump: string; endpoints?: string } }[]> {
  const out: { name: string; files: { dump: string; endpoints?: string } }[] = [];
  const bookinfo = fixture('bookinfo');
  for (const dir of readdirSync(bookinfo, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'istio') continue;
    const files = readdirSync(path.join(bookinfo, dir.name));
    if (!files.includes('config_dump.json')) continue;
    const endpoints = files.includes('endpoints.json') ? path.join(bookinfo, dir.name, 'endpoints.json') : undefined;
    out.push({ name: `bookinfo/${dir.name}`, files: { dump: path.join(bookinfo, dir.name, 'config_dump.json'), ...(endpoints ? { endpoints } : {}) } });
  }
  out.push({ name: 'warnings', files: { dump: fixture('warnings', 'config_dump.json') } });
  if (haveConformance)
    for (const dir of ['istio-real', 'istioctl-configdump'])
      for (const file of corpusFiles(path.join(conformanceDir, dir))) out.push({ name: path.relative(conformanceDir, file), files: { dump: file } });
  return out;
}

/** The proxy's config, or undefined for a dump meshscope refuses (old-dumps.test.ts). */
async function loadOrSkip(files: { dump: string; endpoints?: string }): Promise<Awaited<ReturnType<typeof readProxyConfig>> | undefined> {
  try {
    return await readProxyConfig(files);
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

describe('findings counted in the background', () => {
  it("are findingsFor's, in the same order, one step per slice and in the default slices", async () => {
    let compared = 0;
    let found = 0;
    for (const { name, files } of await proxies()) {
      const config = await loadOrSkip(files);
      if (!config) continue;
      const expected = findingsFor(config);
      assert.deepEqual(await findingsInBackground(config, { sliceMs: 0 }), expected, name);
      assert.deepEqual(await findingsInBackground(config), expected, name);
      compared++;
      found += expected.length;
    }
    // Not vacuous: bookinfo's five sidecars, its gateway and waypoint, the warnings dump at least.
    assert.ok(compared >= 8, `${compared} proxies compared`);
    assert.ok(found > 10, `${found} findings compared`);
  });

  it('leaves the event loop free between slices, reports progress from 0 to 1 in order, and stops when aborted', async () => {
    const config = await readProxyConfig({ dump: fixture('warnings', 'config_dump.json') });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const shares: number[] = [];
    try {
      await findingsInBackground(config, { sliceMs: 0, progressMs: 0, onProgress: (s) => shares.push(s) });
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks > 0, 'a timer ran while the findings were counted');
    assert.ok(shares.length > 2, `${shares.length} progress reports`);
    assert.ok(
      shares.every((s, i) => s >= 0 && s <= 1 && (i === 0 || s >= shares[i - 1]!)),
      shares.join(' '),
    );
    const controller = new AbortController();
    const counting = findingsInBackground(config, { signal: controller.signal, sliceMs: 0, progressMs: 0, onProgress: () => controller.abort() });
    await assert.rejects(counting, { name: 'AbortError' });
    const before = new AbortController();
    before.abort();
    await assert.rejects(findingsInBackground(config, { signal: before.signal }), { name: 'AbortError' });
  });
});

describe('the Findings tab while the findings are counted', () => {
  it("shows the analyzer's messages with how far the count is, then every finding; the tab label says … until then", async () => {
    const config = await readProxyConfig({ dump: fixture('warnings', 'config_dump.json') });
    const analyzer = [{ code: 'IST0101', level: 'Error' as const, message: 'Referenced host not found', origin: 'VirtualService x.default' }];
    const tables = new WorkloadTables({ proxy: 'p.default', config, fetchedAt: 0, analyzer });
    const view = { kind: 'tab', tab: 'findings' } as const;
    const counting = tables.withFindings({ findings: undefined, findingsDone: 0.4 }).table(view)!;
    assert.equal(counting.model.rows.length, 1, 'the analyzer message is there already');
    assert.equal(counting.model.note, "counting meshscope's findings… 40%");
    assert.equal(tabCounts(tables.workload, tables).findings, '…');
    const findings = findingsFor(config);
    assert.ok(findings.length > 0);
    const done = tables.withFindings({ findings, findingsDone: 1 }).table(view)!;
    assert.equal(done.model.rows.length, findings.length + 1);
    assert.equal(done.model.note, undefined);
    assert.equal(tabCounts(tables.workload, tables).findings, `(${findings.length + 1})`);
    // A workload loaded with its findings keeps them, whatever the background state says.
    const eager = new WorkloadTables({ proxy: 'p.default', config, fetchedAt: 0, analyzer: [], findings });
    assert.equal(eager.withFindings({ findings: undefined, findingsDone: 0 }).table(view)!.model.rows.length, findings.length);
  });
});

describe('the load issues read in the background (the status line counts them after the first frame)', () => {
  it("are `issues.value`'s, in the same order, on every proxy; a step at a time, then nothing left to read", async () => {
    let compared = 0;
    for (const { name, files } of await proxies()) {
      const eager = await loadOrSkip(files);
      if (!eager) continue;
      const later = await readProxyConfig(files);
      assert.equal(isBuilt(later.issues), false, name);
      assert.deepEqual(await issuesInBackground(later, { sliceMs: 0 }), eager.issues.value, name);
      assert.equal(isBuilt(later.issues), true);
      assert.equal(issueReadSteps(later.issues), undefined, 'built: nothing left to read');
      compared++;
    }
    assert.ok(compared >= 8, `${compared} proxies compared`);
  });

  it("reads a large dump's cluster and EDS checks in parts of a thousand entries, with each field's count, first place and places in dump order", async () => {
    const dump = generateConfigDump({ services: 600, seed: 7 });
    const clusters = (dump.configs as Json[]).find((c) => isObject(c) && String(c['@type']).endsWith('ClustersConfigDump')) as JsonObject;
    const entries = clusters.dynamic_active_clusters as JsonObject[];
    assert.ok(entries.length > 2500, `${entries.length} clusters`);
    const name = (i: number): string => String((entries[i]!.cluster as JsonObject).name);
    for (const i of [5, 1500, 2400]) (entries[i]!.cluster as JsonObject).planted_field_a = true;
    (entries[2400]!.cluster as JsonObject).planted_field_b = 1;
    const config = loadProxyConfig([{ name: 'planted.json', data: dump }], 'planted.json');
    const steps = issueReadSteps(config.issues)!;
    let count = 0;
    while (!steps.next().done) count++;
    assert.ok(count >= 3, `${count} steps (a part per thousand clusters at least)`);
    const issues = config.issues.value;
    const a = issues.findIndex((i) => i.message.includes('planted_field_a'));
    const b = issues.findIndex((i) => i.message.includes('planted_field_b'));
    assert.ok(a >= 0 && b > a, 'first seen, first listed');
    assert.match(issues[a]!.message, /\(3 objects, e\.g\. clusters\[/);
    assert.ok(issues[a]!.message.includes(name(5)), issues[a]!.message);
    // A cluster steers traffic: every place is kept (explain says whether one is on the path), in dump order.
    assert.deepEqual(
      issues[a]!.places?.map((p) => [5, 1500, 2400].findIndex((i) => p.includes(name(i)))),
      [0, 1, 2],
    );
    assert.match(issues[b]!.message, /\(1 object, e\.g\. clusters\[/);
  });

  it('stops when aborted', async () => {
    const config = await readProxyConfig({ dump: fixture('warnings', 'config_dump.json') });
    const before = new AbortController();
    before.abort();
    await assert.rejects(issuesInBackground(config, { signal: before.signal }), { name: 'AbortError' });
  });
});
