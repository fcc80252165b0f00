import { decodeBase64 } from '../../text/base64.ts';
import { children, hex, readTlv, type Tlv } from '../../text/der.ts';

/**
 * A small, pure reader for the X.509 certificates Envoy reports in its SDS secrets
 * (`tls_certificate.certificate_chain.inline_bytes`, `validation_context.trusted_ca.inline_bytes`,
 * SPIFFE trust bundles). It reads only what `istioctl proxy-config secret` shows: serial number,
 * validity, whether the certificate is a CA (basicConstraints) and its URI SANs (the SPIFFE ID,
 * whose host is the trust domain). Nothing is verified; this is not a TLS implementation.
 */
export interface CertificateSummary {
  /** Hex of the serial number's magnitude bytes, as Go's `fmt.Sprintf("%x", serial.Bytes())`. */
  serialNumber: string;
  /** RFC 3339 in UTC, seconds precision: `2033-05-02T03:41:33Z`. */
  notBefore: string;
  notAfter: string;
  notBeforeMs: number;
  notAfterMs: number;
  isCA: boolean;
  uris: string[];
}

export { decodeBase64 } from '../../text/base64.ts';

/**
 * The first `-----BEGIN T-----` line whose block is closed by `-----END T-----`, found by hand in
 * one pass. As Go's pem.Decode, the block ends at the first END line after it (a mismatched END
 * skips the BEGIN); the old lazy regex rescanned the rest of the text from every BEGIN.
 */
export function pemBlock(pem: string): { type: string; body: string } | undefined {
  let end = -1;
  for (let at = pem.indexOf('-----BEGIN '); at !== -1; at = pem.indexOf('-----BEGIN ', at + 1)) {
    let i = at + 11;
    while (i < pem.length && pem[i] !== '-' && pem[i] !== '\r' && pem[i] !== '\n') i++;
    const type = pem.slice(at + 11, i);
    if (!pem.startsWith('-----', i)) continue;
    i += 5;
    if (pem[i] === '\r') i++;
    if (pem[i] !== '\n') continue;
    const bodyStart = i + 1;
    if (end < bodyStart) end = pem.indexOf('-----END ', bodyStart);
    if (end === -1) return undefined;
    if (pem.startsWith(`${type}-----`, end + 9)) return { type, body: pem.slice(bodyStart, end) };
  }
  return undefined;
}

/** The DER bytes of the first PEM block, as Go's `pem.Decode` (any block type), or undefined. */
function firstPemBlock(pem: string): { type: string; der: Uint8Array } | undefined {
  const m = pemBlock(pem);
  if (!m) return undefined;
  const body = m.body
    .split(/\r?\n/)
    .filter((line) => !line.includes(':'))
    .join('');
  try {
    return { type: m.type, der: decodeBase64(body) };
  } catch {
    return undefined;
  }
}

function ascii(der: Uint8Array, tlv: Tlv): string {
  let s = '';
  for (let i = tlv.start; i < tlv.end; i++) s += String.fromCharCode(der[i]!);
  return s;
}

/** UTCTime (YYMMDDHHMMSSZ, 50–99 → 19xx) or GeneralizedTime (YYYYMMDDHHMMSSZ) → epoch ms. */
function parseTime(der: Uint8Array, tlv: Tlv): number {
  const text = ascii(der, tlv);
  const m = tlv.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new Error(`unsupported certificate time ${text}`);
  let year = Number(m[1]);
  if (tlv.tag === 0x17) year += year >= 50 ? 1900 : 2000;
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** `2006-01-02T15:04:05Z` from epoch ms (whole seconds). */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const OID_BASIC_CONSTRAINTS = '551d13';
const OID_SUBJECT_ALT_NAME = '551d11';

function readExtensions(der: Uint8Array, extensions: Tlv, summary: { isCA: boolean; uris: string[] }): void {
  for (const ext of children(der, extensions)) {
    const parts = children(der, ext);
    const oid = hex(der, parts[0]!.start, parts[0]!.end);
    const value = parts[parts.length - 1]!;
    if (value.tag !== 0x04) continue;
    const inner = readTlv(der, value.start, value.end);
    if (oid === OID_BASIC_CONSTRAINTS) {
      const first = children(der, inner)[0];
      summary.isCA = first !== undefined && first.tag === 0x01 && der[first.start] !== 0;
    } else if (oid === OID_SUBJECT_ALT_NAME) {
      for (const name of children(der, inner)) if (name.tag === 0x86) summary.uris.push(ascii(der, name));
    }
  }
}

/** Reads a DER-encoded X.509 certificate; throws on malformed input. */
export function parseCertificate(der: Uint8Array): CertificateSummary {
  const cert = readTlv(der, 0, der.length);
  const tbs = children(der, cert)[0];
  if (tbs?.tag !== 0x30) throw new Error('not a certificate');
  const fields = children(der, tbs);
  let i = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = fields[i++]!;
  if (serial.tag !== 0x02) throw new Error('missing serial number');
  let from = serial.start;
  while (from < serial.end && der[from] === 0) from++;
  i += 2; // signature algorithm, issuer
  const validity = children(der, fields[i++]!);
  const notBeforeMs = parseTime(der, validity[0]!);
  const notAfterMs = parseTime(der, validity[1]!);
  const summary = { isCA: false, uris: [] as string[] };
  for (const field of fields.slice(i)) {
    if (field.tag === 0xa3) readExtensions(der, readTlv(der, field.start, field.end), summary);
  }
  return {
    serialNumber: hex(der, from, serial.end),
    notBefore: rfc3339(notBeforeMs),
    notAfter: rfc3339(notAfterMs),
    notBeforeMs,
    notAfterMs,
    ...summary,
  };
}

/** The first certificate of PEM text, or undefined when there is none or it cannot be read (istioctl: no metadata). */
export function summarizePem(pem: string): CertificateSummary | undefined {
  const block = firstPemBlock(pem);
  if (!block) return undefined;
  try {
    return parseCertificate(block.der);
  } catch {
    return undefined;
  }
}

/** The SPIFFE trust domain of a certificate: the host of its first `spiffe://` URI SAN. */
export function spiffeTrustDomain(cert: CertificateSummary): string | undefined {
  for (const uri of cert.uris) {
    const m = /^spiffe:\/\/([^/]+)/i.exec(uri);
    if (m) return m[1];
  }
  return undefined;
}
