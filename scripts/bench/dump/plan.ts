import { Random } from './random.ts';

/**
 * The mesh a generated dump describes, decided up front from a seed: the services the sidecar
 * sees, their ports, DestinationRule subsets, VirtualService routes and pods. The section writers
 * only render this plan, so the benches can also derive realistic requests from it.
 */
export interface DumpOptions {
  /** How many Kubernetes services the sidecar knows. */
  services: number;
  /** Seed of the pseudo-random choices; the same options always give the same dump. */
  seed?: number;
}

export interface Locality {
  region: string;
  zone: string;
}

/** One pod behind a service: an EDS lb_endpoint. */
export interface PodPlan {
  name: string;
  ip: string;
  /** The DestinationRule subset its `version` label selects. */
  subset: string;
  locality: Locality;
  health: 'HEALTHY' | 'UNHEALTHY' | 'DRAINING';
}

/** How the service's VirtualService (if any) routes HTTP on each of its ports. */
export interface VirtualServicePlan {
  /** `end-user: jason`-style header sending canary traffic to the last subset. */
  header: { name: string; match: 'exact' | 'prefix' | 'present'; value: string };
  /** A `safe_regex` path route, when present. */
  regex?: { pattern: string; subset: string };
  /** A prefix route (`/api/`) pinned to the first subset with its own timeout. */
  prefix: string;
  /** The catch-all split: first subset 90, second 10. */
  split: [number, number];
}

export interface ServicePlan {
  index: number;
  /** `svc-12` */
  name: string;
  /** `ns-3` */
  namespace: string;
  /** `svc-12.ns-3.svc.cluster.local` */
  host: string;
  /** The ClusterIP. */
  vip: string;
  ports: number[];
  /** `v1`, `v2` and sometimes `v3`: the DestinationRule's subsets. */
  subsets: string[];
  pods: PodPlan[];
  virtualService?: VirtualServicePlan;
  outlierDetection: boolean;
}

/** The sidecar whose dump this is. */
export interface ProxyPlan {
  pod: string;
  namespace: string;
  ip: string;
  app: string;
  inboundPort: number;
}

export interface MeshPlan {
  proxy: ProxyPlan;
  services: ServicePlan[];
  /** Every service port, ascending: one outbound listener and one route config each. */
  ports: number[];
  /** Fixed timestamp used for version_info / last_updated. */
  timestamp: string;
}

const REGIONS: Record<string, string[]> = {
  'us-east1': ['us-east1-b', 'us-east1-c', 'us-east1-d'],
  'us-west1': ['us-west1-a', 'us-west1-b'],
  'europe-west4': ['europe-west4-a', 'europe-west4-b', 'europe-west4-c'],
};
const HEADERS = ['end-user', 'x-canary', 'x-tenant', 'x-debug'];

function vipFor(index: number): string {
  const n = index + 10;
  return `10.${96 + ((n >> 16) & 15)}.${(n >> 8) & 255}.${n & 255}`;
}

function podIp(counter: number): string {
  const n = counter + 2;
  return `10.${128 + ((n >> 16) & 127)}.${(n >> 8) & 255}.${n & 255}`;
}

function planVirtualService(random: Random, subsets: string[]): VirtualServicePlan {
  const headerName = random.pick(HEADERS);
  const match = random.pick(['exact', 'exact', 'prefix', 'present'] as const);
  return {
    header: { name: headerName, match, value: match === 'present' ? '' : random.pick(['jason', 'beta', 'canary-', 'team-a']) },
    regex: random.chance(0.6) ? { pattern: '/api/v[0-9]+/items/[0-9]+', subset: subsets[subsets.length - 1]! } : undefined,
    prefix: random.pick(['/api/', '/static/', '/admin/']),
    split: [90, 10],
  };
}

/** Decides the whole mesh for `options` (deterministic). */
export function planMesh(options: DumpOptions): MeshPlan {
  const random = new Random(options.seed ?? 20240611);
  const namespaceCount = Math.max(1, Math.ceil(options.services / 100));
  const regions = Object.keys(REGIONS);
  let podCounter = 0;
  const services: ServicePlan[] = [];
  for (let index = 0; index < options.services; index++) {
    const name = `svc-${index}`;
    const namespace = `ns-${index % namespaceCount}`;
    const ports = [8080];
    if (random.chance(0.2)) ports.push(9080);
    if (random.chance(0.1)) ports.unshift(80);
    const subsets = random.chance(0.35) ? ['v1', 'v2', 'v3'] : ['v1', 'v2'];
    const region = regions[(index % namespaceCount) % regions.length]!;
    const podCount = Math.max(subsets.length, random.int(2, 4));
    const pods: PodPlan[] = [];
    for (let p = 0; p < podCount; p++) {
      const subset = subsets[p % subsets.length]!;
      const roll = random.next();
      pods.push({
        name: `${name}-${subset}-${random.hex(10)}-${random.hex(5)}`,
        ip: podIp(podCounter++),
        subset,
        locality: { region, zone: random.pick(REGIONS[region]!) },
        health: roll < 0.97 ? 'HEALTHY' : roll < 0.99 ? 'UNHEALTHY' : 'DRAINING',
      });
    }
    services.push({
      index,
      name,
      namespace,
      host: `${name}.${namespace}.svc.cluster.local`,
      vip: vipFor(index),
      ports,
      subsets,
      pods,
      virtualService: random.chance(0.75) ? planVirtualService(random, subsets) : undefined,
      outlierDetection: random.chance(0.3),
    });
  }
  const ports = [...new Set(services.flatMap((s) => s.ports))].sort((a, b) => a - b);
  const proxy: ProxyPlan = { pod: `client-v1-${random.hex(10)}-${random.hex(5)}`, namespace: 'ns-0', ip: '10.127.0.10', app: 'client', inboundPort: 8080 };
  return { proxy, services, ports, timestamp: '2024-06-11T09:30:00Z' };
}

/** The port the pods listen on for a service port (Kubernetes targetPort). */
export function targetPort(port: number): number {
  return port === 80 ? 8080 : port;
}
