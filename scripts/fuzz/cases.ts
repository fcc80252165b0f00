import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CommandCase, type CommandContext, commandsFor } from './commands.ts';
import type { Originals, SeedInput } from './inputs.ts';
import { mutate, mutationsFor } from './mutate.ts';
import { caseSeed, Rng } from './prng.ts';

/**
 * One fuzz case: which seed input, which mutation (reproduced from `seed`), which command. This is
 * the replay format: one JSON object per line of the failures file, plus what it was classified
 * as (`class`, `detail`) when written; `--replay FILE` runs the cases again.
 */
export interface FuzzCase {
  seed: number;
  input: string;
  mutation: string;
  command: string;
}

export interface Workspace {
  root: string;
  scratch: string;
  originals: Originals;
  inputs: SeedInput[];
}

function context(ws: Workspace, value: string): CommandContext {
  return { root: ws.root, input: value, originals: ws.originals, scratch: ws.scratch };
}

/**
 * Every command id, in an order shuffled by the run's seed: case `index` runs command
 * `index mod n`, so the first n cases of any run cover every command.
 */
export function commandSchedule(runSeed: number, ws: Workspace): string[] {
  const ids = [...new Set(ws.inputs.flatMap((i) => commandsFor(i, context(ws, 'INPUT')).map((c) => c.id)))].sort();
  const rng = new Rng(runSeed ^ 0x2545f491);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids;
}

/** Case `index` of a run seeded `runSeed`: the scheduled command, an input it takes, a mutation. */
export function generateCase(runSeed: number, index: number, ws: Workspace, schedule: string[]): FuzzCase {
  const seed = caseSeed(runSeed, index);
  const rng = new Rng(seed);
  const command = schedule[index % schedule.length]!;
  const input = rng.pick(ws.inputs.filter((i) => commandsFor(i, context(ws, 'INPUT')).some((c) => c.id === command)));
  const mutation = rng.pick(mutationsFor(input.kind));
  return { seed, input: input.name, mutation, command };
}

export interface Materialized {
  command: CommandCase;
  detail: string;
  /** The mutated bytes' size. */
  size: number;
}

/**
 * Writes the case's mutated input into the scratch directory (or makes the mutated log line) and
 * returns the command to run. A mutation with nowhere to apply falls back to a byte flip; an
 * unknown input or command name (a replay file from another version) is an Error.
 */
export function materialize(fuzzCase: FuzzCase, ws: Workspace): Materialized {
  const input = ws.inputs.find((i) => i.name === fuzzCase.input);
  if (!input) throw new Error(`unknown input ${fuzzCase.input} (known: ${ws.inputs.map((i) => i.name).join(', ')})`);
  const mutated = mutate(input.kind, input.bytes, fuzzCase.mutation, fuzzCase.seed) ?? {
    ...mutate(input.kind, input.bytes, 'byte-flip', fuzzCase.seed)!,
    detail: `${fuzzCase.mutation} had nowhere to apply; byte-flip instead`,
  };
  let value: string;
  if (input.family === 'log') value = mutated.bytes.toString('utf8');
  else {
    value = path.join(ws.scratch, `input${input.ext}`);
    writeFileSync(value, mutated.bytes);
  }
  const command = commandsFor(input, context(ws, value)).find((c) => c.id === fuzzCase.command);
  if (!command) throw new Error(`unknown command ${fuzzCase.command} for input ${input.name}`);
  return { command, detail: mutated.detail, size: mutated.bytes.length };
}
