import { asArray, asNumber, asObject, asString } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { GatewayPortNotDefinedOnService, ReferencedResourceNotFound } from './catalogue.ts';
import { message, ofKind, selectorString, stringMapOf } from './resource.ts';

/**
 * gateway.IngressGatewayPortAnalyzer (istio/istio pkg/config/analysis/analyzers/gateway/gateway.go):
 * a Gateway's selector must match some pod, in any namespace (IST0101); each server port must be
 * a port the Services in front of those pods (same namespace, selector matching the pod) expose
 * for TCP — as the target port (a number) or, failing that, the service port (IST0162).
 */
function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** IntOrString.IntValue(): the number, or a numeric string read as one, else 0. */
function intValue(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) return Number(value);
  return 0;
}

export const ingressGatewayPortAnalyzer: Analyzer = {
  name: 'gateway.IngressGatewayPortAnalyzer',
  description: "Checks a gateway's ports against the gateway's Kubernetes service ports",
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    const pods = ofKind(input, 'Pod');
    const services = ofKind(input, 'Service');
    for (const gw of ofKind(input, 'Gateway')) {
      const selector = stringMapOf(gw.spec.selector) ?? {};
      const servicePorts = new Set<number>();
      const portMapping = new Set<number>(); // service ports that map to a target port
      let matched = 0;
      for (const pod of pods) {
        if (!matches(selector, pod.labels)) continue;
        matched++;
        for (const svc of services) {
          if (svc.namespace !== pod.namespace) continue;
          if (!matches(stringMapOf(svc.spec.selector) ?? {}, pod.labels)) continue;
          for (const p of asArray(svc.spec.ports)) {
            const port = asObject(p);
            if (asString(port?.protocol) !== 'TCP') continue; // as written: the Kubernetes default is not applied on reading
            const tp = intValue(port?.targetPort);
            if (tp !== 0) {
              servicePorts.add(tp);
              portMapping.add(asNumber(port?.port) ?? 0);
            } else servicePorts.add(asNumber(port?.port) ?? 0);
          }
        }
      }
      if (matched === 0) {
        out.push(message(ReferencedResourceNotFound, gw, 'selector', selectorString(selector)));
        continue;
      }
      for (const server of asArray(gw.spec.servers)) {
        const port = asObject(asObject(server)?.port);
        if (port === undefined) continue;
        const number = asNumber(port.number) ?? 0;
        if (!servicePorts.has(number) && !portMapping.has(number)) out.push(message(GatewayPortNotDefinedOnService, gw, number, selectorString(selector)));
      }
    }
    return out;
  },
};
