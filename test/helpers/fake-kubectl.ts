import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { nodeBinary } from './fake-istioctl.ts';
import { repoRoot } from './paths.ts';

/** One run of the fake kubectl, from its calls.jsonl. */
export interface FakeKubectlCall {
  pid: number;
  argv: string[];
  kubeconfig: string | null;
  exitCode?: number;
}

/** test/fake-kubectl/kubectl.js installed as `kubectl` in a temporary bin directory (a wrapper that execs node on it). */
export interface FakeKubectl {
  binDir: string;
  /** An environment whose PATH holds only the fake (plus `extraPath`), with FAKE_KUBECTL_* `settings`. */
  env(settings?: Record<string, string>, extraPath?: string): Record<string, string | undefined>;
  calls(): FakeKubectlCall[];
  reset(): void;
  dispose(): void;
}

export const fakeKubectlScript = path.join(repoRoot, 'test', 'fake-kubectl', 'kubectl.js');

/** Installs the fake as `kubectl` in `binDir` (a fresh directory when not given). */
export function createFakeKubectl(binDir?: string): FakeKubectl {
  const root = mkdtempSync(path.join(tmpdir(), 'meshscope-fake-kubectl-'));
  const bin = binDir ?? path.join(root, 'bin');
  const stateDir = path.join(root, 'state');
  mkdirSync(bin, { recursive: true });
  mkdirSync(stateDir);
  writeFileSync(path.join(bin, 'kubectl'), `#!/bin/sh\nexec '${nodeBinary()}' '${fakeKubectlScript}' "$@"\n`, { mode: 0o755 });
  const base: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('FAKE_KUBECTL_') && k !== 'KUBECONFIG') base[k] = v;
  const callsFile = path.join(stateDir, 'calls.jsonl');
  return {
    binDir: bin,
    env: (settings = {}, extraPath) => ({
      ...base,
      NO_COLOR: '1',
      PATH: extraPath ? `${bin}${path.delimiter}${extraPath}` : bin,
      FAKE_KUBECTL_STATE_DIR: stateDir,
      ...settings,
    }),
    calls: () => {
      if (!existsSync(callsFile)) return [];
      const byPid = new Map<number, FakeKubectlCall>();
      for (const line of readFileSync(callsFile, 'utf8').split('\n')) {
        if (line === '') continue;
        const entry = JSON.parse(line) as FakeKubectlCall;
        byPid.set(entry.pid, { ...byPid.get(entry.pid), ...entry });
      }
      return [...byPid.values()];
    },
    reset: () => {
      rmSync(stateDir, { recursive: true, force: true });
      mkdirSync(stateDir);
    },
    dispose: () => {
      if (binDir !== undefined) rmSync(path.join(binDir, 'kubectl'), { force: true });
      rmSync(root, { recursive: true, force: true });
    },
  };
}
