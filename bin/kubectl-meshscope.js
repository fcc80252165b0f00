#!/usr/bin/env node
// `kubectl meshscope …`: kubectl runs any executable named kubectl-<name> on PATH as a plugin
// (https://kubernetes.io/docs/tasks/extend-kubectl/kubectl-plugins/), passing the remaining args.
import { launch } from './launch.js';

await launch('meshscope');
