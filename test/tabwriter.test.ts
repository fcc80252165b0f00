import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runeCount, Tabwriter, tabulate } from '../src/core/report/tabwriter.ts';

describe('Go text/tabwriter as istioctl configures it', () => {
  const cases: { name: string; lines: string[]; padding: number; want: string }[] = [
    {
      name: 'pads every cell but the last of a line to the widest cell of its column plus the padding',
      lines: ['a\tb\tc', 'aa\tbbb\tc'],
      padding: 1,
      want: 'a  b   c\naa bbb c\n',
    },
    {
      name: 'pads with five spaces for the cluster and route tables',
      lines: ['NAME\tX', 'n\tx'],
      padding: 5,
      want: 'NAME     X\nn        x\n',
    },
    {
      name: 'keeps trailing spaces when the last cell is empty',
      lines: ['NAME\tRULE', 'agent\t'],
      padding: 5,
      want: 'NAME      RULE\nagent     \n',
    },
    {
      name: 'counts code points, not UTF-16 units or bytes',
      lines: ['héllo\tx', 'h\ty', '😀\tz'],
      padding: 1,
      want: 'héllo x\nh     y\n😀     z\n',
    },
    {
      name: 'ends a column block at a line with fewer cells (the Go documentation example)',
      lines: ['aaaa\tbbb\td', 'aa\tb\tdd', 'a\t', 'aa\tcccc\teee'],
      padding: 1,
      want: 'aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n',
    },
    {
      name: 'formats blocks separated by a line without tabs independently',
      lines: ['x\ty', 'no tabs here', 'longer\tz'],
      padding: 1,
      want: 'x y\nno tabs here\nlonger z\n',
    },
    { name: 'prints lines without tabs as they are', lines: ['Istio Version'], padding: 1, want: 'Istio Version\n' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(tabulate(c.lines, c.padding), c.want));
  }

  it('honours minwidth', () => {
    const w = new Tabwriter({ minwidth: 6, padding: 1 });
    assert.equal(w.write('a\tb\n').flush(), 'a     b\n');
  });

  it('accepts text in pieces and formats an unterminated last line without adding a newline', () => {
    const w = new Tabwriter({ padding: 2 });
    w.write('ab').write('\tc\nd\t');
    w.write('e');
    assert.equal(w.flush(), 'ab  c\nd   e');
  });

  it('can be reused after a flush', () => {
    const w = new Tabwriter({ padding: 1 });
    assert.equal(w.write('a\tb\n').flush(), 'a b\n');
    assert.equal(w.write('ccc\td\n').flush(), 'ccc d\n');
  });

  it('counts runes like utf8.RuneCount', () => {
    assert.equal(runeCount('a😀é'), 3);
    assert.equal(runeCount(''), 0);
  });
});
