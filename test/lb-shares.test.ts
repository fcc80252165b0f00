import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LbPolicy } from '../src/core/envoy/enums.ts';
import type { Cluster } from '../src/core/envoy/types.ts';
import { ejectionCap } from '../src/core/lb/ejection-cap.ts';
import type { LbHost } from '../src/core/lb/hosts.ts';
import { istioRank } from '../src/core/lb/istio-failover.ts';
import type { LbSettings } from '../src/core/lb/settings.ts';
import { hostShares } from '../src/core/lb/shares.ts';

/** A host: `zone` a or b of region r, priority, weight, health; `ejected` makes it unhealthy as /clusters says. */
function host(
  key: string,
  o: { priority?: number; zone?: string; weight?: number; localityWeight?: number; health?: LbHost['health']; ejected?: boolean; excluded?: boolean } = {},
): LbHost {
  const zone = o.zone ?? 'a';
  const h: LbHost = {
    key,
    priority: o.priority ?? 0,
    locality: `r/${zone}`,
    localityOf: { region: 'r', zone },
    weight: o.weight ?? 1,
    health: o.ejected ? 'unhealthy' : (o.health ?? 'healthy'),
    excluded: o.excluded ?? false,
    condition: o.ejected
      ? 'ejected by outlier detection'
      : o.health === 'unhealthy'
        ? 'EDS says UNHEALTHY'
        : o.health === 'degraded'
          ? 'EDS says DEGRADED'
          : null,
    ejected: o.ejected ?? false,
  };
  if (o.localityWeight !== undefined) h.localityWeight = o.localityWeight;
  return h;
}

function settings(o: Partial<LbSettings> = {}): LbSettings {
  return {
    policy: 'ROUND_ROBIN',
    overprovisioningFactor: 140,
    weightedPriorityHealth: false,
    panicThreshold: 50,
    localityWeighted: false,
    zoneAware: false,
    uninterpreted: [],
    ...o,
  };
}

const shares = (hosts: LbHost[], s: LbSettings) => Object.fromEntries(hostShares(hosts, s).hosts.map((h) => [h.key, h.share]));
const reasons = (hosts: LbHost[], s: LbSettings) => Object.fromEntries(hostShares(hosts, s).hosts.map((h) => [h.key, h.reason]));

describe('endpoint shares within and across priorities', () => {
  it('two zones, Istio failover: priority 0 healthy enough keeps all traffic; the other zone is not reached', () => {
    const hosts = [host('a1'), host('a2'), host('b1', { priority: 1, zone: 'b' }), host('b2', { priority: 1, zone: 'b' })];
    assert.deepEqual(shares(hosts, settings({ panicThreshold: 0 })), { a1: 50, a2: 50, b1: 0, b2: 0 });
    assert.match(reasons(hosts, settings()).b1!, /^priority 1 is not reached: priority 0 is healthy enough \(health 100%\)/);
  });

  it('one of three ejected in priority 0: 93% stays (2/3 × 1.4), 7% spills to priority 1', () => {
    const hosts = [host('a1'), host('a2'), host('a3', { ejected: true }), host('b1', { priority: 1, zone: 'b' }), host('b2', { priority: 1, zone: 'b' })];
    assert.deepEqual(shares(hosts, settings({ panicThreshold: 0 })), { a1: 46.5, a2: 46.5, a3: 0, b1: 3.5, b2: 3.5 });
    assert.equal(reasons(hosts, settings()).a3, 'ejected by outlier detection');
  });

  it('the only priority-0 host ejected: priority 1 takes everything (the bookinfo reviews-v1 case)', () => {
    const hosts = [host('a1', { ejected: true }), host('b1', { priority: 1, zone: 'b' })];
    assert.deepEqual(shares(hosts, settings({ panicThreshold: 0 })), { a1: 0, b1: 100 });
  });

  it('panic: fewer than 50% healthy in the only priority sends to every host, ejected ones too', () => {
    const hosts = [host('a1'), host('a2', { ejected: true }), host('a3', { ejected: true })];
    const r = hostShares(hosts, settings());
    assert.deepEqual(
      r.hosts.map((h) => Math.round(h.share! * 100) / 100),
      [33.33, 33.33, 33.33],
    );
    assert.match(r.hosts[1]!.reason!, /yet it takes traffic: priority 0 is in panic/);
    assert.equal(r.hosts[0]!.reason, null);
  });

  it('panic threshold 0 (Istio with outlier detection): no panic; with no healthy host, nothing takes it (503 UH)', () => {
    const hosts = [host('a1', { ejected: true }), host('a2', { ejected: true })];
    const r = hostShares(hosts, settings({ panicThreshold: 0 }));
    assert.deepEqual(
      r.hosts.map((h) => h.share),
      [0, 0],
    );
    assert.equal(r.noHost, 100);
    assert.match(r.hosts[0]!.reason!, /panic mode is off \(healthy_panic_threshold 0\): Envoy answers 503 UH/);
  });

  it('unequal load_balancing_weight: ROUND_ROBIN and LEAST_REQUEST by weight, RANDOM evenly', () => {
    const hosts = [host('a1', { weight: 3 }), host('a2', { weight: 1 })];
    assert.deepEqual(shares(hosts, settings()), { a1: 75, a2: 25 });
    assert.deepEqual(shares(hosts, settings({ policy: 'LEAST_REQUEST' })), { a1: 75, a2: 25 });
    assert.deepEqual(shares(hosts, settings({ policy: 'RANDOM' })), { a1: 50, a2: 50 });
    assert.deepEqual(shares(hosts, settings({ policy: 'RING_HASH' })), { a1: 75, a2: 25 });
  });

  it('locality weights × availability (LocalityWrr::effectiveLocalityWeight)', () => {
    // Zone a weight 1, zone b weight 3; every host healthy: 25% / 75%.
    const even = [host('a1', { localityWeight: 1 }), host('b1', { zone: 'b', localityWeight: 3 }), host('b2', { zone: 'b', localityWeight: 3 })];
    assert.deepEqual(shares(even, settings({ localityWeighted: true })), { a1: 25, b1: 37.5, b2: 37.5 });
    // One of zone b's two hosts ejected: availability min(1, 1.4 × 1/2) = 0.7, effective 3 × 0.7 = 2.1 against 1.
    const hosts = [
      host('a1', { localityWeight: 1 }),
      host('b1', { zone: 'b', localityWeight: 3 }),
      host('b2', { zone: 'b', localityWeight: 3, ejected: true }),
    ];
    const got = shares(hosts, settings({ localityWeighted: true }));
    assert.equal(got.a1, Math.round((100 / 3.1) * 100) / 100);
    assert.equal(got.b1, Math.round((210 / 3.1) * 100) / 100);
    assert.equal(got.b2, 0);
    // Hash policies use the bare locality weights (normalizeLocalityWeights): 1 : 3.
    assert.deepEqual(shares(hosts, settings({ localityWeighted: true, policy: 'MAGLEV' })), { a1: 25, b1: 75, b2: 0 });
  });

  it('a locality without a weight gets nothing under locality-weighted balancing', () => {
    const hosts = [host('a1', { localityWeight: 2 }), host('b1', { zone: 'b', localityWeight: 0 })];
    assert.deepEqual(shares(hosts, settings({ localityWeighted: true })), { a1: 100, b1: 0 });
    assert.match(reasons(hosts, settings({ localityWeighted: true })).b1!, /has no load_balancing_weight/);
    // Without locality_weighted_lb_config the locality weights do nothing.
    assert.deepEqual(shares(hosts, settings()), { a1: 50, b1: 50 });
  });

  it('degraded hosts take load only after every healthy host: P=0 degraded, P=1 healthy (ExtraLevels row)', () => {
    const hosts = [host('a1', { health: 'degraded' }), host('b1', { priority: 1, zone: 'b' })];
    assert.deepEqual(shares(hosts, settings()), { a1: 0, b1: 100 });
    assert.match(reasons(hosts, settings()).a1!, /degraded hosts take load only when the healthy hosts of every priority cannot carry it/);
    // Alone, a degraded priority takes the traffic as degraded load (100 × 1.4, capped).
    assert.deepEqual(shares([host('a1', { health: 'degraded' })], settings()), { a1: 100 });
  });

  it('a hash ring holds healthy hosts only: degraded load to a priority without healthy hosts finds no host', () => {
    const hosts = [host('a1', { health: 'degraded' })];
    const r = hostShares(hosts, settings({ policy: 'RING_HASH' }));
    assert.equal(r.hosts[0]!.share, 0);
    assert.equal(r.noHost, 100);
  });

  it('an excluded host leaves the health arithmetic (3 of 4 excluded, the rest healthy: 100% stays)', () => {
    const hosts = [
      host('a1'),
      host('a2', { health: 'unhealthy', excluded: true }),
      host('a3', { health: 'unhealthy', excluded: true }),
      host('a4', { health: 'unhealthy', excluded: true }),
      host('b1', { priority: 1, zone: 'b' }),
    ];
    assert.deepEqual(shares(hosts, settings()), { a1: 100, a2: 0, a3: 0, a4: 0, b1: 0 });
  });

  for (const policy of ['CLUSTER_PROVIDED', 'LOAD_BALANCING_POLICY_CONFIG'] as LbPolicy[]) {
    it(`${policy}: no shares, and says why`, () => {
      const r = hostShares([host('a1')], settings({ policy, extension: 'acme.lb' }));
      assert.equal(r.hosts[0]!.share, null);
      assert.ok(r.notInterpreted);
    });
  }
});

describe("outlier detection's ejection cap (DetectorImpl::ejectHost)", () => {
  const cluster = (od: Record<string, unknown>, raw: Record<string, unknown> = {}) =>
    ({ outlierDetection: od, raw: { outlier_detection: raw } }) as unknown as Cluster;

  it('(ejected + 1) × 100 / hosts ≤ max_ejection_percent: 50% of 2 hosts allows 1', () => {
    const cap = ejectionCap(cluster({ maxEjectionPercent: 50 }), 2, 1)!;
    assert.equal(cap.allowed, 1);
    assert.match(cap.text, /^1 ejected, as many as max_ejection_percent 50 of 2 hosts allows/);
  });

  it("Envoy's default 10% of fewer than 10 hosts allows none; always_eject_one_host allows one", () => {
    assert.equal(ejectionCap(cluster({}), 5, 0)!.allowed, 0);
    assert.match(ejectionCap(cluster({}), 5, 0)!.text, /allows no ejection.*always_eject_one_host would allow one/);
    assert.equal(ejectionCap(cluster({}, { always_eject_one_host: true }), 5, 0)!.allowed, 1);
  });

  it('says so when /clusters shows more ejected hosts than the cap allows', () => {
    const cap = ejectionCap(cluster({ maxEjectionPercent: 20 }), 5, 2)!;
    assert.equal(cap.allowed, 1);
    assert.match(cap.text, /^2 ejected, more than the 1 that max_ejection_percent 20 of 5 hosts allows/);
  });

  it('no outlier detection: no cap', () => {
    assert.equal(ejectionCap({ raw: {} } as unknown as Cluster, 3, 0), undefined);
  });
});

describe("Istio's locality ranking (util.LbPriority, applyLocalityFailover)", () => {
  const proxy = { region: 'us-east1', zone: 'us-east1-b' };
  it('same locality 0, same zone other sub-zone 1, same region 2, other region 3', () => {
    assert.equal(istioRank(proxy, { region: 'us-east1', zone: 'us-east1-b' }), 0);
    assert.equal(istioRank({ ...proxy, subZone: 'rack1' }, { region: 'us-east1', zone: 'us-east1-b', subZone: 'rack2' }), 1);
    assert.equal(istioRank(proxy, { region: 'us-east1', zone: 'us-east1-c' }), 2);
    assert.equal(istioRank(proxy, { region: 'europe-west1', zone: 'europe-west1-b' }), 3);
  });
});
