import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { whyNot } from '../src/core/explain/why-not.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { productpageConfig } from './helpers/bookinfo-config.ts';

// A subset is a DestinationRule's (`outbound|9080|v2|<host>`, istiod's `BuildSubsetKey`): the bookinfo
// dump has v2 of details, ratings and reviews, and `--why-not v2` of a reviews request is about reviews only.
const ask = (config: ProxyConfig, url: string, headers: string[] = []) => {
  const request = parseRequest(url, headers);
  return whyNot(config, request, explain(config, request), 'v2', {});
};

describe('--why-not stays within the service the request addresses', () => {
  let config: ProxyConfig;
  before(async () => {
    config = await productpageConfig();
  });

  it('lists only reviews v2 for a reviews request whose canary split is undecided', () => {
    const a = ask(config, 'GET http://reviews:9080/reviews/1');
    assert.deepEqual(a.services, ['reviews.bookinfo.svc.cluster.local']);
    assert.deepEqual(
      a.clusters.map((c) => c.name),
      ['outbound|9080|v2|reviews.bookinfo.svc.cluster.local'],
    );
  });

  it('lists only ratings v2 for a ratings request', () => {
    const a = ask(config, 'GET http://ratings:9080/ratings/1');
    assert.deepEqual(
      a.clusters.map((c) => c.name),
      ['outbound|9080|v2|ratings.bookinfo.svc.cluster.local'],
    );
  });

  it('says nothing about clusters when the request addresses no known service (allow_any)', () => {
    const a = ask(config, 'GET http://nothing.example:9080/');
    assert.deepEqual(a.services, []);
    assert.deepEqual(a.clusters, []);
    assert.doesNotMatch(a.summary, /no cluster for subset/);
  });

  it('names the service when its DestinationRule has no such subset', () => {
    const a = whyNot(config, parseRequest('GET http://details:9080/details/1'), explain(config, parseRequest('GET http://details:9080/details/1')), 'v9', {});
    assert.deepEqual(a.clusters, []);
    assert.match(a.summary, /no cluster for subset v9 of details\.bookinfo\.svc\.cluster\.local exists in CDS/);
  });
});
