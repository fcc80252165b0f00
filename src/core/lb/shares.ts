import type { LbHost } from './hosts.ts';
import { type PriorityHosts, type PriorityLoad, priorityLoad } from './priority-load.ts';
import type { LbSettings } from './settings.ts';
import { isHashPolicy, spread } from './within-priority.ts';

/** One host's share of the cluster's requests, and why it gets none (or gets some despite its health). */
export interface HostShare {
  key: string;
  priority: number;
  /** Percent (0–100) of this cluster's requests; null when the load balancer is not interpreted. */
  share: number | null;
  /** Why the share is 0, or why an unhealthy host takes traffic (panic); null otherwise. */
  reason: string | null;
}

export interface ShareResult {
  hosts: HostShare[];
  /** The per-priority arithmetic; undefined when not computed. */
  load?: PriorityLoad;
  /** Per priority: its hosts as counted. */
  sets: PriorityHosts[];
  /** Percent of requests that find no host (503 UH): no healthy host with panic off, an empty hash ring. */
  noHost: number;
  /** Why no shares were computed, when they were not. */
  notInterpreted?: string;
}

/** Rounded for display and JSON: two decimals of a percent. */
const round = (n: number): number => Math.round(n * 100) / 100;

function countSet(hosts: readonly LbHost[]): PriorityHosts {
  const sum = (list: readonly LbHost[]) => list.reduce((a, h) => a + h.weight, 0);
  const healthy = hosts.filter((h) => h.health === 'healthy');
  const degraded = hosts.filter((h) => h.health === 'degraded');
  const excluded = hosts.filter((h) => h.excluded);
  return {
    hosts: hosts.length,
    healthy: healthy.length,
    degraded: degraded.length,
    excluded: excluded.length,
    weights: { healthy: sum(healthy), degraded: sum(degraded), total: sum(hosts), excluded: sum(excluded) },
  };
}

/** The policies whose host pick meshscope does not model. */
function notModelled(settings: LbSettings): string | undefined {
  if (settings.policy === 'CLUSTER_PROVIDED')
    return 'the cluster provides its own load balancer (CLUSTER_PROVIDED): which host takes a request is up to the cluster type';
  if (settings.policy === 'LOAD_BALANCING_POLICY_CONFIG')
    return `the load balancing policy extension ${settings.extension ?? '(unnamed)'} is not interpreted: its pick is unknown`;
  return undefined;
}

/**
 * Each host's share of the cluster's requests, as Envoy's load balancer decides it: the priority
 * loads (`priorityLoad`), then within each priority the healthy load over the healthy hosts and
 * the degraded load over the degraded ones (hash policies: both over the ring of healthy hosts),
 * or in panic every host of the priority. Pure.
 */
export function hostShares(hosts: readonly LbHost[], settings: LbSettings): ShareResult {
  const maxPriority = hosts.reduce((m, h) => Math.max(m, h.priority), 0);
  const byPriority = Array.from({ length: maxPriority + 1 }, (_, p) => hosts.filter((h) => h.priority === p));
  const sets = byPriority.map(countSet);
  const skip = notModelled(settings);
  if (skip !== undefined)
    return { hosts: hosts.map((h) => ({ key: h.key, priority: h.priority, share: null, reason: null })), sets, noHost: 0, notInterpreted: skip };
  const load = priorityLoad(sets, settings);
  const share = new Map<string, number>();
  const reason = new Map<string, string>();
  let noHost = 0;
  const hash = isHashPolicy(settings.policy);
  const give = (eligible: readonly LbHost[], all: readonly LbHost[], amount: number) => {
    if (amount === 0) return;
    if (eligible.length === 0) {
      noHost += amount;
      return;
    }
    const s = spread(eligible, all, settings.policy, settings.localityWeighted, settings.overprovisioningFactor);
    eligible.forEach((h, i) => {
      share.set(h.key, (share.get(h.key) ?? 0) + amount * s.fractions[i]!);
    });
    for (const [key, why] of s.skipped) if (!reason.has(key)) reason.set(key, why);
  };
  byPriority.forEach((all, p) => {
    const total = load.healthyLoad[p]! + load.degradedLoad[p]!;
    if (load.panic[p]) {
      give(all, all, total);
      return;
    }
    const healthy = all.filter((h) => h.health === 'healthy');
    const degraded = all.filter((h) => h.health === 'degraded');
    if (hash) give(healthy, all, total);
    else {
      give(healthy, all, load.healthyLoad[p]!);
      give(degraded, all, load.degradedLoad[p]!);
    }
  });
  const out = hosts.map((h): HostShare => {
    const value = round(share.get(h.key) ?? 0);
    return { key: h.key, priority: h.priority, share: value, reason: shareReason(h, value, load, settings, reason.get(h.key)) };
  });
  return { hosts: out, load, sets, noHost };
}

/** Which priorities above `p` carry the traffic, for "not reached" reasons. */
function reachedBy(load: PriorityLoad, p: number): string {
  const above = load.healthyLoad
    .slice(0, p)
    .map((l, i) => ({ i, l: l + load.degradedLoad[i]! }))
    .filter((x) => x.l > 0);
  if (above.length === 1) return `priority ${above[0]!.i} is healthy enough (health ${load.health[above[0]!.i]}%) to take all the traffic`;
  return `priorities ${above.map((x) => x.i).join(', ')} take all the traffic between them`;
}

/** The first priority that takes traffic. */
function firstLoaded(load: PriorityLoad): number {
  return load.healthyLoad.findIndex((l, i) => l + load.degradedLoad[i]! > 0);
}

function shareReason(h: LbHost, value: number, load: PriorityLoad, settings: LbSettings, skipped: string | undefined): string | null {
  const p = h.priority;
  if (load.panic[p]) {
    if (value === 0) return h.weight === 0 ? 'load_balancing_weight 0' : `priority ${p} is in panic but takes no traffic`;
    return h.health === 'healthy'
      ? null
      : `${h.condition ?? 'not healthy'}, yet it takes traffic: priority ${p} is in panic (fewer than ${settings.panicThreshold}% of its hosts healthy), so Envoy balances over all its hosts whatever their health`;
  }
  if (value > 0) return null;
  if (load.normalizedTotalAvailability === 0 && settings.panicThreshold === 0)
    return `${h.condition ?? 'not healthy'}; no host of the cluster is healthy and panic mode is off (healthy_panic_threshold 0): Envoy answers 503 UH`;
  if (h.health === 'unhealthy') return h.condition ?? 'unhealthy';
  const reaching = load.healthyLoad[p]! + load.degradedLoad[p]!;
  if (reaching === 0) {
    const first = firstLoaded(load);
    if (first >= 0 && first < p) return `priority ${p} is not reached: ${reachedBy(load, p)}`;
    if (h.health === 'degraded') return `${h.condition ?? 'degraded'}: degraded hosts take load only when the healthy hosts of every priority cannot carry it`;
    return `priority ${p} takes no traffic`;
  }
  if (h.health === 'degraded') {
    if (isHashPolicy(settings.policy)) return `${h.condition ?? 'degraded'}: the ${settings.policy} ring holds only healthy hosts`;
    return `${h.condition ?? 'degraded'}: degraded hosts take load only when the healthy hosts of every priority cannot carry it`;
  }
  if (h.weight === 0) return 'load_balancing_weight 0';
  return skipped ?? 'takes no traffic';
}
