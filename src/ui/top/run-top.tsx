import type { MeshSource } from '../../app/mesh-source.ts';
import type { TopPoller } from '../../app/top-poller.ts';
import { describeSelection, type TopSelection } from '../../app/top-selection.ts';
import { runFullScreen } from '../full-screen.ts';
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

/**
 * Runs meshtop's screen on the alternate screen until `q`, and restores the terminal on every way
 * out (q, Ctrl-C, SIGTERM/SIGHUP/SIGINT, a crash). The poller is stopped with the screen, which
 * cancels running istioctl calls. Returns 0, or 128 + the signal number.
 */
export async function runTop(options: RunTopOptions): Promise<number> {
  return runFullScreen(
    <ThemeContext.Provider value={makeTheme(options.color)}>
      <TopApp poller={options.poller} watching={describeSelection(options.selection)} source={options.source.label} ascii={options.ascii} />
    </ThemeContext.Provider>,
    options,
    30,
    () => options.poller.stop(),
  );
}
