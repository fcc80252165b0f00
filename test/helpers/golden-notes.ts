import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './cli.ts';
import { repoRoot } from './paths.ts';

/**
 * The incident notes of the demo scenarios (fixtures/bookinfo README) kept as golden Markdown in
 * test/golden/, with the `--path` and fixtures/failover goldens. `test/explain-notes-golden.test.ts`
 * and `test/path-golden.test.ts` compare them byte for byte; only
 * `node dist/scripts/golden-notes.js --update` rewrites them.
 */
const SNAPSHOT = 'fixtures/snapshots/bookinfo.json.gz';
const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const GATEWAY = 'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system';
const from = (proxy: string) => ['explain', '--snapshot', SNAPSHOT, '--from', proxy, '-o', 'markdown'];

export const NOTE_SCENARIOS: { name: string; what: string; argv: string[]; exit: number }[] = [
  {
    name: 'reviews-jason',
    what: 'exact header match to v2; the shadowed jason-to-v3 (IST0130/IST0131)',
    argv: [...from(PRODUCTPAGE), 'GET http://reviews:9080/reviews/0', '-H', 'end-user: jason'],
    exit: 0,
  },
  {
    name: 'reviews-canary-v1',
    what: 'the 90/10 split decided by --random, landing on v1 with an ejected endpoint',
    argv: [...from(PRODUCTPAGE), '--random', '0', 'GET http://reviews:9080/reviews/0'],
    exit: 0,
  },
  {
    name: 'reviews-canary-split',
    what: 'the split left undecided: weights as percentages',
    argv: [...from(PRODUCTPAGE), 'GET http://reviews:9080/reviews/0', '-H', 'end-user: Jason'],
    exit: 0,
  },
  {
    name: 'ratings-faults',
    what: 'fault delay and abort, hash policy, circuit breaker',
    argv: [...from(PRODUCTPAGE), 'GET http://ratings:9080/ratings/0'],
    exit: 0,
  },
  {
    name: 'details-mirror',
    what: 'retries, timeout and a mirror to an empty subset (IST0173)',
    argv: [...from(PRODUCTPAGE), 'GET http://details:9080/details/0'],
    exit: 0,
  },
  {
    name: 'gateway-no-route',
    what: 'the gateway answers 404 NR: /productpage is an exact match',
    argv: [...from(GATEWAY), 'GET http://bookinfo.example.com/productpage/x'],
    exit: 1,
  },
  {
    name: 'log-reviews-uh',
    what: 'an access-log line with 503 UH explained against the capture',
    argv: [
      ...from(PRODUCTPAGE),
      '--log',
      '[2025-01-15T09:13:58.120Z] "GET /reviews/0 HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "-" "python-requests/2.31.0" "5f0c3c9e-1d2b-4b8e-9f27-7a1f3b2c4d5e" "reviews:9080" "-" outbound|9080|v1|reviews.bookinfo.svc.cluster.local - 10.96.61.148:9080 10.244.1.12:52144 - reviews-canary',
    ],
    exit: 0,
  },
  {
    name: 'log-ratings-uo',
    what: 'an access-log line with 503 UO: the ratings circuit breaker',
    argv: [
      ...from(PRODUCTPAGE),
      '--log',
      '[2025-01-15T09:13:59.004Z] "GET /ratings/0 HTTP/1.1" 503 UO upstream_reset_before_response_started{overflow} - "-" 0 81 0 - "-" "python-requests/2.31.0" "0d7c2b61-8e34-4f0a-b6a5-3c1e9f2d7a48" "ratings:9080" "-" outbound|9080|v1|ratings.bookinfo.svc.cluster.local - 10.96.224.11:9080 10.244.1.12:40312 - ratings-faults',
    ],
    exit: 0,
  },
];

export const goldenPath = (name: string): string => path.join(repoRoot, 'test', 'golden', `note-${name}.md`);

/**
 * `explain --path` through the demo snapshot for the README's requests, golden in text and JSON
 * (`test/golden/path-<name>.txt`, `.json`): the failing hop first, every hop's decision.
 */
const path3 = (proxy: string, request: string, format: 'text' | 'json') => [
  'explain',
  '--snapshot',
  SNAPSHOT,
  '--from',
  proxy,
  '--path',
  request,
  '-o',
  format,
];
const REVIEWS_V2 = 'reviews-v2-5b667bcbf8-xq2lm.bookinfo';
export const PATH_SCENARIOS: { name: string; what: string; argv: string[]; exit: number; file: string }[] = (
  [
    [
      'gateway-productpage',
      'gateway → productpage sidecar → the application (mTLS, no AuthorizationPolicy)',
      GATEWAY,
      'GET http://bookinfo.example.com/productpage',
      0,
    ],
    [
      'details-post',
      'POST to details from productpage: 403 at the details sidecar (AuthorizationPolicy details-viewer allows GET only)',
      PRODUCTPAGE,
      'POST http://details:9080/details/0',
      1,
    ],
    ['details-get', 'GET to details from productpage: allowed by details-viewer, delivered', PRODUCTPAGE, 'GET http://details:9080/details/0', 0],
    [
      'ratings-mtls',
      'reviews-v2 → ratings: the DestinationRule disables TLS, the PeerAuthentication is STRICT: 503 UC at the ratings sidecar',
      REVIEWS_V2,
      'GET http://ratings:9080/ratings/0',
      1,
    ],
  ] as const
).flatMap(([name, what, proxy, request, exit]) =>
  (['text', 'json'] as const).map((format) => ({
    name: `${name} (${format})`,
    what,
    argv: path3(proxy, request, format),
    exit,
    file: `path-${name}.${format === 'text' ? 'txt' : 'json'}`,
  })),
);

export const pathGoldenPath = (file: string): string => path.join(repoRoot, 'test', 'golden', file);

/**
 * `explain` on fixtures/failover (two-zone locality failover, one endpoint ejected), golden in
 * JSON and in the default text (`test/golden/explain-failover.json`, `.txt`); files as for the paths.
 */
const FAILOVER = ['--file', 'fixtures/failover/config_dump.json', '--endpoints', 'fixtures/failover/endpoints.json'];
const FAILOVER_REQUEST = 'GET http://inventory.shop:8080/';
export const EXPLAIN_SCENARIOS: { name: string; what: string; argv: string[]; exit: number; file: string }[] = [
  {
    name: 'failover (json)',
    what: 'priority 0 takes 93%, priority 1 7%; the ejected endpoint gets 0% with its reason',
    argv: ['explain', ...FAILOVER, FAILOVER_REQUEST, '-o', 'json'],
    exit: 0,
    file: 'explain-failover.json',
  },
  {
    name: 'failover (text)',
    what: 'the same trace as text: the priority split and every endpoint share',
    argv: ['explain', ...FAILOVER, FAILOVER_REQUEST],
    exit: 0,
    file: 'explain-failover.txt',
  },
  ...(['json', 'text'] as const).map((format) => ({
    name: `reviews-v1 ejection with --status 503 (${format})`,
    what: "productpage → reviews v1: its zone's only pod is ejected, so priority 1 takes 100%; a 503 under Istio 1.24's default retry policy is not retried and counts towards consecutive_5xx, but max_ejection_percent allows no second ejection",
    argv: [
      'explain',
      '--snapshot',
      SNAPSHOT,
      '--from',
      PRODUCTPAGE,
      '--random',
      '0',
      '--status',
      '503',
      'GET http://reviews:9080/reviews/0',
      ...(format === 'json' ? ['-o', 'json'] : []),
    ],
    exit: 0,
    file: `explain-reviews-v1-ejection.${format === 'json' ? 'json' : 'txt'}`,
  })),
];

/** Runs a scenario as a user would; the note on stdout. */
export async function renderNote(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(argv);
}

/** Rewrites the golden files (notes, paths, failover); returns the file names whose content changed. */
export async function updateGoldenNotes(): Promise<string[]> {
  const changed: string[] = [];
  const all = [
    ...NOTE_SCENARIOS.map((s) => ({ ...s, path: goldenPath(s.name) })),
    ...[...PATH_SCENARIOS, ...EXPLAIN_SCENARIOS].map((s) => ({ ...s, path: pathGoldenPath(s.file) })),
  ];
  for (const s of all) {
    const { stdout, code, stderr } = await renderNote(s.argv);
    if (code !== s.exit) throw new Error(`${s.name}: exit ${code}, expected ${s.exit}: ${stderr}`);
    let old = '';
    try {
      old = readFileSync(s.path, 'utf8');
    } catch {
      // a new scenario
    }
    if (old !== stdout) {
      writeFileSync(s.path, stdout);
      changed.push(path.basename(s.path));
    }
  }
  return changed;
}
