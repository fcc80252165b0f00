import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { goJsonToYaml } from '../src/core/report/istioctl/go-yaml.ts';
import { cell, code, fenced, leadingText, text } from '../src/core/report/markdown.ts';
import { ansi } from '../src/core/report/style.ts';
import { cells, row, tabulate } from '../src/core/report/tabwriter.ts';
import { sanitizeCell, sanitizeLine, sanitizeText, stripColour } from '../src/core/text/sanitize.ts';
import { guardTerminal } from '../src/core/text/terminal-guard.ts';

/**
 * The one output sanitizer (issue 13 part 1), rule by rule. The character classes follow what
 * others escape for the same reason: kubectl's `printers.EscapeTerminal` (k8s.io/cli-runtime
 * pkg/printers/terminal.go, Kubernetes issue 101695: ESC and CR in object names, escaped in a
 * human-readable, non-reversible form); rustc's `text_direction_codepoint_in_literal` lint
 * (TEXT_FLOW_CONTROL_CHARS: U+202A–U+202E, U+2066–U+2069) and ruff's PLE2502 list from PEP 672,
 * which adds U+200E, U+200F and U+061C (the Trojan Source controls, CVE-2021-42574).
 */
const HOSTILE = [
  '\u001b]52;c;aGVsbG8=\u0007',
  '\u001b]0;pwned\u0007',
  '\u001b[2J',
  '\u001b[6n',
  'a\rb\bc',
  '\u009b31m',
  '\u202eevil\u202c',
  'x\u2028y\u2029z',
  'lone\ud800 and \udc00',
  'del\u007f',
  'nl\n# h <script>',
];

describe('sanitizeLine: one value on one line', () => {
  const cases: [string, string, string][] = [
    ['an OSC 52 clipboard write', '\u001b]52;c;aGVsbG8=\u0007', '\\u001b]52;c;aGVsbG8=\\u0007'],
    ['a window title', '\u001b]0;pwned\u0007', '\\u001b]0;pwned\\u0007'],
    ['a clear screen and a cursor report request', '\u001b[2J\u001b[6n', '\\u001b[2J\\u001b[6n'],
    ['CR and BS that overwrite', 'safe\rEVIL\b\b', 'safe\\rEVIL\\b\\b'],
    ['an 8-bit CSI (C1)', '\u009b31m', '\\u009b31m'],
    ['DEL and NUL', 'a\u007fb\u0000', 'a\\u007fb\\u0000'],
    ['tabs and newlines inside a value', 'a\tb\nc', 'a\\tb\\nc'],
    ['bidi overrides, isolates and marks', '\u202e\u2066\u200f\u061c', '<U+202E><U+2066><U+200F><U+061C>'],
    ['line and paragraph separators', 'a\u2028b\u2029', 'a<U+2028>b<U+2029>'],
    ['lone surrogates (no UTF-8 form)', 'a\ud800b\udfff', 'a<U+D800>b<U+DFFF>'],
    ['a surrogate pair (an emoji) untouched', 'ok 🙂', 'ok 🙂'],
    ['backslashes, pipes and Unicode names untouched', '^/a\\.b|ü', '^/a\\.b|ü'],
  ];
  for (const [what, input, shown] of cases) it(`shows ${what} visibly`, () => assert.equal(sanitizeLine(input), shown));

  it('returns normal names unchanged (the istioctl tables stay byte-identical)', () => {
    for (const name of ['outbound|9080|v1|reviews.bookinfo.svc.cluster.local', '0.0.0.0_9080', 'kubernetes://productpage-v1.bookinfo', 'café'])
      assert.equal(sanitizeLine(name), name);
  });
});

describe('sanitizeText, sanitizeCell, stripColour', () => {
  it('keeps the layout of a block (newline, tab) and escapes the rest', () => {
    assert.equal(sanitizeText('a\tb\nc\rd\u001b[2J\u202e'), 'a\tb\nc\\rd\\u001b[2J<U+202E>');
  });
  it('cuts a cell after escaping, so an escape cannot widen a column past its limit', () => {
    assert.equal(sanitizeCell('ab\u001bcd', 6), 'ab\\u0…');
    assert.equal(sanitizeCell('abc', 6), 'abc');
  });
  it("drops only SGR colour (istioctl's own coloured Error:), nothing else", () => {
    assert.equal(stripColour('\u001b[31mError:\u001b[0m x\u001b]0;t\u0007'), 'Error: x\u001b]0;t\u0007');
  });
});

describe('guardTerminal: the last line before stdout and stderr', () => {
  it('keeps newlines and tabs, escapes every other control with JSON escapes', () => {
    assert.equal(guardTerminal('a\tb\nc\r\b\f\u001b]0;x\u0007\u009b\u202e', false), 'a\tb\nc\\r\\b\\f\\u001b]0;x\\u0007\\u009b\\u202e');
  });
  it("keeps style.ts's own colours only when colour is on, and only those sequences", () => {
    const styled = `${ansi('bad', 'x')}${ansi('title', 'y')}${ansi('dim', 'z')}${ansi('key', 'k')}${ansi('good', 'g')}${ansi('warn', 'w')}`;
    assert.equal(guardTerminal(styled, true), styled);
    assert.doesNotMatch(guardTerminal(styled, false), /\u001b/);
    assert.equal(guardTerminal('\u001b[8m\u001b[2J\u001b[0m', true), '\\u001b[8m\\u001b[2J\\u001b[0m');
  });
  it('leaves JSON valid and equal: its escapes are JSON escapes of the same characters', () => {
    const doc = { names: HOSTILE, [HOSTILE.join('')]: 1 };
    // ES2019 well-formed JSON.stringify writes lone surrogates as \udXXX (Node ≥ 12).
    const json = JSON.stringify(doc, null, 2);
    assert.match(json, /\\ud800/);
    const guarded = guardTerminal(json, false);
    assert.doesNotMatch(guarded, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029]/);
    assert.deepEqual(JSON.parse(guarded), doc);
  });
  it('leaves the YAML writer valid and equal: it double-quotes controls, C1 and bidi (go-yaml isPrintable, plus bidi)', () => {
    for (const value of HOSTILE.filter((v) => !v.includes('\u2028'))) {
      const yaml = guardTerminal(goJsonToYaml({ k: value }), false);
      assert.doesNotMatch(yaml, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/, yaml);
      assert.equal(parseYaml(yaml).k, value, yaml);
    }
  });
});

describe('Markdown from data', () => {
  it('writes entities for <, > and &, and escapes controls and newlines: no raw HTML, no block', () => {
    assert.equal(text('a\n# h <script>&'), 'a\\n# h &lt;script&gt;&amp;');
  });
  it('escapes the start of a link target, so a value cannot link a note elsewhere', () => {
    assert.equal(text('[click](https://evil.example)'), '[click]\\(https://evil.example)');
    assert.equal(cell('![i](x)'), '![i]\\(x)');
  });
  it('escapes a leading block marker where a value starts a line or list item', () => {
    for (const [input, out] of [
      ['# h', '\\# h'],
      ['> q', '&gt; q'],
      ['- i', '\\- i'],
      ['1. o', '1\\. o'],
      ['12) o', '12\\) o'],
      ['plain', 'plain'],
    ])
      assert.equal(leadingText(input), out);
  });
  it('fences code one backtick longer than the longest run inside (CommonMark 6.1)', () => {
    assert.equal(code('a'), '`a`');
    assert.equal(code('a`b'), '`` a`b ``');
    assert.equal(code('a``b'), '``` a``b ```');
    assert.equal(code('<script>'), '&lt;script&gt;');
  });
  it('escapes pipes and angle brackets in a table cell', () => {
    assert.equal(cell('outbound|9080|<x>\n'), 'outbound\\|9080\\|&lt;x&gt;\\\\n');
  });
  it('fences a command longer than any backtick run in it, on one line', () => {
    assert.deepEqual(fenced('sh', 'echo ````x\nrm -rf /'), ['`````sh', 'echo ````x\\nrm -rf /', '`````']);
  });
});

describe('tab-separated table lines', () => {
  it('escapes a value that holds tabs or newlines, so it stays one cell of one row', () => {
    const name = 'evil\tEXTRA\nFORGED';
    assert.equal(row`${name}\t${'ok'}`, 'evil\\tEXTRA\\nFORGED\tok');
    assert.equal(cells([name, 9080]), 'evil\\tEXTRA\\nFORGED\t9080');
    assert.equal(tabulate(['NAME\tPORT', cells([name, 9080])], 2).split('\n').length, 3);
  });
});

describe('the guarded CLI streams', () => {
  it("escape what is written, keep the renderer's colour on a TTY, and give the full-screen apps the raw streams", async () => {
    const { PassThrough } = await import('node:stream');
    const { guardedIo, rawIo } = await import('../src/cli/guarded-io.ts');
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    const stderr = new PassThrough();
    const io = { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: '/' };
    const guarded = guardedIo(io);
    guarded.stdout.write(`${ansi('bad', 'x')} \u001b]52;c;aGVsbG8=\u0007\n`);
    guarded.stderr.write(`${ansi('bad', 'x')}\r\n`);
    assert.equal(String(stdout.read()), `${ansi('bad', 'x')} \\u001b]52;c;aGVsbG8=\\u0007\n`);
    assert.equal(String(stderr.read()), '\\u001b[31mx\\u001b[39m\\r\n');
    assert.equal(rawIo(guarded), io);
    assert.equal(guarded.stdout.isTTY, true);
  });
});
