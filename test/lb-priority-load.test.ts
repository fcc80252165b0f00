import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PriorityHosts, priorityLoad } from '../src/core/lb/priority-load.ts';

/**
 * Envoy's priority arithmetic, case by case from its own tests:
 * test/extensions/load_balancing_policies/common/load_balancer_impl_base_test.cc
 * (`LoadBalancerBaseTest.*`; formerly test/common/upstream/load_balancer_impl_test.cc). Each
 * row is one `updateHostSet(host_set, num_hosts, num_healthy, num_degraded, num_excluded)` per
 * priority and the `getLoadPercentage()` / `getDegradedLoadPercentage()` / `getPanic()` Envoy asserts.
 */
const set = (hosts: number, healthy: number, degraded = 0, excluded = 0): PriorityHosts => ({ hosts, healthy, degraded, excluded });

interface Row {
  test: string;
  sets: PriorityHosts[];
  factor?: number;
  panicThreshold?: number;
  weighted?: boolean;
  load: number[];
  degraded?: number[];
  panic?: boolean[];
}

const ROWS: Row[] = [
  // PrioritySelection: both priorities unhealthy → total panic, split by host count.
  { test: 'PrioritySelection: all unhealthy', sets: [set(1, 0), set(1, 0)], load: [50, 50], panic: [true, true] },
  { test: 'PrioritySelection: failover with 2 unhealthy hosts', sets: [set(1, 0), set(2, 0)], load: [34, 66] },
  { test: 'PrioritySelection: a healthy P=2', sets: [set(1, 0), set(2, 0), set(1, 1)], load: [0, 0, 100] },
  { test: 'PrioritySelection: a healthy host in P=0', sets: [set(1, 1), set(2, 0), set(1, 1)], load: [100, 0, 0] },
  // OverProvisioningFactor
  { test: 'OverProvisioningFactor: 1.4 gives P=0 70%', sets: [set(4, 2), set(4, 2)], load: [70, 30] },
  { test: 'OverProvisioningFactor: 1.0 follows the healthy ratio', sets: [set(4, 2), set(4, 2)], factor: 100, load: [50, 50] },
  // GentleFailover
  { test: 'GentleFailover: all healthy', sets: [set(1, 1), set(1, 1)], load: [100, 0], panic: [false, false] },
  { test: 'GentleFailover: 50% healthy each', sets: [set(2, 1), set(2, 1)], load: [70, 30], panic: [false, false] },
  { test: 'GentleFailover: P=1 takes the spillover', sets: [set(4, 1), set(2, 2)], load: [35, 65], panic: [false, false] },
  { test: 'GentleFailover: 35% + 35% < 100: panic', sets: [set(4, 1), set(4, 1)], load: [50, 50], panic: [true, true] },
  { test: 'GentleFailover: 3 of 4 excluded, P=0 fully healthy', sets: [set(4, 1, 0, 3), set(5, 1)], load: [100, 0], panic: [false, false] },
  { test: 'GentleFailover: all of P=0 excluded: total panic', sets: [set(4, 0, 0, 4), set(4, 1)], load: [50, 50], panic: [true, true] },
  { test: 'GentleFailover: total panic counts excluded hosts', sets: [set(4, 0, 0, 1), set(6, 1, 0, 2)], load: [40, 60], panic: [true, true] },
  // GentleFailoverWithExtraLevels
  { test: 'ExtraLevels: all healthy', sets: [set(1, 1), set(1, 1), set(1, 1)], load: [100, 0, 0], panic: [false, false, false] },
  { test: 'ExtraLevels: 70/30/0', sets: [set(2, 1), set(2, 1), set(2, 1)], load: [70, 30, 0], degraded: [0, 0, 0] },
  { test: 'ExtraLevels: 35/65/0', sets: [set(4, 1), set(2, 2), set(2, 1)], load: [35, 65, 0], degraded: [0, 0, 0] },
  { test: 'ExtraLevels: 35/35/30', sets: [set(4, 1), set(4, 1), set(4, 1)], load: [35, 35, 30], degraded: [0, 0, 0] },
  { test: 'ExtraLevels: 28 × 3 scaled', sets: [set(5, 1), set(5, 1), set(5, 1)], load: [34, 33, 33], panic: [true, true, true] },
  { test: 'ExtraLevels: P=2 fully healthy', sets: [set(5, 0), set(5, 0), set(5, 5)], load: [0, 0, 100], panic: [false, false, false] },
  { test: 'ExtraLevels: P=2 80% healthy', sets: [set(5, 0), set(5, 0), set(5, 4)], load: [0, 0, 100], panic: [false, false, false] },
  { test: 'ExtraLevels: P=2 40% healthy: total panic', sets: [set(5, 0), set(5, 0), set(5, 2)], load: [34, 33, 33], panic: [true, true, true] },
  {
    test: 'ExtraLevels: P=0 degraded, P=1 half healthy half degraded',
    sets: [set(5, 0, 5), set(5, 2, 2), set(5, 2)],
    load: [0, 56, 44],
    degraded: [0, 0, 0],
    panic: [false, false, false],
  },
  { test: 'ExtraLevels: all down, 5/3/2 hosts', sets: [set(5, 0), set(3, 0), set(2, 0)], load: [50, 30, 20], panic: [true, true, true] },
  { test: 'ExtraLevels: rounding to the first priority', sets: [set(5, 0), set(6, 2), set(3, 1)], load: [37, 42, 21], panic: [true, true, true] },
  { test: 'ExtraLevels: spill over into degraded', sets: [set(5, 0, 1), set(5, 0, 5), set(5, 1)], load: [0, 0, 28], degraded: [28, 44, 0] },
  {
    test: 'ExtraLevels: panic disabled, rounding to the first degraded priority',
    sets: [set(5, 0), set(5, 0, 2), set(5, 0, 1)],
    panicThreshold: 0,
    load: [0, 0, 0],
    degraded: [0, 67, 33],
  },
  { test: 'ExtraLevels: degraded only, total panic', sets: [set(5, 0), set(5, 0, 2), set(5, 0, 1)], load: [34, 33, 33], degraded: [0, 0, 0] },
  { test: 'ExtraLevels: empty P=0 in total panic', sets: [set(0, 0), set(6, 0), set(3, 0)], load: [0, 67, 33], panic: [true, true, true] },
];

describe("Envoy's priority load (LoadBalancerBaseTest)", () => {
  for (const row of ROWS) {
    it(row.test, () => {
      const got = priorityLoad(row.sets, {
        overprovisioningFactor: row.factor ?? 140,
        weightedPriorityHealth: row.weighted ?? false,
        panicThreshold: row.panicThreshold ?? 50,
      });
      assert.deepEqual(got.healthyLoad, row.load);
      if (row.degraded) assert.deepEqual(got.degradedLoad, row.degraded);
      if (row.panic) assert.deepEqual(got.panic, row.panic);
    });
  }

  const weighted = (hosts: number, healthy: number, weights: PriorityHosts['weights'], degraded = 0, excluded = 0): PriorityHosts => ({
    ...set(hosts, healthy, degraded, excluded),
    weights,
  });
  const options = { overprovisioningFactor: 100, weightedPriorityHealth: true, panicThreshold: 50 };

  it('WeightedPriorityHealth: health by weight (6 of 10)', () => {
    const got = priorityLoad(
      [weighted(4, 2, { healthy: 6, degraded: 0, total: 10, excluded: 0 }), weighted(1, 1, { healthy: 1, degraded: 0, total: 1, excluded: 0 })],
      options,
    );
    assert.deepEqual(got.healthyLoad, [60, 40]);
  });

  it('WeightedPriorityHealthExcluded: an excluded host leaves the total weight', () => {
    const got = priorityLoad(
      [weighted(3, 1, { healthy: 4, degraded: 0, total: 20, excluded: 10 }, 0, 1), weighted(1, 1, { healthy: 1, degraded: 0, total: 1, excluded: 0 })],
      options,
    );
    assert.deepEqual(got.healthyLoad, [40, 60]);
  });

  it('WeightedPriorityHealthDegraded: 40/10 healthy, 30/20 degraded', () => {
    const got = priorityLoad(
      [weighted(4, 1, { healthy: 4, degraded: 3, total: 10, excluded: 0 }, 1), weighted(2, 1, { healthy: 1, degraded: 9, total: 10, excluded: 0 }, 1)],
      options,
    );
    assert.deepEqual(got.healthyLoad, [40, 10]);
    assert.deepEqual(got.degradedLoad, [30, 20]);
  });

  it('without weighted_priority_health the weights are ignored', () => {
    const got = priorityLoad([weighted(4, 2, { healthy: 6, degraded: 0, total: 10, excluded: 0 }), set(1, 1)], { ...options, weightedPriorityHealth: false });
    assert.deepEqual(got.healthyLoad, [50, 50]);
  });

  it('panic disabled and nothing healthy: all load points at P=0, which has no host to give', () => {
    const got = priorityLoad([set(2, 0), set(2, 0)], { overprovisioningFactor: 140, weightedPriorityHealth: false, panicThreshold: 0 });
    assert.deepEqual(got.healthyLoad, [100, 0]);
    assert.deepEqual(got.panic, [false, false]);
    assert.equal(got.normalizedTotalAvailability, 0);
  });

  it('health is healthy × overprovisioning / non-excluded hosts, capped at 100', () => {
    const got = priorityLoad([set(3, 2), set(2, 2)], { overprovisioningFactor: 140, weightedPriorityHealth: false, panicThreshold: 0 });
    assert.deepEqual(got.health, [93, 100]);
    assert.deepEqual(got.healthyLoad, [93, 7]);
  });
});
