import type { IssueCode, LoadIssue } from './types.ts';

/**
 * What a load issue is about, finer than its code where the user needs it: the kinds the
 * one-line warning of every command groups by (`2 routes use a path regex form meshscope does
 * not interpret: treated as never matching`). An issue without `kind` is of the kind named by
 * its code.
 */
export type IssueKind =
  | IssueCode
  | 'route-path-regex'
  | 'route-path-unsupported'
  | 'route-matcher'
  | 'route-action'
  | 'scoped-routes'
  | 'routing-field'
  | 'duplicate-key';

export interface IssueKindInfo {
  /**
   * Whether meshscope's answer (where a request lands, which endpoints take it) may differ from
   * Envoy's because of an issue of this kind. Only these count in the one-line warning and in
   * explain's caveats; an issue with severity `info` never counts.
   */
  changesAnswer: boolean;
  /** `route uses a path regex form …` / `routes use …`, after a count. */
  one: string;
  many: string;
  /** What meshscope does instead, said after the phrase. */
  effect: string;
}

const quiet = (one: string, many: string, effect: string): IssueKindInfo => ({ changesAnswer: false, one, many, effect });
const counts = (one: string, many: string, effect: string): IssueKindInfo => ({ changesAnswer: true, one, many, effect });

/**
 * The issue table. Why the quiet ones do not count: an unknown field elsewhere (stats config,
 * access logs, headers to add) does not steer traffic; a missing section is not something
 * meshscope did not interpret (explain says it as a caveat of its own, `no clusters (CDS)`);
 * empty input and NACKed updates describe the input; a partial fetch is said by the live source
 * on its own line; assumptions and notes are explain's own words.
 */
export const ISSUE_KINDS: Readonly<Record<IssueKind, IssueKindInfo>> = {
  'route-path-regex': counts(
    'route uses a path regex form meshscope does not interpret',
    'routes use a path regex form meshscope does not interpret',
    'treated as never matching',
  ),
  'route-path-unsupported': counts(
    'route uses a path match meshscope does not evaluate',
    'routes use a path match meshscope does not evaluate',
    'treated as never matching',
  ),
  'route-matcher': counts('matcher meshscope does not evaluate', 'matchers meshscope does not evaluate', 'treated as never matching'),
  'route-action': counts('route action meshscope does not evaluate', 'route actions meshscope does not evaluate', 'no destination is shown for them'),
  'scoped-routes': counts('scoped route config meshscope does not evaluate', 'scoped route configs meshscope does not evaluate', 'their routes are not used'),
  'routing-field': counts(
    'field that can steer traffic is not read by meshscope',
    'fields that can steer traffic are not read by meshscope',
    'answers are given without them',
  ),
  'not-interpreted': counts(
    "field of Envoy's API meshscope does not interpret",
    "fields of Envoy's API meshscope does not interpret",
    "answers that depend on them may differ from Envoy's",
  ),
  'unknown-type': counts('config section has an @type meshscope does not read', 'config sections have an @type meshscope does not read', 'kept, not read'),
  'bad-value': counts('value Envoy would reject or meshscope cannot read', 'values Envoy would reject or meshscope cannot read', 'read as each warning says'),
  'duplicate-key': counts('duplicate key in the JSON input', 'duplicate keys in the JSON input', 'the last value of each is read'),
  unsupported: counts('feature meshscope does not evaluate', 'features meshscope does not evaluate', 'left out of answers'),
  'unknown-field': quiet('field meshscope does not read', 'fields meshscope does not read', 'they do not steer traffic'),
  'missing-section': quiet('section missing', 'sections missing', 'said where it matters'),
  'empty-input': quiet('empty input', 'empty inputs', 'nothing loaded'),
  'rejected-update': quiet('update the proxy rejected', 'updates the proxy rejected', 'the proxy runs the previous config'),
  'source-partial': quiet('partial fetch', 'partial fetches', 'said by the source'),
  assumption: quiet('assumption', 'assumptions', 'said by explain'),
  note: quiet('note', 'notes', 'said by explain'),
};

/**
 * The objects whose unknown fields can change where a request goes or which endpoint takes it:
 * listeners and their chains, route configs down to each matcher and action, clusters and their
 * endpoints and health, and the sections that list them (a v2 `dynamic_active_listeners` not read
 * is a list of listeners missing). Unknown fields on any other object (retry and mirror policies, headers
 * to add, data sources, stats) are `unknown-field` and do not count.
 */
export const ROUTING_OBJECTS: ReadonlySet<string> = new Set([
  'ListenersConfigDump',
  'RoutesConfigDump',
  'ClustersConfigDump',
  'EndpointsConfigDump',
  'listener',
  'filter_chain',
  'filter_chain_match',
  'route_configuration',
  'virtual_host',
  'route',
  'route_match',
  'header_matcher',
  'query_parameter_matcher',
  'metadata_matcher',
  'string_matcher',
  'regex_matcher',
  'path_match_policy',
  'route_action',
  'weighted_clusters',
  'cluster_weight',
  'redirect_action',
  'cluster',
  'cluster_load_assignment',
  'locality_lb_endpoints',
  'lb_endpoint',
  'endpoint',
  'cluster_status',
  'host_status',
  'host_health_status',
]);

export const issueKind = (issue: LoadIssue): IssueKind => issue.kind ?? issue.code;

/** Whether the issue can change an answer (its kind says so, and it is more than informational). */
export const changesAnswer = (issue: LoadIssue): boolean => issue.severity !== 'info' && ISSUE_KINDS[issueKind(issue)].changesAnswer;
