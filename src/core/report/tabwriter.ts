import { sanitizeLine } from '../text/sanitize.ts';

/**
 * Go's `text/tabwriter`, as istioctl configures it: `Init(out, minwidth, tabwidth, padding, ' ', 0)`.
 *
 * Text is split into cells by `\t` and into lines by `\n`. A cell that is followed by a tab
 * belongs to a column; the text after the last tab of a line does not, and is written as is.
 * Consecutive lines that have a cell in column k form a column block; every cell of the block
 * is padded with spaces to the widest cell of the block plus `padding` (never less than
 * `minwidth`). Cell width is the number of Unicode code points, as Go's `utf8.RuneCount`.
 * A line without any tab ends the blocks above it (Go flushes there).
 *
 * Only the subset of flags istioctl uses is implemented: no AlignRight, no DiscardEmptyColumns,
 * no TabIndent, no escapes; the pad character is always a space, so `tabwidth` has no effect.
 */
export interface TabwriterOptions {
  minwidth?: number;
  padding: number;
}

interface Cell {
  text: string;
  width: number;
}

/** Code points, as Go counts runes in a valid UTF-8 string. */
export function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export class Tabwriter {
  private readonly minwidth: number;
  private readonly padding: number;
  private lines: Cell[][] = [[]];
  private cell = '';
  private out = '';

  constructor(options: TabwriterOptions) {
    this.minwidth = options.minwidth ?? 0;
    this.padding = options.padding;
  }

  /** Appends text (Go's `Write`); formatting happens on flush and on lines without tabs. */
  write(text: string): this {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 9 && ch !== 10) continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const line = this.lines[this.lines.length - 1]!;
      line.push({ text: this.cell, width: runeCount(this.cell) });
      this.cell = '';
      if (ch === 10) {
        const ncells = line.length;
        this.lines.push([]);
        if (ncells === 1) this.flushLines();
      }
    }
    this.cell += text.slice(start);
    return this;
  }

  /** Formats everything written so far and returns the whole output (Go's `Flush`). */
  flush(): string {
    const partial = this.lines[this.lines.length - 1]!;
    if (this.cell !== '' || partial.length > 0) {
      // Go terminates the pending cell; the unfinished line is formatted but gets no newline.
      partial.push({ text: this.cell, width: runeCount(this.cell) });
      this.cell = '';
      this.format(this.lines, [], 0, this.lines.length);
      this.out = this.out.slice(0, -1);
      this.lines = [[]];
    } else {
      this.flushLines();
    }
    const out = this.out;
    this.out = '';
    return out;
  }

  private flushLines(): void {
    // The last entry of `lines` is the line being built; it has no newline yet.
    const complete = this.lines.slice(0, -1);
    const partial = this.lines[this.lines.length - 1]!;
    if (complete.length === 0) return;
    this.format(complete, [], 0, complete.length);
    this.lines = [partial];
  }

  private format(lines: Cell[][], widths: number[], line0: number, line1: number): void {
    const column = widths.length;
    let start = line0;
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row]!.length - 1) continue;
      this.writeLines(lines, widths, start, row);
      start = row;
      let width = this.minwidth;
      for (; row < line1; row++) {
        const line = lines[row]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + this.padding);
      }
      this.format(lines, [...widths, width], start, row);
      start = row;
      row--;
    }
    this.writeLines(lines, widths, start, line1);
  }

  private writeLines(lines: Cell[][], widths: number[], line0: number, line1: number): void {
    for (let row = line0; row < line1; row++) {
      const line = lines[row]!;
      let text = '';
      line.forEach((cell, j) => {
        text += cell.text;
        if (j < widths.length) text += ' '.repeat(Math.max(0, widths[j]! - cell.width));
      });
      this.out += `${text}\n`;
    }
  }
}

/** Formats complete tab-separated lines with a fresh writer: `tabulate(['A\tB', 'a\tb'], 5)`. */
export function tabulate(lines: readonly string[], padding: number): string {
  const writer = new Tabwriter({ padding });
  for (const line of lines) writer.write(`${line}\n`);
  return writer.flush();
}

/** One tab-separated line of cells: each value's own tabs, newlines and controls escaped (sanitizeLine). */
export function cells(values: readonly (string | number)[]): string {
  return values.map((v) => sanitizeLine(String(v))).join('\t');
}

/** A tab-separated line from a template: the literal tabs are the layout, each interpolated value one cell's text. */
export function row(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, literal, i) => out + literal + (i < values.length ? sanitizeLine(String(values[i])) : ''), '');
}
