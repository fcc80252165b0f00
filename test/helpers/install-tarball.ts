import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { repoRoot } from './paths.ts';

/** How the tarball's dependencies were found: the npm cache alone, the cache then the registry, or the checkout's node_modules. */
export type InstallMode = 'offline' | 'prefer-offline' | 'copied-node-modules';

function npm(args: string[], cwd: string): { ok: boolean; output: string } {
  const run = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}` };
}

/** `npm pack` of the checkout (already built by the test script) into `dir`; returns the tarball path and the files it ships. */
export function packInto(dir: string): { tarball: string; files: string[] } {
  const run = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repoRoot);
  if (!run.ok) throw new Error(`npm pack failed: ${run.output}`);
  const [report] = JSON.parse(run.output.slice(run.output.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  return { tarball: path.join(dir, report!.filename), files: report!.files.map((f) => f.path) };
}

/**
 * Installs the tarball in a new project `dir` as a user would, without needing the network when it
 * can: `--offline` from the npm cache first; if the cache lacks something, `--prefer-offline`; if
 * the registry is unreachable too, unpacks the tarball and links each package of the checkout's
 * node_modules beside it (the runtime dependencies are among them), and says so.
 */
export function installTarball(tarball: string, dir: string): { mode: InstallMode; log: string } {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"meshscope-install-check","private":true}\n');
  const flags = ['--no-audit', '--no-fund', '--no-package-lock'];
  const offline = npm(['install', tarball, '--offline', ...flags], dir);
  if (offline.ok) return { mode: 'offline', log: offline.output };
  const preferOffline = npm(['install', tarball, '--prefer-offline', ...flags], dir);
  if (preferOffline.ok) return { mode: 'prefer-offline', log: `${offline.output}\n${preferOffline.output}` };
  const target = path.join(dir, 'node_modules', 'meshscope');
  mkdirSync(target, { recursive: true });
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  const outer = path.join(repoRoot, 'node_modules');
  for (const name of readdirSync(outer)) {
    if (name === 'meshscope' || name === '.bin') continue;
    symlinkSync(path.join(outer, name), path.join(dir, 'node_modules', name));
  }
  return { mode: 'copied-node-modules', log: `${offline.output}\n${preferOffline.output}` };
}
