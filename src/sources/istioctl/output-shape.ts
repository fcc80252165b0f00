import { isObject, type Json } from '../../core/envoy/json.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { IstioctlError } from './istioctl-error.ts';

/**
 * Shape checks on istioctl `-o json` output that parsed as JSON but may not be what the command
 * prints (a wrapper, a proxy or a different tool answering): without them a wrong shape reads as
 * "no proxies" or "no traffic", a silent wrong answer. The failure is `not-json` (exit 3).
 */
function described(value: Json): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 6).map((k) => sanitizeLine(k).slice(0, 40));
    return `an object with keys ${shown.join(', ')}${keys.length > shown.length ? `, ... (${keys.length} keys)` : ''}`;
  }
  return value === null ? 'null' : `a ${typeof value}`;
}

/** Fields of an xDS DiscoveryResponse (envoy/service/discovery/v3/discovery.proto), in both JSON spellings. */
const DISCOVERY_FIELDS = ['versionInfo', 'version_info', 'resources', 'typeUrl', 'type_url', 'nonce', 'controlPlane', 'control_plane'];

/**
 * `istioctl proxy-status -o json` prints one syncz DiscoveryResponse per istiod (istioctl's
 * XdsStatusWriter reads `dr.Resources` of each; fixtures/bookinfo/proxy-status.json). Go's
 * protojson leaves out an empty repeated field unless EmitUnpopulated is set, so a response without
 * `resources` (no proxies) is accepted as long as it is a DiscoveryResponse at all; nothing printed,
 * or another shape, is an error.
 */
export function checkProxyStatusShape(display: string, docs: Json[]): void {
  if (docs.length === 0) throw new IstioctlError('not-json', `${display} printed nothing; expected JSON`);
  for (const [i, doc] of docs.entries()) {
    const which = docs.length > 1 ? ` (document ${i + 1})` : '';
    const ok = isObject(doc) && DISCOVERY_FIELDS.some((f) => f in doc) && (doc.resources === undefined || Array.isArray(doc.resources));
    if (!ok)
      throw new IstioctlError(
        'not-json',
        `${display}${which}: expected proxy-status JSON (a DiscoveryResponse with resources: [...]); found ${described(doc)}`,
      );
  }
}

/**
 * Envoy's `/stats?format=json` is always `{"stats": [...]}`, even with no stat matching the filter
 * (Envoy's test/integration/integration_admin_test.cc, IntegrationAdminTest.Admin: `{"stats":[]}`);
 * anything else is an error.
 */
export function checkStatsShape(display: string, doc: Json): void {
  if (isObject(doc) && Array.isArray(doc.stats)) return;
  throw new IstioctlError('not-json', `${display}: expected Envoy /stats JSON ({"stats": [...]}); found ${described(doc)}`);
}
