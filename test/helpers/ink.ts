import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { App, type AppProps } from '../../src/ui/views/App.tsx';

/** Driving the TUI in tests: keys as terminals send them, and waits that let React 19 settle. */
export const KEY = {
  enter: '\r',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  backspace: '\u007f',
  tab: '\t',
  ctrlC: '\u0003',
} as const;

export type Rendered = ReturnType<typeof render>;

const settle = () => new Promise<void>((resolve) => setImmediate(() => setTimeout(resolve, 0)));

/** Waits until the last frame satisfies `ok` (or contains the text); fails with the frame after `ms`. */
export async function waitFor(app: Rendered, ok: string | ((frame: string) => boolean), ms = 5000): Promise<string> {
  const test = typeof ok === 'string' ? (f: string) => f.includes(ok) : ok;
  const deadline = Date.now() + ms;
  for (;;) {
    const frame = app.lastFrame() ?? '';
    if (test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof ok === 'string' ? JSON.stringify(ok) : 'a condition'}; last frame:\n${frame}`);
    await settle();
  }
}

/**
 * Types keys one at a time (as a person would), letting React commit and Ink re-subscribe its
 * input handler between them, then waits for `until` when given.
 */
export async function press(app: Rendered, keys: string[], until?: string | ((frame: string) => boolean)): Promise<string> {
  for (const key of keys) {
    app.stdin.write(key);
    // A lone ESC waits one tick in Ink's parser to see whether a sequence follows.
    await settle();
    await settle();
  }
  return until === undefined ? (app.lastFrame() ?? '') : waitFor(app, until);
}

/** Types text character by character. */
export function typeText(app: Rendered, text: string, until?: string | ((frame: string) => boolean)): Promise<string> {
  return press(app, [...text], until);
}

/** Resizes the fake terminal (ink-testing-library's stdout is 100 columns with no rows). */
export function resize(app: Rendered, columns: number, rows: number): void {
  Object.defineProperty(app.stdout, 'columns', { configurable: true, get: () => columns });
  Object.defineProperty(app.stdout, 'rows', { configurable: true, get: () => rows });
  app.stdout.emit('resize');
}

export function renderApp(props: AppProps, size?: { columns: number; rows: number }): Rendered {
  const app = render(createElement(App, props));
  if (size) resize(app, size.columns, size.rows);
  return app;
}

/** Unmounts on the next tick (Bun hangs when unmount runs in the same tick as a render). */
export function unmountLater(app: Rendered): Promise<void> {
  return new Promise((resolve) =>
    setImmediate(() => {
      app.unmount();
      app.cleanup();
      resolve();
    }),
  );
}
