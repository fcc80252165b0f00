import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAccessLogLine } from '../src/core/accesslog/access-log.ts';
import { InputError, SourceError, UsageError } from '../src/core/errors.ts';
import { parseConcatenatedJson } from '../src/core/istio/concatenated-json.ts';
import { parseDocument } from '../src/core/routecheck/document.ts';
import { SchemaError } from '../src/core/routecheck/strict-fields.ts';
import { jsonOutput } from '../src/sources/istioctl/output.ts';
import { currentKubeContext } from '../src/sources/kube-context.ts';

/**
 * Issue 13 part 5: the other parsers of input JSON (istioctl's output, proxy-status documents,
 * access log lines, route-check text proto) draw the same 100-level line as parseJsonDocument
 * (protobuf's `ParseOptions::kDefaultDepth`, see core/envoy/json-depth.ts).
 */
const arrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-parsers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('every JSON parser of input stops past 100 levels', () => {
  it('istioctl -o json output: a source error naming the command and the path', () => {
    assert.doesNotThrow(() => jsonOutput('istioctl x', `{"a":${arrays(99)}}`));
    assert.throws(
      () => jsonOutput('istioctl proxy-config all p.ns -o json', `{"a":${arrays(2000)}}`),
      (e: unknown) =>
        e instanceof SourceError && /^istioctl proxy-config all p\.ns -o json printed JSON nested deeper than 100 levels at \$\.a\[0\]/.test(e.message),
    );
  });

  it('proxy-status documents written back to back: the document is named', () => {
    assert.equal(parseConcatenatedJson('ps.json', `{}${arrays(100)}`).length, 2);
    assert.throws(
      () => parseConcatenatedJson('ps.json', `{}${arrays(101)}`),
      (e: unknown) => e instanceof InputError && /ps\.json \(document 2\): is nested deeper than 100/.test(e.message),
    );
  });

  it('an access log line in JSON', () => {
    assert.throws(
      () => parseAccessLogLine(`{"a":${arrays(5000)}}`),
      (e: unknown) => e instanceof UsageError && /--log: the JSON line is nested deeper than 100 levels/.test(e.message),
    );
  });

  it('route-check: text proto, JSON and YAML test files', () => {
    const proto = `${'a {'.repeat(150)}${'}'.repeat(150)}`;
    assert.throws(
      () => parseDocument(proto, 't.textproto', 'tests'),
      (e: unknown) => e instanceof SchemaError && /messages nested deeper than 100 levels/.test(e.message),
    );
    assert.throws(() => parseDocument(`{"tests": ${arrays(100000)}}`, 't.json', 'tests'), /Unable to parse JSON: nested deeper than 100 levels/);
    let yaml = '';
    for (let i = 0; i < 150; i++) yaml += `${' '.repeat(i)}a:\n`;
    assert.throws(() => parseDocument(yaml, 't.yaml', 'tests'), /Unable to parse YAML: nested deeper than 100 levels/);
    assert.doesNotThrow(() => parseDocument(`tests: ${arrays(50)}\n`, 't.yaml', 'tests'));
  });

  it('a kubeconfig nested past the limit is skipped for the next one, not parsed', async () => {
    const deep = path.join(dir, 'deep');
    writeFileSync(deep, `current-context: bad\nx: ${arrays(5000)}\n`);
    const good = path.join(dir, 'good');
    writeFileSync(good, 'current-context: prod\n');
    assert.equal(await currentKubeContext({ env: { KUBECONFIG: `${deep}${path.delimiter}${good}` }, cwd: dir }), 'prod');
  });
});
