import { servicePortProtocol } from '../config/protocol.ts';
import { asArray, asNumber, asObject, asString } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { ExternalNameServiceTypeInvalidPortName, PortNameIsNotUnderNamingConvention } from './catalogue.ts';
import { message, ofKind } from './resource.ts';

/**
 * service.PortNameAnalyzer (istio/istio pkg/config/analysis/analyzers/service/portname.go): a
 * Service port whose protocol ConvertProtocol cannot tell (sniffed) is IST0118; on an ExternalName
 * Service such a port, or one named `tcp`, is IST0150 instead. Services of the control plane
 * (util.IsIstioControlPlane: an `istio` label, or `release: istio`) and gateway Services Istio
 * manages (`gateway.istio.io/managed`) are skipped.
 */
const MANAGED = new Set(['istio.io-gateway-controller', 'istio.io-mesh-controller', 'istio.io-eastwest-controller']);

/** IntOrString.String(): the number, or the name. */
function targetPortText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return '0';
}

export const portNameAnalyzer: Analyzer = {
  name: 'service.PortNameAnalyzer',
  description: 'Checks the port names associated with each service',
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    for (const r of ofKind(input, 'Service')) {
      if ('istio' in r.labels || r.labels.release === 'istio') continue;
      if (MANAGED.has(r.labels['gateway.istio.io/managed'] ?? '')) continue;
      const external = asString(r.spec.type) === 'ExternalName';
      for (const p of asArray(r.spec.ports)) {
        const port = asObject(p);
        if (port === undefined) continue;
        const number = asNumber(port.port) ?? 0;
        const name = asString(port.name) ?? '';
        const protocol = servicePortProtocol(number, name, asString(port.protocol), asString(port.appProtocol));
        if (protocol !== 'UnsupportedProtocol' && !(name === 'tcp' && external)) continue;
        out.push(
          external
            ? message(ExternalNameServiceTypeInvalidPortName, r)
            : message(PortNameIsNotUnderNamingConvention, r, name, number, targetPortText(port.targetPort)),
        );
      }
    }
    return out;
  },
};
