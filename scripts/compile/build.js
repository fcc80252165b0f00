// `npm run compile`: a single-file executable of meshscope built by Bun (`bun build --compile`),
// running every command and the TUI without Node. Run with Bun: `bun scripts/compile/build.js [outfile]`.
import path from 'node:path';
import process from 'node:process';

const here = path.dirname(new URL(import.meta.url).pathname);
const outfile = process.argv[2] ?? path.join(here, '..', '..', 'dist', 'meshscope');

/** Ink's optional devtools module is not installed: resolve it to a stub that fails like a missing module. */
const noDevtools = {
  name: 'no-react-devtools',
  setup(build) {
    build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: path.join(here, 'no-devtools.js') }));
  },
};

const result = await Bun.build({
  entrypoints: [path.join(here, 'entry.js')],
  compile: { outfile },
  minify: true,
  plugins: [noDevtools],
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
console.log(`compiled ${outfile}`);
