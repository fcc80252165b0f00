// `npm run build` (after tsc): dist/bundle/, the compiled CLI bundled by Bun into a few files
// that load in one go (issue 18: a command loads ~50 modules instead of ~280, Ink and React only
// for the TUI), which the launchers prefer while it matches dist/src (bin/launch.js). Bundles
// dist/src as tsc emitted it, so the bundle runs the same code. Run with Bun:
// `bun scripts/bundle/build.js`; `node scripts/bundle/build.js` runs it through the installed Bun.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = path.join(root, 'dist', 'bundle');
const bun = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'bun.cmd' : 'bun');

if (typeof globalThis.Bun === 'undefined') {
  // Under Node: hand over to Bun. Without it the bundle is left out (the launcher runs dist/src).
  rmSync(outdir, { recursive: true, force: true });
  if (!existsSync(bun)) {
    console.error('bundle: no Bun in node_modules/.bin (npm install): dist/bundle left out, the launcher runs dist/src');
    process.exit(0);
  }
  const run = spawnSync(bun, [fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  if (run.status !== 0) {
    rmSync(outdir, { recursive: true, force: true });
    console.error('bundle: Bun failed: dist/bundle left out, the launcher runs dist/src');
  }
  process.exit(0);
}

/** Ink's optional devtools module is not installed: the same stub as the single-file executable's. */
const noDevtools = {
  name: 'no-react-devtools',
  setup(build) {
    build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: path.join(root, 'scripts', 'compile', 'no-devtools.js') }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await Bun.build({
  // The worker is an entry of its own: sources/parallel-scan.ts starts `./scan-worker.js` beside the chunk that holds it.
  entrypoints: [path.join(root, 'dist', 'src', 'cli', 'main.js'), path.join(root, 'dist', 'src', 'sources', 'scan-worker.js')],
  outdir,
  target: 'node',
  format: 'esm',
  splitting: true,
  naming: { entry: '[name].[ext]', chunk: 'chunk-[hash].[ext]' },
  // React's production build, as the TUI asks for (cli/ink-env.ts); left alone, Bun would pick the
  // development build at bundle time (several times slower a frame).
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [noDevtools],
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  rmSync(outdir, { recursive: true, force: true });
  process.exit(1);
}
// What it was built from: the launcher in a checkout takes the bundle only while dist/src is this one.
const compiledMtimeMs = statSync(path.join(root, 'dist', 'src', 'cli', 'main.js')).mtimeMs;
writeFileSync(path.join(outdir, 'built-from.json'), `${JSON.stringify({ compiledMtimeMs })}\n`);
console.log(`bundle: ${result.outputs.length} files in ${path.relative(process.cwd(), outdir) || outdir}`);
