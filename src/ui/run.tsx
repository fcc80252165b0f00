import type { NoteSink } from '../app/explain-note.ts';
import type { MeshSource } from '../app/mesh-source.ts';
import type { Workload } from '../app/workload.ts';
import type { ConfigSet } from '../core/config/objects.ts';
import { runFullScreen } from './full-screen.ts';
import type { SaveFile } from './hooks/useSaver.ts';
import { App } from './views/App.tsx';

export interface TuiOptions {
  source: MeshSource;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  color: boolean;
  initialProxy?: string;
  notes?: NoteSink;
  save?: SaveFile;
  refreshEvery?: number;
  switchContext?: (name: string) => MeshSource;
  kubeContexts?: readonly string[];
  sourceFlags?: (workload: Workload) => string | undefined;
  /** `--config PATH`: the Istio objects, read once before the screen opens. */
  objects?: ConfigSet;
}

/**
 * Runs the TUI on the alternate screen until the user quits, and restores the terminal on every
 * way out: q, Ctrl-C, SIGTERM/SIGHUP/SIGINT, and a crash (rethrown once the screen is back).
 * Returns the exit code: 0, or 128 + the signal number.
 */
export async function runTui(options: TuiOptions): Promise<number> {
  return runFullScreen(
    <App
      source={options.source}
      color={options.color}
      initialProxy={options.initialProxy}
      notes={options.notes}
      save={options.save}
      refreshEvery={options.refreshEvery}
      switchContext={options.switchContext}
      kubeContexts={options.kubeContexts}
      sourceFlags={options.sourceFlags}
      objects={options.objects}
    />,
    options,
    60,
    () => options.source.close?.(),
  );
}
