import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Key } from 'ink';
import { keysMarkdown } from '../src/ui/help-markdown.ts';
import { commandFor, helpSections, KEYMAP, keyLabel } from '../src/ui/keymap.ts';
import { keyPresses } from '../src/ui/keys.ts';
import { completeColon, parseColon } from '../src/ui/state/colon-commands.ts';
import { browse, emptyHistory, remember } from '../src/ui/state/history.ts';
import { editField, emptyField, field } from '../src/ui/state/text-field.ts';
import { clampTable, initialTable, moveTable, setFilter } from '../src/ui/table/table-state.ts';
import { makeTheme } from '../src/ui/theme.ts';
import { repoRoot } from './helpers/paths.ts';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};
const k = (name: string) => ({ name, text: name.length === 1 ? name : '' });

describe('TUI state reducers', () => {
  it('edits a text field at the cursor', () => {
    let f = field('GET http://a/');
    f = editField(f, { type: 'home' });
    f = editField(f, { type: 'insert', text: 'X' });
    assert.deepEqual(f, { value: 'XGET http://a/', cursor: 1 });
    f = editField(f, { type: 'backspace' });
    f = editField(f, { type: 'end' });
    f = editField(f, { type: 'delete-word' });
    assert.deepEqual(f, { value: 'GET ', cursor: 4 });
    assert.deepEqual(editField(f, { type: 'clear' }), emptyField);
    assert.equal(editField(emptyField, { type: 'backspace' }), emptyField);
    assert.deepEqual(editField(field('ab'), { type: 'left' }), { value: 'ab', cursor: 1 });
  });

  it('moves a table cursor by row, page and ends, keeping it in view', () => {
    const cases: [Parameters<typeof moveTable>[1], number, number, number][] = [
      // move, from cursor, expected cursor, expected offset (100 rows, page of 10)
      ['down', 0, 1, 0],
      ['down', 9, 10, 1],
      ['up', 0, 0, 0],
      ['page-down', 0, 10, 10],
      ['page-up', 15, 5, 0],
      ['bottom', 3, 99, 90],
      ['top', 50, 0, 0],
    ];
    for (const [move, from, cursor, offset] of cases) {
      const start = clampTable({ ...initialTable, cursor: from, offset: Math.max(0, from - 9) }, 100, 10);
      const next = moveTable(start, move, 100, 10);
      assert.deepEqual([next.cursor, next.offset], [cursor, offset], `${move} from ${from}`);
    }
    assert.deepEqual(moveTable(initialTable, 'down', 0, 10), initialTable, 'an empty table stays put');
    assert.equal(clampTable({ ...initialTable, cursor: 50, offset: 45 }, 20, 10).cursor, 19, 'fewer rows after a refresh');
  });

  it('starts a new filter at the first match', () => {
    const moved = { ...initialTable, cursor: 7, offset: 3 };
    assert.deepEqual(setFilter(moved, field('rev')), { cursor: 0, offset: 0, filter: field('rev') });
    const sameText = setFilter(moved, { value: '', cursor: 0 });
    assert.equal(sameText.cursor, 7);
  });

  it('browses request history like a shell, coming back to the draft', () => {
    let h = remember(remember(remember(emptyHistory, 'GET http://a/'), 'GET http://b/'), 'GET http://b/');
    assert.deepEqual(h.entries, ['GET http://a/', 'GET http://b/'], 'no consecutive duplicates');
    let step = browse(h, -1, 'GET http://dra');
    assert.equal(step.line, 'GET http://b/');
    step = browse(step.history, -1, step.line);
    assert.equal(step.line, 'GET http://a/');
    step = browse(step.history, -1, step.line);
    assert.equal(step.line, 'GET http://a/', 'stops at the oldest');
    step = browse(step.history, 1, step.line);
    step = browse(step.history, 1, step.line);
    assert.equal(step.line, 'GET http://dra', 'the draft comes back');
    h = step.history;
    assert.equal(h.at, null);
  });

  it('splits a chunk of keys the way a terminal sends them', () => {
    assert.deepEqual(
      keyPresses('/rev', noKey).map((p) => p.name),
      ['/', 'r', 'e', 'v'],
    );
    assert.deepEqual(
      keyPresses('ab\rc', noKey).map((p) => p.name),
      ['a', 'b', 'enter', 'c'],
    );
    assert.deepEqual(keyPresses('', { ...noKey, downArrow: true }), [{ name: 'down', text: '' }]);
    assert.deepEqual(keyPresses('c', { ...noKey, ctrl: true }), [{ name: 'ctrl+c', text: '' }]);
    assert.deepEqual(keyPresses('', { ...noKey, delete: true }), [{ name: 'backspace', text: '' }], 'DEL erases to the left');
    assert.deepEqual(keyPresses('', { ...noKey, tab: true, shift: true }), [{ name: 'shift+tab', text: '' }]);
    assert.deepEqual(
      keyPresses('x\u0007y', noKey).map((p) => p.name),
      ['x', 'y'],
      'control characters are dropped',
    );
  });

  it('looks keys up in the keymap by context; text fields type what would be commands', () => {
    const cases: [string, Parameters<typeof commandFor>[1], boolean, string | undefined][] = [
      ['j', ['table', 'global'], false, 'down'],
      ['q', ['table', 'global'], false, 'quit'],
      ['q', ['filter', 'global'], true, undefined],
      ['ctrl+c', ['filter', 'global'], true, 'quit'],
      ['ctrl+u', ['filter', 'global'], true, 'clear-field'],
      ['ctrl+u', ['table', 'global'], false, undefined],
      ['enter', ['filter', 'global'], true, 'submit'],
      ['escape', ['table', 'global'], false, 'back'],
      ['e', ['explain', 'workload', 'global'], false, 'edit-request'],
      ['e', ['table', 'workload', 'global'], false, 'explain'],
      ['w', ['explain', 'workload', 'global'], false, 'write-note'],
      ['up', ['explain-input', 'global'], true, 'history-prev'],
      ['G', ['table', 'global'], false, 'bottom'],
      ['pagedown', ['table', 'global'], false, 'page-down'],
    ];
    for (const [key, contexts, textField, expected] of cases)
      assert.equal(commandFor(k(key), contexts, textField), expected, `${key} in ${contexts.join(',')}`);
  });

  it('generates the help from the keymap: every binding with a description appears once per context', () => {
    const sections = helpSections();
    const described = KEYMAP.filter((b) => b.description !== '');
    const rows = sections.reduce((n, s) => n + s.rows.length, 0);
    assert.equal(rows, described.length);
    const tables = sections.find((s) => s.title === 'Tables')!;
    assert.deepEqual(
      tables.rows.find(([, d]) => d === 'next page'),
      ['PgDn Ctrl-F', 'next page'],
    );
    assert.equal(keyLabel('ctrl+c'), 'Ctrl-C');
    assert.equal(keyLabel('escape'), 'Esc');
  });

  it('parses and completes : commands through their aliases', () => {
    assert.equal(parseColon(':ns bookinfo').command?.name, 'ns');
    assert.equal(parseColon('ns bookinfo').args, 'bookinfo');
    assert.equal(parseColon('endpoints').command?.name, 'ep');
    assert.equal(parseColon('EXPLAIN GET http://a/').command?.name, 'explain');
    assert.equal(parseColon('explain GET http://a/ -H x:y').args, 'GET http://a/ -H x:y');
    assert.equal(parseColon('nope').command, undefined);
    assert.equal(completeColon('cl'), 'clusters');
    assert.equal(completeColon('n'), 'ns ');
    assert.equal(completeColon('ns bo'), 'ns bo');
  });

  it('keeps the README key table identical to the one generated from the keymap', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    assert.ok(readme.includes(keysMarkdown()), 'README.md: paste keysMarkdown() (src/ui/help-markdown.ts) into "The interactive TUI"');
  });

  it('draws meanings without colour when colour is off (NO_COLOR, --no-color)', () => {
    const mono = makeTheme(false);
    const tones = ['text', 'muted', 'accent', 'title', 'good', 'warn', 'bad', 'match', 'deciding', 'key'] as const;
    for (const tone of tones) {
      assert.equal(mono.tone(tone).color, undefined, tone);
      assert.equal(mono.tone(tone).backgroundColor, undefined, tone);
    }
    assert.deepEqual(mono.selected, { inverse: true });
    assert.equal(makeTheme(true).tone('bad').color, 'red');
  });
});
