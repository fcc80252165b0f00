/**
 * Envoy's split of a cluster's requests between its EDS priorities, restated from
 * `LoadBalancerBase` (source/extensions/load_balancing_policies/common/load_balancer_impl.cc,
 * formerly source/common/upstream/load_balancer_impl.cc): `recalculatePerPriorityState`,
 * `distributeLoad`, `recalculatePerPriorityPanic`, `recalculateLoadInTotalPanic` and
 * `isHostSetInPanic`. Integer arithmetic as Envoy's (uint32 percentages, truncating division).
 */

/** One priority's host set, as the load balancer counts it. */
export interface PriorityHosts {
  /** Every host of the priority (`hosts()`), excluded ones included. */
  hosts: number;
  /** Hosts whose coarse health is Healthy. */
  healthy: number;
  /** Hosts whose coarse health is Degraded. */
  degraded: number;
  /** Hosts left out of the health arithmetic (`excludedHosts()`): pending a first health check, draining. */
  excluded: number;
  /** The same, by `load_balancing_weight`: used only with `weighted_priority_health`. */
  weights?: { healthy: number; degraded: number; total: number; excluded: number };
}

export interface PriorityOptions {
  /** `ClusterLoadAssignment.policy.overprovisioning_factor`, in percent (140 = 1.4, Envoy's default). */
  overprovisioningFactor: number;
  /** `ClusterLoadAssignment.policy.weighted_priority_health`: health by host weight, not host count. */
  weightedPriorityHealth: boolean;
  /** `common_lb_config.healthy_panic_threshold` in percent (50 by default; 0 disables panic). */
  panicThreshold: number;
}

export interface PriorityLoad {
  /** Per priority, 0–100: healthy share × overprovisioning, capped at 100 (`per_priority_health_`). */
  health: number[];
  /** The same for degraded hosts (`per_priority_degraded_`). */
  degradedHealth: number[];
  /** min(100, Σ health + Σ degraded): below 100 the priorities together cannot carry the traffic. */
  normalizedTotalAvailability: number;
  /** Percent of requests sent to each priority's healthy hosts (`healthy_priority_load_`). */
  healthyLoad: number[];
  /** Percent of requests sent to each priority's degraded hosts (`degraded_priority_load_`). */
  degradedLoad: number[];
  /** Per priority: in panic, the load balancer uses every host of the priority, whatever its health. */
  panic: boolean[];
  /** Every priority is in panic: the load follows host counts (`recalculateLoadInTotalPanic`). */
  totalPanic: boolean;
}

const trunc = Math.trunc;

function availability(set: PriorityHosts, options: PriorityOptions): { health: number; degraded: number } {
  const count = set.hosts - set.excluded;
  if (count <= 0) return { health: 0, degraded: 0 };
  const w = options.weightedPriorityHealth ? set.weights : undefined;
  const healthy = w ? w.healthy : set.healthy;
  const degraded = w ? w.degraded : set.degraded;
  const total = w ? w.total - w.excluded : count;
  if (total <= 0) return { health: 0, degraded: 0 };
  return {
    health: Math.min(100, trunc((options.overprovisioningFactor * healthy) / total)),
    degraded: Math.min(100, trunc((options.overprovisioningFactor * degraded) / total)),
  };
}

/** Assigns as much of `total` as possible to the highest priorities; returns the first available one and what is left. */
function distribute(load: number[], avail: readonly number[], total: number, normalized: number): { first: number; left: number } {
  let first = -1;
  let left = total;
  for (let i = 0; i < avail.length; i++) {
    if (first < 0 && avail[i]! > 0) first = i;
    load[i] = Math.min(left, trunc((avail[i]! * 100) / normalized));
    left -= load[i]!;
  }
  return { first, left };
}

/** `isHostSetInPanic`: (healthy% + degraded%) of the non-excluded hosts below the threshold. */
export function hostSetInPanic(set: PriorityHosts, panicThreshold: number): boolean {
  const count = set.hosts - set.excluded;
  const healthy = count <= 0 ? 0 : (100 * set.healthy) / count;
  const degraded = count <= 0 ? 0 : (100 * set.degraded) / count;
  return healthy + degraded < Math.min(100, panicThreshold);
}

/** The per-priority load of a cluster whose host sets are `sets` (index = priority). */
export function priorityLoad(sets: readonly PriorityHosts[], options: PriorityOptions): PriorityLoad {
  const n = Math.max(1, sets.length);
  const empty: PriorityHosts = { hosts: 0, healthy: 0, degraded: 0, excluded: 0 };
  const all = Array.from({ length: n }, (_, i) => sets[i] ?? empty);
  const avail = all.map((s) => availability(s, options));
  const health = avail.map((a) => a.health);
  const degradedHealth = avail.map((a) => a.degraded);
  const normalized = Math.min(100, health.reduce((a, b) => a + b, 0) + degradedHealth.reduce((a, b) => a + b, 0));
  const healthyLoad = new Array<number>(n).fill(0);
  const degradedLoad = new Array<number>(n).fill(0);
  if (normalized > 0) {
    const h = distribute(healthyLoad, health, 100, normalized);
    const d = distribute(degradedLoad, degradedHealth, h.left, normalized);
    // Rounding leftovers go to the first priority with healthy hosts, else with degraded ones.
    if (d.left !== 0) {
      if (h.first !== -1) healthyLoad[h.first]! += d.left;
      else if (d.first !== -1) degradedLoad[d.first]! += d.left;
    }
  }
  const threshold = Math.min(100, options.panicThreshold);
  const panic = new Array<boolean>(n).fill(false);
  if (threshold === 0 && normalized === 0) {
    // Panic disabled and nothing available: Envoy points all load at P=0, which has no host to give.
    healthyLoad[0] = 100;
    return { health, degradedHealth, normalizedTotalAvailability: normalized, healthyLoad, degradedLoad, panic, totalPanic: false };
  }
  let totalPanic = true;
  for (let i = 0; i < n; i++) {
    // With normalized availability at 100 no priority panics, however few healthy hosts it has.
    panic[i] = normalized === 100 ? false : hostSetInPanic(all[i]!, threshold);
    totalPanic = totalPanic && panic[i]!;
  }
  if (totalPanic) loadInTotalPanic(all, healthyLoad, degradedLoad);
  return { health, degradedHealth, normalizedTotalAvailability: normalized, healthyLoad, degradedLoad, panic, totalPanic };
}

/** `recalculateLoadInTotalPanic`: every priority panics, so the load follows the host counts. */
function loadInTotalPanic(sets: readonly PriorityHosts[], healthyLoad: number[], degradedLoad: number[]): void {
  const total = sets.reduce((sum, s) => sum + s.hosts, 0);
  healthyLoad.fill(0);
  degradedLoad.fill(0);
  if (total === 0) {
    healthyLoad[0] = 100;
    return;
  }
  let left = 100;
  let firstNonEmpty = -1;
  for (let i = 0; i < sets.length; i++) {
    if (firstNonEmpty === -1 && sets[i]!.hosts !== 0) firstNonEmpty = i;
    healthyLoad[i] = trunc((100 * sets[i]!.hosts) / total);
    left -= healthyLoad[i]!;
  }
  healthyLoad[firstNonEmpty]! += left;
}
