#!/usr/bin/env node
// Launcher: Node runs the compiled output, Bun and Deno run the TypeScript sources directly.
import { launch } from './launch.js';

await launch('meshscope');
