import { isObject, type Json, type JsonObject } from './json.ts';

/**
 * meshscope never keeps private key material. Envoy redacts `private_key` in its admin output,
 * but a hand-made or older dump may carry it, and so may istioctl's re-encoding. These helpers
 * delete such payloads from the input objects in place, before any model or `raw` can hold them.
 */
const KEY_FIELDS = new Set([
  'private_key',
  'pkcs12',
  'password',
  'private_key_provider',
  'session_ticket_keys',
  'access_token',
  'json_key',
  'google_refresh_token',
]);

/** Deletes key material anywhere under `value` (for small subtrees: bootstrap, secrets). */
export function redactDeep(value: Json): void {
  if (Array.isArray(value)) {
    for (const item of value) redactDeep(item);
    return;
  }
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    if (KEY_FIELDS.has(key)) {
      delete value[key];
      continue;
    }
    const child = value[key]!;
    if (key === 'generic_secret' && isObject(child)) delete child.secret;
    if (typeof child === 'object' && child !== null) redactDeep(child);
  }
}

/** Deletes inline keys from a TLS context's `common_tls_context.tls_certificates`. */
export function redactTlsContext(context: JsonObject): void {
  const common = context.common_tls_context;
  if (!isObject(common) || !Array.isArray(common.tls_certificates)) return;
  for (const cert of common.tls_certificates) {
    if (!isObject(cert)) continue;
    for (const key of Object.keys(cert)) if (KEY_FIELDS.has(key)) delete cert[key];
  }
}
