import type { WhyNotAnswer } from '../explain/why-not.ts';
import { percent } from '../text/percent.ts';

/** The `--why-not` answer as text, or as Markdown when `markdown` is set. */
export function renderWhyNot(a: WhyNotAnswer, markdown = false): string {
  const lines: string[] = [markdown ? `## Why not ${a.subset}?` : `Why not ${a.subset}?`, '', a.summary, ''];
  for (const c of a.candidates) lines.push(`${markdown ? '- ' : '  '}route ${c.route} (${percent(c.share)} to ${a.subset}, ${c.position}): ${c.needs}`);
  for (const c of a.clusters) lines.push(`${markdown ? '- ' : '  '}cluster ${c.name}: ${c.usable} of ${c.endpoints} endpoints usable`);
  return `${lines.join('\n').trimEnd()}\n`;
}
