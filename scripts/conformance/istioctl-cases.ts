/**
 * Every golden of ../shared/conformance/istioctl-configdump (see its README's table) as a
 * meshscope command line and the file its stdout must equal byte for byte. Shared by the
 * conformance suite (scripts/conformance/istioctl-tables.ts) and test/istioctl-tables.test.ts.
 *
 * The secret goldens' VALID CERT column depends on the day: it is `true` only for certificates
 * valid now. MESHSCOPE_NOW pins "now" to 2026-08-22T00:00:00Z, the date of the istio/istio
 * snapshot the goldens were copied from. Every expected value holds at that instant: the
 * workload certificates expired (2023-05-16, 2024-10-27), the roots are still valid (until
 * 2033-05-02 and 2034-10-23); any instant between 2024-10-27T22:44:37Z and 2033-05-02T03:41:33Z
 * would do.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.ts';

export const PINNED_NOW = '2026-08-22T00:00:00Z';

export interface GoldenCase {
  name: string;
  /** argv after `meshscope`; `{T}` is writer/envoy/configdump/testdata, `{P}` proxyconfig/testdata. */
  argv: string[];
  golden: string;
}

const T = '{T}';
const P = '{P}';

export const GOLDEN_CASES: GoldenCase[] = [
  { name: 'routes empty-gateway', argv: ['routes', '--file', `${T}/routes/empty-gateway/configdump.json`], golden: `${T}/routes/empty-gateway/output.txt` },
  {
    name: 'routes istio-gateway-http-route-prefix',
    argv: ['proxy-config', 'routes', '-f', `${T}/routes/istio-gateway-http-route-prefix/configdump.json`],
    golden: `${T}/routes/istio-gateway-http-route-prefix/output.txt`,
  },
  {
    name: 'routes k8s-gateway-http-route-path-prefix',
    argv: ['pc', 'route', '--file', `${T}/routes/k8s-gateway-http-route-path-prefix/configdump.json`],
    golden: `${T}/routes/k8s-gateway-http-route-path-prefix/output.txt`,
  },
  { name: 'eds (no filter)', argv: ['proxy-config', 'eds', '--file', `${T}/endpoint/configdump.json`], golden: `${T}/endpoint/emptyfilter_output.txt` },
  { name: 'eds --port 8080', argv: ['pc', 'eds', '--file', `${T}/endpoint/configdump.json`, '--port', '8080'], golden: `${T}/endpoint/portfilter_output.txt` },
  { name: 'eds -o json', argv: ['pc', 'eds', '--file', `${T}/endpoint/configdump.json`, '-o', 'json'], golden: `${T}/endpoint/emptyfilter_output.json` },
  { name: 'eds -o yaml', argv: ['pc', 'eds', '--file', `${T}/endpoint/configdump.json`, '-o', 'yaml'], golden: `${T}/endpoint/emptyfilter_output.yaml` },
  {
    name: 'eds --port 8080 -o json',
    argv: ['pc', 'eds', '-f', `${T}/endpoint/configdump.json`, '--port=8080', '-o', 'json'],
    golden: `${T}/endpoint/portfilter_output.json`,
  },
  {
    name: 'eds --port 8080 -o yaml',
    argv: ['pc', 'eds', '-f', `${T}/endpoint/configdump.json`, '--port', '8080', '--output=yaml'],
    golden: `${T}/endpoint/portfilter_output.yaml`,
  },
  {
    name: 'endpoints without /clusters data is the EDS table',
    argv: ['endpoints', '--file', `${T}/endpoint/configdump.json`],
    golden: `${T}/endpoint/emptyfilter_output.txt`,
  },
  { name: 'ecds', argv: ['pc', 'ecds', '--file', `${T}/ecds/configdump.json`], golden: `${T}/ecds/output.txt` },
  { name: 'ecds -o json', argv: ['pc', 'ecds', '--file', `${T}/ecds/configdump.json`, '-o', 'json'], golden: `${T}/ecds/output.json` },
  { name: 'ecds -o yaml', argv: ['pc', 'ecds', '--file', `${T}/ecds/configdump.json`, '-o', 'yaml'], golden: `${T}/ecds/output.yaml` },
  { name: 'secret istio', argv: ['proxy-config', 'secret', '--file', `${T}/secret/istio/config_dump.json`], golden: `${T}/secret/istio/output` },
  { name: 'secret spire', argv: ['pc', 'secrets', '--file', `${T}/secret/spire/config_dump.json`], golden: `${T}/secret/spire/output` },
  { name: 'bootstrap -o short', argv: ['pc', 'bootstrap', '--file', `${T}/configdump.json`, '-o', 'short'], golden: `${T}/versionsummary.txt` },
  { name: 'bootstrap (json)', argv: ['proxy-config', 'bootstrap', '--file', `${T}/configdump.json`], golden: `${T}/bootstrapdump.json` },
  { name: 'all', argv: ['proxy-config', 'all', '-f', `${P}/config_dump.json`], golden: `${P}/config_dump_summary.txt` },
  { name: 'all --with-headers', argv: ['pc', 'all', '-f', `${P}/config_dump.json`, '--with-headers'], golden: `${P}/config_dump_summary_withheaders.txt` },
];

function resolve(text: string, corpus: string): string {
  const base = path.join(corpus, 'istioctl-configdump', 'istioctl', 'pkg');
  return text.replace('{T}', path.join(base, 'writer', 'envoy', 'configdump', 'testdata')).replace('{P}', path.join(base, 'proxyconfig', 'testdata'));
}

/** Runs `meshscope ...argv` in-process with captured streams. */
export async function runMeshscope(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const env = { NO_COLOR: '1', MESHSCOPE_NOW: PINNED_NOW };
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr, env, cwd });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Output and golden for one case, paths resolved against the corpus directory. */
export async function runGoldenCase(c: GoldenCase, corpus: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string; expected: string }> {
  const result = await runMeshscope(
    c.argv.map((a) => resolve(a, corpus)),
    cwd,
  );
  return { ...result, expected: await readFile(resolve(c.golden, corpus), 'utf8') };
}

const visible = (line: string): string => line.replace(/ +$/, (spaces) => '·'.repeat(spaces.length));

/** A unified-style line diff (LCS), trailing spaces shown as `·`; '' when equal. */
export function lineDiff(expected: string, actual: string, context = 2): string {
  if (expected === actual) return '';
  const a = expected.split('\n');
  const b = actual.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: [' ' | '-' | '+', string][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push([' ', a[i++]!]);
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push(['+', b[j++]!]);
    else ops.push(['-', a[i++]!]);
  }
  const keep = ops.map((op, k) => op[0] !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o[0] !== ' '));
  const lines = ['--- golden', '+++ meshscope'];
  ops.forEach((op, k) => {
    if (keep[k]) lines.push(`${op[0]}${visible(op[1])}`);
    else if (keep[k - 1]) lines.push('@@');
  });
  const limit = 80;
  return (lines.length > limit ? [...lines.slice(0, limit), `... ${lines.length - limit} more diff lines`] : lines).join('\n');
}
