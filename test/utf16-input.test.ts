import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeInput } from '../src/sources/input-file.ts';
import { detectEncoding } from '../src/sources/text-encoding.ts';
import { runCli } from './helpers/cli.ts';
import { fixture } from './helpers/paths.ts';

const DUMP = fixture('bookinfo', 'productpage', 'config_dump.json');
const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-utf16-'));

/** UTF-16 as Windows PowerShell 5.1's `>` (Out-File "Unicode") writes it: little endian with a BOM. */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  if (order === 'be') bytes.swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

describe('UTF-16 input files (a PowerShell redirect) are decoded and read (issue 13 part 6)', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));
  const text = readFileSync(DUMP, 'utf8');

  for (const [order, bom] of [
    ['le', true],
    ['be', true],
    ['le', false],
    ['be', false],
  ] as const) {
    it(`routes --file on UTF-16${order.toUpperCase()} ${bom ? 'with' : 'without'} a BOM prints what the UTF-8 file prints`, async () => {
      const file = path.join(dir, `dump-${order}-${bom}.json`);
      writeFileSync(file, utf16(text, order, bom));
      const utf8 = await runCli(['routes', '--file', DUMP]);
      const result = await runCli(['routes', '--file', file]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, utf8.stdout);
    });
  }

  it('detects encodings by BOM and by NUL pattern, and leaves UTF-8 (with or without BOM) alone', () => {
    assert.deepEqual(detectEncoding(utf16('{"a":1}', 'le', true)), { encoding: 'utf16le', bom: 2 });
    assert.deepEqual(detectEncoding(utf16('{"a":1}', 'be', true)), { encoding: 'utf16be', bom: 2 });
    assert.deepEqual(detectEncoding(utf16('{"a":1}', 'le', false)), { encoding: 'utf16le', bom: 0 });
    assert.deepEqual(detectEncoding(Buffer.from('\ufeff{"a":1}')), { encoding: 'utf8', bom: 0 });
    assert.deepEqual(detectEncoding(Buffer.from('{"a":"é"}')), { encoding: 'utf8', bom: 0 });
    assert.equal(decodeInput('x', utf16('{"é":"☃"}', 'be', true)), '{"é":"☃"}');
  });

  it('a UTF-16 file cut at an odd byte is one line naming the file, exit 2', async () => {
    const file = path.join(dir, 'odd.json');
    writeFileSync(file, utf16(text, 'le', true).subarray(0, 1001));
    const result = await runCli(['routes', '--file', file]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `meshscope: ${file}: is UTF-16 (a PowerShell redirect?) with an odd number of bytes (cut short?); save it as UTF-8: Out-File -Encoding utf8\n`,
    );
  });
});
