import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { createFakeIstioctl, type FakeIstioctl } from './helpers/fake-istioctl.ts';
import { createFakeKubectl, type FakeKubectl } from './helpers/fake-kubectl.ts';
import { fixture } from './helpers/paths.ts';

/**
 * `explain --path` from each source of several proxies: a snapshot, a folder of dumps (--dir), and
 * live through istioctl (the fake serves fixtures/bookinfo; kubectl, with --intent, its objects),
 * and the bad input each can meet, said in one line with exit 2.
 */

const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const REVIEWS_V2 = 'reviews-v2-5b667bcbf8-xq2lm.bookinfo';
const SNAPSHOT = fixture('snapshots', 'bookinfo.json.gz');
const DIR = fixture('bookinfo');
const POST = 'POST http://details:9080/details/0';

describe('explain --path sources (CLI)', () => {
  let istioctl: FakeIstioctl;
  let kubectl: FakeKubectl;
  before(() => {
    istioctl = createFakeIstioctl();
    kubectl = createFakeKubectl(istioctl.binDir);
  });
  after(() => {
    kubectl.dispose();
    istioctl.dispose();
  });
  const env = () => ({ ...kubectl.env(), ...istioctl.env() });

  it('a folder of dumps (--dir): the POST to details is denied at the details sidecar; --config adds Istio’s words', async () => {
    const r = await runCli(['explain', '--dir', DIR, '--from', PP, '--path', POST, '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stdout) as { failedAt: number; hops: { proxy: string; status: number | null; tls: { istio: string | null } | null }[] };
    assert.equal(doc.failedAt, 1);
    assert.equal(doc.hops[1]!.proxy, 'details-v1-65cfcf56f9-q8w7m.bookinfo');
    assert.equal(doc.hops[1]!.status, 403);
    // Without objects, Istio's words are what the dump itself says: the DestinationRule behind the cluster.
    assert.equal(doc.hops[1]!.tls?.istio, "the client's cluster comes from DestinationRule bookinfo/details");
    const words = await runCli([
      'explain',
      '--dir',
      DIR,
      '--from',
      REVIEWS_V2,
      '--path',
      'GET http://ratings:9080/ratings/0',
      '--config',
      fixture('bookinfo', 'istio'),
    ]);
    assert.equal(words.code, 1);
    assert.match(
      words.stdout,
      /istio {9}DestinationRule bookinfo\/ratings sets spec\.trafficPolicy\.tls\.mode DISABLE; .* port 9080 is STRICT: PeerAuthentication bookinfo\/default/,
    );
  });

  it('live: every proxy of proxy-status read through istioctl; with --intent the objects through kubectl', async () => {
    const r = await runCli(['explain', REVIEWS_V2, '--path', 'GET http://ratings:9080/ratings/0', '--intent', '-o', 'json'], env());
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stdout) as { failedAt: number; hops: { status: number; responseFlag: string; tls: { istio: string } }[] };
    assert.equal(doc.failedAt, 1);
    assert.deepEqual([doc.hops[1]!.status, doc.hops[1]!.responseFlag], [503, 'UC']);
    assert.match(doc.hops[1]!.tls.istio, /PeerAuthentication bookinfo\/default/);
    assert.ok(istioctl.calls().some((c) => c.argv[0] === 'proxy-status'));
  });

  it('bad input: one line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['explain', '--path', POST], /give --snapshot FILE \(or --dir FOLDER of dumps\) and --from POD\.NAMESPACE, or a live POD\.NAMESPACE/],
      [['explain', '--snapshot', SNAPSHOT, '--dir', DIR, '--from', PP, '--path', POST], /--snapshot FILE or --dir FOLDER, not both/],
      [['explain', '--snapshot', SNAPSHOT, '--from', PP, '--path', POST, 'GET http://x/'], /takes the request as its value/],
      [['explain', '--dir', DIR, '--from', 'nope.bookinfo', '--path', POST], /has no proxy "nope\.bookinfo"; it holds /],
      [['explain', '--snapshot', SNAPSHOT, '--from', PP, '--path', POST, '--why-not', 'v2'], /cannot be combined with --why-not/],
      [['explain', '--dir', DIR, '--file', 'x.json', 'GET http://x/'], /--dir FOLDER goes with --path/],
      [['explain', '--snapshot', SNAPSHOT, '--from', PP, '--path', POST, '--context', 'kind'], /--context is for a live mesh/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, argv.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    }
  });
});
