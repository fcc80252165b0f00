/**
 * The resource types meshscope reads from a live cluster, as `kubectl get` names them
 * (`<plural>.<group>`, so a CRD of another group with the same plural is never meant). Secrets are
 * never listed: meshscope does not need their payloads, and listing them needs wide RBAC.
 */
export const LIVE_RESOURCE_TYPES = [
  'virtualservices.networking.istio.io',
  'destinationrules.networking.istio.io',
  'gateways.networking.istio.io',
  'serviceentries.networking.istio.io',
  'sidecars.networking.istio.io',
  'peerauthentications.security.istio.io',
  'authorizationpolicies.security.istio.io',
  'requestauthentications.security.istio.io',
  'httproutes.gateway.networking.k8s.io',
  'grpcroutes.gateway.networking.k8s.io',
  'gateways.gateway.networking.k8s.io',
  'services',
  'pods',
  'namespaces',
  'endpointslices.discovery.k8s.io',
] as const;

/** `httproutes.gateway.networking.k8s.io` → `httproutes`; `services` → `services`. */
export function pluralOf(type: string): string {
  const dot = type.indexOf('.');
  return dot === -1 ? type : type.slice(0, dot);
}

export function groupOf(type: string): string {
  const dot = type.indexOf('.');
  return dot === -1 ? '' : type.slice(dot + 1);
}

/**
 * The resource type kubectl says the server does not have, with its group when kubectl names it.
 * A resource builder that cannot map an argument fails the whole call before listing anything:
 * `error: the server doesn't have a resource type "httproutes"` (kubernetes/cli-runtime
 * `pkg/resource/builder.go`, `mappingFor`: only the resource part of `httproutes.gateway.networking.k8s.io`),
 * or, from a NoResourceMatchError, `… "httproutes" in group "gateway.networking.k8s.io"`
 * (kubernetes/kubectl `pkg/cmd/util/helpers.go`, `checkErr`).
 */
export function missingResourceType(stderr: string): { plural: string; group?: string } | undefined {
  const m = /the server doesn't have a resource type "([^"]+)"(?: in group "([^"]*)")?/.exec(stderr);
  if (!m) return undefined;
  return m[2] === undefined ? { plural: m[1]! } : { plural: m[1]!, group: m[2] };
}

/**
 * A resource a RBAC rule refused while the others were listed (kubectl prints what it could list
 * and exits 1): `Error from server (Forbidden): virtualservices.networking.istio.io is forbidden:
 * User "jane" cannot list resource "virtualservices" in API group "networking.istio.io" at the
 * cluster scope`. Undefined for a line that is anything else.
 */
export function forbiddenListLine(line: string): string | undefined {
  const m = /^Error from server \(Forbidden\): (\S+) is forbidden: .*cannot list resource/.exec(line);
  return m?.[1];
}

/**
 * The requested types kubectl may mean by a missing `plural` (and `group`), the one most likely
 * missing first: of `gateways` (Istio's and the Gateway API's) the Gateway API's, whose CRDs are
 * installed apart from Istio.
 */
export function candidatesForMissing(requested: readonly string[], missing: { plural: string; group?: string }): string[] {
  const candidates = requested.filter((t) => pluralOf(t) === missing.plural && (missing.group === undefined || groupOf(t) === missing.group));
  return [...candidates.filter((t) => !t.endsWith('.istio.io')), ...candidates.filter((t) => t.endsWith('.istio.io'))];
}
