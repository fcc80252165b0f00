import type { JsonObject } from '../envoy/json.ts';
import { parseMatcher } from '../envoy/matcher-tree-parse.ts';
import type { Listener } from '../envoy/types.ts';
import { evaluateMatcher, type Matcher } from '../router/matcher-tree.ts';
import { type ConnectionFacts, describeConnection } from './connection.ts';
import { networkInputs } from './network-inputs.ts';

const STRING_VALUE = 'google.protobuf.StringValue';

const parsed = new WeakMap<JsonObject, Matcher>();

/** A listener's `filter_chain_matcher`, parsed once. */
export function filterChainMatcherOf(raw: JsonObject): Matcher {
  let m = parsed.get(raw);
  if (!m) {
    m = parseMatcher(raw);
    parsed.set(raw, m);
  }
  return m;
}

/** The chain Envoy picks through a `filter_chain_matcher`, and why (the decision path). */
export interface MatcherChoice {
  chain?: Listener['filterChains'][number];
  reason: string;
  assumptions: string[];
}

/**
 * A listener with `filter_chain_matcher`: Envoy uses the matcher instead of every chain's
 * `filter_chain_match` (FilterChainManagerImpl::findFilterChainUsingMatcher). The action is a
 * `google.protobuf.StringValue` naming a chain (FilterChainNameAction: a name no chain has finds
 * nothing, and Envoy closes the connection); no match → `default_filter_chain`, else the
 * connection is closed.
 */
export function selectByMatcher(listener: Listener, raw: JsonObject, facts: ConnectionFacts): MatcherChoice {
  const result = evaluateMatcher(filterChainMatcherOf(raw), networkInputs(facts));
  const assumptions = [...result.caveats];
  const path = result.path.length ? result.path.join('; ') : 'no decision';
  const how = `filter_chain_matcher (${describeConnection(facts)}): ${path}`;
  const action = result.action;
  if (action) {
    if (action.type !== STRING_VALUE)
      assumptions.push(`filter_chain_matcher action ${action.type || action.name} is not a filter chain name: taken as its name`);
    const name = action.value ?? action.name;
    const chain = listener.filterChains.find((c) => c.name === name);
    if (chain) return { chain, reason: `${how}; chain ${name}`, assumptions };
    assumptions.push(
      `listener ${listener.name}: the matcher names filter chain "${name}", which the dump does not hold (a truncated dump, or Envoy closes the connection)`,
    );
    return { reason: `${how}; no filter chain is named "${name}" in the dump: Envoy finds no chain and closes the connection`, assumptions };
  }
  if (listener.defaultFilterChain) return { chain: listener.defaultFilterChain, reason: `${how}; no match: default_filter_chain`, assumptions };
  return { reason: `${how}; no match and there is no default_filter_chain: Envoy closes the connection`, assumptions };
}
