import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDuration } from '../src/cli/live-flags.ts';
import { UsageError } from '../src/core/errors.ts';
import { proxyName } from '../src/sources/istioctl/commands.ts';
import { errorLine, failureOf } from '../src/sources/istioctl/failure.ts';
import { IstioctlError } from '../src/sources/istioctl/istioctl-error.ts';
import { concatenatedJsonOutput, jsonOutput, statsOutput } from '../src/sources/istioctl/output.ts';

const CMD = 'istioctl proxy-config all productpage-v1.bookinfo -o json';

describe('istioctl failures become messages a person can act on', () => {
  const cases: { name: string; stderr: string; failure: string; message: RegExp }[] = [
    {
      name: 'a missing pod',
      stderr: 'Error: failed to execute command on x.bookinfo sidecar: failure running port forward process: pods "x" not found\n',
      failure: 'pod-not-found',
      message: /^pod x not found \(istioctl: failed to execute .*pods "x" not found\); list proxies with `istioctl proxy-status`/,
    },
    {
      name: 'an unreachable API server',
      stderr:
        'Error: Get "https://127.0.0.1:6443/api/v1/namespaces/istio-system/pods?labelSelector=app%3Distiod": dial tcp 127.0.0.1:6443: connect: connection refused\n',
      failure: 'cluster-unreachable',
      message: /^cannot reach the Kubernetes cluster \(istioctl: Get .*connection refused\); check --context, --kubeconfig/,
    },
    {
      name: 'RBAC refusing the port-forward',
      stderr: 'Error: pods "productpage-v1" is forbidden: User "jane" cannot create resource "pods/portforward" in API group "" in the namespace "bookinfo"\n',
      failure: 'forbidden',
      message: /^the cluster refused access \(istioctl: pods "productpage-v1" is forbidden: User "jane"/,
    },
    {
      name: 'expired credentials',
      stderr: 'error: You must be logged in to the server (Unauthorized)\n',
      failure: 'forbidden',
      message: /^the cluster refused access/,
    },
    {
      name: 'an unknown kube context',
      stderr: 'Error: invalid configuration: context was not found for specified context: prod\n',
      failure: 'kubeconfig',
      message: /check --context and --kubeconfig \(or KUBECONFIG\)$/,
    },
    {
      name: 'no istiod in the Istio namespace',
      stderr: 'Error: no running Istio pods in "istio-system"\n',
      failure: 'istiod-unreachable',
      message: /^cannot reach istiod \(istioctl: no running Istio pods in "istio-system"\); .*-i\/--istioNamespace/,
    },
    {
      name: 'a flag this istioctl does not know',
      stderr: "Error: unknown shorthand flag: 'o' in -o\nUsage:\n  istioctl proxy-status [flags]\n",
      failure: 'unsupported',
      message: /^this istioctl does not support the command \(istioctl: unknown shorthand flag: 'o' in -o\)/,
    },
    {
      name: 'anything else, quoting istioctl',
      stderr: 'some log line\nError: something odd\n',
      failure: 'failed',
      message: new RegExp(`^${CMD} failed \\(exit 1\\): something odd$`),
    },
    {
      name: 'a failure without stderr',
      stderr: '',
      failure: 'failed',
      message: /failed \(exit 1\) and printed nothing on stderr$/,
    },
  ];
  for (const c of cases) {
    it(`classifies ${c.name}`, () => {
      const error = failureOf(CMD, 1, c.stderr);
      assert.ok(error instanceof IstioctlError);
      assert.equal(error.exitCode, 3);
      assert.equal(error.failure, c.failure);
      assert.match(error.message, c.message);
      assert.equal(error.stderr, c.stderr);
    });
  }

  it("quotes one sanitized line of stderr: istioctl's own colour is dropped, other controls shown as escapes", () => {
    assert.equal(errorLine('\u001b[31mError:\u001b[0m pods "a\u0007b" not found\n'), 'pods "a\\u0007b" not found');
    assert.equal(errorLine('Error: pod "x\u001b]0;t\u0007\u202e"\n'), 'pod "x\\u001b]0;t\\u0007<U+202E>"');
    assert.equal(errorLine(`Error: ${'x'.repeat(400)}`).length, 300);
  });
});

describe('istioctl output', () => {
  it('shows the first line of output that is not JSON', () => {
    assert.throws(
      () => jsonOutput(CMD, 'NAME   CDS   LDS\nfoo  SYNCED\n'),
      (e: unknown) => e instanceof IstioctlError && e.failure === 'not-json' && e.message === `${CMD} did not print JSON: it starts with "NAME   CDS   LDS"`,
    );
  });

  it('says when JSON is cut short, and when nothing was printed', () => {
    assert.throws(() => jsonOutput(CMD, '{"configs": [\n'), /printed invalid JSON \(.*\); it starts with "\{\\"configs\\": \["/);
    assert.throws(
      () => jsonOutput(CMD, '\n'),
      (e: unknown) => e instanceof IstioctlError && e.message === `${CMD} printed nothing; expected JSON`,
    );
  });

  it('reads envoy-stats JSON after its "The result of pod" line', () => {
    assert.deepEqual(statsOutput('x', '\nThe result of pod productpage-v1:\n\n{\n    "stats": []\n}\n'), { stats: [] });
  });

  it('splits proxy-status documents and reports a broken one as a source failure', () => {
    assert.equal(concatenatedJsonOutput('ps', '{"a":1}\n{"b":2}\n').length, 2);
    assert.throws(
      () => concatenatedJsonOutput('ps', '{"a":1}\n{"b":'),
      (e: unknown) => e instanceof IstioctlError && e.exitCode === 3 && /ps printed invalid JSON/.test(e.message),
    );
  });
});

describe('live flags', () => {
  const durations: [string, number][] = [
    ['20s', 20_000],
    ['500ms', 500],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['7', 7000],
  ];
  for (const [text, ms] of durations) it(`reads --timeout ${text}`, () => assert.equal(parseDuration('--timeout', text), ms));
  it('refuses a duration it cannot read', () => {
    assert.throws(() => parseDuration('--timeout', '5x'), /--timeout 5x is not a positive duration \(e.g. 20s, 500ms, 2m\)/);
    assert.throws(() => parseDuration('--timeout', '0s'), UsageError);
  });
  it('names proxies as istioctl does, and refuses what is not a Kubernetes name', () => {
    assert.equal(proxyName('productpage-v1-abc.bookinfo'), 'productpage-v1-abc.bookinfo');
    assert.equal(proxyName('productpage-v1-abc', 'bookinfo'), 'productpage-v1-abc.bookinfo');
    assert.equal(proxyName('pod/productpage-v1-abc.bookinfo', 'other'), 'productpage-v1-abc.bookinfo');
    for (const bad of ['-o', '--context=x', 'Productpage', 'a b', 'a;b', '']) assert.throws(() => proxyName(bad), UsageError, bad);
  });
});
