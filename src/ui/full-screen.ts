import process from 'node:process';
import { render } from 'ink';
import type { ReactElement } from 'react';

/** The streams a full-screen app draws on and reads keys from. */
export interface ScreenStreams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[2J\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?25h\u001b[?1049l';
const SIGNALS = { SIGTERM: 143, SIGHUP: 129, SIGINT: 130 } as const;

/**
 * Runs an Ink app on the alternate screen until it exits, and restores the terminal on every way
 * out: the app's own exit (q, Ctrl-C), SIGTERM/SIGHUP/SIGINT, process exit, and a crash (rethrown
 * once the screen is back). `cleanup` runs after the app is gone (close sources, stop pollers).
 * Returns 0, or 128 + the signal number.
 */
export async function runFullScreen(app: ReactElement, streams: ScreenStreams, maxFps: number, cleanup: () => void): Promise<number> {
  const { stdout } = streams;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT_SCREEN);
  };
  stdout.write(ENTER_ALT_SCREEN);
  let code = 0;
  const instance = render(app, {
    stdout: stdout as NodeJS.WriteStream,
    stdin: streams.stdin as NodeJS.ReadStream,
    stderr: streams.stderr as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps,
  });
  const handlers = Object.entries(SIGNALS).map(([signal, exit]) => {
    const handler = () => {
      code = exit;
      instance.unmount();
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  process.once('exit', restore);
  try {
    await instance.waitUntilExit();
  } finally {
    for (const off of handlers) off();
    cleanup();
    restore();
    process.off('exit', restore);
  }
  return code;
}
