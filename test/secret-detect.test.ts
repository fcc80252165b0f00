import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Json } from '../src/core/envoy/json.ts';
import { redactContent } from '../src/core/envoy/redact-content.ts';
import { findDerKey } from '../src/core/text/secret-der.ts';
import { detectSecret } from '../src/core/text/secret-text.ts';
import { makeSecrets } from './helpers/planted-secrets.ts';

/**
 * The content detector (core/text/secret-text.ts, secret-der.ts) on keys and tokens node:crypto
 * makes, on their public halves and other look-alikes, and on inputs built to make a
 * backtracking scanner slow.
 */
const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');

describe('detectSecret finds each kind of secret', () => {
  for (const s of makeSecrets()) {
    it(`${s.name} → ${s.kind}`, () => {
      assert.equal(detectSecret(s.value), s.kind);
      // Inside other text, in a JSON string, and after a prefix that shifts the base64 alignment.
      assert.equal(detectSecret(`note: ${s.value} (rotated)`), s.kind);
      assert.equal(detectSecret(JSON.stringify({ wrapped: s.value })), s.kind);
      if (/^[A-Za-z0-9+/=\n_-]+$/.test(s.value)) for (const prefix of ['a', 'ab', 'abc']) assert.equal(detectSecret(prefix + s.value), s.kind, prefix);
    });
  }

  it('a JWT wherever dots sit around it (the scan jumps from dot to dot)', () => {
    const token = makeSecrets().find((s) => s.name === 'jwt')!.value;
    for (const text of [`..${token}`, `outbound|8080||svc-0.ns-0.svc.cluster.local|${token}`, `${token}...`, `a.b c.d ${token} e.f`, `x|${token}|y.z`]) {
      assert.equal(detectSecret(text), 'jwt', text.slice(0, 40));
    }
    for (const text of ['outbound|8080||svc-0.ns-0.svc.cluster.local', '..........................', 'a.b.c d.e.f g.h.i j.k.l m.n.o']) {
      assert.equal(detectSecret(text), undefined, text);
    }
  });

  it('PEM of any private kind, BEGIN or END line alone (RFC 7468 labels, OpenSSL and OpenSSH ones)', () => {
    for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'OPENSSH PRIVATE KEY']) {
      assert.equal(detectSecret(`-----BEGIN ${label}-----\nMIIBOgIBAAJBAK`), 'private-key', label);
      assert.equal(detectSecret(`AAAAAAAAAAAA\n-----END ${label}-----\n`), 'private-key', label);
    }
    assert.equal(detectSecret('-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: x\n\nlQOYBF'), 'pgp-private-key');
  });

  it('a JWK private key of each type (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037)', () => {
    const ed = generateKeyPairSync('ed25519');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    for (const key of [ed.privateKey, ec.privateKey]) assert.equal(detectSecret(JSON.stringify(key.export({ format: 'jwk' }))), 'jwk-private-key');
    assert.equal(detectSecret('{"kty": "oct", "k" : "GawgguFyGrWKav7AX4VKUg"}'), 'jwk-private-key');
    const obj = { keys: [{ kty: 'oct', k: 'GawgguFyGrWKav7AX4VKUg', kid: 'hmac' }] };
    const found = redactContent(obj);
    assert.deepEqual(found, [{ kind: 'jwk-private-key', path: '.keys[0].k' }]);
    assert.equal(obj.keys[0]!.k, '[redacted: jwk-private-key]');
    assert.equal(obj.keys[0]!.kid, 'hmac');
  });

  it('a PKCS#12 PFX written in BER with indefinite lengths (X.690 §8.1.3.6), as some tools do', () => {
    const der = Buffer.from(makeSecrets().find((s) => s.name === 'pfx')!.value, 'base64');
    const header = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2;
    const ber = Buffer.concat([Buffer.from([0x30, 0x80]), der.subarray(header), Buffer.from([0, 0])]);
    assert.equal(detectSecret(b64(ber)), 'pkcs12');
  });

  it('headers named authorization or proxy-authorization lose their value whatever it is (HeaderValue key/value, raw_value)', () => {
    const doc = {
      request_headers_to_add: [{ header: { key: 'Proxy-Authorization', raw_value: b64('Basic dXNlcjpwdw==') } }, { header: { key: 'x-trace', value: 'abc' } }],
      metadata: { authorization: 'Digest abc', note: 'authorization is checked upstream' },
    };
    assert.deepEqual(redactContent(doc as unknown as Json), [
      { kind: 'authorization-header', path: '.metadata.authorization' },
      { kind: 'authorization-header', path: '.request_headers_to_add[0].header.raw_value' },
    ]);
    assert.equal(doc.request_headers_to_add[1]!.header.value, 'abc');
    assert.equal(doc.metadata.note, 'authorization is checked upstream');
  });

  it('records paths in jq syntax, quoting keys that are not identifiers', () => {
    const token = makeSecrets().find((s) => s.name === 'jwt')!.value;
    assert.deepEqual(redactContent({ 'x.y': [{ 'a b': token }] }, '.root'), [{ kind: 'jwt', path: '.root["x.y"][0]["a b"]' }]);
  });

  it('renames a key that is itself a secret, so no path carries one', () => {
    const token = makeSecrets().find((s) => s.name === 'jwt')!.value;
    const doc: Json = { sessions: { [token]: { user: 'a' } } };
    assert.deepEqual(redactContent(doc), [{ kind: 'jwt', path: '.sessions["[redacted: jwt]"]' }]);
    assert.ok(!JSON.stringify(doc).includes(token));
  });

  it('base64 of an Ed25519 PKCS#8 key (48 bytes, the smallest)', () => {
    const ed = generateKeyPairSync('ed25519');
    assert.equal(detectSecret(b64(ed.privateKey.export({ type: 'pkcs8', format: 'der' }))), 'pkcs8-private-key');
  });
});

describe('detectSecret leaves public material and ordinary text alone', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const cases: [string, string][] = [
    ['an SPKI RSA public key (base64 DER)', b64(rsa.publicKey.export({ type: 'spki', format: 'der' }))],
    ['a PKCS#1 RSA public key (base64 DER)', b64(rsa.publicKey.export({ type: 'pkcs1', format: 'der' }))],
    ['an EC public key in PEM', rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string],
    ['a public JWK', JSON.stringify(ec.publicKey.export({ format: 'jwk' }))],
    ['a public JWKS as jwt_authn holds it', JSON.stringify({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'a', alg: 'RS256' }] })],
    ['a cluster name', 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local'],
    ['an FQDN with five labels', 'productpage-v1-7d6cfb7dfd.bookinfo.svc.cluster.local'],
    ['jwt_authn value_prefix', 'Bearer '],
    ['a WWW-Authenticate challenge', 'Bearer realm="example", error="invalid_token"'],
    ['random base64', b64(Buffer.alloc(600, 7))],
    [
      'a base64 protobuf Struct (metadata exchange)',
      b64(Buffer.from('\n\x1c\n\x0cINSTANCE_IPS\x12\x0c\x1a\n10.0.2.116\n\x12\n\x04NAME\x12\n\x1a\x08sleep-v1'.repeat(8), 'latin1')),
    ],
  ];
  for (const [what, text] of cases) it(what, () => assert.equal(detectSecret(text), undefined));

  it('a self-built certificate-shaped DER (SEQUENCE { SEQUENCE { [0] { INTEGER 2 }, INTEGER serial } }) is no key', () => {
    const tbs = Buffer.from('3082010a3082010602010030', 'hex');
    assert.equal(findDerKey(tbs), undefined);
  });
});

describe('detectSecret is linear on hostile input', () => {
  const size = 400_000;
  const inputs: [string, string][] = [
    ['a long base64 run of "MII"', 'MII'.repeat(size / 3)],
    ['many dots between base64url words', 'eyJhbGciOi.'.repeat(size / 11)],
    ['"Bearer" again and again', 'Bearer Bearer '.repeat(size / 14)],
    ['"PRIVATE KEY" without a BEGIN line', ' PRIVATE KEY-----'.repeat(size / 17)],
    ['"kty" with "d" and no colon', '"kty""d""p""q"'.repeat(size / 14)],
    ['DER SEQUENCE headers at every offset', b64(Buffer.alloc(size, 0x30))],
    ['base64 lines', `${'QUFB'.repeat(16)}\n`.repeat(size / 65)],
    ['a JWT-shaped start before a dotless run', `eyJ${'A'.repeat(size)}`],
    ['JWT-shaped starts after every separator', '|eyJhbGciOiJI'.repeat(size / 13)],
  ];
  for (const [what, text] of inputs) {
    it(what, () => {
      const small = text.slice(0, text.length / 8);
      const t0 = performance.now();
      detectSecret(small);
      const t1 = performance.now();
      detectSecret(text);
      const t2 = performance.now();
      // 8× the input: well under 8² = 64× the time (a quadratic scan), with room for noise.
      assert.ok(t2 - t1 < Math.max(30 * (t1 - t0), 250), `${what}: ${Math.round(t1 - t0)} ms → ${Math.round(t2 - t1)} ms`);
    });
  }
});
