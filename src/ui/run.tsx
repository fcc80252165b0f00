import { render } from 'ink';
import process from 'node:process';
import type { NoteSink } from '../app/explain-note.ts';
import type { MeshSource } from '../app/mesh-source.ts';
import type { Workload } from '../app/workload.ts';
import { App } from './views/App.tsx';

export interface TuiOptions {
  source: MeshSource;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  color: boolean;
  initialProxy?: string;
  notes?: NoteSink;
  sourceFlags?: (workload: Workload) => string | undefined;
}

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[2J\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?25h\u001b[?1049l';
const SIGNALS = { SIGTERM: 143, SIGHUP: 129, SIGINT: 130 } as const;

/**
 * Runs the TUI on the alternate screen until the user quits, and restores the terminal on every
 * way out: q, Ctrl-C, SIGTERM/SIGHUP/SIGINT, and a crash (rethrown once the screen is back).
 * Returns the exit code: 0, or 128 + the signal number.
 */
export async function runTui(options: TuiOptions): Promise<number> {
  const { stdout } = options;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT_SCREEN);
  };
  stdout.write(ENTER_ALT_SCREEN);
  let code = 0;
  const instance = render(
    <App source={options.source} color={options.color} initialProxy={options.initialProxy} notes={options.notes} sourceFlags={options.sourceFlags} />,
    {
      stdout: stdout as NodeJS.WriteStream,
      stdin: options.stdin as NodeJS.ReadStream,
      stderr: options.stderr as NodeJS.WriteStream,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 60,
    },
  );
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
    restore();
    process.off('exit', restore);
    options.source.close?.();
  }
  return code;
}
