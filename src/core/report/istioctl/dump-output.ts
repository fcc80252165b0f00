import type { Json, JsonObject } from '../../envoy/json.ts';
import type { Secret } from '../../envoy/types.ts';
import { goJsonToYaml } from './go-yaml.ts';
import { goJsonIndent, jsonpbIndent, protoJsonView } from './proto-json.ts';

/**
 * istioctl's `-o json` / `-o yaml` printers. Each prints what Go built plus `fmt.Fprintln`'s
 * newline; YAML is `yaml.JSONToYAML` of the JSON.
 */
export type DumpFormat = 'json' | 'yaml';

function print(view: Json, format: DumpFormat, json: () => string): string {
  return `${format === 'yaml' ? goJsonToYaml(view) : json()}\n`;
}

/** A list of resources (clusters, listeners, routes, ClusterLoadAssignments, /clusters statuses): `protio.MessageSlice`. */
export function formatResources(raws: readonly JsonObject[], format: DumpFormat): string {
  const views = raws.map((raw) => protoJsonView(raw));
  return print(views, format, () => goJsonIndent(views));
}

/** A whole admin dump message re-indented by encoding/json (`proxy-config ecds -o json`). */
export function formatIndented(message: JsonObject, format: DumpFormat): string {
  const view = protoJsonView(message);
  return print(view, format, () => goJsonIndent(view));
}

/** A whole admin dump message printed by legacy jsonpb with indent (`proxy-config bootstrap|secret -o json`). */
export function formatJsonpb(message: JsonObject, format: DumpFormat): string {
  const view = protoJsonView(message);
  return print(view, format, () => jsonpbIndent(view));
}

/** The SecretsConfigDump (snake_case) rebuilt from the model: static, dynamic active, dynamic warming. */
export function secretsConfigDump(secrets: readonly Secret[]): JsonObject {
  const entry = (s: Secret, dynamic: boolean): JsonObject => {
    const out: JsonObject = { name: s.name };
    if (dynamic && s.versionInfo !== undefined) out.version_info = s.versionInfo;
    if (s.lastUpdated !== undefined) out.last_updated = s.lastUpdated;
    out.secret = s.raw;
    return out;
  };
  const dump: JsonObject = {};
  const groups: [string, Secret['state'], boolean][] = [
    ['static_secrets', 'static', false],
    ['dynamic_active_secrets', 'active', true],
    ['dynamic_warming_secrets', 'warming', true],
  ];
  for (const [field, state, dynamic] of groups) {
    const list = secrets.filter((s) => s.state === state).map((s) => entry(s, dynamic));
    if (list.length > 0) dump[field] = list;
  }
  return dump;
}
