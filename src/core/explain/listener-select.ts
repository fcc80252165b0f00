import type { Listener, ProxyConfig } from '../envoy/types.ts';
import type { HttpRequest } from '../router/request.ts';

/**
 * Which listener takes the request's connection. A sidecar captures outbound traffic on the
 * virtualOutbound listener (15001, use_original_dst) and hands it to the listener bound to the
 * original destination: first an exact `VIP_PORT` listener, then the wildcard `0.0.0.0_PORT`.
 * With neither, the virtualOutbound listener's own chains handle it (PassthroughCluster or
 * BlackHoleCluster). A gateway has no capture: its listeners bind the Service's targetPort,
 * which for Istio's default gateway is 8080 for port 80 and 8443 for 443.
 */
export interface ListenerChoice {
  listener?: Listener;
  /** The destination IP assumed for the connection, when one could be derived. */
  destinationIp?: string;
  reason: string;
  /** True when the request falls to virtualOutbound passthrough. */
  passthrough: boolean;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const GATEWAY_TARGET_PORTS: Record<number, number> = { 80: 8080, 443: 8443 };

function boundTo(listener: Listener, ip: string, port: number): boolean {
  const all = [listener.address, ...listener.additionalAddresses];
  return all.some((a) => a !== undefined && a.port === port && a.address === ip);
}

const vipIndexes = new WeakMap<ProxyConfig, Map<string, string[]>>();

/** host name → the IPv4 literals listed beside it in some virtual host's domains. Built once per config. */
function vipIndex(config: ProxyConfig): Map<string, string[]> {
  let index = vipIndexes.get(config);
  if (index) return index;
  index = new Map();
  for (const rc of config.routeConfigs) {
    for (const vh of rc.virtualHosts.value) {
      const names = vh.domains.map((d) => d.replace(/:\d+$/, '').toLowerCase());
      const ips = names.filter((n) => IPV4.test(n));
      if (ips.length === 0) continue;
      for (const name of names) {
        const list = index.get(name) ?? [];
        for (const ip of ips) if (!list.includes(ip)) list.push(ip);
        index.set(name, list);
      }
    }
  }
  vipIndexes.set(config, index);
  return index;
}

/** Service VIPs for a host, read from vhost domain lists (Istio lists the ClusterIP beside the names). */
function vipsForHost(config: ProxyConfig, host: string): string[] {
  return vipIndex(config).get(host) ?? [];
}

function isVirtualOutbound(listener: Listener): boolean {
  return listener.name === 'virtualOutbound' || (listener.useOriginalDst && listener.trafficDirection === 'OUTBOUND');
}

export function selectListener(config: ProxyConfig, request: HttpRequest, isGateway: boolean): ListenerChoice {
  const listeners = config.listeners.filter((l) => l.meta.state !== 'warming' && l.meta.state !== 'draining');
  const ips = IPV4.test(request.host) ? [request.host] : vipsForHost(config, request.host);
  for (const ip of ips) {
    const exact = listeners.find((l) => boundTo(l, ip, request.port));
    if (exact) return { listener: exact, destinationIp: ip, passthrough: false, reason: `bound to the destination ${ip}:${request.port}` };
  }
  const destinationIp = ips[0];
  const wildcard = listeners.find((l) => boundTo(l, '0.0.0.0', request.port) || boundTo(l, '::', request.port));
  if (wildcard) return { listener: wildcard, destinationIp, passthrough: false, reason: `wildcard listener for port ${request.port}` };
  if (isGateway) {
    const target = GATEWAY_TARGET_PORTS[request.port];
    const gw = target === undefined ? undefined : listeners.find((l) => boundTo(l, '0.0.0.0', target) || boundTo(l, '::', target));
    if (gw) {
      return {
        listener: gw,
        destinationIp,
        passthrough: false,
        reason: `no listener on ${request.port}; Istio gateways listen on the Service's targetPort ${target}`,
      };
    }
    return { passthrough: false, destinationIp, reason: `the gateway has no listener for port ${request.port}: check the Gateway's servers[].port` };
  }
  const outbound = listeners.find(isVirtualOutbound);
  if (outbound) {
    return {
      listener: outbound,
      destinationIp,
      passthrough: true,
      reason: `no listener for port ${request.port}: the connection stays on ${outbound.name} (outboundTrafficPolicy decides passthrough or blackhole)`,
    };
  }
  return { passthrough: false, destinationIp, reason: `no listener for port ${request.port} and no virtualOutbound listener` };
}
