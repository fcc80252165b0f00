import type { ChangeCategory, DiffChange } from '../diff/change.ts';
import { type CaptureDiff, isEqual } from '../diff/diff.ts';
import { sanitizeLine as line } from '../text/sanitize.ts';
import { code, table, text } from './markdown.ts';
import { plain, type Style } from './style.ts';

/**
 * `meshscope diff A B` as text for the terminal and as Markdown for an incident note: per proxy,
 * the changes grouped by what they touch (listeners, routes, clusters, endpoints, versions).
 */
export interface DiffSides {
  /** What each side is: a file name, with its capture time when known. */
  a: string;
  b: string;
}

const ORDER: ChangeCategory[] = ['routes', 'clusters', 'endpoints', 'listeners', 'versions', 'analyzer'];
const SIGN: Record<string, string> = { added: '+', removed: '-' };
const sign = (c: DiffChange): string => SIGN[/-(added|removed)$/.exec(c.kind)?.[1] ?? ''] ?? '~';

function grouped(changes: DiffChange[]): [ChangeCategory, DiffChange[]][] {
  return ORDER.map((cat) => [cat, changes.filter((c) => c.category === cat)] as [ChangeCategory, DiffChange[]]).filter(([, list]) => list.length > 0);
}

const proxyTitle = (a: string, b: string): string => (a === b ? a : `${a} → ${b}`);
const count = (n: number): string => `${n} change${n === 1 ? '' : 's'}`;

export function renderDiffText(diff: CaptureDiff, sides: DiffSides, style: Style = plain): string {
  const lines = [style('title', `${line(sides.a)} → ${line(sides.b)}`)];
  if (isEqual(diff)) return `${lines[0]}\nno differences\n`;
  for (const p of diff.proxies) {
    lines.push('', `${style('title', line(proxyTitle(p.a, p.b)))}: ${p.changes.length ? count(p.changes.length) : 'no changes'}`);
    for (const [cat, list] of grouped(p.changes)) {
      lines.push(`  ${cat}`);
      for (const c of list)
        lines.push(
          `    ${style(sign(c) === '-' ? 'bad' : sign(c) === '+' ? 'good' : 'warn', sign(c))} ${c.kind === 'version-moved' ? '' : `${line(c.object)}: `}${line(c.message)}`,
        );
    }
  }
  if (diff.onlyInA.length) lines.push('', `only in ${line(sides.a)}: ${diff.onlyInA.map(line).join(', ')}`);
  if (diff.onlyInB.length) lines.push('', `only in ${line(sides.b)}: ${diff.onlyInB.map(line).join(', ')}`);
  if (diff.analyzer.length) {
    lines.push('', style('title', 'istioctl analyze'));
    for (const c of diff.analyzer) lines.push(`    ${sign(c)} ${line(c.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderDiffMarkdown(diff: CaptureDiff, sides: DiffSides): string {
  const out = [`## What changed between ${code(sides.a)} and ${code(sides.b)}`, ''];
  if (isEqual(diff)) return `${out.join('\n')}\n_No differences._\n`;
  for (const p of diff.proxies) {
    out.push(`### ${code(proxyTitle(p.a, p.b))}: ${p.changes.length ? count(p.changes.length) : 'no changes'}`, '');
    for (const [cat, list] of grouped(p.changes)) {
      out.push(
        `#### ${cat[0]!.toUpperCase()}${cat.slice(1)}`,
        '',
        ...table(
          ['', 'Object', 'Change'],
          list.map((c) => [sign(c), code(c.object), c.message]),
        ),
        '',
      );
    }
  }
  if (diff.onlyInA.length) out.push(`**Only in ${code(sides.a)}:** ${diff.onlyInA.map(code).join(', ')}`, '');
  if (diff.onlyInB.length) out.push(`**Only in ${code(sides.b)}:** ${diff.onlyInB.map(code).join(', ')}`, '');
  if (diff.analyzer.length) out.push('### istioctl analyze', '', ...diff.analyzer.map((c) => `- ${sign(c)} ${text(c.message)}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}
