import { ipInRange, parseIp } from '../envoy/ip.ts';
import type { IpRangeMatcher, Matcher, MatcherTree, OnMatch, Predicate, TypedExtension } from '../envoy/matcher-tree-types.ts';
import { describeStringMatch, matchString } from './string-match.ts';

export type { Matcher, OnMatch, TypedExtension } from '../envoy/matcher-tree-types.ts';

/**
 * What an input yields: a string, `null` when Envoy has no data for it (absl::monostate: the
 * matcher takes its `on_no_match`), or `{unknown}` when meshscope cannot know it (taken as no
 * data, and said in a caveat).
 */
export type InputValue = string | null | { unknown: string };

export interface MatcherContext {
  /** The input's value for this connection or request, by its `@type`. */
  resolve(input: TypedExtension): InputValue;
  /** The input in words (`destination port`); the `@type`'s last part by default. */
  label?(input: TypedExtension): string;
}

export interface MatcherResult {
  /** The action Envoy takes; undefined when the matcher does not match. */
  action?: TypedExtension;
  /** Each decision, in order: `destination port 9080 → exact "9080"`. */
  path: string[];
  /** What meshscope could not interpret on the way and assumed. */
  caveats: string[];
  /** Actions passed over by `keep_matching`. */
  skipped: TypedExtension[];
}

type Outcome = TypedExtension | undefined;

const shortType = (input: TypedExtension) => input.type.split('.').pop() || input.name || 'input';

/**
 * Envoy's unified matcher evaluation (source/common/matcher/: `MatchTree::handleRecursionAndSkips`,
 * `MapMatcher`, `ExactMapMatcher`, `PrefixMapMatcher`, `ListMatcher`; `IpRangeMatcher` in
 * source/extensions/common/matcher/ip_range_matcher.h):
 * - an `on_match` with a nested matcher yields that matcher's result; `keep_matching` turns a
 *   match into "no match, go on" (the skipped action is recorded);
 * - a map whose input has no data takes `on_no_match`; an exact map looks the value up, a prefix
 *   map tries every key that prefixes the value, longest first, moving to a shorter one when the
 *   nested matcher does not match (`prefix_map_matcher_resume_after_subtree_miss`, on by default);
 *   when nothing matches, `on_no_match`;
 * - the IP matcher tries the ranges that contain the address, longest prefix first (then
 *   declaration order); after a miss, `exclusive` range matchers are skipped; then `on_no_match`;
 * - a matcher list takes the first entry whose predicate matches and whose `on_match` matches,
 *   else `on_no_match`.
 * Older Envoy releases did not fall back to the map's `on_no_match` after a nested miss; the
 * dumps meshscope reads come from releases that do.
 */
export function evaluateMatcher(matcher: Matcher, context: MatcherContext): MatcherResult {
  const path: string[] = [];
  const caveats: string[] = [];
  const skipped: TypedExtension[] = [];
  const label = (input: TypedExtension) => context.label?.(input) ?? shortType(input);
  const caveat = (text: string) => {
    if (!caveats.includes(text)) caveats.push(text);
  };

  const value = (input: TypedExtension): string | null => {
    const v = context.resolve(input);
    if (v === null || typeof v === 'string') return v;
    caveat(`${label(input)} is not known (${v.unknown}): the matcher takes it as absent`);
    return null;
  };

  const onMatch = (om: OnMatch | undefined): Outcome => {
    if (om === undefined || om.kind === 'empty') return undefined;
    const result = om.kind === 'matcher' ? match(om.matcher) : om.action;
    if (result && om.keepMatching) {
      skipped.push(result);
      path.push(`keep_matching: ${result.value ?? result.name} is skipped, matching goes on`);
      return undefined;
    }
    if (result && om.kind === 'action') path.push(`→ action ${result.value ?? result.name}`);
    return result;
  };

  const noMatch = (m: Matcher): Outcome => {
    if (!m.onNoMatch) return undefined;
    path.push('on_no_match');
    return onMatch(m.onNoMatch);
  };

  const ipRanges = (tree: { rangeMatchers: IpRangeMatcher[] }, address: string): OnMatch[] => {
    const ip = parseIp(address);
    if (!ip) {
      path.push('not an IP address');
      return [];
    }
    const hits: { len: number; index: number; rm: IpRangeMatcher; text: string }[] = [];
    tree.rangeMatchers.forEach((rm, index) => {
      for (const r of rm.ranges) if (ipInRange(ip, r)) hits.push({ len: r.prefixLen, index, rm, text: `${r.addressPrefix}/${r.prefixLen}` });
    });
    hits.sort((a, b) => b.len - a.len || a.index - b.index);
    const out: OnMatch[] = [];
    hits.forEach((h, i) => {
      if (i > 0 && h.rm.exclusive) return;
      path.push(`range ${h.text}`);
      out.push(h.rm.onMatch);
    });
    if (out.length === 0) path.push('no range contains it');
    return out;
  };

  const candidates = (tree: Exclude<MatcherTree, { kind: 'unsupported' }>, v: string): OnMatch[] => {
    const show = `${label(tree.input)} ${JSON.stringify(v)}`;
    if (tree.kind === 'ip') {
      path.push(show);
      return ipRanges(tree, v);
    }
    const keys = tree.kind === 'exact' ? (tree.map.has(v) ? [v] : []) : [...tree.map.keys()].filter((k) => v.startsWith(k)).sort((a, b) => b.length - a.length);
    if (keys.length === 0) path.push(`${show}: no ${tree.kind} key matches`);
    return keys.map((k) => {
      path.push(`${show} → ${tree.kind} ${JSON.stringify(k)}`);
      return tree.map.get(k)!;
    });
  };

  const predicate = (p: Predicate): boolean => {
    switch (p.kind) {
      case 'single': {
        const v = value(p.input);
        const ok = v !== null && matchString(p.match, v);
        path.push(`${label(p.input)} ${v === null ? '(none)' : JSON.stringify(v)} ${ok ? 'matches' : 'does not match'} ${describeStringMatch(p.match)}`);
        return ok;
      }
      case 'or':
        return p.predicates.some(predicate);
      case 'and':
        return p.predicates.every(predicate);
      case 'not':
        return !predicate(p.predicate);
      case 'unsupported':
        caveat(`${p.what} is not interpreted: taken as not matching`);
        return false;
    }
  };

  function match(m: Matcher): Outcome {
    if (m.kind === 'unsupported') {
      caveat(`${m.what} is not interpreted: taken as no match`);
      return noMatch(m);
    }
    if (m.kind === 'list') {
      for (const fm of m.matchers) {
        if (!predicate(fm.predicate)) continue;
        const r = onMatch(fm.onMatch);
        if (r) return r;
      }
      return noMatch(m);
    }
    const tree = m.tree;
    if (tree.kind === 'unsupported') {
      caveat(`${tree.what} (input ${label(tree.input)}) is not interpreted: taken as no match`);
      return noMatch(m);
    }
    const v = value(tree.input);
    if (v === null) {
      path.push(`${label(tree.input)}: no value`);
      return noMatch(m);
    }
    for (const om of candidates(tree, v)) {
      const r = onMatch(om);
      if (r) return r;
    }
    return noMatch(m);
  }

  const action = match(matcher);
  return action ? { action, path, caveats, skipped } : { path, caveats, skipped };
}
