import { isObject, type Json, type JsonObject } from '../envoy/json.ts';
import { redactContent } from '../envoy/redact-content.ts';
import { type PathNode, pathOf, type Redaction } from '../envoy/redaction.ts';

/**
 * Removes secret material from captured documents before a snapshot is written, in either
 * protojson spelling (`private_key` / `privateKey`):
 *
 * - key material by field name, anywhere: `private_key`, `pkcs12`, `password`, `private_key_provider`,
 *   `session_ticket_keys`, credentials of token providers, and `generic_secret` payloads
 *   (Envoy's admin marks these `udpa.annotations.sensitive` and prints `[redacted]`; a hand-made
 *   or older dump may not);
 * - certificate payloads: the inline bytes/strings of DataSources under `tls_certificate(s)`,
 *   `validation_context` (`trusted_ca`, SPIFFE `trust_bundle`s), `certificate_chain`,
 *   `ocsp_staple` and `crl` — Envoy's SecretsConfigDump carries Istio's workload certificate
 *   chain and root CA there;
 * - by content, wherever it sits (`redactContent`): private keys (PEM, base64 DER, PKCS#12, PGP,
 *   JWK), JWTs, bearer tokens and authorization header values.
 *
 * File names and SDS secret names stay: they say where a secret comes from without revealing it.
 * The documents are changed in place; the result lists what was removed (kind and path), including
 * the `[redacted: KIND]` markers an earlier pass left (the loader, a bug-report import).
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

const normalize = (key: string): string => key.replace(/_/g, '').toLowerCase();

interface Frame {
  value: JsonObject | Json[];
  node: PathNode | undefined;
  inCertificate: boolean;
}

function removeFields(doc: JsonObject | Json[], base: string, out: Redaction[]): void {
  const stack: Frame[] = [{ value: doc, node: undefined, inCertificate: false }];
  while (stack.length > 0) {
    const { value, node, inCertificate } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i]!;
        if (typeof item === 'object' && item !== null) stack.push({ value: item, node: { parent: node, key: i }, inCertificate });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = value[key]!;
      const k = normalize(key);
      const certificate = inCertificate && INLINE_PAYLOADS.has(k);
      if (KEY_FIELDS.has(k) || certificate) {
        delete value[key];
        out.push({ kind: certificate ? 'certificate' : 'key-field', path: pathOf({ parent: node, key }, base) });
        continue;
      }
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, node: { parent: node, key }, inCertificate: inCertificate || CERTIFICATE_CONTAINERS.has(k) });
      }
    }
  }
}

/** Deletes secret material from `doc` in place (see above); `base` is the document's path in the snapshot. */
export function redactSecrets(doc: Json, base = ''): Redaction[] {
  const out: Redaction[] = [];
  if (!Array.isArray(doc) && !isObject(doc)) return out;
  removeFields(doc, base, out);
  redactContent(doc, base, out, true);
  return out;
}
