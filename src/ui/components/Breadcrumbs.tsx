import { cellWidth } from '../text.ts';
import type { Line } from '../views/lines.ts';
import { OneLine } from './OneLine.tsx';

/** Where the user is, `Workloads › productpage-v1….bookinfo › Routes › jason-to-v2`; the tail wins when narrow. */
export function Breadcrumbs({ parts, width }: { parts: string[]; width: number }) {
  let shown = parts;
  const length = (p: string[]) => cellWidth(p.join(' › '));
  if (shown.length > 1 && length(shown) > width) {
    shown = shown.slice(1);
    while (shown.length > 1 && length(shown) + 4 > width) shown = shown.slice(1);
  }
  const line: Line = shown !== parts ? [{ text: '… › ', tone: 'muted' }] : [];
  shown.forEach((p, i) => {
    if (i > 0) line.push({ text: ' › ', tone: 'muted' });
    line.push(i === shown.length - 1 ? { text: p, tone: 'title' } : { text: p });
  });
  return <OneLine line={line} width={width} />;
}
