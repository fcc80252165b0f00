#!/usr/bin/env node
// A fake `kubectl` for meshscope's tests: answers `kubectl get <types> -A -o json` as kubectl 1.3x
// does (one List of every item, 4-space JSON), checks the command line it is given, and fails
// the way kubectl fails (selected by FAKE_KUBECTL_MODE). Plain ESM JavaScript run by node. See README.md.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { clusterObjects } from './cluster.js';

const env = process.env;
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = env.FAKE_KUBECTL_FIXTURES ?? path.resolve(here, '..', '..', 'fixtures', 'bookinfo');
const contexts = (env.FAKE_KUBECTL_CONTEXTS ?? 'kind-bookinfo').split(',');
const argv = process.argv.slice(2);

function record(entry) {
  if (env.FAKE_KUBECTL_STATE_DIR) appendFileSync(path.join(env.FAKE_KUBECTL_STATE_DIR, 'calls.jsonl'), `${JSON.stringify(entry)}\n`);
}

function fail(stderr, code = 1) {
  process.stderr.write(stderr);
  record({ pid: process.pid, argv, kubeconfig: env.KUBECONFIG ?? null, exitCode: code });
  process.exit(code);
}

/** kubectl's flags as cobra/pflag reads them: `--flag value`, `--flag=value`, `-o json`, `-ojson`, `-A`. */
function parse(args) {
  const out = { positionals: [], flags: {} };
  const STRING = { output: 'output', o: 'output', context: 'context', kubeconfig: 'kubeconfig', namespace: 'namespace', n: 'namespace' };
  const BOOL = { A: 'all-namespaces', 'all-namespaces': 'all-namespaces' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) {
      out.positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const body = arg.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    let name = eq === -1 ? body : body.slice(0, eq);
    let value = eq === -1 ? undefined : body.slice(eq + 1);
    if (!long && name.length > 1 && STRING[name[0]] !== undefined) {
      value = name.slice(1);
      name = name[0];
    }
    if (BOOL[name] !== undefined && (long || name.length === 1)) {
      out.flags[BOOL[name]] = true;
      continue;
    }
    const key = STRING[name];
    if (key === undefined || (!long && name.length !== 1)) {
      fail(
        long
          ? `error: unknown flag: --${name}\nSee 'kubectl get --help' for usage.\n`
          : `error: unknown shorthand flag: '${name[0]}' in ${arg}\nSee 'kubectl get --help' for usage.\n`,
      );
    }
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) fail(`error: flag needs an argument: --${key}\nSee 'kubectl get --help' for usage.\n`);
    }
    out.flags[key] = value;
  }
  return out;
}

const { positionals, flags } = parse(argv);
record({ pid: process.pid, argv, kubeconfig: env.KUBECONFIG ?? null, start: Date.now() });

if (flags.context !== undefined && !contexts.includes(flags.context)) {
  fail(`Error in configuration: context was not found for specified context: ${flags.context}\n`);
}
const mode = env.FAKE_KUBECTL_MODE ?? '';
if (mode === 'unauthorized') fail('error: You must be logged in to the server (Unauthorized)\n');
if (mode === 'unreachable') {
  const klog = (n) =>
    `E1202 18:00:0${n}.12345${n}   4242 memcache.go:265] couldn't get current server API group list: Get "https://127.0.0.1:6443/api?timeout=32s": dial tcp 127.0.0.1:6443: connect: connection refused\n`;
  fail(`${[1, 2, 3, 4, 5].map(klog).join('')}The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n`);
}
if (mode === 'hang') setInterval(() => {}, 1000);
else run();

function run() {
  if (positionals[0] !== 'get') fail(`error: unknown command "${positionals[0] ?? ''}" for "kubectl"\n`);
  if (positionals.length !== 2) fail('error: fake kubectl: expected exactly one comma-separated list of resource types\n');
  if (flags.output !== 'json') fail('error: fake kubectl: meshscope must ask for -o json\n');
  if (flags['all-namespaces'] !== true) fail('error: fake kubectl: meshscope must ask for every namespace (-A)\n');
  const types = positionals[1].split(',');
  if (types.some((t) => /^secrets?(\.|$)/.test(t))) fail('error: fake kubectl: meshscope must never list Secrets\n');
  const objects = clusterObjects(fixtures);
  const missing = new Set((env.FAKE_KUBECTL_MISSING ?? '').split(',').filter(Boolean));
  for (const type of types) {
    // kubernetes/cli-runtime pkg/resource/builder.go mappingFor: the first type that maps to nothing fails the call.
    if (missing.has(type) || !objects.has(type)) fail(`error: the server doesn't have a resource type "${type.split('.')[0]}"\n`);
  }
  const forbidden = new Set((env.FAKE_KUBECTL_FORBID ?? '').split(',').filter(Boolean));
  const items = [];
  let stderr = '';
  for (const type of types) {
    if (forbidden.has(type)) {
      const [plural, ...group] = type.split('.');
      stderr += `Error from server (Forbidden): ${type} is forbidden: User "jane@example.com" cannot list resource "${plural}" in API group "${group.join('.')}" at the cluster scope\n`;
      continue;
    }
    items.push(...objects.get(type));
  }
  // kubectl get.go printGeneric: more than one type → items coerced into one v1 List.
  const list = `${JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`;
  if (stderr !== '') {
    // Partial answer, exit 1: the List is written whole before exiting (process.exit would cut a
    // pipe write larger than its buffer short).
    process.stderr.write(stderr);
    record({ pid: process.pid, argv, kubeconfig: env.KUBECONFIG ?? null, exitCode: 1 });
    process.exitCode = 1;
    process.stdout.write(list);
    return;
  }
  process.stdout.write(list);
  record({ pid: process.pid, end: Date.now(), exitCode: 0 });
}
