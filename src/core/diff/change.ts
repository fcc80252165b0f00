import type { Json } from '../envoy/json.ts';

/**
 * One difference between two captures of the same proxy, in Envoy/Istio words. `kind` is stable
 * (scripts filter on it); `message` is the sentence a person reads.
 */
export type ChangeCategory = 'listeners' | 'routes' | 'clusters' | 'endpoints' | 'versions' | 'analyzer';

export type ChangeKind =
  | 'listener-added'
  | 'listener-removed'
  | 'listener-changed'
  | 'route-config-added'
  | 'route-config-removed'
  | 'virtual-host-added'
  | 'virtual-host-removed'
  | 'domains-changed'
  | 'route-added'
  | 'route-removed'
  | 'routes-reordered'
  | 'match-changed'
  | 'destination-changed'
  | 'weight-changed'
  | 'route-policy-changed'
  | 'cluster-added'
  | 'cluster-removed'
  | 'subset-added'
  | 'subset-removed'
  | 'policy-changed'
  | 'endpoint-added'
  | 'endpoint-removed'
  | 'health-changed'
  | 'ejection-changed'
  | 'priority-changed'
  | 'version-moved'
  | 'analyzer-added'
  | 'analyzer-removed';

export interface DiffChange {
  category: ChangeCategory;
  kind: ChangeKind;
  /** What changed: `9080/reviews.bookinfo.svc.cluster.local:9080/reviews-canary`, a cluster name, `10.0.0.1:9080 in outbound|...`. */
  object: string;
  message: string;
  before?: string;
  after?: string;
}

/** JSON with object keys sorted, so equal content compares equal whatever the field order. */
export function stableJson(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A short one-line rendering of a JSON value for before/after columns. */
export function compact(value: Json | undefined, max = 120): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : stableJson(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function change(category: ChangeCategory, kind: ChangeKind, object: string, message: string, before?: string, after?: string): DiffChange {
  const c: DiffChange = { category, kind, object, message };
  if (before !== undefined) c.before = before;
  if (after !== undefined) c.after = after;
  return c;
}
