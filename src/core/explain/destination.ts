import { parseClusterName } from '../envoy/cluster-name.ts';
import { parseIp } from '../envoy/ip.ts';
import { filterChainsOf } from '../envoy/listener-chains.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { type HttpRequest, isIpLiteral } from '../router/request.ts';

/**
 * Where the client's connection goes: Envoy sees only the destination IP:port (the application
 * resolved the name with DNS) plus the Host header. The dump holds no DNS table (Istio's DNS
 * proxy table goes to the agent, not Envoy), so a service's VIP is read from what Istio built for
 * it: a per-VIP listener `<VIP>_<port>` whose chains route to RDS `<fqdn>:<port>` (a port whose
 * protocol Istio sniffs, `buildSidecarOutboundHTTPListenerOpts`) or TCP-proxy to
 * `outbound|<port>||<fqdn>`, and virtual host domains that list the ClusterIP beside the names
 * (`generateVirtualHostDomains`). Short names follow the pod's Kubernetes search path.
 */
export interface Destination {
  /** The IP the connection goes to, when known. */
  ip?: string;
  /** The service host the name stands for (`reviews.bookinfo.svc.cluster.local`), when the proxy knows it. */
  service?: string;
  /** False when nothing in the dump names the host: not in the registry, or hidden from this proxy. */
  known: boolean;
  /** How the address was found, in words. */
  how: string;
}

interface VipEntry {
  ip: string;
  port?: number;
  evidence: string;
}

interface HostIndex {
  vips: Map<string, VipEntry[]>;
  /** Every host some cluster, listener or route names (lower-cased, without port). */
  known: Set<string>;
  /** The cluster DNS domain (`cluster.local`), from service names `*.svc.<domain>`. */
  domain: string;
}

const indexes = new WeakMap<ProxyConfig, HostIndex>();

function addVip(index: HostIndex, host: string, entry: VipEntry): void {
  const name = host.toLowerCase();
  const list = index.vips.get(name) ?? [];
  if (!list.some((e) => e.ip === entry.ip && e.port === entry.port)) list.push(entry);
  index.vips.set(name, list);
}

function stripPort(domain: string): string {
  return domain.replace(/:\d+$/, '').toLowerCase();
}

/** The index of hosts and VIPs of one proxy's config, built once. */
/**
 * What /\.svc\.(.+)$/ captures, by hand (that regex rescans from every `.svc.` to a line break):
 * the text after the first `.svc.` past the last line terminator.
 */
export function clusterDomain(host: string): string | undefined {
  let last = -1;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) last = i;
  }
  const at = host.indexOf('.svc.', last + 1);
  return at !== -1 && at + 5 < host.length ? host.slice(at + 5) : undefined;
}

function hostIndex(config: ProxyConfig): HostIndex {
  const cached = indexes.get(config);
  if (cached) return cached;
  const index: HostIndex = { vips: new Map(), known: new Set(), domain: 'cluster.local' };
  for (const cluster of config.clusters) {
    const host = cluster.istioName?.host;
    if (host) index.known.add(host.toLowerCase());
    for (const s of cluster.services) if (s.host) index.known.add(s.host.toLowerCase());
    const domain = clusterDomain(host ?? '');
    if (domain) index.domain = domain;
  }
  for (const listener of config.listeners) {
    const address = listener.address;
    if (!address || !parseIp(address.address) || address.address === '0.0.0.0' || address.address === '::') continue;
    for (const chain of filterChainsOf(listener)) {
      for (const f of chain.filters) {
        const rds = f.kind === 'http_connection_manager' ? f.rdsRouteConfigName : undefined;
        const sniffed = rds === undefined ? undefined : /^(.+):(\d+)$/.exec(rds);
        if (sniffed) addVip(index, sniffed[1]!, { ip: address.address, port: address.port, evidence: `listener ${listener.name} routes to RDS ${rds}` });
        const tcpClusters = f.kind === 'tcp_proxy' ? [f.cluster, ...f.weightedClusters.map((w) => w.name)] : [];
        for (const name of tcpClusters) {
          const host = name === undefined ? undefined : parseClusterName(name)?.host;
          if (host) addVip(index, host, { ip: address.address, port: address.port, evidence: `listener ${listener.name} proxies TCP to ${name}` });
        }
      }
    }
  }
  for (const rc of config.routeConfigs) {
    for (const vh of rc.virtualHosts.value) {
      const names = vh.domains.map(stripPort).filter((d) => !d.includes('*'));
      for (const name of names) if (!isIpLiteral(name)) index.known.add(name);
      const ips = names.filter((n) => isIpLiteral(n));
      for (const ip of ips) for (const name of names) if (!isIpLiteral(name)) addVip(index, name, { ip, evidence: `virtual host ${vh.name} lists it` });
    }
  }
  indexes.set(config, index);
  return index;
}

/** The names a host may stand for: Kubernetes tries the pod's search path first (ndots:5), then the name as is. */
function candidates(host: string, namespace: string | undefined, domain: string): string[] {
  const out: string[] = [];
  if (host.split('.').length <= 5) {
    if (namespace) out.push(`${host}.${namespace}.svc.${domain}`);
    out.push(`${host}.svc.${domain}`, `${host}.${domain}`);
  }
  out.push(host);
  return out;
}

/** Resolves the request's destination address as the client would, from what the dump holds. */
export function resolveDestination(config: ProxyConfig, request: HttpRequest): Destination {
  const host = request.host.toLowerCase();
  if (request.destinationIp !== undefined) return { ip: request.destinationIp, known: true, how: `the connection goes to ${request.destinationIp} (--ip)` };
  if (isIpLiteral(host)) return { ip: host.replace(/^\[|\]$/g, ''), known: true, how: `${host} is an IP address` };
  if (config.node?.proxyType === 'router') {
    return { known: true, how: 'the client connects to the gateway itself (its Service or load balancer)' };
  }
  const index = hostIndex(config);
  const names = candidates(host, config.node?.namespace, index.domain);
  const service = names.find((n) => index.known.has(n) || index.vips.has(n));
  if (service === undefined) {
    return {
      known: false,
      how: `${host} is not known to this proxy: no cluster, listener or route names it (not in the mesh registry, or hidden from this proxy by a Sidecar's egress hosts or the service's exportTo)`,
    };
  }
  const via = service === host ? host : `${host} → ${service} (search path${config.node?.namespace ? ` of namespace ${config.node.namespace}` : ''})`;
  const vips = index.vips.get(service) ?? [];
  const vip = vips.find((v) => v.port === request.port) ?? vips.find((v) => v.port === undefined) ?? vips[0];
  if (!vip) return { service, known: true, how: `${via}; no address for it in the dump (a headless or DNS-resolved service?)` };
  return { ip: vip.ip, service, known: true, how: `${via} → ${vip.ip} (${vip.evidence})` };
}
