import { asArray, asObject, asString, type JsonObject } from './json.ts';
import { redactDeep } from './redact.ts';
import type { ResourceMeta, Secret, SecretCertificate } from './types.ts';

/**
 * SDS secrets from the SecretsConfigDump: Istio's workload certificate (`default`, a
 * tls_certificate) and root of trust (`ROOTCA`, a validation_context, possibly per SPIFFE trust
 * domain). Key material is deleted from the input first. istioctl's TYPE column comes from the
 * certificate's CA flag; `kind` here is from the secret's structure, which agrees for Istio's secrets.
 */

/** An envoy.config.core.v3.DataSource; undefined when it carries nothing. */
function dataSource(value: unknown, trustDomain?: string): SecretCertificate | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  const out: SecretCertificate = {};
  const inlineBytes = asString(obj.inline_bytes);
  const inlineString = asString(obj.inline_string);
  const filename = asString(obj.filename);
  if (inlineBytes) out.inlineBytes = inlineBytes;
  if (inlineString) out.inlineString = inlineString;
  if (filename) out.filename = filename;
  if (Object.keys(out).length === 0) return undefined;
  if (trustDomain) out.trustDomain = trustDomain;
  return out;
}

export function parseSecret(entry: JsonObject, meta: ResourceMeta): Secret {
  const secret = asObject(entry.secret) ?? {};
  redactDeep(secret);
  const tls = asObject(secret.tls_certificate);
  const validation = asObject(secret.validation_context);
  const certificates: SecretCertificate[] = [];
  const chain = dataSource(tls?.certificate_chain);
  if (chain) certificates.push(chain);
  const ca = dataSource(validation?.trusted_ca);
  if (ca) certificates.push(ca);
  const spiffe = asObject(asObject(validation?.custom_validator_config)?.typed_config);
  for (const item of asArray(spiffe?.trust_domains)) {
    const domain = asObject(item);
    const bundle = dataSource(domain?.trust_bundle, asString(domain?.name));
    if (bundle) certificates.push(bundle);
  }
  const out: Secret = {
    name: asString(entry.name) ?? asString(secret.name) ?? '',
    state: meta.state,
    kind: tls ? 'Cert Chain' : validation ? 'CA' : 'Unknown',
    certificates,
    raw: secret,
  };
  if (meta.versionInfo !== undefined) out.versionInfo = meta.versionInfo;
  if (meta.lastUpdated !== undefined) out.lastUpdated = meta.lastUpdated;
  return out;
}
