// Entry of the single-file executable (`npm run compile`, `bun build --compile`): the CLI is
// imported statically so Bun's bundler includes it with every command and the TUI (their lazy
// `import('./commands/….ts')` calls name literal paths, which the bundler follows).
// A copy or link named meshtop… runs `meshscope top`, like bin/meshtop.js.
import path from 'node:path';
import process from 'node:process';
import { runMain } from '../../bin/launch.js';
import * as cli from '../../src/cli/main.ts';

const program = path.basename(process.argv0 || process.execPath).startsWith('meshtop') ? 'meshtop' : 'meshscope';
await runMain(program, cli);
