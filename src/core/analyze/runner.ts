import type { ConfigSet } from '../config/objects.ts';
import type { AnalyzerLevel, AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { conditionAnalyzer } from './conditions.ts';
import { defaultIngressResources } from './defaults.ts';
import { deprecationAnalyzer } from './deprecation.ts';
import { caCertificateAnalyzer } from './destinationrule-ca-certificates.ts';
import { subsetSelectPodAnalyzer } from './destinationrule-subset-select-pods.ts';
import { conflictingGatewayAnalyzer } from './gateway-conflicting.ts';
import { ingressGatewayPortAnalyzer } from './gateway-ingress-port.ts';
import { crdVersionAnalyzer } from './k8sgateway-crd-version.ts';
import { defaultMeshSettings } from './mesh-config.ts';
import { analyzeInput, type MeshSettings } from './resource.ts';
import { portNameAnalyzer } from './service-port-name.ts';
import { conflictingServiceEntryProtocolAnalyzer } from './serviceentry-conflicting-protocol.ts';
import { protocolAddressesAnalyzer } from './serviceentry-protocol-addresses.ts';
import { sidecarSelectorAnalyzer } from './sidecar-selector.ts';
import { conflictingMeshGatewayHostsAnalyzer } from './virtualservice-conflicting-mesh-gateway-hosts.ts';
import { destinationHostAnalyzer } from './virtualservice-destination-hosts.ts';
import { destinationRuleAnalyzer } from './virtualservice-destination-rules.ts';
import { gatewayAnalyzer } from './virtualservice-gateways.ts';
import { jwtClaimRouteAnalyzer } from './virtualservice-jwt-claim-route.ts';
import { unreachableRulesAnalyzer } from './virtualservice-unreachable-rules.ts';

/** The analyzers meshscope restates, by Istio's Metadata().Name. */
export const ANALYZERS: readonly Analyzer[] = [
  destinationHostAnalyzer,
  destinationRuleAnalyzer,
  gatewayAnalyzer,
  conflictingMeshGatewayHostsAnalyzer,
  jwtClaimRouteAnalyzer,
  unreachableRulesAnalyzer,
  subsetSelectPodAnalyzer,
  portNameAnalyzer,
  sidecarSelectorAnalyzer,
  protocolAddressesAnalyzer,
  conflictingServiceEntryProtocolAnalyzer,
  caCertificateAnalyzer,
  ingressGatewayPortAnalyzer,
  conflictingGatewayAnalyzer,
  deprecationAnalyzer,
  conditionAnalyzer,
  crdVersionAnalyzer,
];

export function analyzerNamed(name: string): Analyzer | undefined {
  return ANALYZERS.find((a) => a.name === name);
}

export interface AnalyzeOptions {
  /** Only this analyzer, or these (Metadata names, as istioctl's repeated `--analyzer`); all when undefined. */
  analyzer?: string | readonly string[];
  mesh?: MeshSettings;
  /** The namespace of objects that give none: `''` in upstream's test harness, the context's (`default`) in istioctl. */
  defaultNamespace?: string;
  /** Add upstream's stand-in ingress gateway pod and Service (AddDefaultResources); default true. */
  defaultResources?: boolean;
}

const LEVEL_ORDER: Record<AnalyzerLevel, number> = { Error: 0, Warning: 1, Info: 2 };

/** diag.Message.String() without a reference: `Level [CODE] (origin) message`. */
export function messageLine(m: AnalyzerMessage): string {
  return `${m.level} [${m.code}]${m.origin === '' ? '' : ` (${m.origin})`} ${m.message}`;
}

/** Origin.Comparator(): `Kind/name/namespace`. */
function comparator(m: AnalyzerMessage): string {
  return `${m.kind ?? ''}/${m.name ?? ''}/${m.namespace ?? ''}`;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Messages.SortedDedupedCopy: by level, code, origin comparator, then text; equal lines once. */
export function sortedDeduped(messages: readonly AnalyzerMessage[]): AnalyzerMessage[] {
  const sorted = [...messages].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      byteCompare(a.code, b.code) ||
      byteCompare(comparator(a), comparator(b)) ||
      byteCompare(messageLine(a), messageLine(b)),
  );
  return sorted.filter((m, i) => i === 0 || messageLine(sorted[i - 1]!) !== messageLine(m));
}

function withDefaults(set: ConfigSet, add: boolean): ConfigSet {
  return add ? { objects: [...set.objects, ...defaultIngressResources().objects], problems: set.problems } : set;
}

/** Runs the analyzers (all, or one) over a config set, as `istioctl analyze` does: messages sorted and deduplicated. */
export function runAnalyzers(set: ConfigSet, options: AnalyzeOptions = {}): AnalyzerMessage[] {
  return sortedDeduped(analyzeRaw(set, options));
}

/** The analyzers' messages as they report them: in no particular order, duplicates kept (what upstream's test compares). */
export function analyzeRaw(set: ConfigSet, options: AnalyzeOptions = {}): AnalyzerMessage[] {
  const input = analyzeInput(withDefaults(set, options.defaultResources ?? true), options.mesh ?? defaultMeshSettings(), options.defaultNamespace ?? '');
  const wanted = options.analyzer;
  const chosen = wanted === undefined ? ANALYZERS : ANALYZERS.filter((a) => (typeof wanted === 'string' ? a.name === wanted : wanted.includes(a.name)));
  return chosen.flatMap((a) => a.analyze(input));
}
