import type { EjectionCap } from './ejection-cap.ts';
import type { LbHost } from './hosts.ts';
import type { FailoverExplanation } from './istio-failover.ts';
import type { LbSettings } from './settings.ts';
import type { ShareResult } from './shares.ts';
import { isHashPolicy } from './within-priority.ts';

/** The load balancer's decision in words: a headline and the sentences behind it, the main one first. */
export interface SharesText {
  headline: string;
  /** Empty when there is nothing worth saying (one priority, every host healthy, even shares). */
  summary: string[];
}

const pct = (n: number): string => `${Math.round(n * 100) / 100}%`;

function priorityLine(p: number, hosts: readonly LbHost[], result: ShareResult): string {
  const load = result.load!;
  const mine = hosts.filter((h) => h.priority === p);
  const localities = [...new Set(mine.map((h) => h.locality || 'no locality'))].join(', ');
  const healthy = mine.filter((h) => h.health === 'healthy').length;
  const degraded = mine.filter((h) => h.health === 'degraded').length;
  const excluded = mine.filter((h) => h.excluded).length;
  const bad = mine.filter((h) => h.health !== 'healthy' && h.condition).slice(0, 3);
  const counts = `${healthy} of ${mine.length} healthy${degraded ? `, ${degraded} degraded` : ''}${excluded ? `, ${excluded} excluded` : ''}`;
  const why = bad.length ? ` (${bad.map((h) => `${h.key} ${h.condition}`).join('; ')})` : '';
  const taken = load.healthyLoad[p]! + load.degradedLoad[p]!;
  const panic = load.panic[p] ? ', in panic' : '';
  return `priority ${p} (${localities || 'no hosts'}): ${counts}${why}, health ${load.health[p]}% → ${taken}% of requests${panic}`;
}

function headlineOf(hosts: readonly LbHost[], result: ShareResult): string {
  if (result.notInterpreted) return 'shares not interpreted';
  if (result.noHost >= 100) return 'no host can take it (503 UH)';
  const load = result.load!;
  const taking = load.healthyLoad.map((l, p) => ({ p, l: l + load.degradedLoad[p]! })).filter((x) => x.l > 0);
  const panic = load.totalPanic ? ', every priority in panic' : load.panic.some(Boolean) ? ', in panic' : '';
  if (taking.length === 1 && load.healthyLoad.length > 1) return `priority ${taking[0]!.p} takes 100%${panic}`;
  if (taking.length > 1) return `${taking.map((x) => `priority ${x.p} ${x.l}%`).join(', ')}${panic}`;
  const sharing = result.hosts.filter((h) => (h.share ?? 0) > 0);
  const even = sharing.every((h) => h.share === sharing[0]!.share);
  if (sharing.length === 1) return `1 of ${hosts.length} host${hosts.length === 1 ? '' : 's'} takes 100%${panic}`;
  return even ? `${sharing.length} hosts, ${pct(sharing[0]!.share!)} each${panic}` : `${sharing.length} hosts share it${panic}`;
}

function policyLine(settings: LbSettings, hosts: readonly LbHost[]): string | undefined {
  const weights = new Set(hosts.map((h) => h.weight));
  if (isHashPolicy(settings.policy))
    return `${settings.policy}: each request's hash key picks one host of its priority's ring (healthy hosts only); these shares are over many keys`;
  if (weights.size > 1) {
    if (settings.policy === 'RANDOM') return 'RANDOM ignores load_balancing_weight: the hosts of a priority share evenly';
    if (settings.policy === 'LEAST_REQUEST')
      return 'the weights differ: LEAST_REQUEST shares by load_balancing_weight (divided by each host’s active requests, so by weight at equal load)';
    return `the weights differ: ${settings.policy} shares by load_balancing_weight`;
  }
  return undefined;
}

/** The sentences of a cluster's endpoint shares. Empty `summary` when there is nothing to say. */
export function describeShares(o: {
  clusterName: string;
  settings: LbSettings;
  hosts: readonly LbHost[];
  result: ShareResult;
  cap?: EjectionCap | undefined;
  failover?: FailoverExplanation | undefined;
}): SharesText {
  const { settings, hosts, result } = o;
  const headline = headlineOf(hosts, result);
  if (result.notInterpreted || hosts.length === 0) return { headline, summary: [] };
  const load = result.load!;
  const priorities = load.healthyLoad.length;
  const unwell = hosts.some((h) => h.health !== 'healthy' || h.excluded);
  const summary: string[] = [];
  if (priorities > 1 || unwell) summary.push(Array.from({ length: priorities }, (_, p) => priorityLine(p, hosts, result)).join('; '));
  if (o.failover) summary.push(o.failover.text);
  // Only a priority that keeps part of its traffic (health strictly between 0 and 100%) needs the arithmetic.
  if (load.health.some((h) => h > 0 && h < 100)) {
    const factor = settings.overprovisioningFactor;
    summary.push(
      `a priority's health is its healthy share × ${factor / 100} (overprovisioning_factor ${factor}), capped at 100%: it keeps all its traffic while at least ${pct(10000 / factor)} of its hosts are healthy, and what it cannot carry goes to the next priority`,
    );
  }
  if (load.panic.some(Boolean))
    summary.push(
      `below the panic threshold (${settings.panicThreshold}% of hosts healthy) a priority is in panic: Envoy balances over all its hosts, healthy or not${load.totalPanic ? '; with every priority in panic, the load follows the host counts' : ''}`,
    );
  else if (unwell)
    summary.push(
      settings.panicThreshold === 0
        ? 'panic mode is off (healthy_panic_threshold 0%; Istio sets it so with outlier detection, from minHealthPercent): unhealthy hosts never take traffic'
        : `no priority is in panic (healthy_panic_threshold ${settings.panicThreshold}%)`,
    );
  if (o.cap && (o.cap.ejected > 0 || o.cap.allowed === 0)) summary.push(`outlier detection: ${o.cap.text}`);
  if (settings.localityWeighted)
    summary.push('locality-weighted: Envoy picks a locality by its load_balancing_weight × its available share of hosts, then a host in it');
  const policy = policyLine(settings, hosts);
  if (policy) summary.push(policy);
  if (result.noHost > 0 && result.noHost < 100) summary.push(`${pct(result.noHost)} of requests find no host: Envoy answers them 503 UH`);
  return { headline, summary };
}
