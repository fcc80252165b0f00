import { isObject, type Json, type JsonObject } from './json.ts';
import { redactContent } from './redact-content.ts';

/**
 * meshscope never keeps private key material. Envoy redacts `private_key` in its admin output,
 * but a hand-made or older dump may carry it, and so may istioctl's re-encoding. These helpers
 * delete such payloads from the input objects in place, before any model or `raw` can hold them,
 * then replace what holds key material or tokens by its content (`redactContent`).
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

/** Deletes key material anywhere under `value` (for small subtrees: bootstrap, secrets), then redacts by content. */
export function redactDeep(value: Json): void {
  const stack: Json[] = [value];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (Array.isArray(item)) {
      for (const element of item) stack.push(element);
      continue;
    }
    if (!isObject(item)) continue;
    for (const key of Object.keys(item)) {
      if (KEY_FIELDS.has(key)) {
        delete item[key];
        continue;
      }
      const child = item[key]!;
      if (key === 'generic_secret' && isObject(child)) delete child.secret;
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  redactContent(value);
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
