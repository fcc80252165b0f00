import { asArray, asObject, asString } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { ServiceEntryAddressesRequired } from './catalogue.ts';
import { message, ofKind } from './resource.ts';

/**
 * serviceentry.Analyzer (istio/istio pkg/config/analysis/analyzers/serviceentry/protocoladdresses.go,
 * ProtocolAddressesAnalyzer): a ServiceEntry without `addresses` (and no `status.addresses`
 * allocated) gets one IST0134 per TCP or protocol-less port — unless the mesh config turns on DNS
 * capture (`ISTIO_META_DNS_CAPTURE: "true"`) together with auto-allocation
 * (`ISTIO_META_DNS_AUTO_ALLOCATE` or `PILOT_ENABLE_IP_AUTOALLOCATE` `"true"`) in
 * `defaultConfig.proxyMetadata`.
 */
export const protocolAddressesAnalyzer: Analyzer = {
  name: 'serviceentry.Analyzer',
  description: 'Checks the validity of ServiceEntry',
  analyze(input) {
    const md = input.mesh.proxyMetadata;
    const autoAllocated = md.ISTIO_META_DNS_CAPTURE === 'true' && (md.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || md.PILOT_ENABLE_IP_AUTOALLOCATE === 'true');
    const out: AnalyzerMessage[] = [];
    if (autoAllocated) return out;
    for (const r of ofKind(input, 'ServiceEntry')) {
      // `se.Addresses == nil`: an absent field (an empty list written out reads as nil too).
      if (asArray(r.spec.addresses).length > 0) continue;
      if (asArray(asObject(r.status)?.addresses).length > 0) continue;
      for (const p of asArray(r.spec.ports)) {
        const protocol = asString(asObject(p)?.protocol) ?? '';
        if (protocol === '' || protocol.toUpperCase() === 'TCP') out.push(message(ServiceEntryAddressesRequired, r));
      }
    }
    return out;
  },
};
