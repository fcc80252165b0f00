/**
 * Istio's names for the RBAC policies it generates from AuthorizationPolicy rules, read back:
 * `ns[<namespace>]-policy[<name>]-rule[<index>]` (policyName in
 * pilot/pkg/security/authz/builder/builder.go). For the CUSTOM action the name is prefixed with
 * `istio-ext-authz-<provider>-` (or `istio-ext-authz-` without a provider; extAuthzMatchPrefix in
 * builder/extauthz.go), and a CUSTOM policy whose provider is broken becomes a DENY policy named
 * with the suffix `-deny-due-to-bad-CUSTOM-action` (badCustomActionSuffix, getBadCustomDenyRules).
 */
export interface IstioPolicyName {
  namespace: string;
  name: string;
  /** The index of the rule in the AuthorizationPolicy's `rules`. */
  rule: number;
  /** The ext_authz provider of a CUSTOM policy ('' when the name has the bare prefix). */
  provider?: string;
  /** The `-deny-due-to-bad-CUSTOM-action` suffix: a CUSTOM policy turned into a DENY. */
  badCustom?: boolean;
}

// Kubernetes names and namespaces have no brackets, so `[^\]]*` delimits them.
const POLICY_NAME = /^(?:istio-ext-authz-(?:(.*?)-)?)?ns\[([^\]]*)\]-policy\[([^\]]*)\]-rule\[(\d+)\](-deny-due-to-bad-CUSTOM-action)?$/;

/** The AuthorizationPolicy behind an RBAC policy name, or null when the name is not Istio's. */
export function parseIstioPolicyName(policy: string): IstioPolicyName | null {
  const m = POLICY_NAME.exec(policy);
  if (!m) return null;
  const out: IstioPolicyName = { namespace: m[2]!, name: m[3]!, rule: Number(m[4]) };
  if (policy.startsWith('istio-ext-authz-')) out.provider = m[1] ?? '';
  if (m[5]) out.badCustom = true;
  return out;
}
