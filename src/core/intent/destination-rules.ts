import { hostsMatch, isWildcardHost, resolveShortName } from '../config/hosts.ts';
import { type ConfigObject, type ConfigSet, describeOrigin, namespaceOf } from '../config/objects.ts';
import { labelsMatch, type MeshService, podsSelected, visibleFrom } from '../config/services.ts';
import { asArray, asObject, asString } from '../envoy/json.ts';
import type { ProducedIndex } from './produced.ts';
import { compareByCreation, type ProxyIdentity, ROOT_NAMESPACE } from './scope.ts';
import type { IntentReason, IntentVerdict } from './types.ts';

const key = (o: ConfigObject) => `${namespaceOf(o)}/${o.metadata.name}`;

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObject(value) ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

function drHost(dr: ConfigObject): string {
  return resolveShortName((asString(dr.spec.host) ?? '').toLowerCase(), namespaceOf(dr));
}

function exportToOf(o: ConfigObject): string[] {
  return asArray(o.spec.exportTo).flatMap((v) => (typeof v === 'string' ? [v] : []));
}

/** MostSpecificHostMatch over a namespace's DestinationRules: an exact host first, else the longest wildcard. */
function mostSpecific(drs: ConfigObject[], hostname: string): ConfigObject[] {
  const exact = drs.filter((dr) => drHost(dr) === hostname);
  if (exact.length > 0) return exact;
  const wild = drs.filter((dr) => isWildcardHost(drHost(dr)) && hostsMatch(drHost(dr), hostname));
  if (wild.length === 0) return [];
  const longest = Math.max(...wild.map((dr) => drHost(dr).length));
  return wild.filter((dr) => drHost(dr).length === longest);
}

export interface DestinationQuery {
  service: MeshService | undefined;
  hostname: string;
  proxy: ProxyIdentity;
  /** The subset the request ended on, when explained. */
  subset: string | undefined;
  /** The clusters the request can end on (the picked one, or every destination of a split), when explained. */
  clusters: string[];
  produced: ProducedIndex | undefined;
}

/**
 * The DestinationRules for a service host, and which of them the proxy uses
 * (pilot/pkg/model/push_context.go, destinationRule): the proxy's own namespace first (unless it
 * is the root namespace), then rules the service's namespace exports to it, then rules the root
 * namespace exports; within a namespace the most specific host; several rules for that host in
 * one namespace are merged (the older first, a workloadSelector'd one only for the workloads it
 * selects).
 */
export function destinationRuleVerdicts(set: ConfigSet, q: DestinationQuery): { verdicts: IntentVerdict[]; caveats: string[] } {
  const caveats: string[] = [];
  const all = set.objects.filter((o) => o.kind === 'DestinationRule').sort(compareByCreation);
  const candidates = all.filter((dr) => hostsMatch(drHost(dr), q.hostname));
  if (candidates.length === 0) return { verdicts: [], caveats };
  const proxyNs = q.proxy.namespace;
  const selects = (dr: ConfigObject) => {
    const sel = asObject(asObject(dr.spec.workloadSelector)?.matchLabels);
    return sel === undefined || labelsMatch(stringRecord(sel), q.proxy.labels);
  };
  const visible = (dr: ConfigObject) => visibleFrom(exportToOf(dr), namespaceOf(dr), proxyNs);
  const steps: { ns: string; exported: boolean }[] = [];
  if (proxyNs !== ROOT_NAMESPACE) steps.push({ ns: proxyNs, exported: false });
  else steps.push({ ns: ROOT_NAMESPACE, exported: false });
  if (q.service !== undefined) steps.push({ ns: q.service.namespace, exported: true });
  steps.push({ ns: ROOT_NAMESPACE, exported: true });
  let chosen: ConfigObject[] = [];
  for (const step of steps) {
    const inNs = candidates.filter((dr) => namespaceOf(dr) === step.ns && visible(dr) && selects(dr));
    chosen = mostSpecific(inNs, q.hostname);
    if (chosen.length > 0) break;
  }
  const verdicts: IntentVerdict[] = [];
  for (const dr of candidates) {
    const base = {
      kind: dr.kind,
      name: dr.metadata.name,
      namespace: namespaceOf(dr),
      origin: describeOrigin(dr.origin),
      produced: [] as string[],
      notes: [] as IntentReason[],
      decisive: false,
    };
    if (!visible(dr)) {
      verdicts.push({
        ...base,
        applies: false,
        reason: { code: 'not-exported', message: `exportTo [${exportToOf(dr).join(', ')}] does not include the proxy's namespace ${proxyNs}` },
      });
      continue;
    }
    if (!selects(dr)) {
      verdicts.push({ ...base, applies: false, reason: { code: 'source-labels', message: 'its workloadSelector does not select this workload' } });
      continue;
    }
    if (!chosen.includes(dr)) {
      const winner = chosen[0];
      verdicts.push({
        ...base,
        applies: false,
        reason: {
          code: 'shadowed',
          message:
            winner === undefined
              ? 'not among the rules Istio looks up for this proxy (its namespace, the service namespace, the root namespace)'
              : `Istio takes DestinationRule ${key(winner)} for this proxy first (its namespace, then the service's, then ${ROOT_NAMESPACE}; the most specific host)`,
        },
      });
      continue;
    }
    const produced = q.produced?.clustersByDestinationRule.get(key(dr)) ?? [];
    const notes = subsetNotes(set, dr, q);
    if (chosen.length > 1)
      notes.push({
        code: 'older-wins',
        message: `merged with ${chosen
          .filter((o) => o !== dr)
          .map(key)
          .join(', ')}; where they conflict the older one's setting wins`,
      });
    if (q.produced?.clustersHaveMetadata && produced.length === 0) {
      verdicts.push({
        ...base,
        notes,
        applies: false,
        reason: {
          code: 'not-programmed',
          message: "the objects say it applies, but no cluster in this proxy's config comes from it: a stale proxy (check proxy-status) or a rejected push",
        },
      });
      continue;
    }
    verdicts.push({ ...base, produced, notes, applies: true, reason: null, decisive: q.clusters.some((c) => produced.includes(c)) });
  }
  if (q.service !== undefined && q.service.selector !== undefined && !set.objects.some((o) => o.kind === 'Pod' && namespaceOf(o) === q.service!.namespace)) {
    caveats.push(`no Pod of namespace ${q.service.namespace} among the objects: subsets were not checked against pods`);
  }
  return { verdicts, caveats };
}

/** subset-no-pods and pod-matches-no-subset, from the service's pods (Service selector) and each subset's labels. */
function subsetNotes(set: ConfigSet, dr: ConfigObject, q: DestinationQuery): IntentReason[] {
  const notes: IntentReason[] = [];
  const svc = q.service;
  if (svc === undefined || svc.selector === undefined) return notes;
  const pods = podsSelected(set, svc.namespace, svc.selector);
  if (!set.objects.some((o) => o.kind === 'Pod' && namespaceOf(o) === svc.namespace)) return notes;
  const subsets = asArray(dr.spec.subsets).flatMap((s) => {
    const o = asObject(s);
    const name = asString(o?.name);
    return name === undefined ? [] : [{ name, labels: stringRecord(o?.labels) }];
  });
  for (const subset of subsets) {
    const matching = pods.filter((p) => labelsMatch(subset.labels, p.metadata.labels));
    if (matching.length === 0) {
      const chosen = subset.name === q.subset ? ' — the subset this request goes to: 503 UH (no healthy upstream)' : '';
      notes.push({
        code: 'subset-no-pods',
        message: `subset ${subset.name} (${Object.entries(subset.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}) selects none of the ${pods.length} pods of ${svc.hostname}${chosen}`,
      });
    }
  }
  if (subsets.length > 0) {
    const orphans = pods.filter((p) => !subsets.some((s) => labelsMatch(s.labels, p.metadata.labels)));
    if (orphans.length > 0) {
      notes.push({
        code: 'pod-matches-no-subset',
        message: `${orphans.length} pod${orphans.length === 1 ? '' : 's'} of ${svc.hostname} ${orphans.length === 1 ? 'matches' : 'match'} no subset (${orphans
          .map((p) => p.metadata.name)
          .slice(0, 3)
          .join(', ')}${orphans.length > 3 ? ', …' : ''}): only traffic without a subset reaches ${orphans.length === 1 ? 'it' : 'them'}`,
      });
    }
  }
  return notes;
}
