import { asArray, asObject, asString, isObject, type JsonObject } from '../../envoy/json.ts';
import type { Secret } from '../../envoy/types.ts';
import { cells, tabulate } from '../tabwriter.ts';
import { decodeBase64, spiffeTrustDomain, summarizePem } from './x509.ts';

/**
 * `istioctl proxy-config secret`: the SDS secrets (warming, then active) with what their first
 * certificate says. A SPIFFE validation context (SPIRE federation) gives one row per trust
 * domain bundle; the TRUST DOMAIN column appears when every row has one.
 */
export interface SecretRow {
  name: string;
  type: string;
  status: string;
  valid: boolean;
  serialNumber: string;
  notAfter: string;
  notBefore: string;
  trustDomain: string;
}

function inlineBytes(source: unknown): string {
  return asString(asObject(source)?.inline_bytes) ?? '';
}

function pemOf(base64: string): string {
  try {
    return new TextDecoder().decode(decodeBase64(base64));
  } catch {
    return '';
  }
}

function row(name: string, status: string, data: string, nowMs: number, trustDomain?: string): SecretRow {
  const out: SecretRow = { name, type: '', status, valid: false, serialNumber: '', notAfter: '', notBefore: '', trustDomain: trustDomain ?? '' };
  const cert = data === '' ? undefined : summarizePem(pemOf(data));
  if (!cert) return out;
  out.type = cert.isCA ? 'CA' : 'Cert Chain';
  out.serialNumber = cert.serialNumber;
  out.notAfter = cert.notAfter;
  out.notBefore = cert.notBefore;
  out.valid = nowMs > cert.notBeforeMs && nowMs < cert.notAfterMs;
  if (trustDomain === undefined) out.trustDomain = spiffeTrustDomain(cert) ?? '';
  return out;
}

/** The rows for one dynamic secret (`raw` is the envoy.extensions.transport_sockets.tls.v3.Secret). */
function secretRows(secret: Secret, nowMs: number): SecretRow[] {
  const status = secret.state === 'warming' ? 'WARMING' : secret.versionInfo === 'uninitialized' ? 'UNINITIALIZED' : 'ACTIVE';
  const chain = inlineBytes(asObject(secret.raw.tls_certificate)?.certificate_chain);
  if (chain !== '') return [row(secret.name, status, chain, nowMs)];
  const validation = asObject(secret.raw.validation_context);
  const ca = inlineBytes(validation?.trusted_ca);
  if (ca !== '') return [row(secret.name, status, ca, nowMs)];
  const domains = asArray(asObject(asObject(validation?.custom_validator_config)?.typed_config)?.trust_domains).filter(isObject);
  if (domains.length > 0) return domains.map((d: JsonObject) => row(secret.name, status, inlineBytes(d.trust_bundle), nowMs, asString(d.name) ?? ''));
  return [row(secret.name, status, '', nowMs)];
}

/** Dynamic secrets only (warming first, as the loader orders them), as istioctl lists them. */
function dynamicSecrets(secrets: readonly Secret[]): Secret[] {
  return secrets.filter((s) => s.state === 'warming' || s.state === 'active');
}

/** The table; `nowMs` decides VALID CERT (never read from the clock here). */
export function renderSecrets(secrets: readonly Secret[], nowMs: number, withType = false, removedAtCapture = false): string {
  const dynamic = dynamicSecrets(secrets);
  if (dynamic.length === 0) return 'No active or warming secrets found.\n';
  const rows = dynamic.flatMap((s) => secretRows(s, nowMs));
  const withTrustDomain = rows.every((r) => r.trustDomain !== '');
  const header = ['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE'];
  if (withTrustDomain) header.push('TRUST DOMAIN');
  const lines = [header.join('\t')];
  for (const r of rows) {
    // A snapshot drops certificate bytes: no certificate read there means unknown, not invalid.
    const valid = removedAtCapture && r.type === '' ? 'unknown' : String(r.valid);
    const values = [withType ? `secret/${r.name}` : r.name, r.type, r.status, valid, r.serialNumber, r.notAfter, r.notBefore];
    if (withTrustDomain) values.push(r.trustDomain);
    lines.push(cells(values));
  }
  return tabulate(lines, 5);
}
