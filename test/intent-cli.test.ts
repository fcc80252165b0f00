import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { fixture } from './helpers/paths.ts';

const DUMP = fixture('bookinfo', 'productpage', 'config_dump.json');
const ENDPOINTS = fixture('bookinfo', 'productpage', 'endpoints.json');
const OBJECTS = fixture('bookinfo', 'istio');

describe('explain --config and meshscope intent (CLI)', () => {
  let dir = '';
  let extra = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-intent-'));
    extra = path.join(dir, 'later.yaml');
    // A second VirtualService for reviews, created after the demo's (kubectl apply output keeps creationTimestamp).
    writeFileSync(
      extra,
      [
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        'metadata: {name: reviews-later, namespace: bookinfo, creationTimestamp: "2030-01-01T00:00:00Z"}',
        'spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: v2}}]}]}',
        '---',
        'kind: Widget',
        'metadata: {name: x}',
        '---',
        'apiVersion: example.com/v1',
        'kind: Gadget',
        'metadata: {name: y}',
      ].join('\n'),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('explain --config adds the Istio config section, and the later VirtualService is older-wins', async () => {
    const r = await runCli(['explain', '--file', DUMP, '--endpoints', ENDPOINTS, '--config', OBJECTS, '--config', extra, 'GET http://reviews:9080/']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Istio config for this request \(reviews:9080, from sidecar in bookinfo\)$/m);
    assert.match(
      r.stdout,
      /✓ {2}VirtualService bookinfo\/reviews +applied \(decided this request\) +9080 \/ reviews\.bookinfo\.svc\.cluster\.local:9080 \/ reviews-canary/,
    );
    assert.match(r.stdout, /✗ {2}VirtualService bookinfo\/reviews-later +older-wins +VirtualService bookinfo\/reviews comes first/);
    // Bad documents: one line each on stderr, naming file and document; the rest used.
    assert.match(r.stderr, /later\.yaml \(document 2\): not a Kubernetes object: apiVersion is missing/);
    assert.match(r.stderr, /later\.yaml \(document 3\): kind Gadget \(example\.com\/v1\) is not one meshscope reads; skipped/);
  });

  it('explain -o json carries intent[] with the stable fields', async () => {
    const r = await runCli(['explain', '--file', DUMP, '--config', OBJECTS, '-o', 'json', 'GET http://bookinfo.example.com/']);
    const j = JSON.parse(r.stdout) as { intent: Record<string, unknown>[]; intentCaveats: string[] };
    const vs = j.intent.find((v) => v.name === 'bookinfo')!;
    assert.deepEqual(Object.keys(vs).sort(), ['applies', 'decisive', 'kind', 'name', 'namespace', 'notes', 'origin', 'produced', 'reason'].sort());
    assert.equal(vs.applies, false);
    assert.equal((vs.reason as { code: string }).code, 'gateway-only');
    assert.ok(Array.isArray(j.intentCaveats));
  });

  it('explain -o markdown includes the section in the note', async () => {
    const r = await runCli(['explain', '--file', DUMP, '--config', OBJECTS, '--config', extra, '-o', 'markdown', 'GET http://reviews:9080/']);
    assert.match(r.stdout, /^### Istio config for this request$/m);
    assert.match(r.stdout, /\| VirtualService `bookinfo\/reviews-later` \| `older-wins` \|/);
  });

  it('without --config nothing changes: no intent key, no section', async () => {
    const r = await runCli(['explain', '--file', DUMP, '-o', 'json', 'GET http://reviews:9080/']);
    assert.equal('intent' in JSON.parse(r.stdout), false);
  });

  it('intent HOST:PORT --file DUMP lists the verdicts; -o json', async () => {
    const r = await runCli(['intent', 'reviews:9080', '--file', DUMP, '--config', OBJECTS, '--config', extra, '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { host: string; port: number; intent: { name: string; applies: boolean; reason: { code: string } | null }[] };
    assert.equal(j.host, 'reviews');
    assert.equal(j.port, 9080);
    assert.deepEqual(
      j.intent.filter((v) => v.name.startsWith('reviews')).map((v) => [v.name, v.applies, v.reason?.code ?? null]),
      [
        ['reviews', true, null],
        ['reviews-hotfix', false, 'older-wins'],
        ['reviews-later', false, 'older-wins'],
        ['reviews', true, null],
      ],
    );
  });

  it('refuses bad usage in one line, exit 2', async () => {
    for (const [args, message] of [
      [['intent', 'reviews:9080', '--file', DUMP], /intent needs the Istio objects: --config PATH/],
      [['intent', 'reviews:99999', '--file', DUMP, '--config', OBJECTS], /port 99999 is out of range/],
      [['intent', 'a b', '--file', DUMP, '--config', OBJECTS], /is not HOST\[:PORT\]/],
      [['intent', 'reviews', '--config', OBJECTS], /intent needs the client proxy/],
      [['intent', 'reviews', '--from', 'nope.bookinfo', '--config', OBJECTS], /--from nope\.bookinfo: no such Pod among the objects/],
      [['explain', '--file', DUMP, '--config', path.join(dir, 'missing.yaml'), 'GET http://reviews:9080/'], /missing\.yaml: no such file or folder/],
    ] as const) {
      const r = await runCli([...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});
