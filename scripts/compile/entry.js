// Entry of the single-file executable (`npm run compile`, `bun build --compile`): the CLI is
// imported statically so Bun's bundler includes it with every command and the TUI (their lazy
// `import('./commands/….ts')` calls name literal paths, which the bundler follows).
import { runMain } from '../../bin/launch.js';
import * as cli from '../../src/cli/main.ts';

await runMain('meshscope', cli);
