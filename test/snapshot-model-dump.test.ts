import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { renderAll } from '../src/core/report/istioctl/all.ts';
import { renderEndpoints } from '../src/core/report/istioctl/endpoints.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { clusterStatusesFromModel, configDumpFromModel } from '../src/core/snapshot/model-dump.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { fixture } from './helpers/paths.ts';

/** A capture from a source that only hands out models must load back to the same answers. */
function reloaded(config: ProxyConfig): ProxyConfig {
  const docs = [{ name: 'dump', data: configDumpFromModel(config) }];
  const endpoints = clusterStatusesFromModel(config);
  if (endpoints) docs.push({ name: 'endpoints', data: endpoints });
  return loadProxyConfig(docs, config.source);
}

const REQUESTS: Record<string, string[][]> = {
  productpage: [
    ['GET http://reviews:9080/reviews/0', 'end-user: jason'],
    ['GET http://reviews:9080/reviews/0'],
    ['GET http://ratings:9080/ratings/0', 'x-ratings-preview: true'],
    ['GET http://details:9080/details/0'],
    ['GET http://productpage:9080/'],
    ['GET http://10.96.61.148:9080/'],
    ['GET http://example.org:9080/'],
    ['GET http://example.org/'],
  ],
  ingressgateway: [
    ['GET http://bookinfo.example.com/productpage'],
    ['GET http://bookinfo.example.com/productpage/x'],
    ['GET http://other.example.com/productpage'],
  ],
};

describe('config dumps rebuilt from a model', () => {
  for (const [proxy, requests] of Object.entries(REQUESTS)) {
    it(`give the ${proxy} tables, findings and explain answers of the original`, async () => {
      const original = await readProxyConfig({ dump: fixture('bookinfo', proxy, 'config_dump.json'), endpoints: fixture('bookinfo', proxy, 'endpoints.json') });
      const copy = reloaded(original);
      const nowMs = Date.parse('2025-01-15T10:00:00Z');
      assert.equal(renderAll(copy, { nowMs, withHeaders: true }), renderAll(original, { nowMs, withHeaders: true }));
      assert.equal(renderEndpoints(copy.hostStatus), renderEndpoints(original.hostStatus));
      assert.deepEqual(findingsFor(copy), findingsFor(original));
      for (const [line, ...headers] of requests) {
        for (const randomValue of [0n, 95n]) {
          const request = parseRequest(line!, headers);
          assert.deepEqual(explain(copy, request, { randomValue }), explain(original, request, { randomValue }), line);
        }
      }
      assert.deepEqual(
        copy.issues.value.filter((i) => i.severity !== 'info'),
        original.issues.value.filter((i) => i.severity !== 'info'),
      );
    });
  }
});
