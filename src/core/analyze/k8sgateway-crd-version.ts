import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { GatewayAPICRDVersionBelowMinimum } from './catalogue.ts';
import { message, ofKind } from './resource.ts';

/**
 * k8sgateway.CRDVersionAnalyzer (istio/istio pkg/config/analysis/analyzers/k8sgateway/crdversion.go):
 * a Gateway API CRD whose `gateway.networking.k8s.io/bundle-version` annotation (a semver, its
 * pre-release ignored) is below the minimum Istio needs (pkg/config/schema/gatewayapi/
 * minimumversions.go, MinimumCRDVersions) is IST0176. An unparsable version is not reported.
 */
const MINIMUM: Record<string, [number, number, number]> = {
  'grpcroutes.gateway.networking.k8s.io': [1, 1, 0],
  'backendtlspolicies.gateway.networking.k8s.io': [1, 4, 0],
  'tlsroutes.gateway.networking.k8s.io': [1, 5, 0],
  'tcproutes.gateway.networking.k8s.io': [1, 6, 0],
};

/** Masterminds semver.NewVersion (loose): `v` optional, minor and patch optional, pre-release and build metadata. */
function parseSemver(text: string): { core: [number, number, number]; text: string } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(text);
  if (!m) return undefined;
  const core: [number, number, number] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  return { core, text: `${core.join('.')}${m[4] ? `-${m[4]}` : ''}${m[5] ? `+${m[5]}` : ''}` };
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

export const crdVersionAnalyzer: Analyzer = {
  name: 'k8sgateway.CRDVersionAnalyzer',
  description: 'Checks Gateway API CRDs are at the minimum version required by this Istio version',
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    for (const r of ofKind(input, 'CustomResourceDefinition')) {
      const minimum = MINIMUM[r.name];
      const bundle = r.annotations['gateway.networking.k8s.io/bundle-version'];
      if (minimum === undefined || bundle === undefined) continue;
      const installed = parseSemver(bundle);
      if (installed === undefined) continue;
      if (less(installed.core, minimum)) out.push(message(GatewayAPICRDVersionBelowMinimum, r, r.name, installed.text, minimum.join('.')));
    }
    return out;
  },
};
