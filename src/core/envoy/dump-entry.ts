import type { IssueSink } from './issues.ts';
import { asObject, asString, type JsonObject } from './json.ts';
import { DUMP_ENTRY } from './known-fields.ts';
import type { LoadCache } from './load-cache.ts';
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

function buildMeta(entry: JsonObject, state: ResourceState): ResourceMeta {
  const meta: ResourceMeta = { state };
  const versionInfo = asString(entry.version_info);
  const lastUpdated = asString(entry.last_updated);
  if (versionInfo !== undefined) meta.versionInfo = versionInfo;
  if (lastUpdated !== undefined) meta.lastUpdated = lastUpdated;
  return Object.freeze(meta);
}

const sameVersion = (a: JsonObject, b: JsonObject): boolean => a.version_info === b.version_info && a.last_updated === b.last_updated;
const STATES: ResourceState[] = ['static', 'active', 'warming', 'draining'];
const KINDS = Object.fromEntries(STATES.map((state) => [state, `meta:${state}`])) as Record<ResourceState, string>;
const BUILDERS = Object.fromEntries(STATES.map((state) => [state, (entry: unknown) => buildMeta(entry as JsonObject, state)])) as Record<
  ResourceState,
  (entry: unknown) => ResourceMeta
>;

/**
 * The entry's meta, frozen. Entries without version or time (EDS entries, as Envoy dumps them)
 * share one object per state; with a `cache`, consecutive entries of one xDS push (same version
 * and time) share one too.
 */
export function entryMeta(entry: JsonObject, state: ResourceState, cache?: LoadCache): ResourceMeta {
  if (asString(entry.version_info) === undefined && asString(entry.last_updated) === undefined) return BARE[state];
  return cache ? cache.sameAsLast(KINDS[state], entry, sameVersion, BUILDERS[state]) : buildMeta(entry, state);
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
