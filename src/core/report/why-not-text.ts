import type { WhyNotAnswer } from '../explain/why-not.ts';
import { percent } from '../text/percent.ts';
import { sanitizeLine } from '../text/sanitize.ts';
import { leadingText, text } from './markdown.ts';

/** The `--why-not` answer as text, or as Markdown when `markdown` is set; values from the input escaped for the form. */
export function renderWhyNot(a: WhyNotAnswer, markdown = false): string {
  const v = markdown ? text : sanitizeLine;
  const lines: string[] = [markdown ? `## Why not ${v(a.subset)}?` : `Why not ${v(a.subset)}?`, '', markdown ? leadingText(a.summary) : v(a.summary), ''];
  for (const c of a.candidates)
    lines.push(`${markdown ? '- ' : '  '}route ${v(c.route)} (${percent(c.share)} to ${v(a.subset)}, ${c.position}): ${v(c.needs)}`);
  for (const c of a.clusters) lines.push(`${markdown ? '- ' : '  '}cluster ${v(c.name)}: ${c.usable} of ${c.endpoints} endpoints usable`);
  return `${lines.join('\n').trimEnd()}\n`;
}
