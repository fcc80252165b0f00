import { render } from 'ink';
import process from 'node:process';
import type { MeshSource } from '../../app/mesh-source.ts';
import type { TopPoller } from '../../app/top-poller.ts';
import { describeSelection, type TopSelection } from '../../app/top-selection.ts';
import { makeTheme, ThemeContext } from '../theme.ts';
import { TopApp } from './TopApp.tsx';

export interface RunTopOptions {
  poller: TopPoller;
  source: MeshSource;
  selection: TopSelection;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  color: boolean;
  ascii?: boolean;
}

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[2J\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?25h\u001b[?1049l';
const SIGNALS = { SIGTERM: 143, SIGHUP: 129, SIGINT: 130 } as const;

/**
 * Runs meshtop's screen on the alternate screen until `q`, and restores the terminal on every way
 * out (q, Ctrl-C, SIGTERM/SIGHUP/SIGINT, a crash). The poller is stopped with the screen, which
 * cancels running istioctl calls. Returns 0, or 128 + the signal number.
 */
export async function runTop(options: RunTopOptions): Promise<number> {
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
    <ThemeContext.Provider value={makeTheme(options.color)}>
      <TopApp poller={options.poller} watching={describeSelection(options.selection)} source={options.source.label} ascii={options.ascii} />
    </ThemeContext.Provider>,
    {
      stdout: stdout as NodeJS.WriteStream,
      stdin: options.stdin as NodeJS.ReadStream,
      stderr: options.stderr as NodeJS.WriteStream,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 30,
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
    options.poller.stop();
    restore();
    process.off('exit', restore);
  }
  return code;
}
