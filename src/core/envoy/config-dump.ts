import type { ProxyDraft } from './draft.ts';
import {
  addCluster,
  addDynamicListener,
  addEcdsFilter,
  addEndpointConfig,
  addRouteConfig,
  addSecret,
  addStaticListener,
  SECTION_READERS,
} from './dump-sections.ts';
import type { IssueSink } from './issues.ts';
import { asArray, asString, isObject, type JsonObject } from './json.ts';
import { SECTION_FIELDS } from './known-fields.ts';
import type { LoadCache } from './load-cache.ts';

import type { SectionsPresent } from './types.ts';
import { unreadSectionOf } from './unread-sections.ts';

/**
 * Envoy's `/config_dump` (envoy.admin.v3.ConfigDump): `{configs: [...]}` where each entry is a
 * section found by its `@type` (BootstrapConfigDump, ClustersConfigDump, ...; v2alpha or v3).
 * `/config_dump?resource=...` lists single resources instead (`ClustersConfigDump.DynamicCluster`).
 * Unknown @types are kept in `unknownConfigs` and reported, never fatal.
 */
type EntryReader = (entry: JsonObject, draft: ProxyDraft, sink: IssueSink, cache: LoadCache) => void;

/** A reader for one resource that also marks its section as present. */
function resource(section: keyof SectionsPresent, read: EntryReader): EntryReader {
  return (entry, draft, sink, cache) => {
    draft.sections[section] = true;
    read(entry, draft, sink, cache);
  };
}

const RESOURCE_READERS: Record<string, EntryReader> = {
  'ClustersConfigDump.DynamicCluster': resource('clusters', (e, d, s, c) => addCluster(e, 'active', d, s, c)),
  'ClustersConfigDump.StaticCluster': resource('clusters', (e, d, s, c) => addCluster(e, 'static', d, s, c)),
  'ListenersConfigDump.DynamicListener': resource('listeners', addDynamicListener),
  'ListenersConfigDump.StaticListener': resource('listeners', addStaticListener),
  'RoutesConfigDump.DynamicRouteConfig': resource('routes', (e, d, s) => addRouteConfig(e, 'active', d, s)),
  'RoutesConfigDump.StaticRouteConfig': resource('routes', (e, d, s) => addRouteConfig(e, 'static', d, s)),
  'EndpointsConfigDump.DynamicEndpointConfig': resource('endpoints', (e, d, s, c) => addEndpointConfig(e, 'active', d, s, c)),
  'EndpointsConfigDump.StaticEndpointConfig': resource('endpoints', (e, d, s, c) => addEndpointConfig(e, 'static', d, s, c)),
  'SecretsConfigDump.DynamicSecret': resource('secrets', (e, d, s) => addSecret(e, 'active', d, s)),
  'SecretsConfigDump.StaticSecret': resource('secrets', (e, d, s) => addSecret(e, 'static', d, s)),
  'EcdsConfigDump.EcdsFilterConfig': resource('ecds', addEcdsFilter),
};

/** `type.googleapis.com/envoy.admin.v3.ClustersConfigDump.DynamicCluster` → `ClustersConfigDump.DynamicCluster`. */
/** `\w` or `.`. */
function isWordOrDot(c: number): boolean {
  return c === 46 || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function sectionName(typeUrl: string): string {
  // By hand, not /(\w+ConfigDump(?:\.\w+)?)$/: that regex backtracks quadratically on a long @type.
  let start = typeUrl.length;
  while (start > 0 && isWordOrDot(typeUrl.charCodeAt(start - 1))) start--;
  const parts = typeUrl.slice(start).split('.');
  const last = parts[parts.length - 1]!;
  const before = parts.length >= 2 ? parts[parts.length - 2]! : '';
  if (last !== '' && before.length > 10 && before.endsWith('ConfigDump')) return `${before}.${last}`;
  if (last.length > 10 && last.endsWith('ConfigDump')) return last;
  return typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
}

/** Reads one section object whose message name is known; false when it is not. */
export function readSection(name: string, section: JsonObject, draft: ProxyDraft, sink: IssueSink, cache: LoadCache, where: string): boolean {
  const reader = SECTION_READERS[name];
  if (reader) {
    sink.unknownFields(name, where, section, SECTION_FIELDS[name]!);
    reader(section, draft, sink, cache);
    return true;
  }
  const entryReader = RESOURCE_READERS[name];
  if (entryReader) {
    entryReader(section, draft, sink, cache);
    return true;
  }
  return false;
}

/** Reads `{configs: [...]}`; `docName` prefixes the locations of issues. */
export function readConfigDump(dump: JsonObject, draft: ProxyDraft, sink: IssueSink, cache: LoadCache, docName: string): void {
  const configs = asArray(dump.configs);
  for (let i = 0; i < configs.length; i++) {
    const section = configs[i];
    const where = `${docName}: configs[${i}]`;
    if (!isObject(section)) {
      sink.report({ severity: 'warning', code: 'bad-value', message: `${where} is not an object; skipped`, where });
      continue;
    }
    const unread = unreadSectionOf(section);
    if (unread !== undefined) {
      draft.sections[unread] = true;
      draft.unread.add(unread);
      continue;
    }
    const typeUrl = asString(section['@type']);
    if (typeUrl === undefined) {
      sink.report({ severity: 'warning', code: 'unknown-type', message: `${where} has no @type; skipped`, where });
      continue;
    }
    if (readSection(sectionName(typeUrl), section, draft, sink, cache, where)) continue;
    draft.unknownConfigs.push({ typeUrl, where, raw: section });
    sink.report({ severity: 'warning', code: 'unknown-type', message: `${where}: @type ${typeUrl} is not read by meshscope; kept as is`, where });
  }
}
