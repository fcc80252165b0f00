import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { commandSchedule, generateCase, materialize, type Workspace } from '../scripts/fuzz/cases.ts';
import { commandsFor } from '../scripts/fuzz/commands.ts';
import { originals, seedInputs } from '../scripts/fuzz/inputs.ts';
import { failureRecord, readCases, writeFailures } from '../scripts/fuzz/replay-file.ts';
import { repoRoot } from './helpers/paths.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'meshscope-fuzz-test-'));
const ws: Workspace = { root: repoRoot, scratch, originals: originals(repoRoot), inputs: seedInputs(repoRoot) };

describe('fuzz: cases, commands and the replay file', () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('the first n cases of a run cover every command, and a case is the same for the same seed and index', () => {
    const schedule = commandSchedule(5, ws);
    const first = Array.from({ length: schedule.length }, (_, i) => generateCase(5, i, ws, schedule));
    assert.equal(new Set(first.map((c) => c.command)).size, schedule.length);
    assert.deepEqual(generateCase(5, 17, ws, schedule), generateCase(5, 17, ws, schedule));
    for (const family of [
      'explain-text',
      'explain-markdown',
      'explain-why-not-text',
      'explain-log-json',
      'routes-yaml',
      'pc-secret-short',
      'findings-json',
      'diff-markdown',
      'overview',
      'top-once-json',
      'snapshot-recapture',
    ])
      assert.ok(schedule.includes(family), family);
  });

  it('command ids are unique per input, and every output form is named', () => {
    for (const input of ws.inputs) {
      const ids = commandsFor(input, { root: repoRoot, input: 'X', originals: ws.originals, scratch }).map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length, input.name);
    }
  });

  it('materialize writes the mutated input where the command reads it; the failures file replays the same cases', () => {
    const schedule = commandSchedule(9, ws);
    const cases = Array.from({ length: 10 }, (_, i) => generateCase(9, i, ws, schedule));
    const records = cases.map((c) => {
      const m = materialize(c, ws);
      const file = m.command.argv.find((a) => a.startsWith(scratch));
      if (file) assert.ok(existsSync(file), file);
      return failureRecord(c, { class: 'crash', detail: 'test' }, m.detail, m.command.argv);
    });
    const file = path.join(scratch, 'failures.jsonl');
    writeFailures(file, 'test run', records);
    assert.match(readFileSync(file, 'utf8'), /^# test run\n\{"seed":/);
    assert.deepEqual(readCases(file), cases);
    const again = materialize(cases[0]!, ws);
    assert.equal(again.detail, records[0]!.mutationDetail);
  });

  it('an unknown input or command in a replay file is an error naming it', () => {
    assert.throws(() => materialize({ seed: 1, input: 'nope', mutation: 'truncate', command: 'overview' }, ws), /unknown input nope/);
    assert.throws(() => materialize({ seed: 1, input: 'dump-productpage', mutation: 'truncate', command: 'nope' }, ws), /unknown command nope/);
  });
});
