import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeBase64, parseCertificate, spiffeTrustDomain, summarizePem } from '../src/core/report/istioctl/x509.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

/** A minimal DER writer for hand-made certificates. */
function tlv(tag: number, ...parts: (number[] | Uint8Array)[]): number[] {
  const body = parts.flatMap((p) => [...p]);
  const len = body.length;
  const header = len < 0x80 ? [len] : len < 0x100 ? [0x81, len] : [0x82, len >> 8, len & 0xff];
  return [tag, ...header, ...body];
}
const seq = (...parts: number[][]): number[] => tlv(0x30, ...parts);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

function certificate(opts: { serial: number[]; notBefore: number[]; notAfter: number[]; extensions?: number[][] }): Uint8Array {
  const tbs = seq(
    tlv(0xa0, tlv(0x02, [2])),
    tlv(0x02, opts.serial),
    seq(),
    seq(),
    seq(opts.notBefore, opts.notAfter),
    seq(),
    seq(),
    ...(opts.extensions ? [tlv(0xa3, seq(...opts.extensions))] : []),
  );
  return new Uint8Array(seq(tbs, seq(), tlv(0x03, [0])));
}

const utc = (s: string): number[] => tlv(0x17, ascii(s));
const generalized = (s: string): number[] => tlv(0x18, ascii(s));
const basicConstraints = (ca: boolean): number[] => seq(tlv(0x06, [0x55, 0x1d, 0x13]), tlv(0x01, [0xff]), tlv(0x04, seq(...(ca ? [tlv(0x01, [0xff])] : []))));
const subjectAltUri = (uri: string): number[] => seq(tlv(0x06, [0x55, 0x1d, 0x11]), tlv(0x04, seq(tlv(0x86, ascii(uri)))));

describe('X.509 reader for the secret table', () => {
  it('reads serial, validity, CA flag and SPIFFE ID', () => {
    const cert = parseCertificate(
      certificate({
        serial: [0x01, 0x93, 0xa5],
        notBefore: utc('230505034133Z'),
        notAfter: generalized('20330502034133Z'),
        extensions: [basicConstraints(true), subjectAltUri('spiffe://cluster.local/ns/default/sa/bookinfo')],
      }),
    );
    assert.equal(cert.serialNumber, '0193a5');
    assert.equal(cert.notBefore, '2023-05-05T03:41:33Z');
    assert.equal(cert.notAfter, '2033-05-02T03:41:33Z');
    assert.equal(cert.isCA, true);
    assert.equal(spiffeTrustDomain(cert), 'cluster.local');
  });

  it('drops the sign byte DER adds before a serial with its high bit set, as big.Int.Bytes()', () => {
    const cert = parseCertificate(certificate({ serial: [0x00, 0xcd, 0x49], notBefore: utc('240101000000Z'), notAfter: utc('250101000000Z') }));
    assert.equal(cert.serialNumber, 'cd49');
  });

  it('reads two-digit UTCTime years 50–99 as 19xx', () => {
    const cert = parseCertificate(certificate({ serial: [1], notBefore: utc('500101000000Z'), notAfter: utc('491231235959Z') }));
    assert.equal(cert.notBefore, '1950-01-01T00:00:00Z');
    assert.equal(cert.notAfter, '2049-12-31T23:59:59Z');
  });

  it('is not a CA without basicConstraints or with cA false', () => {
    const none = parseCertificate(certificate({ serial: [1], notBefore: utc('240101000000Z'), notAfter: utc('250101000000Z') }));
    const leaf = parseCertificate(
      certificate({ serial: [1], notBefore: utc('240101000000Z'), notAfter: utc('250101000000Z'), extensions: [basicConstraints(false)] }),
    );
    assert.equal(none.isCA, false);
    assert.equal(leaf.isCA, false);
    assert.equal(spiffeTrustDomain(leaf), undefined);
  });

  it('reads the certificates of the corpus secrets as istioctl shows them', { skip: needsConformance }, () => {
    const dump = readFileSync(conformance('istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/secret/spire/config_dump.json'), 'utf8');
    const bytes = [...dump.matchAll(/"inline_bytes": "(LS0t[^"]+)"/g)].map((m) => m[1]!);
    const certs = bytes.map((b) => summarizePem(new TextDecoder().decode(decodeBase64(b)))!);
    assert.deepEqual(
      certs.map((c) => [c.serialNumber, c.notAfter, c.isCA, c.uris.length > 0 ? spiffeTrustDomain(c) : '-']),
      [
        ['cd4902e499169b11ec171dad1668adbb', '2024-10-27T22:44:37Z', false, 'east.local'],
        ['529cbbaf623611d057b517d4ffe341e4e8035037', '2034-10-23T13:23:05Z', true, '-'],
        ['6726e5fad145f8ca9a711f0550297ced839ee37f', '2034-10-23T13:23:05Z', true, '-'],
      ],
    );
  });

  it('gives no summary for PEM without a readable certificate first', () => {
    assert.equal(summarizePem('not pem at all'), undefined);
    assert.equal(summarizePem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), undefined);
    assert.equal(summarizePem('-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n'), undefined);
  });

  it('decodes standard base64 with padding', () => {
    assert.deepEqual([...decodeBase64('W3JlZGFjdGVkXQ==')], [...new TextEncoder().encode('[redacted]')]);
    assert.throws(() => decodeBase64('not*base64'));
  });
});
