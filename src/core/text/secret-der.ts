import { hex, type Tlv, tryChildren, tryTlv } from './der.ts';

/**
 * Private key material in DER, recognised by its ASN.1 structure (read with the DER primitives
 * of `der.ts`; each check reads a bounded number of headers, so scanning every offset of a
 * buffer stays linear):
 *
 * - `rsa-private-key`: PKCS#1 RSAPrivateKey (RFC 8017 A.1.2): SEQUENCE { version INTEGER 0|1,
 *   modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient
 *   (all INTEGER), otherPrimeInfos OPTIONAL };
 * - `pkcs8-private-key`: PrivateKeyInfo (RFC 5208 §5) / OneAsymmetricKey (RFC 5958 §2): SEQUENCE
 *   { version INTEGER 0|1, privateKeyAlgorithm SEQUENCE { OID, … }, privateKey OCTET STRING,
 *   attributes [0] OPTIONAL, publicKey [1] OPTIONAL };
 * - `encrypted-private-key`: EncryptedPrivateKeyInfo (RFC 5208 §6, RFC 5958 §3): SEQUENCE {
 *   encryptionAlgorithm SEQUENCE { OID of PKCS#5 (1.2.840.113549.1.5.*) or PKCS#12 PBE
 *   (1.2.840.113549.1.12.1.*), … }, encryptedData OCTET STRING } — the OID is required because
 *   the shape alone is also PKCS#1's DigestInfo;
 * - `ec-private-key`: SEC1 ECPrivateKey (RFC 5915 §3): SEQUENCE { version INTEGER 1, privateKey
 *   OCTET STRING (16–72 bytes: P-192 … P-521), parameters [0] OPTIONAL, publicKey [1] OPTIONAL };
 *   inside a larger buffer one of the optional parts is required;
 * - `pkcs12`: PFX (RFC 7292 §4): SEQUENCE { version INTEGER 3, authSafe ContentInfo SEQUENCE {
 *   contentType OID data (1.2.840.113549.1.7.1) or signedData (…7.2), [0] … }, macData OPTIONAL };
 *   BER indefinite lengths are accepted here (X.690 §8.1.3.6), since some tools write PFX in BER.
 */
export type DerKeyKind = 'rsa-private-key' | 'pkcs8-private-key' | 'encrypted-private-key' | 'ec-private-key' | 'pkcs12';

const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const OID = 0x06;
const SEQUENCE = 0x30;
const PBE_OIDS = ['2a864886f70d0105', '2a864886f70d010c01'];
const PKCS7_CONTENT = new Set(['2a864886f70d010701', '2a864886f70d010702']);

/** The value of a small non-negative INTEGER (one content byte), else -1. */
function smallInt(der: Uint8Array, tlv: Tlv | undefined): number {
  return tlv?.tag === INTEGER && tlv.end - tlv.start === 1 ? der[tlv.start]! : -1;
}

function firstOid(der: Uint8Array, seq: Tlv | undefined): string | undefined {
  if (seq?.tag !== SEQUENCE || seq.start >= seq.end) return undefined;
  const oid = tryTlv(der, seq.start, seq.end);
  return oid?.tag === OID ? hex(der, oid.start, oid.end) : undefined;
}

function isPkcs12(der: Uint8Array, outer: Tlv, version: Tlv): boolean {
  if (smallInt(der, version) !== 3 || version.end >= outer.end) return false;
  const authSafe = tryTlv(der, version.end, outer.end, true);
  const oid = firstOid(der, authSafe);
  return oid !== undefined && PKCS7_CONTENT.has(oid);
}

function classify(der: Uint8Array, at: number, whole: boolean): DerKeyKind | undefined {
  const outer = tryTlv(der, at, der.length, true);
  if (outer?.tag !== SEQUENCE || outer.start >= outer.end) return undefined;
  const version = tryTlv(der, outer.start, outer.end, true);
  if (version?.tag === INTEGER && isPkcs12(der, outer, version)) return 'pkcs12';
  if (der[at + 1] === 0x80) return undefined; // only a PFX may be BER
  const kids = tryChildren(der, outer, 10);
  if (!kids) return undefined;
  const v = smallInt(der, kids[0]);
  if ((v === 0 || v === 1) && kids.length >= 9 && kids.slice(0, 9).every((k) => k.tag === INTEGER) && kids[1]!.end - kids[1]!.start >= 32) {
    return 'rsa-private-key';
  }
  if ((v === 0 || v === 1) && kids.length >= 3 && firstOid(der, kids[1]) !== undefined && kids[2]!.tag === OCTET_STRING) {
    if (kids.slice(3).every((k) => k.tag === 0xa0 || k.tag === 0x81 || k.tag === 0xa1)) return 'pkcs8-private-key';
  }
  if (v === 1 && kids.length >= 2 && kids.length <= 4 && kids[1]!.tag === OCTET_STRING) {
    const size = kids[1]!.end - kids[1]!.start;
    const rest = kids.slice(2).map((k) => k.tag);
    const ordered = rest.length === 0 || (rest.length === 1 && (rest[0] === 0xa0 || rest[0] === 0xa1)) || (rest[0] === 0xa0 && rest[1] === 0xa1);
    if (size >= 16 && size <= 72 && ordered && (whole || rest.length > 0)) return 'ec-private-key';
  }
  if (kids.length === 2 && kids[1]!.tag === OCTET_STRING) {
    const oid = firstOid(der, kids[0]);
    if (oid !== undefined && PBE_OIDS.some((p) => oid.startsWith(p))) return 'encrypted-private-key';
  }
  return undefined;
}

/** The kind of private key whose DER starts at `at`, or undefined. */
export function derKeyAt(der: Uint8Array, at: number, whole = false): DerKeyKind | undefined {
  return der[at] === SEQUENCE ? classify(der, at, whole) : undefined;
}

/** The first private key found at any offset of `bytes` (a key embedded in a larger blob counts). */
export function findDerKey(bytes: Uint8Array): DerKeyKind | undefined {
  for (let at = bytes.indexOf(SEQUENCE); at >= 0 && at + 2 <= bytes.length; at = bytes.indexOf(SEQUENCE, at + 1)) {
    const kind = derKeyAt(bytes, at, at === 0);
    if (kind) return kind;
  }
  return undefined;
}
