const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * An RPS history as a one-line bar chart, newest on the right, scaled to the window's largest
 * value. A gap (no rate: first sample, a failed read) is a space; zero is the lowest bar. With
 * `ascii` (narrow or non-Unicode terminals) the bars are `_.-=#`.
 */
export function sparkline(values: readonly (number | undefined)[], width: number, ascii = false): string {
  const bars = ascii ? ['_', '.', '-', '=', '#'] : BARS;
  const shown = values.slice(Math.max(0, values.length - width));
  let max = 0;
  for (const v of shown) if (v !== undefined && v > max) max = v;
  let out = '';
  for (const v of shown) {
    if (v === undefined) out += ' ';
    else out += bars[max === 0 ? 0 : Math.min(bars.length - 1, Math.round((v / max) * (bars.length - 1)))];
  }
  return out.padStart(width, ' ');
}
