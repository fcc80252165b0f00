import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, findControl } from '../scripts/fuzz/classify.ts';
import { WorkerRunner } from '../scripts/fuzz/pool.ts';
import { fixture, repoRoot } from './helpers/paths.ts';

const exited = (code: number, stdout = '', stderr = '') => ({ kind: 'exited' as const, code, stdout, stderr });

describe('fuzz: the classifier', () => {
  it('hang, crash, stack trace (frames or exit 70), unknown exit codes', () => {
    assert.equal(classify({ kind: 'hang', afterMs: 10 }, 'text').class, 'hang');
    assert.equal(classify({ kind: 'crash', error: 'worker died' }, 'text').class, 'crash');
    assert.equal(classify(exited(1, '', 'TypeError: x\n    at foo (file.js:1:2)\n'), 'text').class, 'stack-trace');
    assert.equal(classify(exited(70, '', 'meshscope: internal error: x\n'), 'json').class, 'stack-trace');
    assert.equal(classify(exited(134, '', 'Aborted\n'), 'text').class, 'crash');
  });

  it('raw controls: ESC, CR, BS, C1, DEL and bidi in text, YAML, Markdown and every stderr', () => {
    for (const bad of ['\u001b[2J', 'a\rb', 'a\bb', '\u009b31m', '\u007f', '\u202eevil', '\u2066x\u2069', 'a\u200fb']) {
      for (const form of ['text', 'yaml', 'markdown'] as const)
        assert.equal(classify(exited(0, `ok ${bad}\n`), form).class, 'control-chars', `${JSON.stringify(bad)} ${form}`);
      assert.equal(classify(exited(2, '', `meshscope: ${bad}\n`), 'json').class, 'control-chars');
    }
    assert.equal(classify(exited(0, 'tab\there\nnewline\n'), 'text').class, 'accepted');
  });

  it('JSON: C1, DEL and bidi inside strings and CR between tokens are left to the reader, but it must parse', () => {
    assert.equal(classify(exited(0, '{"name":"\u202eevil\u009b\u007f"}\n'), 'json').class, 'accepted');
    assert.equal(classify(exited(0, '{\r\n "a": 1\r\n}\r\n'), 'json').class, 'accepted');
    assert.equal(classify(exited(0, '{"name":"\u001b[2J"}'), 'json').class, 'control-chars');
    assert.equal(classify(exited(0, '{"name": nul'), 'json').class, 'invalid-json');
    assert.equal(classify(exited(2, '', 'meshscope: x.json: bad\n'), 'json').class, 'clean-error');
  });

  it('errors: one stderr line is clean, more lines are noisy; answers with stderr lines are accepted with a warning', () => {
    assert.equal(classify(exited(2, '', 'meshscope: f: no such file\n'), 'text').class, 'clean-error');
    assert.equal(classify(exited(3, '', 'progress\nmeshscope: failed\n'), 'text').class, 'noisy-error');
    assert.equal(classify(exited(1, 'no route\n'), 'text').class, 'accepted');
    assert.equal(classify(exited(0, 'ok\n', 'meshscope: 2 load issues not interpreted (--warnings lists them)\n'), 'text').class, 'accepted-warning');
  });

  it('findControl names the code point and where it is', () => {
    assert.equal(findControl('abc\u001bd', false), 'U+001B at 3');
    assert.equal(findControl('abc\u001bd', true), 'U+001B at 3');
    assert.equal(findControl('x\u009by\r\n', true), undefined);
    assert.equal(findControl('x\u061cy', true), undefined);
    assert.equal(findControl('x\u061cy', false), 'U+061C at 1');
  });
});

/** `npm run fuzz` runs the built scripts on Node; Bun and Deno run the test sources, with no worker.js beside them. */
const onNode = typeof (globalThis as { Bun?: unknown }).Bun === 'undefined' && typeof (globalThis as { Deno?: unknown }).Deno === 'undefined';

describe('fuzz: the in-process runner', { timeout: 60_000, skip: onNode ? false : 'the fuzz runner is built for Node (npm run fuzz)' }, () => {
  it('runs the CLI entry in a worker, and a run over the guard is a hang after which the next run works', async () => {
    const dump = fixture('bookinfo', 'productpage', 'config_dump.json');
    const quick = new WorkerRunner(20_000);
    try {
      const ok = await quick.run(['routes', '--file', dump], { NO_COLOR: '1' }, repoRoot);
      assert.equal(classify(ok, 'text').class, 'accepted');
      assert.ok(ok.kind === 'exited' && /reviews/.test(ok.stdout));
    } finally {
      await quick.close();
    }
    const strict = new WorkerRunner(1);
    try {
      assert.equal((await strict.run(['pc', 'all', '--file', dump, '-o', 'yaml'], {}, repoRoot)).kind, 'hang');
    } finally {
      await strict.close();
    }
  });
});
