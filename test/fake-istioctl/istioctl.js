#!/usr/bin/env node
// A fake `istioctl` for meshscope's tests: serves fixtures/bookinfo for exactly the command lines
// meshscope runs, rejects flags and subcommands real istioctl rejects, and simulates failures.
// Plain ESM JavaScript so any runtime's test suite can run it with `node`. See README.md here.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { CommandLineError, findCommand } from './flags.js';
import { clusterStats, serverStats } from './stats.js';

const env = process.env;
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = env.FAKE_ISTIOCTL_FIXTURES ?? path.resolve(here, '..', '..', 'fixtures', 'bookinfo');
const stateDir = env.FAKE_ISTIOCTL_STATE_DIR;
const clientVersion = env.FAKE_ISTIOCTL_VERSION ?? '1.29.0';
const MESH_VERSION = '1.24.2';

/** Pods with a capture in the fixtures: `pod.namespace` → fixture folder. */
const CAPTURED = {
  'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo': 'productpage',
  'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system': 'ingressgateway',
  'details-v1-65cfcf56f9-q8w7m.bookinfo': 'details',
  'ratings-v1-7c9bd4b87f-9v5lx.bookinfo': 'ratings',
  'reviews-v1-5896f547f5-mz4wq.bookinfo': 'reviews-v1',
  'reviews-v2-5b667bcbf8-xq2lm.bookinfo': 'reviews-v2',
  'reviews-v3-7886dd86b9-lc4jh.bookinfo': 'reviews-v3',
  'waypoint-7b6f9d8c4d-p5x9v.bookinfo': 'waypoint',
};
const NAMESPACES = ['bookinfo', 'default', 'istio-system', 'kube-system'];

const S = (short) => ({ type: 'string', short });
const B = (short) => ({ type: 'bool', short });
const I = (short) => ({ type: 'int', short });

const TREE = {
  flags: {
    context: S(),
    kubeconfig: S('c'),
    namespace: S('n'),
    istioNamespace: S('i'),
    vklog: I(),
    as: S(),
    'as-uid': S(),
    'as-group': { type: 'strings' },
    help: B('h'),
  },
  commands: {
    version: { flags: { output: S('o'), short: B('s'), remote: B() } },
    'proxy-status': {
      flags: {
        // `-o/--output` is only known to istioctl versions that print proxy-status as JSON.
        ...(atLeast(clientVersion, '1.29') ? { output: S('o') } : {}),
        revision: S('r'),
        verbosity: I('v'),
        file: S(),
        'xds-address': S(),
        'xds-label': S(),
        'cert-dir': S(),
        'xds-port': I(),
        timeout: S(),
        plaintext: B(),
        authority: S(),
        insecure: B(),
      },
    },
    'proxy-config': {
      flags: { output: S('o'), 'proxy-admin-port': I() },
      commands: {
        all: { flags: { file: S('f'), verbose: B(), fqdn: S(), direction: S(), subset: S(), port: I(), address: S(), type: S(), name: S() } },
        endpoint: { flags: { file: S('f'), address: S(), port: I(), cluster: S(), status: S() } },
        cluster: { flags: {} },
        listener: { flags: {} },
        route: { flags: {} },
        bootstrap: { flags: {} },
        secret: { flags: {} },
        eds: { flags: {} },
        ecds: { flags: {} },
        log: { flags: {} },
      },
      aliases: {
        a: 'all',
        endpoints: 'endpoint',
        ep: 'endpoint',
        clusters: 'cluster',
        c: 'cluster',
        listeners: 'listener',
        l: 'listener',
        routes: 'route',
        r: 'route',
        b: 'bootstrap',
        secrets: 'secret',
        s: 'secret',
      },
    },
    analyze: {
      flags: {
        'all-namespaces': B('A'),
        output: S('o'),
        'list-analyzers': B('L'),
        'use-kube': B('k'),
        color: B(),
        verbose: B('v'),
        'failure-threshold': S(),
        'output-threshold': S(),
        meshConfigFile: S(),
        suppress: { type: 'strings', short: 'S' },
        timeout: S(),
        recursive: B('R'),
        'ignore-unknown': B(),
        revision: S(),
        'multi-cluster': B(),
      },
    },
    experimental: {
      commands: { 'envoy-stats': { flags: { output: S('o'), type: S('t'), selector: S('l'), 'proxy-admin-port': I() } } },
      aliases: { es: 'envoy-stats' },
    },
  },
  aliases: { ps: 'proxy-status', pc: 'proxy-config', x: 'experimental', exp: 'experimental' },
};

function atLeast(version, min) {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [c = 0, d = 0] = min.split('.').map(Number);
  return a > c || (a === c && b >= d);
}

class Exit extends Error {
  constructor(code, stderr) {
    super(stderr);
    this.code = code;
  }
}

const fail = (message, code = 1) => new Exit(code, `Error: ${message}\n`);
const fixture = (...parts) => readFileSync(path.join(fixtures, ...parts), 'utf8');

function record(entry) {
  if (!stateDir) return;
  mkdirSync(stateDir, { recursive: true });
  appendFileSync(path.join(stateDir, 'calls.jsonl'), `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
}

/** `[pod/]name[.namespace]` as istioctl reads it, with `-n` or `default` as the namespace. */
function podOf(positionals, flags, what) {
  if (positionals.length !== 1) throw fail(`${what} requires pod name or --file parameter`);
  let name = positionals[0].replace(/^(pod|pods|po)\//, '');
  if (name.includes('/')) throw fail(`fake istioctl: only pod names are served, not "${positionals[0]}"`);
  let namespace = flags.namespace ?? 'default';
  const dot = name.lastIndexOf('.');
  if (dot > 0) [name, namespace] = [name.slice(0, dot), name.slice(dot + 1)];
  return { name, namespace, key: `${name}.${namespace}` };
}

function captured(pod, sidecarMessage) {
  const folder = CAPTURED[pod.key];
  if (folder) return folder;
  const ps = fixture('proxy-status.json');
  if (ps.includes(`~${pod.key}~`)) throw fail(`fake istioctl: fixtures/bookinfo has no capture of ${pod.key}`);
  throw fail(`${sidecarMessage}: failure running port forward process: pods "${pod.name}" not found`);
}

function requireJson(flags, allowed = ['json']) {
  if (!allowed.includes(flags.output ?? ''))
    throw fail(`fake istioctl: only -o ${allowed.join('|')} is served here (got ${JSON.stringify(flags.output ?? '')})`);
}

function checkCluster(flags, { istiod = false } = {}) {
  const contexts = (env.FAKE_ISTIOCTL_CONTEXTS ?? 'kind-bookinfo').split(',');
  if (flags.context !== undefined && !contexts.includes(flags.context)) {
    throw fail(`invalid configuration: context was not found for specified context: ${flags.context}`);
  }
  // Only the commands that talk to istiod look for it in the Istio namespace.
  if (istiod && (flags.istioNamespace ?? 'istio-system') !== 'istio-system') throw fail(`no running Istio pods in "${flags.istioNamespace}"`);
}

const HANDLERS = {
  version(flags) {
    requireJson(flags);
    checkCluster(flags, { istiod: true });
    const info = (version) => ({ version, revision: 'f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0', golang_version: 'go1.23.4', status: 'Clean', tag: version });
    const proxies = Object.keys(CAPTURED).map((id) => ({
      ID: id,
      IstioVersion: MESH_VERSION,
      Type: id.startsWith('istio-ingressgateway') ? 'gateway' : 'sidecar',
    }));
    return `${JSON.stringify({ clientVersion: info(clientVersion), meshVersion: [{ Component: 'istiod', Revision: 'default', Info: info(MESH_VERSION) }], dataPlaneVersion: proxies }, null, 2)}\n`;
  },
  'proxy-status'(flags, positionals) {
    if (positionals.length > 0) throw fail('fake istioctl: proxy-status POD (the sync diff) is not served');
    requireJson(flags);
    checkCluster(flags, { istiod: true });
    return fixture('proxy-status.json');
  },
  'proxy-config all'(flags, positionals) {
    requireJson(flags);
    checkCluster(flags);
    const pod = podOf(positionals, flags, 'all');
    return `${fixture(captured(pod, `failed to execute command on ${pod.key} sidecar`), 'config_dump.json')}\n`;
  },
  'proxy-config endpoint'(flags, positionals) {
    requireJson(flags);
    checkCluster(flags);
    const pod = podOf(positionals, flags, 'endpoints');
    return `${fixture(captured(pod, 'failed to execute command on Envoy'), 'endpoints.json')}\n`;
  },
  analyze(flags, positionals) {
    requireJson(flags);
    checkCluster(flags);
    if (positionals.length > 0) throw fail('fake istioctl: analyzing files is not served');
    const namespace = flags.namespace ?? 'default';
    if (!flags['all-namespaces'] && !NAMESPACES.includes(namespace)) {
      process.stderr.write(`namespace "${namespace}" not found\n`);
      return '';
    }
    if (flags['all-namespaces'] || namespace === 'bookinfo') return `${fixture('analyze.json').trimEnd()}\n`;
    process.stderr.write(`\u2714 No validation issues found when analyzing namespace: ${namespace}.\n`);
    return '[]\n';
  },
  'experimental envoy-stats'(flags, positionals) {
    requireJson(flags);
    checkCluster(flags);
    const type = flags.type ?? 'server';
    if (!['server', 'cluster', 'clusters'].includes(type)) throw fail(`unknown stats type ${type}`);
    const pod = podOf(positionals, flags, 'stats');
    const folder = captured(pod, 'failed to execute command on Envoy');
    const body =
      type === 'server'
        ? serverStats(folder, JSON.parse(fixture(folder, 'config_dump.json')), nextStep(pod.key))
        : clusterStats(JSON.parse(fixture(folder, 'endpoints.json')));
    return `\nThe result of pod ${pod.name}:\n\n${JSON.stringify(body, null, 4)}\n`;
  },
};

/** How many times this pod's server stats were read before (kept in the state dir). */
function nextStep(pod) {
  if (!stateDir) return 0;
  const file = path.join(stateDir, 'stats-steps.json');
  let steps = {};
  try {
    steps = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first call
  }
  const step = steps[pod] ?? 0;
  steps[pod] = step + 1;
  writeFileSync(file, JSON.stringify(steps));
  return step;
}

function simulated(command) {
  const only = env.FAKE_ISTIOCTL_ONLY;
  if (
    only &&
    !only
      .split(',')
      .map((s) => s.trim())
      .includes(command)
  )
    return 'ok';
  return env.FAKE_ISTIOCTL_MODE ?? 'ok';
}

async function main(argv) {
  const { path: commandPath, node, flags, positionals } = findCommand(TREE, argv);
  const command = commandPath.join(' ');
  if (flags.help || command === '') return 'fake istioctl: serves fixtures/bookinfo for meshscope tests\n';
  const handler = HANDLERS[command];
  if (!handler || node.commands) throw fail(`fake istioctl: "istioctl ${command}" is not served`);
  switch (simulated(command)) {
    case 'hang':
      await new Promise(() => setInterval(() => {}, 60_000));
      break;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, Number(env.FAKE_ISTIOCTL_DELAY_MS ?? 1000)));
      break;
    case 'fail':
      throw new Exit(Number(env.FAKE_ISTIOCTL_EXIT ?? 1), `${env.FAKE_ISTIOCTL_STDERR ?? 'Error: failed'}\n`);
    case 'malformed':
      return `${handler(flags, positionals).slice(0, 120)}\n`;
    case 'empty':
      return '';
    case 'wrongshape':
      // Valid JSON, but not what istioctl prints for any of these commands.
      return `${JSON.stringify({ kind: 'Status', items: [1, 'two', null], configs: 'none' }, null, 2)}\n`;
    case 'table':
      return 'NAME                                        CLUSTER        CDS        LDS        EDS        RDS\n';
    default:
  }
  return handler(flags, positionals);
}

record({ argv: process.argv.slice(2), kubeconfig: env.KUBECONFIG ?? null, start: Date.now() });
try {
  process.stdout.write(await main(process.argv.slice(2)));
} catch (error) {
  if (error instanceof CommandLineError) {
    process.stderr.write(`Error: ${error.message}\n`);
    process.exitCode = 1;
  } else if (error instanceof Exit) {
    process.stderr.write(error.message);
    process.exitCode = error.code;
  } else {
    throw error;
  }
}
record({ end: Date.now(), exitCode: process.exitCode ?? 0 });
