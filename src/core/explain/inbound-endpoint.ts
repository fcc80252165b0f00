import { asObject, asString } from '../envoy/json.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import type { Trace } from './trace.ts';

/**
 * Where the inbound cluster sends the connection. Istio's inbound cluster (`inbound|PORT||`,
 * buildInboundCluster in pilot/pkg/networking/core/cluster_builder.go) is ORIGINAL_DST without
 * endpoints: Envoy connects to the original destination, the pod IP and port, from 127.0.0.6
 * (`upstream_bind_config`, InboundPassthroughBindIpv4) so the application sees a non-loopback
 * address. Older releases (the 1.9 dumps) built a STATIC cluster to 127.0.0.1:PORT; a Sidecar
 * `ingress.defaultEndpoint` sets one too.
 */
export function inboundEndpointStep(config: ProxyConfig, name: string, port: number, podIp: string | undefined, trace: Trace): void {
  const cluster = config.index.clusterByName.get(name);
  if (!cluster) return;
  const bind = asString(asObject(asObject(cluster.raw.upstream_bind_config)?.source_address)?.address);
  const from = bind ? ` from ${bind} (upstream_bind_config)` : '';
  if (cluster.type === 'ORIGINAL_DST') {
    const to = podIp ? `${podIp}:${port}` : `the pod IP:${port}`;
    // Replaces the generic ORIGINAL_DST step of upstreamStages with the inbound reading of it.
    const generic = trace.steps.findIndex((s) => s.stage === 'endpoints' && s.result === 'original destination');
    if (generic !== -1) trace.steps.splice(generic, 1);
    trace.step(
      'endpoints',
      to,
      `ORIGINAL_DST: Envoy connects to the connection's original destination, the pod IP${from}; the application must listen on the pod IP (or 0.0.0.0), not only on 127.0.0.1`,
    );
    return;
  }
  const endpoints = trace.result.endpoints.map((e) => `${e.address}:${e.port}`);
  if (endpoints.length === 0) return;
  const loopback = endpoints.some((e) => e.startsWith('127.'));
  trace.step(
    'endpoints',
    endpoints.join(', '),
    `${cluster.type} cluster with its own endpoints (load_assignment)${from}${loopback ? ': the application is reached on loopback (Istio before the inbound clusters became ORIGINAL_DST to the pod IP)' : ''}`,
  );
}
