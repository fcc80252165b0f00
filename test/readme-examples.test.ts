import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { repoRoot } from './helpers/paths.ts';

/**
 * The explain and intent examples in README.md are what meshscope prints: each ```text block that
 * starts with `$ meshscope explain …` or `$ meshscope intent …` is run, and its lines (up to a `…`
 * line, where the README cuts the output short) must equal the command's output; a block whose
 * output starts with `…` shows the output's last lines instead.
 */
function examples(): { command: string[]; expected: string[]; tail: boolean }[] {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const out: { command: string[]; expected: string[]; tail: boolean }[] = [];
  for (const block of readme.split('```text\n').slice(1)) {
    const body = block.slice(0, block.indexOf('```'));
    if (!body.startsWith('$ meshscope explain') && !body.startsWith('$ meshscope intent')) continue;
    const lines = body.split('\n');
    let commandText = '';
    let i = 0;
    for (; i < lines.length; i++) {
      const line = lines[i]!.replace(/^\$ /, '');
      commandText += line.endsWith('\\') ? `${line.slice(0, -1)} ` : line;
      if (!line.endsWith('\\')) break;
    }
    const words = [...commandText.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    const expected = lines.slice(i + 1);
    if (expected[0] === '…') {
      out.push({ command: words.slice(1), expected: expected.slice(1, -1), tail: true });
      continue;
    }
    const cut = expected.indexOf('…');
    out.push({ command: words.slice(1), expected: cut === -1 ? expected.slice(0, -1) : expected.slice(0, cut), tail: false });
  }
  return out;
}

describe('README explain examples', () => {
  const found = examples();
  it('has the examples', () => assert.ok(found.length >= 2, `found ${found.length}`));
  for (const { command, expected, tail } of found) {
    it(`prints what the README shows for: ${command.join(' ')}`, async () => {
      const r = await runCli(command);
      const lines = r.stdout.split('\n');
      assert.deepEqual(tail ? lines.slice(-expected.length - 1, -1) : lines.slice(0, expected.length), expected);
    });
  }
});
