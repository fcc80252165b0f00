import type { Listener, ProxyConfig } from '../envoy/types.ts';

/** Istio's names (pilot/pkg/model/listener.go): the capture listener and its special chains. */
export const VIRTUAL_INBOUND = 'virtualInbound';
export const VIRTUAL_INBOUND_BLACKHOLE = 'virtualInbound-blackhole';
export const VIRTUAL_INBOUND_CATCHALL_HTTP = 'virtualInbound-catchall-http';
/** The port istio-iptables redirects inbound TCP to (ISTIO_IN_REDIRECT, tools/istio-iptables). */
export const INBOUND_CAPTURE_PORT = 15006;

export interface InboundListenerChoice {
  listener?: Listener;
  reason: string;
}

function hasOriginalDstFilter(listener: Listener): boolean {
  return listener.listenerFilters.some((n) => n === 'envoy.filters.listener.original_dst' || n === 'envoy.listener.original_dst');
}

function listensOn(listener: Listener, ip: string | undefined, port: number): boolean {
  const a = listener.address;
  return a?.port === port && (a.address === '0.0.0.0' || a.address === '::' || (ip !== undefined && a.address === ip));
}

/**
 * The listener that takes an inbound connection on a sidecar. With iptables capture, istio-iptables
 * REDIRECTs inbound TCP to 15006 (`virtualInbound`, built by buildInboundListeners in
 * pilot/pkg/networking/core/listener_inbound.go); REDIRECT keeps the original destination, which the
 * `original_dst` listener filter restores (SO_ORIGINAL_DST), so the chains match on the pod's port.
 * Older Istio releases built one listener per inbound port, and virtualInbound's
 * `use_original_dst` handed the connection to the listener bound at the original address (Envoy's
 * listener redirection). Without capture (a Sidecar `ingress` with bindToPort), the listener is the
 * one bound at the port.
 */
export function selectInboundListener(config: ProxyConfig, port: number, destinationIp: string | undefined): InboundListenerChoice {
  const virtual =
    config.listeners.find((l) => l.name === VIRTUAL_INBOUND) ??
    config.listeners.find((l) => l.address?.port === INBOUND_CAPTURE_PORT && l.trafficDirection === 'INBOUND');
  const bound = config.listeners.find((l) => l !== virtual && l.trafficDirection === 'INBOUND' && listensOn(l, destinationIp, port));
  if (virtual) {
    const at = `${virtual.name} (${virtual.address?.address ?? '?'}:${virtual.address?.port ?? '?'})`;
    const redirect = `istio-iptables REDIRECTs inbound TCP to ${INBOUND_CAPTURE_PORT}, which keeps the original destination`;
    if (virtual.useOriginalDst && bound) {
      return {
        listener: bound,
        reason: `${redirect}; ${at} has use_original_dst and hands the connection to ${bound.name}, the listener bound at the original destination port ${port} (older Istio releases built one inbound listener per port)`,
      };
    }
    const restore = hasOriginalDstFilter(virtual)
      ? 'its original_dst listener filter restores it'
      : virtual.useOriginalDst
        ? 'use_original_dst restores it'
        : 'the listener has neither the original_dst listener filter nor use_original_dst: the chains would see port 15006';
    return { listener: virtual, reason: `${redirect}; ${at} takes it and ${restore}, so the chains match on destination port ${port}` };
  }
  if (bound) {
    return {
      listener: bound,
      reason: `no virtualInbound listener (no iptables capture): ${bound.name} is bound at port ${port} (a Sidecar ingress listener, bindToPort)`,
    };
  }
  return { reason: `no virtualInbound listener and no inbound listener at port ${port}: is this a server sidecar's dump? (a gateway has no inbound capture)` };
}
