import { asObject, asString, type JsonObject } from './json.ts';
import type { EcdsFilter, ResourceMeta } from './types.ts';

/**
 * An extension config from ECDS (envoy.config.core.v3.TypedExtensionConfig): Istio serves Wasm
 * plugins and telemetry filters this way. istioctl's TYPE column is the type URL without
 * `type.googleapis.com/`; an entry without typed_config has none.
 */
export function parseEcdsFilter(entry: JsonObject, meta: ResourceMeta): EcdsFilter {
  const filter = asObject(entry.ecds_filter) ?? {};
  return {
    name: asString(filter.name) ?? '',
    typeUrl: asString(asObject(filter.typed_config)?.['@type']) ?? '',
    meta,
    raw: filter,
  };
}
