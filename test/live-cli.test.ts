import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { runMeshscope, spawnMeshscope } from './helpers/cli-process.ts';
import { createFakeIstioctl, emptyBinDir, eventually, type FakeIstioctl, isRunning } from './helpers/fake-istioctl.ts';
import { fixture } from './helpers/paths.ts';

const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const GATEWAY = 'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system';
const DUMP = fixture('bookinfo', 'productpage', 'config_dump.json');
const ENDPOINTS = fixture('bookinfo', 'productpage', 'endpoints.json');
const NOW = { MESHSCOPE_NOW: '2025-01-15T20:00:00Z' };

describe('meshscope on a live proxy, run as a process with a fake istioctl on PATH', { timeout: 120_000 }, () => {
  let fake: FakeIstioctl;
  const live = (argv: string[], settings: Record<string, string> = {}) => runMeshscope(argv, fake.env({ ...NOW, ...settings }));

  before(() => {
    fake = createFakeIstioctl();
  });
  after(() => fake.dispose());
  beforeEach(() => fake.reset());

  it('explains a request on POD.NAMESPACE as on its dump file', async () => {
    const request = ['GET http://reviews:9080/reviews/0', '-H', 'end-user: jason', '-o', 'json'];
    const result = await live(['explain', PRODUCTPAGE, ...request]);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    const answer = JSON.parse(result.stdout) as { subset: string; proxy: { source: string } };
    assert.equal(answer.subset, 'v2');
    assert.equal(answer.proxy.source, PRODUCTPAGE);
    const offline = JSON.parse((await runCli(['explain', '--file', DUMP, '--endpoints', ENDPOINTS, ...request])).stdout) as typeof answer;
    assert.deepEqual({ ...answer, proxy: { ...answer.proxy, source: DUMP } }, offline);
    assert.deepEqual(
      fake
        .calls()
        .map((c) => c.argv.slice(0, 2).join(' '))
        .sort(),
      ['proxy-config all', 'proxy-config endpoints'],
    );
  });

  it("prints istioctl's tables for a live proxy exactly as for its capture", async () => {
    const commands = [['routes'], ['clusters'], ['listeners'], ['endpoints'], ['proxy-config', 'secret'], ['proxy-config', 'bootstrap', '-o', 'short']];
    const results = await Promise.all(commands.map((c) => live([...c, PRODUCTPAGE])));
    for (const [i, command] of commands.entries()) {
      const offline = await runCli([...command, '--file', DUMP, '--endpoints', ENDPOINTS], NOW);
      assert.equal(results[i]!.code, 0, `${command.join(' ')}: ${results[i]!.stderr}`);
      assert.equal(results[i]!.stdout, offline.stdout, command.join(' '));
    }
  });

  it('prints the dump as istioctl proxy-config all -o json does', async () => {
    const result = await live(['pc', 'all', GATEWAY, '-o', 'json']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `${readFileSync(fixture('bookinfo', 'ingressgateway', 'config_dump.json'), 'utf8')}\n`);
  });

  it('lists findings of a live proxy, with a bare pod name and -n, passing cluster flags to istioctl', async () => {
    const result = await live([
      'findings',
      'productpage-v1-7d6cfb7dfd-4xk2p',
      '-n',
      'bookinfo',
      '--context',
      'kind-bookinfo',
      '-i',
      'istio-system',
      '-o',
      'json',
    ]);
    // details v2 has no endpoints but only receives mirrored traffic: a warning (MS108), not an error.
    assert.equal(result.code, 0, 'no error-level finding');
    const out = JSON.parse(result.stdout) as { proxy: string; findings: { code: string }[] };
    assert.equal(out.proxy, PRODUCTPAGE);
    assert.ok(out.findings.some((f) => f.code === 'MS108'));
    for (const call of fake.calls()) {
      assert.deepEqual(call.argv.slice(2), [PRODUCTPAGE, '-o', 'json', '--context', 'kind-bookinfo', '--istioNamespace', 'istio-system']);
    }
  });

  it('reads --file without istioctl', async () => {
    const dir = emptyBinDir();
    try {
      const result = await runMeshscope(['routes', '--file', DUMP], { ...fake.env(), PATH: dir });
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^NAME +VHOST NAME/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const failures: { name: string; argv?: string[]; settings: Record<string, string>; message: RegExp }[] = [
    {
      name: 'a pod that does not exist',
      argv: ['routes', 'nope.bookinfo'],
      settings: {},
      message:
        /^meshscope: pod nope not found \(istioctl: failed to execute command on nope\.bookinfo sidecar: .*pods "nope" not found\); list proxies with `istioctl proxy-status`/,
    },
    {
      name: 'an unreachable cluster',
      settings: {
        FAKE_ISTIOCTL_MODE: 'fail',
        FAKE_ISTIOCTL_STDERR: 'Error: Get "https://10.0.0.1:443/api/v1/namespaces/bookinfo/pods/productpage": dial tcp 10.0.0.1:443: i/o timeout',
      },
      message: /^meshscope: cannot reach the Kubernetes cluster \(istioctl: Get .*i\/o timeout\); check --context, --kubeconfig \(or KUBECONFIG\)/,
    },
    {
      name: 'a forbidden port-forward',
      settings: {
        FAKE_ISTIOCTL_MODE: 'fail',
        FAKE_ISTIOCTL_STDERR: 'Error: pods "productpage-v1-7d6cfb7dfd-4xk2p" is forbidden: User "jane" cannot create resource "pods/portforward"',
      },
      message: /^meshscope: the cluster refused access \(istioctl: pods ".*" is forbidden: User "jane" .*\); check your credentials and RBAC/,
    },
    {
      name: 'an unknown kube context',
      argv: ['clusters', PRODUCTPAGE, '--context', 'prod-eu'],
      settings: {},
      message: /^meshscope: cannot use the kubeconfig \(istioctl: invalid configuration: context was not found for specified context: prod-eu\)/,
    },
    {
      name: 'output that is not JSON',
      settings: { FAKE_ISTIOCTL_MODE: 'table' },
      message: /^meshscope: istioctl proxy-config (all|endpoints) .* did not print JSON: it starts with "NAME +CLUSTER/,
    },
  ];
  for (const f of failures) {
    it(`exits 3 with a message for ${f.name}`, async () => {
      const result = await live(f.argv ?? ['routes', PRODUCTPAGE], f.settings);
      assert.equal(result.code, 3, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, f.message);
      assert.equal(result.stderr.split('\n').length, 2, 'one line');
    });
  }

  it('exits 3 and says how to install istioctl when it is missing', async () => {
    const dir = emptyBinDir();
    try {
      const result = await runMeshscope(['explain', PRODUCTPAGE, 'GET http://reviews:9080/'], { ...fake.env(), PATH: dir });
      assert.equal(result.code, 3);
      assert.match(
        result.stderr,
        /^meshscope: istioctl not found on PATH; install it \(curl -L https:\/\/istio\.io\/downloadIstio \| sh -.* or pass --istioctl PATH\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives up after --timeout, names the call, and leaves no istioctl running', async () => {
    const result = await live(['routes', PRODUCTPAGE, '--timeout', '1s'], { FAKE_ISTIOCTL_MODE: 'hang' });
    assert.equal(result.code, 3);
    assert.match(
      result.stderr,
      /^meshscope: istioctl proxy-config (all|endpoints) productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo -o json did not answer within 1s; raise --timeout\n$/,
    );
    const calls = fake.calls();
    assert.ok(calls.length <= 2);
    assert.ok(calls.every((c) => !isRunning(c.pid)));
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops istioctl when meshscope gets ${signal}`, async () => {
      const { child, done } = spawnMeshscope(['clusters', PRODUCTPAGE], fake.env({ FAKE_ISTIOCTL_MODE: 'hang' }));
      assert.ok(await eventually(() => fake.calls().length === 2, 10_000), 'both istioctl calls started');
      child.kill(signal);
      const result = await done;
      assert.ok(result.signal === signal || result.code !== 0, `meshscope ended (${result.signal ?? result.code})`);
      assert.ok(await eventually(() => fake.calls().every((c) => !isRunning(c.pid)), 3000), 'no istioctl left behind');
    });
  }
});

describe('live flags on the command line', () => {
  it('refuses a live proxy together with --file, and live flags with --file', async () => {
    const both = await runCli(['routes', PRODUCTPAGE, '--file', DUMP]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /give POD\.NAMESPACE \(live\) or --file\/--snapshot, not both/);
    const flag = await runCli(['routes', '--file', DUMP, '--context', 'prod']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /--context is for a live POD\.NAMESPACE; --file and --snapshot read no cluster/);
    const timeout = await runCli(['routes', PRODUCTPAGE, '--timeout', 'soon']);
    assert.equal(timeout.code, 2);
    assert.match(timeout.stderr, /--timeout soon is not a positive duration/);
  });

  it('asks for a proxy when none is given', async () => {
    const result = await runCli(['clusters']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /clusters needs POD\.NAMESPACE \(live, through istioctl\) or --file DUMP/);
  });
});
