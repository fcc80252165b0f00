import { asObject, asString, type JsonObject } from './json.ts';
import type { IssueSink } from './issues.ts';
import { DUMP_ENTRY } from './known-fields.ts';
import type { ResourceMeta, ResourceState } from './types.ts';

/**
 * The wrappers around each resource in a config dump section (DynamicCluster, StaticListener,
 * DynamicRouteConfig, ...): `version_info`, `last_updated`, and `error_state` when Envoy rejected
 * the last update of that resource.
 */
const BARE: Record<ResourceState, ResourceMeta> = {
  static: Object.freeze({ state: 'static' }),
  active: Object.freeze({ state: 'active' }),
  warming: Object.freeze({ state: 'warming' }),
  draining: Object.freeze({ state: 'draining' }),
};

/** The entry's meta; entries without version or time (EDS entries, as Envoy dumps them) share one frozen object. */
export function entryMeta(entry: JsonObject, state: ResourceState): ResourceMeta {
  const versionInfo = asString(entry.version_info);
  const lastUpdated = asString(entry.last_updated);
  if (versionInfo === undefined && lastUpdated === undefined) return BARE[state];
  const meta: ResourceMeta = { state };
  if (versionInfo !== undefined) meta.versionInfo = versionInfo;
  if (lastUpdated !== undefined) meta.lastUpdated = lastUpdated;
  return meta;
}

/** Checks an entry's fields and reports a rejected update (`error_state`) as a warning. */
export function checkEntry(entry: JsonObject, kind: string, name: string, sink: IssueSink): void {
  sink.unknownFieldsIn('config_dump_entry', kind, name, entry, DUMP_ENTRY);
  const error = asObject(entry.error_state);
  if (!error) return;
  const details = asString(error.details) ?? 'no details';
  sink.report({
    severity: 'warning',
    code: 'rejected-update',
    message: `Envoy rejected the last update of ${kind} "${name}": ${details}`,
    where: `${kind}[${name}]`,
  });
}
