import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { runCli } from './helpers/cli.ts';
import { HOSTILE, HOSTILE_REVIEWS_V1, HOSTILE_SUBSET, HOSTILE_WORD, hostileDump, hostileEndpoints, PAYLOADS, RAW_CONTROL } from './helpers/hostile-dump.ts';
import { writeHostileSnapshot, writeRouteCheckFiles } from './helpers/hostile-files.ts';

/**
 * Issue 13 part 1, its check: a hostile dump through every command and output form. The command
 * list is data; a new command is one more row. Text and Markdown may hold no raw ESC, C1, CR, BS or
 * bidi control; Markdown no raw `<script` and no heading from the input; JSON parses and gives back
 * the planted strings exactly; YAML parses and does too.
 */
type Form = 'text' | 'markdown' | 'json' | 'yaml';
interface Case {
  name: string;
  argv: (f: Files) => string[];
  form: Form;
  /** Exit codes this command may end with on the hostile input (a negative answer is fine). */
  exits: number[];
  /** A planted string the JSON or YAML output must hold exactly. */
  holds?: string;
  /** False when this output names nothing planted (versions, coverage figures): the checks still run. */
  shows?: false;
}
interface Files {
  dump: string;
  endpoints: string;
  snapshot: string;
  plainSnapshot: string;
  routes: string;
  tests: string;
  /** Istio objects (--config) whose names, hosts and kinds carry the planted strings. */
  objects: string;
}

const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const ok = [0];
const okOrNo = [0, 1];
const file = (f: Files) => ['--file', f.dump];
const snap = (f: Files) => ['--snapshot', f.snapshot, '--from', PP];
const REVIEWS = 'GET http://reviews:9080/reviews/0';
const LOG = `[2025-01-15T09:13:58.120Z] "GET /reviews/0 HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "-" "curl${HOSTILE_WORD}" "id${HOSTILE_WORD}" "reviews:9080" "-" outbound|9080|v1${HOSTILE_WORD}|reviews.bookinfo.svc.cluster.local - 10.96.61.148:9080 10.244.1.12:52144 - reviews-canary`;

const tables = ['routes', 'clusters', 'listeners', 'endpoints'] as const;
const views = ['all', 'bootstrap', 'cluster', 'listener', 'route', 'endpoint', 'eds', 'secret', 'ecds'] as const;

export const CASES: Case[] = [
  ...tables.flatMap((t): Case[] => [
    { name: `${t}`, argv: (f) => [t, ...file(f)], form: 'text', exits: ok },
    { name: `${t} -o json`, argv: (f) => [t, ...file(f), '-o', 'json'], form: 'json', exits: ok, holds: t === 'listeners' ? undefined : HOSTILE_REVIEWS_V1 },
    { name: `${t} -o yaml`, argv: (f) => [t, ...file(f), '-o', 'yaml'], form: 'yaml', exits: ok },
  ]),
  { name: 'endpoints --endpoints (/clusters)', argv: (f) => ['endpoints', ...file(f), '--endpoints', f.endpoints], form: 'text', exits: ok },
  {
    name: 'endpoints --endpoints -o json',
    argv: (f) => ['endpoints', ...file(f), '--endpoints', f.endpoints, '-o', 'json'],
    form: 'json',
    exits: ok,
    holds: HOSTILE_REVIEWS_V1,
  },
  ...views.flatMap((v): Case[] => {
    // The bookinfo dump has no EcdsConfigDump: `pc ecds` ends in its one-line error (checked too).
    const exits = v === 'ecds' ? [2] : ok;
    return [
      // `pc bootstrap` prints JSON unless -o short.
      { name: `pc ${v}`, argv: (f) => ['pc', v, ...file(f)], form: v === 'bootstrap' ? 'json' : 'text', exits, shows: v === 'ecds' ? false : undefined },
      {
        name: `pc ${v} -o short`,
        argv: (f) => ['pc', v, ...file(f), '-o', 'short'],
        form: 'text',
        exits,
        shows: v === 'bootstrap' || v === 'ecds' ? false : undefined,
      },
      {
        name: `pc ${v} -o json`,
        argv: (f) => ['pc', v, ...file(f), '-o', 'json'],
        form: exits === ok ? 'json' : 'text',
        exits,
        shows: v === 'ecds' ? false : undefined,
      },
      {
        name: `pc ${v} -o yaml`,
        argv: (f) => ['pc', v, ...file(f), '-o', 'yaml'],
        form: exits === ok ? 'yaml' : 'text',
        exits,
        shows: v === 'ecds' ? false : undefined,
      },
    ];
  }),
  { name: 'pc all --with-headers', argv: (f) => ['pc', 'all', ...file(f), '--with-headers'], form: 'text', exits: ok },
  ...(['text', 'json', 'markdown'] as const).flatMap((o): Case[] => [
    {
      name: `explain -o ${o} (split)`,
      argv: (f) => ['explain', ...file(f), '-o', o, REVIEWS],
      form: o,
      exits: okOrNo,
      holds: o === 'json' ? HOSTILE_SUBSET : undefined,
    },
    {
      name: `explain -o ${o} --random 0 (lands on the hostile subset)`,
      argv: (f) => ['explain', ...file(f), '--endpoints', f.endpoints, '--random', '0', '-o', o, REVIEWS],
      form: o,
      exits: okOrNo,
    },
    {
      name: `explain -o ${o} --why-not`,
      argv: (f) => ['explain', ...file(f), '--why-not', HOSTILE_SUBSET, '-o', o, REVIEWS, '-H', 'end-user: jason'],
      form: o,
      exits: okOrNo,
    },
    { name: `explain -o ${o} hostile header`, argv: (f) => ['explain', ...file(f), '-o', o, REVIEWS, '-H', `x-h: ${HOSTILE}`], form: o, exits: okOrNo },
    {
      name: `explain -o ${o} hostile request line (refused)`,
      argv: (f) => ['explain', ...file(f), '-o', o, `GET http://reviews:9080/${HOSTILE}`],
      form: 'text',
      exits: [2],
    },
    { name: `explain --snapshot -o ${o}`, argv: (f) => ['explain', ...snap(f), '--random', '0', '-o', o, REVIEWS], form: o, exits: okOrNo },
    { name: `explain --log -o ${o}`, argv: (f) => ['explain', ...snap(f), '--log', LOG, '-o', o], form: o, exits: okOrNo },
  ]),
  ...(['text', 'json', 'markdown'] as const).map(
    (o): Case => ({ name: `explain --config -o ${o}`, argv: (f) => ['explain', ...file(f), '--config', f.objects, '-o', o, REVIEWS], form: o, exits: okOrNo }),
  ),
  ...(['text', 'json'] as const).map(
    (o): Case => ({ name: `intent -o ${o}`, argv: (f) => ['intent', 'reviews:9080', ...file(f), '--config', f.objects, '-o', o], form: o, exits: ok }),
  ),
  { name: 'findings', argv: (f) => ['findings', ...file(f), '--endpoints', f.endpoints], form: 'text', exits: okOrNo },
  { name: 'findings -o json', argv: (f) => ['findings', ...file(f), '-o', 'json'], form: 'json', exits: okOrNo },
  ...(['text', 'json', 'markdown'] as const).map(
    (o): Case => ({
      name: `diff A B -o ${o}`,
      argv: (f) => ['diff', f.plainSnapshot, f.snapshot, '-o', o],
      form: o,
      exits: okOrNo,
    }),
  ),
  { name: 'route-check', argv: (f) => ['route-check', '--config', f.routes, '--tests', f.tests, '--details'], form: 'text', exits: okOrNo },
  {
    name: 'route-check --covall',
    argv: (f) => ['route-check', '--config', f.routes, '--tests', f.tests, '--covall', '--detailed-coverage'],
    form: 'text',
    exits: okOrNo,
    shows: false,
  },
  { name: 'routes --warnings', argv: (f) => ['routes', ...file(f), '--warnings'], form: 'text', exits: ok },
  { name: 'overview (no terminal)', argv: (f) => [...file(f)], form: 'text', exits: okOrNo },
  { name: 'TUI without a terminal on a snapshot', argv: (f) => ['--snapshot', f.snapshot], form: 'text', exits: okOrNo, shows: false },
  { name: 'meshtop --once', argv: (f) => ['top', '--once', '--snapshot', f.snapshot], form: 'text', exits: okOrNo },
  { name: 'meshtop --once -o json', argv: (f) => ['top', '--once', '--snapshot', f.snapshot, '-o', 'json'], form: 'json', exits: okOrNo },
  { name: 'a hostile file name', argv: () => ['routes', '--file', `missing${HOSTILE}.json`], form: 'text', exits: [2] },
  { name: 'a hostile unknown command', argv: () => [`bad${HOSTILE}`], form: 'text', exits: [2] },
  { name: 'a hostile pc view', argv: (f) => ['pc', `view${HOSTILE}`, ...file(f)], form: 'text', exits: [2] },
  { name: 'a hostile flag value', argv: (f) => ['explain', ...file(f), '-o', `md${HOSTILE}`, REVIEWS], form: 'text', exits: [2] },
];

/** Every string of a parsed document, keys included. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  return out;
}

/** Asserts the terminal and Markdown rules on one output stream. */
export function assertSafe(what: string, text: string, form: Form): void {
  const bad = RAW_CONTROL.exec(text);
  assert.equal(
    bad,
    null,
    `${what}: raw U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad?.index}: ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 40), (bad?.index ?? 0) + 40))}`,
  );
  if (form === 'text' || form === 'markdown') {
    // The renderer escapes each value (bidi as <U+202E>); the terminal guard's form (\u202e) means a value reached the last line of defence raw.
    assert.ok(
      !text.includes('\\u202e'),
      `${what}: a value was not sanitized by its renderer (only by the terminal guard): ${JSON.stringify(text.slice(Math.max(0, text.indexOf('\\u202e') - 120), text.indexOf('\\u202e') + 20))}`,
    );
    for (const line of text.split('\n')) assert.ok(!/^#+ heading|^- item/.test(line), `${what}: a line from the input: ${JSON.stringify(line)}`);
    assert.doesNotMatch(text, /\tcol/, `${what}: a raw tab from the input`);
  }
  if (form === 'markdown') {
    // CommonMark §4.5: a fenced code block's content is literal text, never HTML or a heading.
    const outsideFences = text.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
    assert.doesNotMatch(outsideFences, /<script/i, `${what}: raw <script`);
    for (const line of outsideFences.split('\n'))
      assert.ok(!/^#+ heading/.test(line) && !/^- item/.test(line), `${what}: a block from the input: ${JSON.stringify(line)}`);
  }
}

/** A List of Istio objects for host reviews whose names, labels and an unknown kind carry the planted strings. */
function hostileObjects(): unknown {
  const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'bookinfo', ...extra });
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: meta(`reviews${HOSTILE}`),
        spec: { hosts: ['reviews'], gateways: [`gw${HOSTILE}`], http: [{ route: [{ destination: { host: 'reviews' } }] }] },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: meta('reviews'),
        spec: { hosts: ['reviews'], exportTo: [`ns${HOSTILE}`], http: [{ route: [{ destination: { host: 'reviews' } }] }] },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: meta(`dr${HOSTILE}`),
        spec: { host: 'reviews', subsets: [{ name: HOSTILE_SUBSET, labels: { version: HOSTILE_WORD } }] },
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: meta(`pod${HOSTILE_WORD}`, { labels: { app: 'reviews' } }), spec: { containers: [{ name: 'istio-proxy' }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: meta('reviews'), spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] } },
      { apiVersion: `x${HOSTILE}/v1`, kind: `Widget${HOSTILE}`, metadata: meta('w') },
    ],
  };
}

describe('a hostile dump through every command and output form', () => {
  let dir = '';
  let files: Files;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-hostile-'));
    const dump = path.join(dir, 'config_dump.json');
    const endpoints = path.join(dir, 'endpoints.json');
    writeFileSync(dump, JSON.stringify(hostileDump()));
    writeFileSync(endpoints, JSON.stringify(hostileEndpoints()));
    const objects = path.join(dir, 'objects.json');
    writeFileSync(objects, JSON.stringify(hostileObjects()));
    files = { dump, endpoints, objects, ...(await writeHostileSnapshot(dir)), ...writeRouteCheckFiles(dir) };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`${c.name}: ${c.form === 'json' || c.form === 'yaml' ? `valid ${c.form}, the planted strings exact` : 'no control, escape or bidi character reaches the output'}`, async () => {
      const r = await runCli(c.argv(files));
      assert.ok(c.exits.includes(r.code), `exit ${r.code}; stderr: ${JSON.stringify(r.stderr.slice(0, 400))}`);
      assertSafe(`${c.name} stderr`, r.stderr, 'text');
      if (c.form === 'json' || c.form === 'yaml') {
        assert.doesNotMatch(r.stdout, /\u001b/, `${c.name}: raw ESC`);
        const doc = c.form === 'json' ? JSON.parse(r.stdout) : parseYaml(r.stdout);
        const all = strings(doc);
        for (const planted of all.filter((x) => x.includes(PAYLOADS.osc52)))
          assert.ok(planted.includes(HOSTILE) || planted.includes(HOSTILE_WORD), `${c.name}: a planted string changed: ${JSON.stringify(planted)}`);
        if (c.holds !== undefined)
          assert.ok(
            all.some((x) => x.includes(c.holds!)),
            `${c.name}: ${JSON.stringify(c.holds)} is not in the output`,
          );
      } else {
        assertSafe(c.name, r.stdout, c.form);
        // The planted names are shown, escaped (the check is not vacuous).
        const out = `${r.stdout}${r.stderr}`;
        // In a Markdown table cell the backslash is doubled, so the note renders `\u001b`.
        if (c.shows !== false)
          assert.ok(
            out.includes('\\u001b]52;c;aGVsbG8=\\u0007') || out.includes('\\\\u001b]52;c;aGVsbG8=\\\\u0007'),
            `${c.name}: the OSC 52 payload is not shown as a visible escape`,
          );
      }
    });
  }
});
