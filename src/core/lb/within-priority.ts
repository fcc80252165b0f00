import type { LbPolicy } from '../envoy/enums.ts';
import type { LbHost } from './hosts.ts';

/**
 * How one priority's load spreads over its hosts, per policy:
 *
 * - ROUND_ROBIN and LEAST_REQUEST (`EdfLoadBalancerBase`, load_balancer_impl.cc): equal weights
 *   pick hosts evenly (least request's two random choices favour the less busy one, even over
 *   time); unequal `load_balancing_weight`s build an EDF scheduler, so the share is by weight
 *   (least request divides the weight by the host's active requests: by weight at equal load).
 * - RANDOM (`RandomLoadBalancer::peekOrChoose`, random_lb.cc): `hosts[random % n]`, weights ignored.
 * - RING_HASH and MAGLEV (`ThreadAwareLoadBalancerBase::refresh`, thread_aware_lb_impl.cc): the
 *   ring or table holds the priority's healthy hosts (all hosts in panic) in proportion to their
 *   normalized weights; one request's hash picks one host, many keys spread like the weights.
 *
 * With `locality_weighted_lb_config`, a locality is picked first: by locality weight × its
 * availability (`LocalityWrr::effectiveLocalityWeight`, locality_wrr.cc: min(1, overprovisioning
 * × eligible / non-excluded hosts)); the hash policies use the bare locality weights
 * (`normalizeLocalityWeights`). A locality without a weight gets none.
 */

export const isHashPolicy = (policy: LbPolicy): boolean => policy === 'RING_HASH' || policy === 'MAGLEV';

/** Each host's fraction (0–1) of a host list's picks under `policy`, by Envoy's pick. */
export function hostFractions(hosts: readonly LbHost[], policy: LbPolicy): number[] {
  if (hosts.length === 0) return [];
  const byWeight = policy !== 'RANDOM';
  const weights = hosts.map((h) => (byWeight ? h.weight : h.weight > 0 ? 1 : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  return total > 0 ? weights.map((w) => w / total) : hosts.map(() => 0);
}

export interface Spread {
  /** Fraction (0–1) of the load for each host of `eligible`, in order. */
  fractions: number[];
  /** Why a host of `eligible` gets nothing although it could (its locality's weight), by host key. */
  skipped: Map<string, string>;
}

function groupByLocality(hosts: readonly LbHost[]): Map<string, LbHost[]> {
  const out = new Map<string, LbHost[]>();
  for (const h of hosts) {
    const list = out.get(h.locality);
    if (list) list.push(h);
    else out.set(h.locality, [h]);
  }
  return out;
}

/**
 * Spreads a load over `eligible` (the healthy, degraded or — in panic — all hosts of a priority);
 * `all` are the priority's hosts (for the localities' availability). `overprovisioning` in percent.
 */
export function spread(eligible: readonly LbHost[], all: readonly LbHost[], policy: LbPolicy, localityWeighted: boolean, overprovisioning: number): Spread {
  const skipped = new Map<string, string>();
  const flat = (): Spread => ({ fractions: hostFractions(eligible, policy), skipped });
  if (!localityWeighted || eligible.length === 0) return flat();
  // Locality weights come from EDS: without them (only /clusters given) Envoy's weights are unknown.
  if (all.every((h) => h.localityWeight === undefined)) return flat();
  const everyLocality = groupByLocality(all);
  const byLocality = groupByLocality(eligible);
  const weightOf = new Map<string, number>();
  for (const [locality, hosts] of byLocality) {
    const lw = hosts[0]!.localityWeight ?? 0;
    const members = everyLocality.get(locality) ?? hosts;
    const count = members.length - members.filter((h) => h.excluded).length;
    const availability = count === 0 ? 0 : Math.min(1, ((overprovisioning / 100) * hosts.length) / count);
    const effective = isHashPolicy(policy) ? lw : lw * availability;
    if (effective > 0) weightOf.set(locality, effective);
    else
      for (const h of hosts)
        skipped.set(
          h.key,
          lw === 0
            ? `its locality ${locality || '(none)'} has no load_balancing_weight: locality-weighted balancing gives it nothing`
            : 'its locality has no available host',
        );
  }
  const total = [...weightOf.values()].reduce((a, b) => a + b, 0);
  // No locality with a positive weight: Envoy builds no locality scheduler and picks among all eligible hosts.
  if (total === 0) return { fractions: hostFractions(eligible, policy), skipped: new Map() };
  const fractions = eligible.map(() => 0);
  for (const [locality, w] of weightOf) {
    const members = byLocality.get(locality)!;
    const within = hostFractions(members, policy);
    members.forEach((h, i) => {
      fractions[eligible.indexOf(h)] = (w / total) * within[i]!;
    });
  }
  return { fractions, skipped };
}
