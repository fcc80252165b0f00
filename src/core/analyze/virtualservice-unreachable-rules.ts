import { asArray, asNumber, asObject, asString, isObject, type Json, type JsonObject } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { VirtualServiceIneffectiveMatch, VirtualServiceUnreachableRule } from './catalogue.ts';
import { goQuote } from './go-format.ts';
import { message, ofKind, type Resource } from './resource.ts';

/**
 * schema.ValidationAnalyzer.VirtualService, in part: the rule-reachability warnings of VirtualService
 * validation (istio/istio pkg/config/validation/validation.go, analyzeUnreachableHTTPRules, …TCPRules,
 * …TLSRules, genMatchHTTPRoutes, coveredValidation). A rule after a match-less rule, or all of
 * whose matches an earlier rule has, is IST0130; a match equal to an earlier one (the name aside)
 * is IST0131; so is an HTTP match with a URI prefix that an earlier prefix match covers (same port,
 * method, authority, headers, query parameters and withoutHeaders, each equal or prefixed). The
 * rest of schema validation (IST0106 errors, IST0133 warnings) is not restated.
 */

/** What asJSON compares: the match without its name, with proto3 defaults (false, 0, "", empty) dropped and keys sorted. */
function canonical(value: Json): string {
  const clean = (v: Json): Json | undefined => {
    if (v === null || v === false || v === 0 || v === '') return undefined;
    if (Array.isArray(v)) {
      const items = v.map((x) => clean(x) ?? null);
      return items.length === 0 ? undefined : items;
    }
    if (isObject(v)) {
      const out: JsonObject = {};
      for (const k of Object.keys(v).sort()) {
        const c = clean(v[k]!);
        if (c !== undefined) out[k] = c;
      }
      return Object.keys(out).length === 0 ? undefined : out;
    }
    return v;
  };
  return JSON.stringify(clean(value) ?? {});
}

function ruleName(rule: JsonObject | undefined, n: number, http: boolean): string {
  const name = http ? (asString(rule?.name) ?? '') : '';
  return name !== '' ? goQuote(name) : `#${n}`;
}

function matchName(match: JsonObject | undefined, n: number, http: boolean): string {
  const name = http ? (asString(match?.name) ?? '') : '';
  return name !== '' ? goQuote(name) : `#${n}`;
}

/** assignExactOrPrefix on a StringMatch. */
function exactOrPrefix(value: Json | undefined): string {
  const o = asObject(value);
  const exact = asString(o?.exact) ?? '';
  if (exact !== '') return `exact:${exact}`;
  const prefix = asString(o?.prefix) ?? '';
  return prefix !== '' ? `prefix:${prefix}` : '';
}

interface PrefixMatch {
  rule: string;
  match: string;
  prefix: string;
  port: number;
  method: string;
  authority: string;
  maps: Record<string, string>[];
}

/** genMatchHTTPRoutes: a match with a URI prefix, its other conditions as `exact:`/`prefix:` strings (method GET by default). */
function prefixMatch(rule: string, match: JsonObject, name: string): PrefixMatch | undefined {
  const prefix = asString(asObject(match.uri)?.prefix) ?? '';
  if (prefix === '') return undefined;
  const table = (field: string) => Object.fromEntries(Object.entries(asObject(match[field]) ?? {}).map(([k, v]) => [k, exactOrPrefix(v)]));
  return {
    rule,
    match: name,
    prefix,
    port: asNumber(match.port) ?? 0,
    method: exactOrPrefix(match.method) || 'exact:GET',
    authority: exactOrPrefix(match.authority),
    maps: [table('headers'), table('queryParams'), table('withoutHeaders')],
  };
}

const coveredValue = (a: string, b: string) => a === b || a.startsWith(b);

/** coveredValidation: does the earlier match `a` cover the later `b`? */
function covered(a: PrefixMatch, b: PrefixMatch): boolean {
  if (!b.prefix.startsWith(a.prefix) || a.port !== b.port) return false;
  if (!coveredValue(a.method, b.method) || !coveredValue(a.authority, b.authority)) return false;
  return a.maps.every((am, i) => {
    const bm = b.maps[i]!;
    if (Object.keys(am).length !== Object.keys(bm).length) return false;
    return Object.entries(am).every(([k, v]) => k in bm && coveredValue(v, bm[k]!));
  });
}

function analyzeRules(r: Resource, section: 'http' | 'tcp' | 'tls', out: AnalyzerMessage[]): void {
  const http = section === 'http';
  const rules = asArray(r.spec[section]);
  const seen = new Map<string, number>();
  let emptyAt = -1;
  const prefixes: PrefixMatch[] = [];
  rules.forEach((value, n) => {
    const rule = asObject(value);
    if (rule === undefined) return;
    const name = ruleName(rule, n, http);
    const matches = asArray(rule.match);
    if (matches.length === 0) {
      if (emptyAt >= 0) out.push(message(VirtualServiceUnreachableRule, r, name, 'only the last rule can have no matches'));
      emptyAt = n;
      return;
    }
    let duplicates = 0;
    matches.forEach((m, mn) => {
      if (emptyAt >= 0) {
        out.push(message(VirtualServiceUnreachableRule, r, name, 'route without matches defined before'));
        return;
      }
      const match = asObject(m) ?? {};
      const { name: _name, ...rest } = match;
      const key = canonical(http ? rest : match);
      const dup = seen.get(key);
      if (dup !== undefined) {
        out.push(message(VirtualServiceIneffectiveMatch, r, name, matchName(match, mn, http), ruleName(asObject(rules[dup]), dup, http)));
        duplicates++;
        return;
      }
      seen.set(key, n);
      if (http) {
        const p = prefixMatch(name, match, matchName(match, mn, http));
        if (p !== undefined) prefixes.push(p);
      }
    });
    if (duplicates === matches.length) out.push(message(VirtualServiceUnreachableRule, r, name, 'all matches used by prior rules'));
  });
  if (prefixes.length < 2) return;
  prefixes.forEach((a, i) => {
    for (const b of prefixes.slice(i + 1)) {
      if (b.prefix === a.prefix) continue;
      if (covered(a, b))
        out.push(message(VirtualServiceIneffectiveMatch, r, b.rule, `${b.match} of prefix ${b.prefix}`, `${a.match} of prefix ${a.prefix} on ${a.rule}`));
    }
  });
}

export const unreachableRulesAnalyzer: Analyzer = {
  name: 'schema.ValidationAnalyzer.VirtualService',
  description: "Runs schema validation as an analyzer on 'VirtualService' resources (here: only the unreachable-rule and ineffective-match warnings)",
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    for (const r of ofKind(input, 'VirtualService')) for (const section of ['http', 'tcp', 'tls'] as const) analyzeRules(r, section, out);
    return out;
  },
};
