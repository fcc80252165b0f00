import { CLASSES, FAILING, type RunClass } from './classify.ts';

/** Counts per class, and per class × command and mutation for the failing ones, as a table. */
export class Tally {
  readonly byClass = new Map<RunClass, number>();
  readonly failingBy = new Map<string, number>();
  runs = 0;

  add(cls: RunClass, command: string, mutation: string): void {
    this.runs++;
    this.byClass.set(cls, (this.byClass.get(cls) ?? 0) + 1);
    if (FAILING.has(cls)) {
      const key = `${cls}  ${command}  ${mutation}`;
      this.failingBy.set(key, (this.failingBy.get(key) ?? 0) + 1);
    }
  }

  get failing(): number {
    let n = 0;
    for (const [cls, count] of this.byClass) if (FAILING.has(cls)) n += count;
    return n;
  }

  table(): string {
    const rows = CLASSES.map((cls) => `  ${cls.padEnd(18)}${String(this.byClass.get(cls) ?? 0).padStart(7)}${FAILING.has(cls) ? '  (fails CI)' : ''}`);
    const worst = [...this.failingBy.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
    const detail = worst.length ? ['', 'failing runs by class, command, mutation (top 15):', ...worst.map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`)] : [];
    return [`  ${'class'.padEnd(18)}${'runs'.padStart(7)}`, ...rows, `  ${'total'.padEnd(18)}${String(this.runs).padStart(7)}`, ...detail].join('\n');
  }
}
