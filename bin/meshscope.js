#!/usr/bin/env node
// Launcher: every runtime runs the compiled output in dist/ (see launch.js for the fallback).
import { launch } from './launch.js';

await launch('meshscope');
