import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResult } from './types.ts';

function formatValue(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The results as an aligned text table: bench, dump, measurement, value, target, verdict. */
export function formatTable(results: BenchResult[]): string {
  const rows = [
    ['bench', 'dump', 'measurement', 'value', 'target', 'result'],
    ...results.map((r) => [
      r.bench,
      r.dump ?? '',
      r.name,
      formatValue(r.value, r.unit),
      r.target ? `${r.target.op} ${r.target.value} ${r.unit}` : r.goal ? `goal ${r.goal.op} ${r.goal.value} ${r.unit}` : '',
      r.pass !== null ? (r.pass ? 'PASS' : 'FAIL') : r.goal ? (r.goal.met ? 'met' : 'not met') : '',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = results.filter((r) => r.detail).map((r) => `  ${r.bench}${r.dump ? ` ${r.dump}` : ''} · ${r.name}: ${r.detail}`);
  return [line(rows[0]!), rule, ...rows.slice(1).map(line), '', 'how measured:', ...notes, ''].join('\n');
}

/** Writes `results.json`: the machine and runtime, then every result. */
export function writeResults(file: string, results: BenchResult[], environment: Record<string, unknown>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...environment, results }, null, 2)}\n`);
}
