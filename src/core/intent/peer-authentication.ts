import { type ConfigObject, type ConfigSet, namespaceOf, objectRef } from '../config/objects.ts';
import { labelsMatch } from '../config/services.ts';
import { asObject, asString } from '../envoy/json.ts';
import { compareByCreation, ROOT_NAMESPACE } from './scope.ts';

/** A PeerAuthentication mTLS mode as Istio resolves it (UNSET resolved to the parent's). */
export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface EffectivePeerAuthentication {
  mode: MtlsMode;
  /** The object (and field) whose setting is the effective one; null for Istio's default PERMISSIVE. */
  decidedBy: { ref: string; field: string } | null;
  /** The applicable policies, narrowest last: mesh, namespace, workload. */
  applicable: { scope: 'mesh' | 'namespace' | 'workload'; ref: string; mode: string }[];
  /** Policies Istio ignores for this workload (a second namespace-wide policy: the oldest wins). */
  ignored: string[];
}

function modeOf(value: unknown): MtlsMode | 'UNSET' {
  const mode = asString(asObject(value)?.mode);
  return mode === 'STRICT' || mode === 'PERMISSIVE' || mode === 'DISABLE' ? mode : 'UNSET';
}

function selectorLabels(pa: ConfigObject): Record<string, string> {
  const out: Record<string, string> = {};
  const labels = asObject(asObject(pa.spec.selector)?.matchLabels);
  for (const [k, v] of Object.entries(labels ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * The PeerAuthentication mode of a workload's port, as istiod composes it
 * (pilot/pkg/security/authn/policy_applier.go, ComposePeerAuthentication; the candidates from
 * pilot/pkg/model/authentication.go, getConfigsForWorkload): one mesh policy (root namespace, no
 * selector), one namespace policy (no selector), one workload policy (a selector matching the
 * pod's labels, not in the root namespace), the oldest of each scope. Start from PERMISSIVE; the
 * mesh, then the namespace, then the workload policy override it unless their mode is UNSET; the
 * workload policy's `portLevelMtls` (keyed by the pod's target port) overrides for that port, an
 * UNSET port inheriting the workload's result.
 */
export function effectivePeerAuthentication(
  set: ConfigSet,
  workload: { namespace: string; labels: Record<string, string> },
  port: number,
  rootNamespace = ROOT_NAMESPACE,
): EffectivePeerAuthentication {
  const all = set.objects.filter((o) => o.kind === 'PeerAuthentication').sort(compareByCreation);
  let mesh: ConfigObject | undefined;
  let namespace: ConfigObject | undefined;
  let workloadPolicy: ConfigObject | undefined;
  const ignored: string[] = [];
  for (const pa of all) {
    const ns = namespaceOf(pa);
    const selector = selectorLabels(pa);
    const wide = Object.keys(selector).length === 0;
    if (wide && ns === rootNamespace) {
      if (mesh) ignored.push(`${objectRef(pa)} (a second mesh-wide policy: Istio uses the oldest, ${objectRef(mesh)})`);
      else mesh = pa;
    } else if (wide && ns === workload.namespace) {
      if (namespace) ignored.push(`${objectRef(pa)} (a second namespace-wide policy: Istio uses the oldest, ${objectRef(namespace)})`);
      else namespace = pa;
    } else if (!wide && ns === workload.namespace && ns !== rootNamespace && labelsMatch(selector, workload.labels)) {
      if (workloadPolicy) ignored.push(`${objectRef(pa)} (a second policy selecting this workload: Istio uses the oldest, ${objectRef(workloadPolicy)})`);
      else workloadPolicy = pa;
    }
  }
  let mode: MtlsMode = 'PERMISSIVE';
  let decidedBy: EffectivePeerAuthentication['decidedBy'] = null;
  const applicable: EffectivePeerAuthentication['applicable'] = [];
  for (const [scope, pa] of [
    ['mesh', mesh],
    ['namespace', namespace],
    ['workload', workloadPolicy],
  ] as const) {
    if (!pa) continue;
    const m = modeOf(pa.spec.mtls);
    applicable.push({ scope, ref: objectRef(pa), mode: m });
    if (m !== 'UNSET') {
      mode = m;
      decidedBy = { ref: objectRef(pa), field: 'spec.mtls.mode' };
    }
  }
  const ports = asObject(workloadPolicy?.spec.portLevelMtls);
  const forPort = ports?.[String(port)];
  if (workloadPolicy && forPort !== undefined) {
    const m = modeOf(forPort);
    if (m !== 'UNSET') {
      mode = m;
      decidedBy = { ref: objectRef(workloadPolicy), field: `spec.portLevelMtls[${port}].mode` };
    }
  }
  return { mode, decidedBy, applicable, ignored };
}
