import { IssueSink } from '../envoy/issues.ts';
import { asArray, asNumber, asObject, asString, type Json, type JsonObject, unwrap } from '../envoy/json.ts';
import { snakeToCamel, toSnakeCase } from '../envoy/protojson.ts';
import type { MetadataMatcher, StringMatch } from '../envoy/route-types.ts';
import { parseHeaderMatcher } from '../envoy/routes/header-matcher.ts';
import { parseStringMatcher } from '../envoy/routes/string-matcher.ts';
import type { CidrRange } from '../envoy/types.ts';
import type { Permission, Principal, RbacAction, RbacPolicy, RbacRules } from './rbac-types.ts';

/**
 * The reader of envoy.config.rbac.v3.RBAC (rules, policies, permissions, principals) for
 * `rbac-parse.ts`, which reads the filters' configs around it. Never throws: what it cannot read
 * becomes a caveat line. Field names in either protobuf JSON spelling; policy names as written.
 */

/** envoy.config.rbac.v3.RBAC. */
const RBAC_FIELDS = ['action', 'policies', 'audit_logging_options'];
/** envoy.config.rbac.v3.Policy. */
const POLICY_FIELDS = ['permissions', 'principals', 'condition', 'checked_condition', 'cel_config'];

/** A field in either spelling: `obj.snake_name` or `obj.snakeName`. */
export function pick(obj: JsonObject, snake: string): Json | undefined {
  if (obj[snake] !== undefined) return obj[snake];
  const camel = snakeToCamel(snake);
  return camel === snake ? undefined : obj[camel];
}

export function unknownKeys(obj: JsonObject, known: readonly string[]): string[] {
  const names = new Set<string>();
  for (const k of known) {
    names.add(k);
    names.add(snakeToCamel(k));
  }
  return Object.keys(obj).filter((k) => !names.has(k) && !k.startsWith('@'));
}

/** The Any's content: itself, or a TypedStruct's `value`. */
export function anyContent(typed: JsonObject): JsonObject | undefined {
  const type = asString(typed['@type']) ?? '';
  return type.endsWith('.TypedStruct') ? asObject(typed.value) : typed;
}

function parseAction(value: Json | undefined, where: string, caveats: string[]): RbacAction {
  const v = unwrap(value);
  if (v === undefined || v === 'ALLOW' || v === 0) return 'ALLOW';
  if (v === 'DENY' || v === 1) return 'DENY';
  if (v === 'LOG' || v === 2) return 'LOG';
  caveats.push(`${where}.action ${JSON.stringify(v)} is not ALLOW, DENY or LOG; read as ALLOW (the proto default)`);
  return 'ALLOW';
}

export class Reader {
  readonly caveats: string[] = [];
  /** Issues of the shared route-matcher readers (header and string matchers), turned into caveats at the end. */
  readonly sink = new IssueSink();

  string(value: Json | undefined, where: string): StringMatch {
    const obj = asObject(value);
    if (!obj) {
      this.caveats.push(`${where}: string matcher missing; never matches`);
      return { kind: 'unsupported', field: '(missing)', ignoreCase: false };
    }
    return parseStringMatcher(obj, this.sink, where);
  }

  cidr(value: Json | undefined, where: string): CidrRange {
    const obj = asObject(value) ?? {};
    const addressPrefix = asString(obj.address_prefix);
    if (addressPrefix === undefined) this.caveats.push(`${where}: CidrRange without address_prefix; never matches`);
    return { addressPrefix: addressPrefix ?? '', prefixLen: asNumber(unwrap(obj.prefix_len)) ?? 0 };
  }

  metadata(value: Json | undefined, where: string): MetadataMatcher {
    const obj = asObject(value) ?? {};
    const path: string[] = [];
    for (const segment of asArray(obj.path)) {
      const key = asString(asObject(segment)?.key);
      if (key === undefined) this.caveats.push(`${where}: metadata path segment without a key`);
      else path.push(key);
    }
    return { filter: asString(obj.filter) ?? '', path, value: asObject(obj.value) ?? {}, invert: obj.invert === true };
  }

  /** The one set field of a oneof message; a message with none or several is said. */
  oneof(obj: JsonObject, where: string, what: string): [string, Json] | undefined {
    const keys = Object.keys(obj).filter((k) => !k.startsWith('@'));
    if (keys.length !== 1) {
      this.caveats.push(
        `${where}: a ${what} with ${keys.length === 0 ? 'no rule' : `several rules (${keys.join(', ')})`}; Envoy rejects it; here it never matches`,
      );
      return undefined;
    }
    return [keys[0]!, obj[keys[0]!]!];
  }

  permission(value: Json, where: string): Permission {
    const obj = asObject(value);
    const entry = obj && this.oneof(obj, where, 'permission');
    if (!entry) return { kind: 'unknown', field: obj ? Object.keys(obj).join(',') || '(empty)' : '(not an object)' };
    const [field, v] = entry;
    const at = `${where}.${field}`;
    switch (field) {
      case 'and_rules':
        return { kind: 'and_rules', rules: asArray(asObject(v)?.rules).map((r, i) => this.permission(r, `${at}.rules[${i}]`)) };
      case 'or_rules':
        return { kind: 'or_rules', rules: asArray(asObject(v)?.rules).map((r, i) => this.permission(r, `${at}.rules[${i}]`)) };
      case 'any':
        if (v !== true) this.caveats.push(`${at}: any must be true (Envoy's validation); read as any`);
        return { kind: 'any' };
      case 'header':
        return { kind: 'header', header: parseHeaderMatcher(asObject(v) ?? {}, this.sink, at) };
      case 'url_path':
        return { kind: 'url_path', path: this.string(asObject(v)?.path, `${at}.path`) };
      case 'destination_ip':
        return { kind: 'destination_ip', range: this.cidr(v, at) };
      case 'destination_port': {
        const port = asNumber(v);
        if (port === undefined || port < 0 || port > 65535 || !Number.isInteger(port)) {
          this.caveats.push(`${at}: ${JSON.stringify(v)} is not a port (uint32 lte 65535); never matches`);
          return { kind: 'unknown', field };
        }
        return { kind: 'destination_port', port };
      }
      case 'destination_port_range': {
        const range = asObject(v) ?? {};
        const start = asNumber(range.start) ?? 0;
        const end = asNumber(range.end) ?? 0;
        // PortRangeMatcher's constructor (matchers.cc): bounds in [0, 65536], start < end.
        if (start < 0 || start > 65536 || end < 0 || end > 65536 || start >= end)
          this.caveats.push(`${at}: range [${start}, ${end}) is rejected by Envoy (PortRangeMatcher: bounds 0..65536, start < end)`);
        return { kind: 'destination_port_range', start, end };
      }
      case 'metadata':
        return { kind: 'metadata', metadata: this.metadata(v, at) };
      case 'not_rule':
        return { kind: 'not_rule', rule: this.permission(v, at) };
      case 'requested_server_name':
        return { kind: 'requested_server_name', match: this.string(v, at) };
      case 'uri_template': {
        const typed = asObject(asObject(v)?.typed_config);
        const template = typed && asString(anyContent(typed)?.path_template);
        if (template === undefined) break;
        return { kind: 'uri_template', template };
      }
    }
    this.caveats.push(`${at}: permission ${field} is not evaluated by meshscope; treated as not matching`);
    return { kind: 'unknown', field };
  }

  principal(value: Json, where: string): Principal {
    const obj = asObject(value);
    const entry = obj && this.oneof(obj, where, 'principal');
    if (!entry) return { kind: 'unknown', field: obj ? Object.keys(obj).join(',') || '(empty)' : '(not an object)' };
    const [field, v] = entry;
    const at = `${where}.${field}`;
    switch (field) {
      case 'and_ids':
        return { kind: 'and_ids', ids: asArray(asObject(v)?.ids).map((p, i) => this.principal(p, `${at}.ids[${i}]`)) };
      case 'or_ids':
        return { kind: 'or_ids', ids: asArray(asObject(v)?.ids).map((p, i) => this.principal(p, `${at}.ids[${i}]`)) };
      case 'any':
        if (v !== true) this.caveats.push(`${at}: any must be true (Envoy's validation); read as any`);
        return { kind: 'any' };
      case 'authenticated': {
        const name = asObject(v)?.principal_name;
        return name === undefined ? { kind: 'authenticated' } : { kind: 'authenticated', principalName: this.string(name, `${at}.principal_name`) };
      }
      case 'source_ip':
      case 'direct_remote_ip':
      case 'remote_ip':
        return { kind: field, range: this.cidr(v, at) };
      case 'header':
        return { kind: 'header', header: parseHeaderMatcher(asObject(v) ?? {}, this.sink, at) };
      case 'url_path':
        return { kind: 'url_path', path: this.string(asObject(v)?.path, `${at}.path`) };
      case 'metadata':
        return { kind: 'metadata', metadata: this.metadata(v, at) };
      case 'not_id':
        return { kind: 'not_id', id: this.principal(v, at) };
      case 'filter_state': {
        const fs = asObject(v) ?? {};
        const key = asString(fs.key) ?? '';
        if (fs.string_match === undefined) {
          this.caveats.push(`${at}: filter_state ${key} without string_match is not evaluated; treated as not matching`);
          return { kind: 'filter_state', key };
        }
        return { kind: 'filter_state', key, match: this.string(fs.string_match, `${at}.string_match`) };
      }
    }
    this.caveats.push(`${at}: principal ${field} is not evaluated by meshscope; treated as not matching`);
    return { kind: 'unknown', field };
  }

  policy(name: string, value: Json, where: string): RbacPolicy {
    const obj = asObject(value) ?? {};
    for (const key of unknownKeys(obj, POLICY_FIELDS)) this.caveats.push(`${where}: field ${key} is not read`);
    const body = toSnakeCase(obj) as JsonObject;
    const policy: RbacPolicy = {
      name,
      permissions: asArray(body.permissions).map((p, i) => this.permission(p, `${where}.permissions[${i}]`)),
      principals: asArray(body.principals).map((p, i) => this.principal(p, `${where}.principals[${i}]`)),
    };
    const condition = body.condition ?? body.checked_condition;
    if (condition !== undefined) {
      policy.condition = JSON.stringify(condition).slice(0, 200);
      this.caveats.push(`${where}: the CEL condition is not evaluated; read as true`);
    }
    return policy;
  }

  rules(value: Json | undefined, where: string): RbacRules | undefined {
    if (value === undefined || value === null) return undefined;
    const obj = asObject(value);
    if (!obj) {
      this.caveats.push(`${where}: not an object; read as absent`);
      return undefined;
    }
    for (const key of unknownKeys(obj, RBAC_FIELDS)) this.caveats.push(`${where}: field ${key} is not read`);
    const policies = asObject(pick(obj, 'policies')) ?? {};
    const names = Object.keys(policies).sort(compareBytes);
    return {
      action: parseAction(pick(obj, 'action'), where, this.caveats),
      policies: names.map((name) => this.policy(name, policies[name]!, `${where}.policies[${name}]`)),
    };
  }

  finish(): string[] {
    for (const issue of this.sink.finish()) this.caveats.push(issue.message);
    return this.caveats;
  }
}

/**
 * Envoy keeps the policies in a `std::map<std::string, …>` (RoleBasedAccessControlEngineImpl,
 * source/extensions/filters/common/rbac/engine_impl.h): they are tried in the byte order of
 * their names, whatever order the config lists them in. UTF-8 byte order is code point order.
 */
export function compareBytes(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
