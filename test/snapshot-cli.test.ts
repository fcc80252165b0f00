import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { fixture } from './helpers/paths.ts';

const SNAP = 'fixtures/snapshots/bookinfo.json.gz';
const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const dump = fixture('bookinfo', 'productpage', 'config_dump.json');
const endpoints = fixture('bookinfo', 'productpage', 'endpoints.json');

describe('--snapshot on the commands that read one proxy', () => {
  const same: [string, string[]][] = [
    ['routes', ['routes']],
    ['clusters', ['clusters', '--fqdn', 'reviews']],
    ['endpoints (/clusters health)', ['endpoints']],
    ['proxy-config listener -o json', ['proxy-config', 'listener', '-o', 'json']],
    ['findings', ['findings', '-o', 'json']],
    ['explain -o json', ['explain', '-o', 'json', '--random', '95', 'GET http://reviews:9080/reviews/0']],
  ];
  // The snapshot also holds the objects of fixtures/bookinfo/istio, which explain reads as its intent:
  // the file side gets them with --config, and only the objects' origins (file vs snapshot) differ.
  const withObjects = new Set(['explain -o json']);
  for (const [what, args] of same) {
    it(`${what} prints what --file DUMP --endpoints FILE prints`, async () => {
      const config = withObjects.has(what) ? ['--config', fixture('bookinfo', 'istio')] : [];
      const fromFile = await runCli([...args, '--file', dump, '--endpoints', endpoints, ...config]);
      const fromSnapshot = await runCli([...args, '--snapshot', SNAP, '--from', PP]);
      assert.equal(fromSnapshot.code, fromFile.code, fromSnapshot.stderr);
      const normalize = (text: string) =>
        text
          .replaceAll(dump, 'X')
          .replaceAll(PP, 'X')
          .replace(/"origin": "[^"]*"/g, '"origin": "O"');
      assert.equal(normalize(fromSnapshot.stdout), normalize(fromFile.stdout));
    });
  }

  it('takes a pod name alone when it is unique in the snapshot', async () => {
    const r = await runCli([
      'explain',
      '--snapshot',
      SNAP,
      '--from',
      'productpage-v1-7d6cfb7dfd-4xk2p',
      'GET http://reviews:9080/reviews/0',
      '-H',
      'end-user: jason',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /goes to subset v2/);
  });

  const usage: [string, string[], RegExp][] = [
    [
      'no --from with two proxies',
      ['explain', '--snapshot', SNAP, 'GET http://reviews:9080/'],
      /holds 8 proxies \(details-v1-65cfcf56f9-q8w7m\.bookinfo, istio-ingressgateway-6b8f4c7d9b-wq5tz\.istio-system, productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo, .*\); pick one with --from POD\.NAMESPACE/,
    ],
    ['--file with --snapshot', ['routes', '--snapshot', SNAP, '--file', dump], /give --file or --snapshot, not both/],
    ['--endpoints with --snapshot', ['findings', '--snapshot', SNAP, '--from', PP, '--endpoints', endpoints], /--endpoints goes with --file/],
    [
      'a config dump given as a snapshot',
      ['explain', '--snapshot', dump, 'GET http://reviews:9080/'],
      /is JSON but not a meshscope snapshot .*use --file DUMP/,
    ],
    ['an unknown proxy', ['routes', '--snapshot', SNAP, '--from', 'ratings-v1-x.bookinfo'], /has no proxy "ratings-v1-x\.bookinfo"/],
  ];
  for (const [what, argv, pattern] of usage) {
    it(`refuses ${what} (exit 2, one line)`, async () => {
      const r = await runCli(argv);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1);
    });
  }
});
