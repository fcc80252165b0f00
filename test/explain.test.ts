import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain } from '../src/core/explain/explain.ts';
import { whyNot } from '../src/core/explain/why-not.ts';
import { renderExplainMarkdown } from '../src/core/report/explain-markdown.ts';
import { renderExplainText } from '../src/core/report/explain-text.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { miniMesh } from './helpers/mini-mesh.ts';

const V = (s: string) => `outbound|9080|${s}|reviews.bookinfo.svc.cluster.local`;

describe('explain', () => {
  const mesh = miniMesh();

  it('sends jason to v2 through the header route, with every stage explained', () => {
    const r = explain(mesh, parseRequest('GET http://reviews:9080/reviews/1', ['end-user: jason']));
    assert.equal(r.outcome, 'route');
    assert.equal(r.listener, '0.0.0.0_9080');
    assert.equal(r.routeConfig, '9080');
    assert.equal(r.virtualHost, 'reviews.bookinfo.svc.cluster.local:9080');
    assert.deepEqual(r.route, { index: 0, name: 'jason-to-v2' });
    assert.equal(r.virtualService, 'reviews.bookinfo');
    assert.equal(r.cluster, V('v2'));
    assert.equal(r.subset, 'v2');
    assert.equal(r.destinationRule, 'reviews.bookinfo');
    assert.deepEqual(r.notTaken, []);
    assert.deepEqual(
      r.steps.map((s) => s.stage),
      ['listener', 'filter_chain', 'filter_chain', 'virtual_host', 'route', 'action', 'cluster', 'endpoints'],
    );
    assert.equal(r.endpoints.length, 1);
    assert.equal(r.endpoints[0]!.workload, 'reviews-v2');
    assert.equal(r.policies.timeoutMs, 0);
    assert.equal(r.policies.retries?.attempts, 2);
    assert.equal(r.policies.loadBalancer, 'LEAST_REQUEST');
    assert.equal(r.status, null);
  });

  it('explains the header predicate that failed on case, and leaves the canary split undecided', () => {
    const r = explain(mesh, parseRequest('GET http://reviews:9080/reviews/1', ['end-user: Jason']));
    assert.equal(r.notTaken[0]!.index, 0);
    assert.match(r.notTaken[0]!.reason, /end-user.*"jason".*"Jason"/);
    assert.equal(r.route?.name, 'canary');
    assert.equal(r.cluster, null);
    assert.deepEqual(
      r.destinations.map((d) => [d.subset, d.probability]),
      [
        ['v1', 0.9],
        ['v3', 0.1],
      ],
    );
    assert.equal(r.policies.fault?.delay?.fixedDelayMs, 2000);
    assert.equal(r.policies.fault?.delay?.percent, 10);
    assert.match(r.summary, /split v1 90% \/ v3 10%/);
  });

  it("picks the weighted destination as Envoy does for --random, and reports 503 UH when the subset's only endpoint is ejected", () => {
    const v1 = explain(mesh, parseRequest('GET http://reviews:9080/'), { randomValue: 189n });
    assert.equal(v1.subset, 'v1');
    assert.match(v1.pick ?? '', /189 mod 100 = 89, in \[0, 90\)/);
    const v3 = explain(mesh, parseRequest('GET http://reviews:9080/'), { randomValue: 90n });
    assert.equal(v3.subset, 'v3');
    assert.equal(v3.status, 503);
    assert.equal(v3.responseFlag, 'UH');
    assert.equal(v3.endpoints[0]!.ejected, true);
    assert.match(v3.summary, /503 UH/);
  });

  it('reports a route to a subset missing from CDS as 503 NC', () => {
    const r = explain(mesh, parseRequest('GET http://reviews.bookinfo:9080/beta/x'));
    assert.equal(r.outcome, 'unknown_cluster');
    assert.equal(r.status, 503);
    assert.equal(r.responseFlag, 'NC');
    assert.ok(r.findings.some((f) => f.code === 'MS102'));
  });

  it('answers no_virtual_host and no_listener with the reason', () => {
    const nv = explain(mesh, parseRequest('GET http://ratings:9080/'));
    assert.equal(nv.outcome, 'no_virtual_host');
    assert.equal(nv.status, 404);
    const nl = explain(mesh, parseRequest('GET http://reviews:8080/'));
    assert.equal(nl.outcome, 'no_listener');
    assert.equal(nl.listener, null);
  });

  it('matches the ClusterIP listed in the domains, with the port ignored', () => {
    const r = explain(mesh, parseRequest('GET http://10.96.0.20:9080/', ['end-user: jason']));
    assert.equal(r.subset, 'v2');
  });

  it('flags the shadowed route in findings', () => {
    const r = explain(mesh, parseRequest('GET http://reviews:9080/reviews/1'));
    assert.ok(r.findings.some((f) => f.code === 'MS101' && f.message.includes('#3 never')));
  });

  it('says why not v2: the header route needs end-user jason', () => {
    const request = parseRequest('GET http://reviews:9080/reviews/1', ['end-user: bob']);
    const r = explain(mesh, request);
    const answer = whyNot(mesh, request, r, 'v2', {});
    assert.equal(answer.reachable, false);
    assert.equal(answer.candidates.length, 1);
    assert.equal(answer.candidates[0]!.position, 'earlier');
    assert.match(answer.candidates[0]!.needs, /end-user.*jason/);
    assert.deepEqual(answer.clusters, [{ name: V('v2'), usable: 1, endpoints: 1 }]);
  });

  it('renders text and markdown that name the decision and the evidence', () => {
    const r = explain(mesh, parseRequest('GET http://reviews:9080/reviews/1', ['end-user: Jason']));
    const text = renderExplainText(r);
    assert.match(text, /Routes not taken/);
    assert.match(text, /█+░+ +90%/);
    const md = renderExplainMarkdown(r, { command: 'meshscope explain ...' });
    assert.match(md, /^## Why `GET http:\/\/reviews:9080\/reviews\/1`/);
    assert.match(md, /\| Stage \| Result \| Why \|/);
    assert.match(md, /### Reproduce/);
  });
});
