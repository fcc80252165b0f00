import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortVirtualHost } from '../src/core/browse/labels.ts';
import { sectionName } from '../src/core/envoy/config-dump.ts';
import { clusterDomain } from '../src/core/explain/destination.ts';
import { pemBlock } from '../src/core/report/istioctl/x509.ts';
import { cliVersion } from '../src/core/snapshot/bug-report.ts';
import { templateShape } from '../src/core/top/busiest.ts';

/**
 * Issue 13 part 5: every regex over input is linear. Six backtracking regexes over dump text
 * were replaced by one-pass scans. Each scan is checked against the regex it replaced (the old
 * regex is the oracle, on short random inputs where its backtracking is harmless), and run on a
 * 1 MB worst case for that regex, which must finish well inside a generous guard (the regexes
 * took 3–6 s at 80 KB; the project keeps no timed performance targets, so the guard only
 * catches a return of the quadratic behaviour).
 */
const GUARD_MS = 5000;
const MB = 1024 * 1024;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function samples(tokens: string[], count: number, seed: number): string[] {
  const next = random(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let s = '';
    const length = Math.floor(next() * 9);
    for (let i = 0; i < length; i++) s += tokens[Math.floor(next() * tokens.length)]!;
    out.push(s);
  }
  return out;
}

function withinGuard(what: string, run: () => unknown): void {
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  assert.ok(ms < GUARD_MS, `${what} took ${Math.round(ms)} ms on 1 MB: backtracking is back`);
}

const cases: {
  name: string;
  scan: (text: string) => unknown;
  regex: (text: string) => unknown;
  tokens: string[];
  worst: string;
}[] = [
  {
    name: 'sectionName (a config dump section by @type)',
    scan: sectionName,
    regex: (u) => /(\w+ConfigDump(?:\.\w+)?)$/.exec(u)?.[1] ?? u.slice(u.lastIndexOf('/') + 1),
    tokens: ['a', '.', '/', 'ConfigDump', '_', 'type.googleapis.com/', 'Bootstrap', '-'],
    worst: `type.googleapis.com/${'a'.repeat(MB)}`,
  },
  {
    name: 'shortVirtualHost (virtual host names in the Routes table)',
    scan: shortVirtualHost,
    regex: (n) => n.replace(/\.svc\.[^:|]*(?=:\d+$|$)/, ''),
    tokens: ['a', '.svc.', 'x.svc.', ':', '1', '|', '-', 'cluster.local'],
    worst: `${'.svc.'.repeat(MB / 5)}:x`,
  },
  {
    name: 'templateShape (a uri_template for meshtop)',
    scan: templateShape,
    regex: (t) => t.replace(/\{[^}]*\}|\*\*?/g, 'x'),
    tokens: ['{', '}', '*', 'a', '/', '{v}', '**'],
    worst: '{'.repeat(MB),
  },
  {
    name: 'clusterDomain (the DNS domain from *.svc.<domain>)',
    scan: clusterDomain,
    regex: (h) => /\.svc\.(.+)$/.exec(h)?.[1],
    tokens: ['.svc.', 'a', '\n', '\u2028', 'x.', 'cluster.local', '\r'],
    worst: `${'.svc.'.repeat(MB / 5)}\n`,
  },
  {
    name: 'cliVersion (istioctl version in a bug report)',
    scan: cliVersion,
    regex: (t) => /CLI version:?\s*\n?[^\n]*?Version:"([^"]+)"/.exec(t)?.[1],
    tokens: ['CLI version', ':', ' ', '\n', 'Version:"', '"', 'x', '1.2', 'version.BuildInfo{'],
    worst: 'CLI version'.repeat(MB / 11),
  },
];

describe('regexes over input replaced by one-pass scans', () => {
  for (const c of cases) {
    it(`${c.name}: the same answer as the regex it replaced`, () => {
      for (const text of samples(c.tokens, 20000, 13)) assert.deepEqual(c.scan(text), c.regex(text), JSON.stringify(text));
    });
    it(`${c.name}: 1 MB of its regex's worst case finishes`, () => withinGuard(c.name, () => c.scan(c.worst)));
  }

  it('pemBlock: the first BEGIN closed by the first END after it, as Go pem.Decode reads a block', () => {
    const body = 'MIIB\nAAAA\n';
    assert.deepEqual(pemBlock(`junk\n-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n`), { type: 'CERTIFICATE', body });
    // A mismatched END skips that BEGIN (pem.Decode's decodeError), and the next block is read.
    const two = `-----BEGIN A-----\nx\n-----END B-----\n-----BEGIN B-----\n${body}-----END B-----\n`;
    assert.deepEqual(pemBlock(two), { type: 'B', body });
    assert.equal(pemBlock('-----BEGIN A-----\nno end'), undefined);
    assert.equal(pemBlock('-----BEGIN A-----no newline\n-----END A-----'), undefined);
  });

  it('pemBlock: agrees with the old lazy regex wherever a block holds no other END line', () => {
    const old = (p: string) => {
      const m = /-----BEGIN ([^-\r\n]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(p);
      return m ? { type: m[1]!, body: m[2]! } : undefined;
    };
    const tokens = ['-----BEGIN A-----\n', '-----BEGIN B-----\r\n', '-----END A-----', '-----END B-----', 'x', '\n', '-', '-----BEGIN '];
    let compared = 0;
    for (const text of samples(tokens, 20000, 7)) {
      const want = old(text);
      if (want?.body.includes('-----END ')) continue;
      assert.deepEqual(pemBlock(text), want, JSON.stringify(text));
      compared++;
    }
    assert.ok(compared > 10000, `only ${compared} samples compared`);
  });

  it('pemBlock: 1 MB of BEGIN lines without an END finishes', () => withinGuard('pemBlock', () => pemBlock('-----BEGIN A-----\n'.repeat(MB / 18))));
});
