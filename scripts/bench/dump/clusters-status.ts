import type { JsonObject } from '../../../src/core/envoy/json.ts';
import { type OutboundCluster, outboundClusters } from './clusters.ts';
import { socketAddress } from './common.ts';
import { type MeshPlan, targetPort } from './plan.ts';
import { Random } from './random.ts';
import { StreamedArray, StreamedObject } from './stream.ts';

const DEFAULT_THRESHOLDS: JsonObject = {
  thresholds: [
    { max_connections: 4294967295, max_pending_requests: 4294967295, max_requests: 4294967295, max_retries: 4294967295 },
    { priority: 'HIGH', max_connections: 1024, max_pending_requests: 1024, max_requests: 1024, max_retries: 3 },
  ],
};

/** Envoy's host stats as /clusters?format=json writes them: counters without `type`, zeros left out. */
function hostStats(random: Random): JsonObject[] {
  const total = random.int(0, 5000);
  const errors = Math.floor(total * random.next() * 0.02);
  const stat = (name: string, value: number, gauge = false): JsonObject => {
    const out: JsonObject = {};
    if (gauge) out.type = 'GAUGE';
    out.name = name;
    if (value !== 0) out.value = String(value);
    return out;
  };
  return [
    stat('cx_connect_fail', 0),
    stat('cx_total', Math.ceil(total / 100)),
    stat('rq_error', errors),
    stat('rq_success', total - errors),
    stat('rq_timeout', 0),
    stat('rq_total', total),
    stat('cx_active', total > 0 ? 1 : 0, true),
    stat('rq_active', 0, true),
  ];
}

function clusterStatus(cluster: OutboundCluster, random: Random): JsonObject {
  const hostStatuses = cluster.pods.map((pod): JsonObject => {
    const health: JsonObject = { eds_health_status: pod.health };
    if (cluster.service.outlierDetection && random.chance(0.05)) health.failed_outlier_check = true;
    return {
      address: socketAddress(pod.ip, targetPort(cluster.port)),
      stats: hostStats(random),
      health_status: health,
      weight: 1,
      locality: { region: pod.locality.region, zone: pod.locality.zone },
    };
  });
  return {
    name: cluster.name,
    added_via_api: true,
    circuit_breakers: DEFAULT_THRESHOLDS,
    observability_name: cluster.name,
    host_statuses: hostStatuses,
  };
}

/**
 * The same sidecar's live endpoint state, as `/clusters?format=json` (what `istioctl pc endpoint`
 * reads): every outbound cluster's hosts with EDS health, outlier ejection and request counters.
 */
export function clustersStatus(plan: MeshPlan, seed = 7): StreamedObject {
  return new StreamedObject([
    [
      'cluster_statuses',
      new StreamedArray(function* () {
        const random = new Random(seed);
        for (const cluster of outboundClusters(plan)) yield clusterStatus(cluster, random);
      }),
    ],
  ]);
}
