import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { UsageError } from '../src/core/errors.ts';
import { parseConcatenatedJson } from '../src/core/istio/concatenated-json.ts';
import { matchesLabels, parseLabelSelector } from '../src/core/istio/label-selector.ts';
import { parseProxyStatus } from '../src/core/istio/proxy-status.ts';
import { fixture } from './helpers/paths.ts';

const reviewsV1 = { app: 'reviews', version: 'v1', 'security.istio.io/tlsMode': 'istio' };

describe('label selectors as kubectl -l takes them', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['', reviewsV1, true],
    ['app=reviews', reviewsV1, true],
    ['app==reviews', reviewsV1, true],
    ['app=ratings', reviewsV1, false],
    ['app=reviews,version=v2', reviewsV1, false],
    ['app=reviews, version!=v2', reviewsV1, true],
    ['version!=v1', reviewsV1, false],
    ['missing!=x', reviewsV1, true],
    ['version in (v1, v2)', reviewsV1, true],
    ['version in (v2,v3)', reviewsV1, false],
    ['version notin (v2,v3),app=reviews', reviewsV1, true],
    ['missing notin (v1)', reviewsV1, true],
    ['security.istio.io/tlsMode', reviewsV1, true],
    ['!security.istio.io/tlsMode', reviewsV1, false],
    ['!canary', reviewsV1, true],
    ['canary', reviewsV1, false],
  ];
  for (const [selector, labels, expected] of cases) {
    it(`${JSON.stringify(selector)} ${expected ? 'matches' : 'does not match'}`, () =>
      assert.equal(matchesLabels(parseLabelSelector(selector), labels), expected));
  }

  for (const bad of ['app=re views', 'app=,', '-bad=x', 'version in (v1,,v2', 'a b c']) {
    it(`rejects ${JSON.stringify(bad)} as a usage error`, () => assert.throws(() => parseLabelSelector(bad), UsageError));
  }

  it('selects bookinfo proxies by the labels in proxy-status node metadata', async () => {
    const proxies = parseProxyStatus(parseConcatenatedJson('proxy-status.json', await readFile(fixture('bookinfo', 'proxy-status.json'), 'utf8')));
    const selected = proxies.filter((p) => matchesLabels(parseLabelSelector('app=reviews,version in (v1,v2)'), p.labels ?? {}));
    assert.deepEqual(
      selected.map((p) => p.name),
      ['reviews-v1-5896f547f5-7cjxn.bookinfo', 'reviews-v1-5896f547f5-mz4wq.bookinfo', 'reviews-v2-5b667bcbf8-xq2lm.bookinfo'],
    );
  });
});
