import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { miniDump } from './helpers/mini-mesh.ts';
import { conformance, fixture, needsConformance, repoRoot } from './helpers/paths.ts';
import { warningDump } from './helpers/warning-mesh.ts';

const LINE =
  '2 things meshscope did not interpret can change answers (1 route uses a path match meshscope does not evaluate, 1 field that can steer traffic is not read by meshscope); --warnings lists them\n';
const scout = conformance('istio-real', 'u06-scout-gateway.json');

describe('the one-line load warning on stderr, and --warnings', () => {
  let dir = '';
  let warn = '';
  let clean = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-warnings-'));
    warn = path.join(dir, 'warn.json');
    clean = path.join(dir, 'clean.json');
    writeFileSync(warn, JSON.stringify(warningDump()));
    writeFileSync(clean, JSON.stringify(miniDump));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // A table command parses only the sections it shows (issue 18), so its line counts what can change
  // that table: the glob path match is in the routes, the unread lb field in a cluster; the
  // listeners and the EDS table have neither. The overview and findings read everything.
  const ROUTE_LINE = '1 route uses a path match meshscope does not evaluate: treated as never matching; --warnings lists it\n';
  const CLUSTER_LINE = '1 field that can steer traffic is not read by meshscope: answers are given without them; --warnings lists it\n';
  const cases: [string[], string][] = [
    [['routes'], ROUTE_LINE],
    [['clusters'], CLUSTER_LINE],
    [['listeners'], ''],
    [['endpoints'], ''],
    [['findings'], LINE],
    [['proxy-config', 'route'], ROUTE_LINE],
    [[], LINE],
  ];
  for (const [args, line] of cases) {
    it(`prints ${line === '' ? 'no line' : 'the line'} after ${args.join(' ') || 'the overview'}, and nothing of it on stdout`, async () => {
      const r = await runCli([...args, '--file', warn]);
      assert.ok(r.code <= 1, r.stderr);
      assert.ok(!r.stdout.includes('meshscope did not interpret') && !r.stdout.includes('--warnings lists'));
      if (line === '') {
        assert.equal(r.stderr, '');
        return;
      }
      // Last, once (the overview says first that it is not a terminal).
      assert.ok(r.stderr.endsWith(line), r.stderr);
      assert.equal(r.stderr.split('--warnings lists').length, 2);
    });
  }

  it('keeps the istioctl table on stdout the same with --warnings (the goldens check it against istioctl)', async () => {
    const a = await runCli(['clusters', '--file', warn, '--warnings']);
    const b = await runCli(['clusters', '--file', warn]);
    assert.equal(a.stdout, b.stdout);
    assert.ok(a.stdout.startsWith('SERVICE FQDN'));
  });

  it('says nothing when everything that can change an answer was read', async () => {
    const r = await runCli(['routes', '--file', clean]);
    assert.equal(r.stderr, '');
  });

  it('keeps stdout pure JSON with -o json (explain exits 0, the line on stderr)', async () => {
    const r = await runCli(['explain', '--file', warn, '-o', 'json', 'GET http://reviews:9080/reviews/1', '-H', 'end-user: jason']);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).route.name, 'jason-to-v2');
    assert.equal(r.stderr, LINE);
  });

  it('lists every load issue with --warnings, one per line with where it sits, those that count marked !', async () => {
    const r = await runCli(['findings', '--file', warn, '--warnings']);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines[0], LINE.replace('; --warnings lists them\n', ''));
    assert.match(
      lines[1]!,
      /^! warning unsupported routes\[9080\]\.virtual_hosts\[reviews\.bookinfo\.svc\.cluster\.local:9080\]\.routes\[0\]\.match: path_match_policy .*GlobMatchConfig is not evaluated; the route never matches$/,
    );
    assert.ok(
      lines.some((l) =>
        /^! warning unknown-field clusters\[outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local\]: field cluster\.shiny_lb_option/.test(l),
      ),
    );
    assert.ok(lines.some((l) => /^ {2}info unknown-field routes\[9080\].*header_value_option\.shiny_new_option/.test(l)));
  });

  it("prints the README's example line for fixtures/warnings, and lists what the README quotes", async () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const command = '$ meshscope routes --file fixtures/warnings/config_dump.json >/dev/null\n';
    assert.ok(readme.includes(command), 'README.md shows the example command');
    const quoted = readme.slice(readme.indexOf(command) + command.length).split('\n')[0]!;
    const r = await runCli(['routes', '--file', fixture('warnings', 'config_dump.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.split('\n').filter(Boolean).at(-1), quoted);
    const listed = await runCli(['routes', '--file', fixture('warnings', 'config_dump.json'), '--warnings']);
    const example = /`(! warning unsupported [^`]*): …`/.exec(readme)![1]!;
    assert.ok(
      listed.stderr.split('\n').some((l) => l.startsWith(`${example}: `)),
      example,
    );
  });

  it('names each side in diff, one line per proxy read', async () => {
    const r = await runCli(['diff', clean, warn]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `${warn}: ${LINE}`);
  });

  it('prints it for a proxy read from a snapshot (top --once, explain, a table) and for a capture', async () => {
    const snap = path.join(dir, 'snap.json');
    const proxies = { 'reviews-v1-abc.bookinfo': { configDump: warningDump(), stats: { stats: [] } } };
    writeFileSync(snap, JSON.stringify({ format: 'meshscope-snapshot', version: 1, capturedAt: '2026-01-01T00:00:00Z', proxies }));
    for (const args of [['top', '--once'], ['explain', 'GET http://reviews:9080/'], ['clusters']]) {
      const r = await runCli([...args.slice(0, 1), '--snapshot', snap, ...args.slice(1)]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, LINE, args[0]);
    }
    const again = await runCli(['snapshot', '--snapshot', snap, '-A', '-o', path.join(dir, 'again.json')]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /\nwrote .*again\.json .*\n/);
    assert.ok(again.stderr.endsWith(LINE), 'snapshot reads what it captured as the later commands will');
    const live = await runCli(['top', '--snapshot', snap, '--warnings']);
    assert.equal(live.code, 2);
    assert.match(live.stderr, /--warnings needs --once/);
  });

  // A StringMatcher `custom` extension (TypedExtensionConfig, string.proto) is valid v3 that
  // meshscope cannot evaluate: the header matcher, and so the route, never matches.
  it('prints it for route-check too, whose results a never-matching route changes', async () => {
    const config = path.join(dir, 'routes.yaml');
    const tests = path.join(dir, 'tests.json');
    const custom = '{name: acme.matcher.glob, typed_config: {"@type": type.googleapis.com/acme.matcher.glob.v3.Glob, glob: "*"}}';
    writeFileSync(
      config,
      `virtual_hosts:\n- name: a\n  domains: ["*"]\n  routes:\n  - match: {prefix: "/old", headers: [{name: x-user, string_match: {custom: ${custom}}}]}\n    route: {cluster: old}\n  - match: {prefix: "/"}\n    route: {cluster: new}\n`,
    );
    writeFileSync(
      tests,
      JSON.stringify({ tests: [{ test_name: 't', input: { authority: 'a', path: '/old/1', method: 'GET' }, validate: { cluster_name: 'new' } }] }),
    );
    const r = await runCli(['route-check', '-c', config, '-t', tests]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '1 matcher meshscope does not evaluate: treated as never matching; --warnings lists it\n');
    const listed = await runCli(['route-check', '-c', config, '-t', tests, '--warnings']);
    assert.match(
      listed.stderr,
      /\n! warning unsupported route_config\.virtual_hosts\[a\]\.routes\[0\]\.match\.headers: string matcher custom is not evaluated/,
    );
  });
});

// Envoy's v2 API was removed in Envoy 1.18: a dump that shows it is refused whole (v2-api.ts), so
// no command counts its v2 regex routes.
describe('a real Envoy v2 gateway dump (u06-scout-gateway)', { skip: needsConformance }, () => {
  for (const args of [['routes'], ['routes', '--warnings'], ['clusters'], []]) {
    it(`is refused by ${args.join(' ') || 'the overview'} in one line, exit 2, no stack trace`, async () => {
      const r = await runCli([...args, '--file', scout]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, /^meshscope: .*u06-scout-gateway\.json: an Envoy v2 API config dump \(.*\); meshscope reads Envoy v3 dumps/);
    });
  }
});
