import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { endpointRowsOf } from '../src/core/browse/endpoint-rows.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { cellWidth } from '../src/ui/text.ts';
import { explainLines } from '../src/ui/views/explain-lines.ts';
import type { Line } from '../src/ui/views/lines.ts';
import { productpageConfig } from './helpers/bookinfo-config.ts';

// The demo's productpage sidecar: reviews v1 has 10.244.1.10 (us-east1-b, the proxy's own zone)
// ejected in /clusters, so Istio's locality failover (priority 1 = the other zone) carries v1.
const text = (lines: Line[]) => lines.map((l) => l.map((s) => s.text).join(''));

describe('the TUI explain panel shows each endpoint’s share', () => {
  let config: ProxyConfig;
  const endpointsOf = (cluster: string) => {
    const c = config.index.clusterByName.get(cluster);
    return c ? endpointRowsOf(config, c) : [];
  };
  before(async () => {
    config = await productpageConfig();
  });

  it('for an undecided split: each pod’s chance of the request (weight × share) and why the ejected one gets none', () => {
    const result = explain(config, parseRequest('GET http://reviews:9080/reviews/1'));
    const lines = text(explainLines(result, { width: 140, unfolded: false, endpointsOf }));
    const ejected = lines.find((l) => l.includes('10.244.1.10:9080'));
    assert.match(ejected ?? '', /EJECTED +0% \(0% of v1\) +ejected by outlier detection/);
    assert.match(lines.find((l) => l.includes('10.244.2.11:9080')) ?? '', /HEALTHY +90% \(100% of v1\)/);
    assert.match(lines.find((l) => l.includes('10.244.2.12:9080')) ?? '', /HEALTHY +10% \(100% of v3\)/);
    assert.ok(
      lines.some((l) => /LEAST_REQUEST: priority 1 takes 100%/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => /Istio's locality failover/.test(l)));
  });

  it('for a chosen destination: the share within its cluster', () => {
    const result = explain(config, parseRequest('GET http://reviews:9080/reviews/1'), { randomValue: 0n });
    assert.equal(result.subset, 'v1');
    const lines = text(explainLines(result, { width: 120, unfolded: false, endpointsOf }));
    assert.match(lines.find((l) => l.startsWith('  10.244.2.11:9080')) ?? '', /HEALTHY +100%/);
    assert.match(lines.find((l) => l.startsWith('  10.244.1.10:9080')) ?? '', /EJECTED +0% +ejected by outlier detection/);
  });

  for (const width of [40, 60, 80, 100]) {
    it(`fits ${width} columns`, () => {
      const result = explain(config, parseRequest('GET http://reviews:9080/reviews/1'));
      for (const l of text(explainLines(result, { width, unfolded: true, endpointsOf }))) assert.ok(cellWidth(l) <= width, `${cellWidth(l)} > ${width}: ${l}`);
    });
  }
});

describe('the typed request line takes --status (TUI and meshtop explain)', () => {
  it('explains the failure in the panel', async () => {
    const { explainRequestLine } = await import('../src/app/explain-line.ts');
    const config = await productpageConfig();
    const out = explainRequestLine(config, 'GET http://details:9080/details/0 --status 503');
    assert.ok(out.result, out.error);
    assert.equal(out.result.failure?.retried, true);
    const lines = text(explainLines(out.result, { width: 100, unfolded: false, endpointsOf: () => [] }));
    const at = lines.indexOf('If the upstream answers 503');
    assert.ok(at > 0, lines.join('\n'));
    assert.match(lines[at + 1]!, /^ {2}retried +yes: retry_on gateway-error/);
    assert.ok(lines.some((l) => /^ {2}client sees +the upstream's 503 \(flag URX/.test(l)));
    for (const l of lines) assert.ok(cellWidth(l) <= 100, l);
    const bad = explainRequestLine(config, 'GET http://details:9080/ --status nope');
    assert.match(bad.error ?? '', /--status nope: give an HTTP status/);
  });
});

describe('the w note of a typed line with --random and --status', () => {
  it('reproduces both and carries the failure section', async () => {
    const { explainRequestLine } = await import('../src/app/explain-line.ts');
    const { explainNote } = await import('../src/app/explain-note.ts');
    const config = await productpageConfig();
    const typed = 'GET http://reviews:9080/ --random 0 --status connect-failure';
    const result = explainRequestLine(config, typed).result!;
    const workload = { proxy: 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo', config, fetchedAt: 0, findings: [], analyzer: [] };
    const note = explainNote(result, typed, workload, { sourceLabel: 'test', sourceKind: 'file', sourceFlags: '--file D', now: 0 });
    assert.match(note.markdown, /meshscope explain --file D --random 0 --status connect-failure 'GET http:\/\/reviews:9080\/' -o markdown/);
    assert.match(note.markdown, /### If the connection to the upstream fails/);
  });
});
