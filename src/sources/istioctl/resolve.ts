import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { IstioctlError } from './istioctl-error.ts';

/** How to install istioctl, for the "not found" message. */
export const INSTALL_HINT = 'install it (curl -L https://istio.io/downloadIstio | sh -, then put istio-*/bin on PATH) or pass --istioctl PATH';

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The istioctl binary to run, as an absolute path: `explicit` (`--istioctl PATH`, relative to
 * `cwd`) when given, else the first executable `istioctl` on `env.PATH`. Resolved here rather
 * than by the runtime because Bun's child_process looks in node_modules/.bin first.
 */
export async function resolveIstioctl(env: Record<string, string | undefined>, cwd: string, explicit?: string): Promise<string> {
  if (explicit !== undefined && explicit !== '') {
    const file = path.resolve(cwd, explicit);
    if (await isExecutableFile(file)) return file;
    const exists = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    throw new IstioctlError('not-installed', `--istioctl ${explicit}: ${exists ? 'is not executable (chmod +x it?)' : 'no such file'}`);
  }
  const found = await findOnPath('istioctl', env, cwd);
  if (found !== undefined) return found;
  throw new IstioctlError('not-installed', `istioctl not found on PATH; ${INSTALL_HINT}`);
}

/**
 * The first executable `name` on `env.PATH` (with PATHEXT's extensions on Windows), as an
 * absolute path; undefined when there is none. Shared by istioctl and kubectl.
 */
export async function findOnPath(name: string, env: Record<string, string | undefined>, cwd: string): Promise<string | undefined> {
  const names = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((ext) => `${name}${ext.toLowerCase()}`) : [name];
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    for (const candidate of names) {
      const file = path.resolve(cwd, dir, candidate);
      if (await isExecutableFile(file)) return file;
    }
  }
  return undefined;
}
