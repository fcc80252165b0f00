import { isObject, type Json, type JsonObject } from '../../envoy/json.ts';
import { toSnakeCase } from '../../envoy/protojson.ts';
import { redactDeep } from '../../envoy/redact.ts';
import { redactContent } from '../../envoy/redact-content.ts';
import type { Redaction } from '../../envoy/redaction.ts';
import type { Secret } from '../../envoy/types.ts';
import { goJsonToYaml } from './go-yaml.ts';
import { goJsonIndent, jsonpbIndent, protoJsonView } from './proto-json.ts';

/**
 * istioctl's `-o json` / `-o yaml` printers. Each prints what Go built plus `fmt.Fprintln`'s
 * newline; YAML is `yaml.JSONToYAML` of the JSON. Unlike istioctl, every printer redacts by
 * content (`redactContent`: private keys, JWTs, bearer tokens, authorization headers become
 * `[redacted: KIND]`) and adds what it removed to `redactions`, so the caller can say so on stderr:
 * a dump's text pasted into a ticket should not carry a key even when the dump did.
 */
export type DumpFormat = 'json' | 'yaml';

function print(view: Json, format: DumpFormat, json: () => string): string {
  return `${format === 'yaml' ? goJsonToYaml(view) : json()}\n`;
}

/** A list of resources (clusters, listeners, routes, ClusterLoadAssignments, /clusters statuses): `protio.MessageSlice`. */
export function formatResources(raws: readonly JsonObject[], format: DumpFormat, redactions: Redaction[] = []): string {
  const views = raws.map((raw) => protoJsonView(raw));
  redactContent(views, '', redactions);
  return print(views, format, () => goJsonIndent(views));
}

/** A whole admin dump message re-indented by encoding/json (`proxy-config ecds -o json`). */
export function formatIndented(message: JsonObject, format: DumpFormat, redactions: Redaction[] = []): string {
  const view = protoJsonView(message);
  redactContent(view, '', redactions);
  return print(view, format, () => goJsonIndent(view));
}

/** A whole admin dump message printed by legacy jsonpb with indent (`proxy-config bootstrap|secret -o json`). */
export function formatJsonpb(message: JsonObject, format: DumpFormat, redactions: Redaction[] = []): string {
  const view = protoJsonView(message);
  redactContent(view, '', redactions);
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

/**
 * The BootstrapConfigDump (snake_case, key material deleted) of a parsed document: a config dump's
 * `configs` entry, or the document itself when it is `istioctl proxy-config bootstrap -o json` output.
 */
export function bootstrapConfigDump(doc: Json): JsonObject | undefined {
  if (!isObject(doc)) return undefined;
  const configs = Array.isArray(doc.configs) ? doc.configs.filter(isObject) : [];
  const section =
    configs.find((c) => typeof c['@type'] === 'string' && c['@type'].endsWith('.BootstrapConfigDump')) ?? (isObject(doc.bootstrap) ? doc : undefined);
  if (!section) return undefined;
  const { '@type': _type, ...rest } = toSnakeCase(section) as JsonObject;
  redactDeep(rest);
  return rest;
}

/**
 * `proxy-config all -o json|yaml`: the dump as captured, redacted by content. `doc` is its parse
 * (changed here). Undefined for `-o json` when nothing needed redacting: the caller prints the
 * captured text unchanged (istioctl's bytes); otherwise the redacted document, indented by two
 * spaces as istioctl's `-o json`.
 */
export function formatWholeDump(doc: Json, format: DumpFormat, redactions: Redaction[] = []): string | undefined {
  const before = redactions.length;
  redactContent(doc, '', redactions);
  if (format === 'yaml') return `${goJsonToYaml(doc)}\n`;
  return redactions.length === before ? undefined : `${JSON.stringify(doc, null, 2)}\n`;
}
