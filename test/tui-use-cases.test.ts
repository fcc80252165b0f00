import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageText, dataAge, listedAt } from '../src/app/data-age.ts';
import { explainRequestLine } from '../src/app/explain-line.ts';
import { explainNote, saveExplainNote } from '../src/app/explain-note.ts';
import type { MeshSource } from '../src/app/mesh-source.ts';
import { parseRequestLine, splitRequestLine } from '../src/app/request-line.ts';
import { loadWorkload } from '../src/app/workload.ts';
import { UsageError } from '../src/core/errors.ts';
import { productpageConfig } from './helpers/bookinfo-config.ts';
import { miniMesh } from './helpers/mini-mesh.ts';

function source(overrides: Partial<MeshSource> = {}): MeshSource & { refreshed: string[] } {
  const refreshed: string[] = [];
  return {
    kind: 'live',
    label: 'kube context test',
    refreshed,
    listProxies: async () => [],
    proxyConfig: async () => ({ config: miniMesh(), fetchedAt: 1000 }),
    analyze: async (ns) => [{ code: 'IST0130', level: 'Warning', message: `in ${ns}`, origin: 'VirtualService bookinfo/reviews' }],
    ...overrides,
    ...({ refresh: (proxy?: string) => refreshed.push(proxy ?? '*') } as object),
  };
}

describe('TUI use cases (app/)', () => {
  it('splits a typed request line shell-style into the line and its headers', () => {
    const cases: [string, { line: string; headers: string[]; connection: object }][] = [
      ['GET http://reviews:9080/reviews/1 -H end-user:jason', { line: 'GET http://reviews:9080/reviews/1', headers: ['end-user:jason'], connection: {} }],
      ['GET http://r/ -H \'end-user: jason\' --header "x-b: 1 2"', { line: 'GET http://r/', headers: ['end-user: jason', 'x-b: 1 2'], connection: {} }],
      ['http://r/ -Hx:y --header=a:b', { line: 'http://r/', headers: ['x:y', 'a:b'], connection: {} }],
      ['  POST   http://r/x  ', { line: 'POST http://r/x', headers: [], connection: {} }],
      [
        'GET https://10.0.0.9/ --sni api.example.com --alpn=h2 --ip 10.0.0.9',
        { line: 'GET https://10.0.0.9/', headers: [], connection: { sni: 'api.example.com', alpn: 'h2', ip: '10.0.0.9' } },
      ],
    ];
    for (const [text, expected] of cases) assert.deepEqual(splitRequestLine(text), expected, text);
    assert.throws(() => splitRequestLine("GET http://r/ -H 'open"), UsageError);
    assert.throws(() => splitRequestLine('GET http://r/ -H'), /needs a "Name: value"/);
    assert.throws(() => parseRequestLine(''), /type a request/);
    assert.throws(() => splitRequestLine('GET https://r/ --sni'), /--sni needs a value/);
    assert.deepEqual(parseRequestLine('GET https://10.0.0.9/ --sni api.example.com').tls, { serverName: 'api.example.com', alpn: ['h2', 'http/1.1'] });
    assert.equal(parseRequestLine('GET http://reviews:9080/ -H end-user:jason').headers[0]![1], 'jason');
  });

  it('explains a typed line against a proxy, or says why the line is not a request', () => {
    const config = miniMesh();
    const ok = explainRequestLine(config, 'GET http://reviews:9080/r -H end-user:jason');
    assert.equal(ok.result?.subset, 'v2');
    const bad = explainRequestLine(config, 'reviews');
    assert.match(bad.error ?? '', /not an absolute http\(s\) URL/);
  });

  it('builds a Markdown note with provenance and the command that reproduces it', async () => {
    const config = miniMesh();
    const typed = "GET http://reviews:9080/r -H 'end-user: jason'";
    const result = explainRequestLine(config, typed).result!;
    const workload = { proxy: 'productpage-v1-abc.bookinfo', config, fetchedAt: Date.parse('2026-01-01T10:00:00Z'), findings: [], analyzer: [] };
    const note = explainNote(result, typed, workload, {
      sourceLabel: 'kube context prod',
      sourceKind: 'live',
      sourceFlags: 'productpage-v1-abc.bookinfo',
      now: Date.parse('2026-01-02T03:04:05Z'),
    });
    assert.equal(note.fileName, 'meshscope-20260102-030405Z-reviews-9080-r.md');
    assert.match(note.markdown, /- \*\*Captured:\*\* 2026-01-01T10:00:00.000Z/);
    assert.match(note.markdown, /- \*\*Source:\*\* kube context prod/);
    assert.doesNotMatch(note.markdown, /Cluster context/, 'the source label is not a kube context');
    assert.match(note.markdown, /meshscope explain productpage-v1-abc\.bookinfo 'GET http:\/\/reviews:9080\/r' -H 'end-user: jason' -o markdown/);
    // How the client connects is part of the request: the command keeps it (an empty SNI too).
    const connecting = "GET https://reviews:9080/r --sni '' --alpn h2,http/1.1 --ip 10.0.0.7 --random 7";
    const tls = explainNote(explainRequestLine(config, connecting).result!, connecting, workload, {
      sourceLabel: 'kube context prod',
      sourceKind: 'live',
      sourceFlags: 'productpage-v1-abc.bookinfo',
      now: 0,
    });
    assert.match(
      tls.markdown,
      /meshscope explain productpage-v1-abc\.bookinfo --sni '' --alpn h2,http\/1\.1 --ip 10\.0\.0\.7 --random 7 'GET https:\/\/reviews:9080\/r' -o markdown/,
    );
    const written: string[] = [];
    const message = await saveExplainNote(note, {
      write: async (name, text) => {
        written.push(text);
        return `./${name}`;
      },
      copy: () => 'terminal clipboard (OSC 52)',
    });
    assert.equal(message, `note written to ./${note.fileName}; sent to the terminal clipboard (OSC 52)`);
    assert.equal(written[0], note.markdown);
  });

  it('loads a workload with progress, the namespace analysis and findings; analysis failures are kept aside', async () => {
    const progress: string[] = [];
    const w = await loadWorkload(source(), 'productpage-v1-abc.bookinfo', { onProgress: (p) => progress.push(p) });
    assert.equal(w.namespace, 'bookinfo');
    assert.equal(w.analyzer[0]!.message, 'in bookinfo');
    assert.ok(w.findings!.length > 0);
    assert.deepEqual(progress, [
      'fetching the config dump of productpage-v1-abc.bookinfo (kube context test)',
      'fetching istioctl analyze messages for namespace bookinfo',
      'computing findings for productpage-v1-abc.bookinfo',
    ]);
    const failing = await loadWorkload(
      source({
        analyze: async () => {
          throw new Error('istioctl analyze: forbidden');
        },
      }),
      'p.bookinfo',
    );
    assert.equal(failing.analyzeError, 'istioctl analyze: forbidden');
    assert.deepEqual(failing.analyzer, []);
    await assert.rejects(
      loadWorkload(
        source({
          proxyConfig: async () => {
            throw new Error('pod not found');
          },
        }),
        'p.bookinfo',
      ),
      /pod not found/,
    );
  });

  it('asks a caching source to fetch again on refresh only', async () => {
    const s = source();
    await loadWorkload(s, 'p.bookinfo');
    await loadWorkload(s, 'p.bookinfo', { fresh: true });
    assert.deepEqual(s.refreshed, ['p.bookinfo']);
  });

  it('says how old data is; live data over a minute old is stale, a capture never is', () => {
    assert.deepEqual(['0s', '59s', '1m', '59m', '1h', '1d'], [0, 59_999, 60_000, 3_599_999, 3_600_000, 86_400_000].map(ageText));
    assert.deepEqual(dataAge(0, 61_000, 'live'), { text: '1m', phrase: 'data 1m old', stale: true });
    assert.deepEqual(dataAge(0, 30_000, 'live'), { text: '30s', phrase: 'data 30s old', stale: false });
    assert.deepEqual(dataAge(0, 86_400_000, 'snapshot'), { text: '1d', phrase: 'captured 1d ago', stale: false });
    assert.deepEqual(dataAge(0, 7_200_000, 'file'), { text: '2h', phrase: 'file modified 2h ago', stale: false });
  });

  it('dates the proxy list by one rule: now when live, the capture time of a capture, none when a folder has no single time', () => {
    assert.equal(listedAt({ kind: 'live' }, 5000), 5000);
    assert.equal(listedAt({ kind: 'snapshot', capturedAt: () => 1000 }, 5000), 1000);
    assert.equal(listedAt({ kind: 'file', capturedAt: () => 2000 }, 5000), 2000);
    assert.equal(listedAt({ kind: 'file' }, 5000), undefined);
  });

  it('says when a note comes from a dump file: its modification time, no capture time and no kube context', () => {
    const config = miniMesh();
    const typed = 'GET http://reviews:9080/r';
    const result = explainRequestLine(config, typed).result!;
    const workload = { proxy: 'productpage-v1-abc.bookinfo', config, fetchedAt: Date.parse('2026-01-01T10:00:00Z'), findings: [], analyzer: [] };
    const note = explainNote(result, typed, workload, { sourceLabel: 'folder captures', sourceKind: 'file', now: 0 });
    assert.match(note.markdown, /- \*\*File modified at:\*\* 2026-01-01T10:00:00.000Z/);
    assert.match(note.markdown, /- \*\*Source:\*\* folder captures/);
    assert.doesNotMatch(note.markdown, /Captured|Cluster context/);
  });
});

describe('the TUI request line takes --random N, as the trace of a split suggests', () => {
  it('decides the weighted split with the given random value, and refuses a value that is not a uint64', async () => {
    const config = await productpageConfig();
    const undecided = explainRequestLine(config, 'GET http://reviews:9080/reviews/1');
    assert.equal(undecided.result?.cluster, null);
    // reviews-canary splits v1 90 / v3 10: Envoy picks by R mod 100 (0–89 → v1, 90–99 → v3).
    assert.equal(explainRequestLine(config, 'GET http://reviews:9080/reviews/1 --random 95').result?.subset, 'v3');
    assert.equal(explainRequestLine(config, 'GET http://reviews:9080/reviews/1 --random=3').result?.subset, 'v1');
    assert.match(explainRequestLine(config, 'GET http://reviews:9080/reviews/1 --random -1').error ?? '', /--random -1 is not a uint64/);
  });
});
