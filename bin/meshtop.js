#!/usr/bin/env node
// Launcher for `meshtop`, the same program as `meshscope top`.
import { launch } from './launch.js';

await launch('meshtop');
