import { isObject, type Json, type JsonObject } from '../envoy/json.ts';

/**
 * Removes secret material from captured documents before a snapshot is written, in either
 * protojson spelling (`private_key` / `privateKey`):
 *
 * - key material anywhere: `private_key`, `pkcs12`, `password`, `private_key_provider`,
 *   `session_ticket_keys`, credentials of token providers, and `generic_secret` payloads;
 * - certificate payloads: the inline bytes/strings of DataSources under `tls_certificate(s)`,
 *   `validation_context` (`trusted_ca`, SPIFFE `trust_bundle`s), `certificate_chain`,
 *   `ocsp_staple` and `crl` — Envoy's SecretsConfigDump carries Istio's workload certificate
 *   chain and root CA there;
 * - any string that is a PEM private key (plain or base64), wherever it sits.
 *
 * File names and SDS secret names stay: they say where a secret comes from without revealing it.
 * The documents are changed in place; the result counts what was removed.
 */
const KEY_FIELDS = new Set([
  'privatekey',
  'pkcs12',
  'password',
  'privatekeyprovider',
  'sessionticketkeys',
  'accesstoken',
  'jsonkey',
  'googlerefreshtoken',
  'genericsecret',
  'hmacsecret',
  'clientsecret',
]);
const CERTIFICATE_CONTAINERS = new Set([
  'tlscertificate',
  'tlscertificates',
  'validationcontext',
  'trustedca',
  'certificatechain',
  'trustbundle',
  'ocspstaple',
  'crl',
  'trustdomains',
]);
const INLINE_PAYLOADS = new Set(['inlinebytes', 'inlinestring']);
/** base64 of `-----BEGIN`: a PEM block written as DataSource inline_bytes. */
const PEM_BASE64 = 'LS0tLS1CRUdJTi';

const normalize = (key: string): string => key.replace(/_/g, '').toLowerCase();

function isPrivateKeyText(text: string): boolean {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) return true;
  if (!text.startsWith(PEM_BASE64)) return false;
  try {
    return /PRIVATE KEY-----/.test(atob(text.replace(/\s+/g, '')));
  } catch {
    return false;
  }
}

export interface RedactionCount {
  /** Fields deleted or replaced. */
  removed: number;
}

/** One pass over the document with an explicit stack (no recursion: any depth is safe). */
function walk(root: JsonObject | Json[], count: RedactionCount): void {
  const stack: { value: JsonObject | Json[]; inCertificate: boolean }[] = [{ value: root, inCertificate: false }];
  while (stack.length > 0) {
    const { value, inCertificate } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i]!;
        if (typeof item === 'string' && isPrivateKeyText(item)) {
          value[i] = '[redacted]';
          count.removed++;
        } else if (typeof item === 'object' && item !== null) stack.push({ value: item, inCertificate });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = value[key]!;
      const k = normalize(key);
      if (KEY_FIELDS.has(k) || (inCertificate && INLINE_PAYLOADS.has(k))) {
        delete value[key];
        count.removed++;
        continue;
      }
      if (typeof child === 'string') {
        if (isPrivateKeyText(child)) {
          value[key] = '[redacted]';
          count.removed++;
        }
        continue;
      }
      if (typeof child === 'object' && child !== null) stack.push({ value: child, inCertificate: inCertificate || CERTIFICATE_CONTAINERS.has(k) });
    }
  }
}

/** Deletes secret material from `doc` in place (see above); returns how many fields went. */
export function redactSecrets(doc: Json): RedactionCount {
  const count: RedactionCount = { removed: 0 };
  if (Array.isArray(doc) || isObject(doc)) walk(doc, count);
  return count;
}
