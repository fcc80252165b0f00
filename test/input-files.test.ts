import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InputError } from '../src/core/errors.ts';
import { inflateInput, readInputBytes } from '../src/sources/input-file.ts';
import { DEFAULT_INPUT_LIMITS, parseSize, setInputLimits } from '../src/sources/input-limits.ts';
import { type CliResult, runCli } from './helpers/cli.ts';
import { runMeshscope } from './helpers/cli-process.ts';
import { fixture } from './helpers/paths.ts';

/**
 * Issue 13 part 5, files: every input goes through sources/input-file.ts. Special files are
 * refused before a byte is read, sizes are capped (MESHSCOPE_MAX_INPUT), gzip inflates up to a
 * cap (MESHSCOPE_MAX_INFLATED), each failure one line, exit 2, for `routes --file`,
 * `--snapshot` and `diff`.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-files-'));
after(() => {
  setInputLimits({});
  rmSync(dir, { recursive: true, force: true });
});
const dump = fixture('bookinfo', 'productpage', 'config_dump.json');
const MiB = 1024 * 1024;

function oneLine(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at |RangeError|ERR_/);
}

/** The three ways a file reaches meshscope on the command line. */
const entryPoints = (file: string): string[][] => [
  ['routes', '--file', file],
  ['routes', '--snapshot', file],
  ['diff', file, dump],
];

/**
 * A gzip bomb of about 3 MB: one member of 64 MiB of zeros (zlib's best ratio is about 1:1000),
 * concatenated 48 times (RFC 1952 allows members back to back; zlib inflates them all): 3 GiB.
 */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(64 * MiB), { level: 9 });
  return Buffer.concat(Array.from({ length: 48 }, () => member));
}

describe('gzip bombs stop at the decompressed-size limit', () => {
  const bomb = gzipBomb();
  const snap = path.join(dir, 'bomb.json.gz');
  const archive = path.join(dir, 'bug-report.tar.gz');
  writeFileSync(snap, bomb);
  writeFileSync(archive, bomb);

  it('the bomb is about 3 MB', () => assert.ok(bomb.length > 2 * MiB && bomb.length < 4 * MiB, `${bomb.length} bytes`));

  for (const [file, args] of [
    [snap, ['routes', '--snapshot', snap]],
    [snap, ['diff', snap, dump]],
    [archive, ['routes', '--snapshot', archive]],
  ] as const) {
    it(`${args.join(' ')}: one line naming the file and the limit`, async () => {
      const r = await runCli([...args], { MESHSCOPE_MAX_INFLATED: '16M' });
      oneLine(
        r,
        new RegExp(`${path.basename(file).replace(/\./g, '\\.')}: inflates to more than 16 MiB, the decompressed-size limit .*MESHSCOPE_MAX_INFLATED=`),
      );
    });
  }

  it('a gzip of zeros under the limit (found by the fuzzer: quoting its one 300 MiB line crashed V8) is one line', async () => {
    const zeros = path.join(dir, 'zeros.json.gz');
    writeFileSync(zeros, gzipSync(Buffer.alloc(300 * MiB), { level: 9 }));
    const r = await runCli(['pc', 'cluster', '--snapshot', zeros, '--from', 'x', '-o', 'json']);
    oneLine(r, /zeros\.json\.gz: is not JSON: it starts with "(\\\\u0000)+/);
  });

  it('inflateInput stops at the limit, and passes what is under it', async () => {
    setInputLimits({ maxInflatedBytes: 4 * MiB });
    await assert.rejects(inflateInput('b.gz', bomb), /b\.gz: inflates to more than 4 MiB/);
    assert.equal((await inflateInput('s.gz', gzipSync(Buffer.alloc(MiB)))).length, MiB);
    await assert.rejects(inflateInput('t.gz', bomb.subarray(0, 100)), /t\.gz: is not valid gzip/);
    setInputLimits({});
  });
});

describe('character devices, FIFOs and directories are refused before reading', () => {
  it('/dev/zero: routes --file, --snapshot, diff', { skip: existsSync('/dev/zero') ? false : 'no /dev/zero on this system' }, async () => {
    for (const args of entryPoints('/dev/zero')) oneLine(await runCli(args), /\/dev\/zero: is a character device; expected a regular file/);
  });

  let fifo: string | undefined = path.join(dir, 'fifo.json');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    fifo = undefined;
  }
  it('a FIFO with no writer: refused at once, in a separate process guarded at 15 s', { skip: fifo ? false : 'mkfifo is not available' }, async () => {
    for (const args of entryPoints(fifo!)) {
      const r = await runMeshscope(args, { PATH: process.env.PATH, NO_COLOR: '1' });
      oneLine(r, /fifo\.json: is a named pipe \(FIFO\); expected a regular file/);
    }
  });

  it('a directory where a file is expected', async () => {
    oneLine(await runCli(['routes', '--file', dir]), /is a directory; expected a JSON file/);
    await assert.rejects(readInputBytes(dir), (e: unknown) => e instanceof InputError && /is a directory; expected a file/.test(e.message));
  });
});

describe('the input size limit', () => {
  // A sparse file: 300 MiB long, no blocks written.
  const big = path.join(dir, 'big.json');
  closeSync(openSync(big, 'w'));
  truncateSync(big, 300 * MiB);

  it('a 300 MiB file is refused by its size (default 256 MiB): routes --file, --snapshot, diff', async () => {
    assert.equal(DEFAULT_INPUT_LIMITS.maxInputBytes, 256 * MiB);
    for (const args of entryPoints(big))
      oneLine(await runCli(args), /big\.json: is 300 MiB, over the 256 MiB input limit; raise it with MESHSCOPE_MAX_INPUT=SIZE/);
  });

  it('MESHSCOPE_MAX_INPUT lowers and raises the limit', async () => {
    const size = readFileSync(dump).length;
    oneLine(await runCli(['routes', '--file', dump], { MESHSCOPE_MAX_INPUT: '1K' }), /config_dump\.json: is .* over the 1 KiB input limit/);
    const r: CliResult = await runCli(['routes', '--file', dump], { MESHSCOPE_MAX_INPUT: String(size) });
    assert.equal(r.code, 0, r.stderr);
    oneLine(await runCli(['routes', '--file', dump], { MESHSCOPE_MAX_INPUT: 'lots' }), /MESHSCOPE_MAX_INPUT="lots" is not a size/);
  });

  it('sizes: bytes, K, M, G (binary), with an optional iB or B', () => {
    assert.deepEqual(['1048576', '300K', '300m', '2G', '1GiB', '64MB', '0', '-1', '1.5G', '1T', ''].map(parseSize), [
      MiB,
      300 * 1024,
      300 * MiB,
      2 * 1024 * MiB,
      1024 * MiB,
      64 * MiB,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('a dump saved with CRLF line ends', () => {
  it('pc all -o json prints valid JSON (found by the fuzzer: the CR between tokens came out escaped)', async () => {
    const crlf = path.join(dir, 'crlf.json');
    writeFileSync(crlf, readFileSync(dump, 'utf8').replace(/\n/g, '\r\n'));
    const r = await runCli(['pc', 'all', '--file', crlf, '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), JSON.parse(readFileSync(dump, 'utf8')));
  });
});
