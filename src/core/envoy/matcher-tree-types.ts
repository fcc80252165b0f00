import type { JsonObject } from './json.ts';
import type { StringMatch } from './route-types.ts';
import type { CidrRange } from './types.ts';

/**
 * A unified matcher (`xds.type.matcher.v3.Matcher`, and its older twin
 * `envoy.config.common.matcher.v3.Matcher` with the same JSON shape) as typed values. Parts
 * meshscope does not interpret stay in the tree as `unsupported` nodes, so evaluating them
 * becomes a caveat rather than a silent answer.
 */

/** A `typed_extension_config`: an input, a custom matcher or an action. */
export interface TypedExtension {
  name: string;
  /** The `@type` without `type.googleapis.com/` (`envoy.extensions.matching.common_inputs.network.v3.DestinationPortInput`). */
  type: string;
  /** `google.protobuf.StringValue` actions: the string (a filter chain's name). */
  value?: string;
  /** The `typed_config` as written, for inputs and actions with fields of their own (`header_name`, a Route). */
  config?: JsonObject;
}

/** `on_match`/`on_no_match`: an action or a nested matcher, and `keep_matching`. */
export type OnMatch =
  | { kind: 'action'; action: TypedExtension; keepMatching: boolean }
  | { kind: 'matcher'; matcher: Matcher; keepMatching: boolean }
  /** Neither an action nor a matcher (or unreadable). */
  | { kind: 'empty'; keepMatching: boolean };

export interface IpRangeMatcher {
  ranges: CidrRange[];
  exclusive: boolean;
  onMatch: OnMatch;
}

/** `matcher_tree`: one input, looked up in a map or a custom matcher. */
export type MatcherTree =
  | { kind: 'exact' | 'prefix'; input: TypedExtension; map: Map<string, OnMatch> }
  | { kind: 'ip'; input: TypedExtension; rangeMatchers: IpRangeMatcher[] }
  | { kind: 'unsupported'; input: TypedExtension; what: string };

/** A `Predicate` of a `matcher_list` entry. */
export type Predicate =
  | { kind: 'single'; input: TypedExtension; match: StringMatch }
  | { kind: 'or' | 'and'; predicates: Predicate[] }
  | { kind: 'not'; predicate: Predicate }
  | { kind: 'unsupported'; what: string };

export interface FieldMatcher {
  predicate: Predicate;
  onMatch: OnMatch;
}

export type Matcher =
  | { kind: 'tree'; tree: MatcherTree; onNoMatch?: OnMatch }
  | { kind: 'list'; matchers: FieldMatcher[]; onNoMatch?: OnMatch }
  | { kind: 'unsupported'; what: string; onNoMatch?: OnMatch };
