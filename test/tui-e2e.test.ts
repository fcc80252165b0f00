import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from './helpers/paths.ts';

/**
 * The real binary in a real terminal (tmux), on the bookinfo demo, under the runtime running this
 * test (`npm test` → Node, `npm run test:bun` → Bun, `npm run test:deno` → Deno): open, filter to
 * reviews, explain the jason request, see subset v2, quit, and find the terminal restored.
 */
const tmuxMissing = spawnSync('tmux', ['-V']).status !== 0;
const runtime =
  typeof (globalThis as { Bun?: unknown }).Bun !== 'undefined' ? 'bun' : typeof (globalThis as { Deno?: unknown }).Deno !== 'undefined' ? 'deno' : 'node';
const socket = `meshscope-e2e-${process.pid}`;
const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line starting meshscope with this runtime. */
function meshscope(args: string[]): string {
  const bin = path.join(repoRoot, 'bin', 'meshscope.js');
  const exe = quote(process.execPath);
  if (runtime === 'deno') return `${exe} run --allow-env --allow-run --allow-read --allow-write --allow-sys ${quote(bin)} ${args.map(quote).join(' ')}`;
  return `${exe} ${quote(bin)} ${args.map(quote).join(' ')}`;
}

/** Blocks the thread for `ms` (between tmux commands, which are synchronous too). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** `run`, retried up to 5 times 100 ms apart when tmux's server was going away as it started. */
function retrying(run: () => void): void {
  for (let attempt = 1; ; attempt++) {
    try {
      run();
      return;
    } catch (error) {
      if (attempt >= 5 || !/server exited unexpectedly|no server running|lost server/.test(String(error))) throw error;
      sleepSync(100);
    }
  }
}

const pane = () => tmux('capture-pane', '-p', '-t', 'e2e');

async function waitPane(what: string | RegExp, ms = 20_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const text = pane();
    if (typeof what === 'string' ? text.includes(what) : what.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(what)} in the pane:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function send(text: string): void {
  tmux('send-keys', '-t', 'e2e', '-l', text);
}
function key(name: string): void {
  tmux('send-keys', '-t', 'e2e', name);
}

describe(`TUI end to end in tmux (${runtime})`, { skip: tmuxMissing ? 'tmux is not installed: the end-to-end TUI test needs it' : false }, () => {
  let work = '';
  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'meshscope-e2e-'));
    if (runtime === 'node' && !existsSync(path.join(repoRoot, 'dist', 'src', 'cli', 'main.js'))) throw new Error('run `npm run build` first');
  });
  after(() => {
    // The server's socket file outlives kill-server: remove it too.
    const socketPath = spawnSync('tmux', ['-L', socket, 'display', '-p', '#{socket_path}'], { encoding: 'utf8' }).stdout.trim();
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    if (socketPath) {
      try {
        unlinkSync(socketPath);
      } catch {
        // already gone
      }
    }
    rmSync(work, { recursive: true, force: true });
  });

  /** A shell in a fresh 100×30 tmux pane, with a clean environment (no CI variables). */
  function startShell(): void {
    spawnSync('tmux', ['-L', socket, 'kill-session', '-t', 'e2e']);
    // Killing the last session stops the tmux server; a new session started while it is still
    // going away fails with "server exited unexpectedly": wait for it, then retry a few times.
    for (let tries = 0; tries < 20 && spawnSync('tmux', ['-L', socket, 'list-sessions']).status === 0; tries++) sleepSync(50);
    retrying(() =>
      tmux(
        'new-session',
        '-d',
        '-s',
        'e2e',
        '-x',
        '100',
        '-y',
        '30',
        '-c',
        work,
        'env',
        '-i',
        `PATH=${process.env.PATH ?? '/usr/bin:/bin'}`,
        `HOME=${work}`,
        'TERM=xterm-256color',
        'LANG=C.UTF-8',
        'PS1=$ ',
        'sh',
      ),
    );
  }

  it('opens the demo, filters to reviews, explains the jason request (subset v2), quits with the terminal restored', { timeout: 60_000 }, async () => {
    startShell();
    send(
      `cd ${quote(repoRoot)} && ${meshscope(['--dir', 'fixtures/bookinfo', '--from', PRODUCTPAGE])}; echo "EXIT=$?"; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo`,
    );
    key('Enter');
    await waitPane('jason-to-v2');
    assert.equal(tmux('display', '-p', '-t', 'e2e', '#{alternate_on}').trim(), '1', 'the TUI runs on the alternate screen');
    send('/reviews');
    let text = await waitPane(/3 of 13 routes/);
    assert.match(text, /reviews-canary/);
    key('Enter');
    send('e');
    await waitPane('request ');
    send('GET http://reviews:9080/reviews/1 -H end-user:jason');
    key('Enter');
    text = await waitPane('goes to subset v2');
    assert.match(text, /▶ route\s+#0 jason-to-v2/);
    send('q');
    text = await waitPane(/EXIT=\d+/);
    assert.match(text, /EXIT=0/);
    text = await waitPane(/icanon/);
    assert.match(text, /(^|\s)icanon\s+echo\s*$/m, 'the terminal is back in cooked mode with echo');
    assert.doesNotMatch(text, /jason-to-v2|Workloads ›/, 'no TUI left on the screen');
    assert.equal(tmux('display', '-p', '-t', 'e2e', '#{alternate_on}').trim(), '0', 'back on the main screen');
    assert.equal(tmux('display', '-p', '-t', 'e2e', '#{cursor_flag}').trim(), '1', 'the cursor is visible');
  });

  it('restores the terminal when killed with SIGTERM (exit 143)', { timeout: 60_000 }, async () => {
    startShell();
    const pidFile = path.join(work, 'tui.pid');
    send(
      `cd ${quote(repoRoot)} && sh -c ${quote(`echo $$ > ${pidFile}; exec ${meshscope(['--dir', 'fixtures/bookinfo'])}`)}; echo "EXIT=$?"; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon | tr '\\n' ' '; echo`,
    );
    key('Enter');
    await waitPane('12 workloads');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 'SIGTERM');
    const text = await waitPane(/EXIT=\d+[\s\S]*icanon/);
    assert.match(text, /EXIT=143/);
    assert.match(text, /(^|\s)icanon\s*$/m);
    assert.doesNotMatch(text, /12 workloads/);
    assert.equal(tmux('display', '-p', '-t', 'e2e', '#{alternate_on}').trim(), '0');
  });
});
