import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Json } from '../src/core/envoy/json.ts';
import { redactContent } from '../src/core/envoy/redact-content.ts';
import { detectSecret } from '../src/core/text/secret-text.ts';
import { corpusFiles } from './helpers/corpus-files.ts';
import { conformance, haveConformance } from './helpers/paths.ts';

/**
 * False positives of the content redactor, measured on real data: every string of every config
 * dump in ../shared/conformance (istio-real: dumps from Istio's and Kiali's testdata and user
 * reports; istioctl-configdump: istioctl's testdata) — SDS certificate chains and root CAs,
 * `x-envoy-peer-metadata` protobuf blobs, Wasm and Lua configs. None is a private key or token.
 * The analyzer inputs (istio-analyze) hold Kubernetes TLS Secrets with real test keys
 * (pkg/config/analysis/analyzers/testdata/gateway-secrets*.yaml): there the detector must fire,
 * and only on the `tls.key` values.
 */
const files = corpusFiles;

function documents(file: string): Json[] {
  const text = readFileSync(file, 'utf8');
  try {
    return [JSON.parse(text) as Json];
  } catch {
    try {
      return parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: -1 }) as Json);
    } catch {
      return [];
    }
  }
}

/** Every string with the key it sits under. */
function* strings(doc: Json): Generator<[string, string]> {
  const stack: [Json, string][] = [[doc, '']];
  while (stack.length > 0) {
    const [value, key] = stack.pop()!;
    if (typeof value === 'string') yield [value, key];
    else if (Array.isArray(value)) for (const item of value) stack.push([item, key]);
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) stack.push([v, k]);
  }
}

const CERT_PEM_BASE64 = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t';

describe('no false positive on the real dumps', () => {
  it('finds no secret in any string of istio-real and istioctl-configdump, certificates and protobuf blobs included', (t) => {
    if (!haveConformance) return t.skip('redaction false positives: ../shared/conformance absent');
    const counts = { files: 0, documents: 0, strings: 0, certificates: 0, base64Blobs: 0, redactions: 0 };
    // base64Blobs: other strings with a run of 60 base64 letters (decoded at 4 alignments and scanned).
    const found: string[] = [];
    for (const dir of ['istio-real', 'istioctl-configdump']) {
      for (const file of files(conformance(dir))) {
        counts.files++;
        for (const doc of documents(file)) {
          counts.documents++;
          for (const [value] of strings(doc)) {
            counts.strings++;
            if (value.includes('BEGIN CERTIFICATE') || value.startsWith(CERT_PEM_BASE64)) counts.certificates++;
            else if (/[A-Za-z0-9+/_-]{60}/.test(value)) counts.base64Blobs++;
            const kind = detectSecret(value);
            if (kind) found.push(`${path.basename(file)}: ${kind} in ${value.slice(0, 60)}`);
          }
          // The whole walk too: header names, JWK objects.
          counts.redactions += redactContent(doc).length;
        }
      }
    }
    t.diagnostic(JSON.stringify(counts));
    assert.deepEqual(found, []);
    assert.equal(counts.redactions, 0);
    assert.ok(counts.files >= 50 && counts.strings >= 50_000, JSON.stringify(counts));
    assert.ok(counts.certificates >= 10, `certificates scanned: ${counts.certificates}`);
    assert.ok(counts.base64Blobs >= 100, `base64 blobs scanned: ${counts.base64Blobs}`);
  });

  it("fires on the test keys of Istio's analyzer inputs, and only on tls.key", (t) => {
    if (!haveConformance) return t.skip('redaction true positives: ../shared/conformance absent');
    const hits: string[] = [];
    for (const file of files(conformance('istio-analyze'))) {
      for (const doc of documents(file)) for (const [value, key] of strings(doc)) if (detectSecret(value)) hits.push(`${key} ${detectSecret(value)}`);
    }
    assert.ok(hits.length >= 2, `${hits.length} keys found`);
    assert.deepEqual([...new Set(hits)], ['tls.key private-key']);
  });
});
