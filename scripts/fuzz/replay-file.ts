import { readFileSync, writeFileSync } from 'node:fs';
import type { FuzzCase } from './cases.ts';
import type { Verdict } from './classify.ts';

/** A failing case as written to the failures file: the case, its verdict and the argv it ran (for reading; replay rebuilds it). */
export interface FailureRecord extends FuzzCase {
  class: string;
  detail: string;
  mutationDetail: string;
  argv: string[];
}

export function failureRecord(fuzzCase: FuzzCase, verdict: Verdict, mutationDetail: string, argv: string[]): FailureRecord {
  return { ...fuzzCase, class: verdict.class, detail: verdict.detail, mutationDetail, argv: argv.map((a) => (a.length > 200 ? `${a.slice(0, 200)}…` : a)) };
}

/** JSON Lines; a first line starting with `#` says how the run was made. */
export function writeFailures(file: string, header: string, records: FailureRecord[]): void {
  writeFileSync(file, `# ${header}\n${records.map((r) => JSON.stringify(r)).join('\n')}${records.length ? '\n' : ''}`);
}

/** The cases of a failures file (or any JSON Lines file of {seed, input, mutation, command}). */
export function readCases(file: string): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const o = JSON.parse(line) as Partial<FuzzCase>;
    if (typeof o.seed !== 'number' || typeof o.input !== 'string' || typeof o.mutation !== 'string' || typeof o.command !== 'string')
      throw new Error(`${file}:${i + 1}: expected {seed, input, mutation, command}`);
    cases.push({ seed: o.seed, input: o.input, mutation: o.mutation, command: o.command });
  }
  return cases;
}
