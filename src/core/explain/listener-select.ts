import type { Listener, ProxyConfig } from '../envoy/types.ts';
import { GATEWAY_TARGET_PORTS } from '../istio/gateway-ports.ts';
import type { HttpRequest } from '../router/request.ts';
import type { Destination } from './destination.ts';

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

function boundTo(listener: Listener, ip: string, port: number): boolean {
  const all = [listener.address, ...listener.additionalAddresses];
  return all.some((a) => a !== undefined && a.port === port && a.address === ip);
}

function isVirtualOutbound(listener: Listener): boolean {
  return listener.name === 'virtualOutbound' || (listener.useOriginalDst && listener.trafficDirection === 'OUTBOUND');
}

/**
 * The listener for the request's connection to `destination` (see destination.ts): Envoy's
 * hand-off from the capture listener looks for an exact `IP:port` listener, then `0.0.0.0:port`
 * (ConnectionHandlerImpl::getBalancedHandlerByAddress), else the connection stays on the capture
 * listener.
 */
export function selectListener(config: ProxyConfig, request: HttpRequest, destination: Destination, isGateway: boolean): ListenerChoice {
  const listeners = config.listeners.filter((l) => l.meta.state !== 'warming' && l.meta.state !== 'draining');
  const destinationIp = destination.ip;
  if (destinationIp !== undefined) {
    const exact = listeners.find((l) => boundTo(l, destinationIp, request.port));
    if (exact) return { listener: exact, destinationIp, passthrough: false, reason: `bound to the destination ${destinationIp}:${request.port}` };
  }
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
