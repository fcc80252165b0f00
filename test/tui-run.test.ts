import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { describe, it } from 'node:test';
import type { MeshSource } from '../src/app/mesh-source.ts';
import { prepareInteractiveRender } from '../src/cli/ink-env.ts';
import { main } from '../src/cli/main.ts';
import { miniMesh } from './helpers/mini-mesh.ts';

// As the CLI does before loading Ink: a CI runner's CI=true would make Ink draw only on exit.
prepareInteractiveRender();
const { runTui } = await import('../src/ui/run.tsx');

const ENTER_ALT = '\u001b[?1049h';
const LEAVE_ALT = '\u001b[?1049l';
const T = { timeout: 20_000 };

/**
 * The workload is on screen: its routes were drawn, or (when an earlier test file loaded Ink
 * under CI=true in this process — Bun and Deno run every file in one process — and Ink only draws
 * on exit) the source was read and input is live.
 */
async function shown(screen: { text: string }, keys: { rawMode: boolean }, src: { loaded: boolean }): Promise<void> {
  await until(() => screen.text.includes('canary') || (src.loaded && keys.rawMode));
  await new Promise((r) => setTimeout(r, 50));
}

/** A terminal in memory: everything written, and a size. */
class Screen extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 100;
  readonly rows = 30;
  text = '';
  write = (chunk: string | Uint8Array): boolean => {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
}

/** A TTY keyboard the test types on. */
class Keys extends EventEmitter {
  readonly isTTY = true;
  private readonly queue: string[] = [];
  rawMode = false;
  setEncoding(): void {}
  setRawMode(on: boolean): void {
    this.rawMode = on;
  }
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  type(text: string): void {
    this.queue.push(text);
    this.emit('readable');
  }
}

function source(overrides: Partial<MeshSource> = {}): MeshSource & { closed: boolean; loaded: boolean } {
  const s = {
    kind: 'file' as const,
    label: 'file mini.json',
    closed: false,
    loaded: false,
    listProxies: async () => [{ name: 'productpage-v1-abc.bookinfo', pod: 'productpage-v1-abc', namespace: 'bookinfo', sync: {} }],
    proxyConfig: async () => {
      s.loaded = true;
      return { config: miniMesh(), fetchedAt: Date.now() };
    },
    analyze: async () => [],
    close() {
      s.closed = true;
    },
    ...overrides,
  };
  return s;
}

async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('running the TUI: the terminal is restored on every way out', () => {
  it('q: alternate screen left, raw mode off, source closed, exit 0', T, async () => {
    const screen = new Screen();
    const keys = new Keys();
    const src = source();
    const done = runTui({ source: src, stdin: keys as never, stdout: screen as never, stderr: new Screen() as never, color: false });
    await shown(screen, keys, src);
    assert.ok(screen.text.startsWith(ENTER_ALT));
    assert.equal(keys.rawMode, true);
    keys.type('q');
    assert.equal(await done, 0);
    assert.ok(screen.text.endsWith(LEAVE_ALT), 'the last thing written leaves the alternate screen');
    assert.ok(screen.text.includes('\u001b[?25h'), 'the cursor is shown again');
    assert.equal(keys.rawMode, false);
    assert.equal(src.closed, true);
  });

  it('SIGTERM: unmounts, restores the terminal and exits 143', T, async () => {
    const screen = new Screen();
    const keys = new Keys();
    const src = source();
    // Other test files in this process (Bun, Deno) may leave signal-exit listeners behind; only the
    // listeners this run adds must be gone afterwards.
    const preexisting = new Set(process.listeners('SIGTERM'));
    const done = runTui({ source: src, stdin: keys as never, stdout: screen as never, stderr: new Screen() as never, color: false });
    await shown(screen, keys, src);
    assert.ok(
      process.listeners('SIGTERM').some((l) => !preexisting.has(l)),
      'the TUI listens for SIGTERM while it runs',
    );
    process.emit('SIGTERM', 'SIGTERM');
    assert.equal(await done, 143);
    assert.ok(screen.text.endsWith(LEAVE_ALT));
    assert.equal(keys.rawMode, false);
    assert.ok(
      process.listeners('SIGTERM').every((l) => preexisting.has(l)),
      'its signal handlers are removed',
    );
  });

  it('a crash while rendering: the terminal is restored, then the error goes up', T, async () => {
    const screen = new Screen();
    const keys = new Keys();
    const broken = source();
    Object.defineProperty(broken, 'label', {
      get: () => {
        throw new Error('boom in render');
      },
    });
    await assert.rejects(
      runTui({ source: broken, stdin: keys as never, stdout: screen as never, stderr: new Screen() as never, color: false }),
      /boom in render/,
    );
    assert.ok(screen.text.endsWith(LEAVE_ALT));
    assert.equal(keys.rawMode, false);
  });

  it('--file in a terminal: the dump is read while Ink loads; a bad one is said on the screen, nothing unhandled, q quits', T, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-tui-file-'));
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const dump = path.join(dir, 'cut.json');
      writeFileSync(dump, '{"configs": [');
      const screen = new Screen();
      const keys = new Keys();
      const done = main(['--file', dump, '--no-color'], { stdin: keys as never, stdout: screen as never, stderr: new Screen() as never, env: {}, cwd: dir });
      // Under CI=true left by another file in this process (Bun, Deno), Ink draws only on exit.
      await until(() => keys.rawMode);
      await until(() => screen.text.includes('is truncated'), 3000).catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
      keys.type('q');
      assert.equal(await done, 0);
      assert.match(screen.text, /cut\.json: is truncated: the JSON ends unexpectedly/);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', note);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
