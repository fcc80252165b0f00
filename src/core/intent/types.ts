import type { ObjectKind } from '../config/objects.ts';

/**
 * The verdict on one Istio object for one request through one proxy. Reason codes are a stable
 * set (JSON output, the TUI's Intent tab, the Markdown note): documented in the README's "Intent"
 * section with the Istio rule each restates.
 */
export type IntentReasonCode =
  /** The client pod has no istio-proxy container (nor a native-sidecar init container): nothing of Istio applies to its traffic. */
  | 'not-in-mesh'
  /** The VirtualService is bound to gateways only (`gateways:` without `mesh`); the proxy is a sidecar. */
  | 'gateway-only'
  /** The proxy is a gateway, and the VirtualService is not bound to a Gateway that selects it (mesh-only, or other gateways). */
  | 'not-bound'
  /** A Gateway the VirtualService names does not exist. */
  | 'gateway-not-found'
  /** `exportTo` hides the object from the proxy's namespace. */
  | 'not-exported'
  /** The proxy's Sidecar resource leaves the host (or the object's namespace) out of its egress hosts. */
  | 'sidecar-scope'
  /** The Service port is TCP-like for Istio (its name or appProtocol), so HTTP rules never apply. */
  | 'tcp-port'
  /** Another object for the same host comes first in Istio's order (creation time, then name, then namespace) and wins. */
  | 'older-wins'
  /** Another VirtualService names the service with a more specific host (exact before the longest wildcard). */
  | 'more-specific-wins'
  /** A delegate VirtualService's match is not inside its root's match. */
  | 'delegate-mismatch'
  /** Every HTTP rule is limited by `sourceLabels`/`sourceNamespace` that this workload does not have. */
  | 'source-labels'
  /** Every HTTP rule matches another port, or the Gateway has no server on this port. */
  | 'port-mismatch'
  /** The subset's labels select no pod of the service. */
  | 'subset-no-pods'
  /** Some pods of the service match no subset of the DestinationRule (info; the rule still applies). */
  | 'pod-matches-no-subset'
  /** A DestinationRule in a namespace Istio looks at first for this proxy is used instead. */
  | 'shadowed'
  /** A Gateway API route is not attached to its parent (missing parent, or `Accepted: False`). */
  | 'not-attached'
  /** The objects say it applies, but the proxy's config has nothing from it: a stale proxy or a rejected push. */
  | 'not-programmed';

export interface IntentReason {
  code: IntentReasonCode;
  message: string;
}

export interface IntentVerdict {
  kind: ObjectKind;
  name: string;
  namespace: string;
  /** The file and document it was read from. */
  origin: string;
  applies: boolean;
  /** Why it does not apply; `null` when it applies. */
  reason: IntentReason | null;
  /** What it produced on this proxy (route, virtual host or cluster names), when it applies. */
  produced: string[];
  /** Caveats on an object that applies (a pod matching no subset, rules dropped for sourceLabels). */
  notes: IntentReason[];
  /** Whether this object decided the request's outcome (the chosen route's VirtualService, the cluster's DestinationRule). */
  decisive: boolean;
}

export interface IntentReport {
  host: string;
  port: number;
  proxy: { namespace: string; type: string; labels: Record<string, string>; istioVersion: string | null };
  verdicts: IntentVerdict[];
  /** What could change the verdicts and was not known (no Pods given, no Istio version in the dump…). */
  caveats: string[];
}
