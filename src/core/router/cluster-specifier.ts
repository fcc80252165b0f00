import type { ClusterSpecifier } from '../envoy/route-types.ts';
import { abslSimpleAtoi } from '../text/atoi.ts';
import type { HttpRequest } from './request.ts';
import { headerValue } from './request.ts';
import { weightShares } from './route-destinations.ts';
import type { RouteOptions } from './route-options.ts';

/** One upstream cluster a forwarding route may send to, with its share of traffic. */
export interface Destination {
  /** Cluster name ("" when a `cluster_header` is missing from the request). */
  cluster: string;
  /** The effective weight (runtime override applied); 1 for a single cluster. */
  weight: number;
  /** weight / total, 0–1. */
  probability: number;
  /** Where the weight came from when not the config: `runtime www2_weights.cluster1`. */
  weightSource?: string;
  /** Set when the name came from a request header (`cluster_header`). */
  fromHeader?: string;
}

/** How a weighted split was decided. */
export interface WeightedPick {
  /** The random value used: the option, or the `header_name` header's uint64. */
  randomValue: bigint;
  source: 'option' | 'header';
  total: number;
  /** randomValue mod total. */
  value: bigint;
  /** Index into the destinations. */
  index: number;
  /** The chosen interval [begin, end). */
  begin: number;
  end: number;
}

export interface ClusterResolution {
  destinations: Destination[];
  /** The cluster the request goes to, when decided (single cluster, header, or a weighted pick). */
  cluster?: string;
  pick?: WeightedPick;
  notes: string[];
}

/** First value of a header, as Envoy reads `cluster_header` (untrusted: only the first value counts). */
export function firstHeaderValue(request: HttpRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith(':') || lower === 'host') return headerValue(request, lower);
  return request.headers.find(([n]) => n === lower)?.[1];
}

function runtimeWeight(options: RouteOptions, key: string): number | undefined {
  const value = options.runtime?.[key];
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
}

/**
 * Resolves a route's cluster specifier as Envoy does. Weighted clusters: weights (from
 * `runtime_key_prefix.<name>` when the prefix is set and runtime has it), `v = R mod total`,
 * walk in config order, first entry with `begin <= v < begin + weight`. R is the
 * `header_name` header when it holds exactly one uint64 value, else `options.randomValue`.
 */
export function resolveClusters(spec: ClusterSpecifier, request: HttpRequest, options: RouteOptions): ClusterResolution {
  if (spec.kind === 'cluster') return { destinations: [{ cluster: spec.name, weight: 1, probability: 1 }], cluster: spec.name, notes: [] };
  if (spec.kind === 'cluster_header') {
    const value = firstHeaderValue(request, spec.header);
    const notes =
      value === undefined
        ? [`cluster_header ${spec.header} is missing from the request: Envoy uses cluster "" (no such cluster, so the cluster_not_found response)`]
        : [];
    const cluster = value ?? '';
    return { destinations: [{ cluster, weight: 1, probability: 1, fromHeader: spec.header }], cluster, notes };
  }
  if (spec.kind === 'unsupported') return { destinations: [], notes: [`cluster specifier ${spec.field} is not evaluated by meshscope`] };
  const notes: string[] = [];
  const destinations: Destination[] = spec.clusters.map((c) => {
    const key = spec.runtimeKeyPrefix !== undefined ? `${spec.runtimeKeyPrefix}.${c.name}` : undefined;
    const override = key !== undefined ? runtimeWeight(options, key) : undefined;
    const name = c.clusterHeader !== undefined ? (firstHeaderValue(request, c.clusterHeader) ?? '') : c.name;
    return {
      cluster: name,
      weight: override ?? c.weight,
      probability: 0,
      ...(override !== undefined ? { weightSource: `runtime ${key}` } : {}),
      ...(c.clusterHeader !== undefined ? { fromHeader: c.clusterHeader } : {}),
    };
  });
  const shares = weightShares(destinations.map((d) => d.weight));
  destinations.forEach((d, i) => {
    d.probability = shares[i]!;
  });
  const total = destinations.reduce((sum, d) => sum + d.weight, 0);
  if (total === 0) return { destinations, notes: ['the weights sum to 0, so the split is undefined: Envoy rejects this route config'] };
  let random: { value: bigint; source: 'option' | 'header' } | undefined;
  if (spec.headerName !== undefined) {
    const values = request.headers.filter(([n]) => n === spec.headerName).map(([, v]) => v);
    const parsed = values.length === 1 ? abslSimpleAtoi(values[0]!, 'uint64') : undefined;
    if (parsed !== undefined) random = { value: parsed, source: 'header' };
    else
      notes.push(
        `random value header ${spec.headerName} is ${values.length === 0 ? 'absent' : 'not a single uint64'}: Envoy falls back to the stream's random value`,
      );
  }
  if (!random && options.randomValue !== undefined) random = { value: options.randomValue, source: 'option' };
  if (!random) return { destinations, notes };
  const v = random.value % BigInt(total);
  let begin = 0;
  for (let index = 0; index < destinations.length; index++) {
    const end = begin + destinations[index]!.weight;
    if (v >= BigInt(begin) && v < BigInt(end)) {
      return {
        destinations,
        cluster: destinations[index]!.cluster,
        pick: { randomValue: random.value, source: random.source, total, value: v, index, begin, end },
        notes,
      };
    }
    begin = end;
  }
  return { destinations, notes };
}
