import { asArray, asObject, asString, type JsonObject } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { NoServerCertificateVerificationDestinationLevel, NoServerCertificateVerificationPortLevel } from './catalogue.ts';
import { message, ofKind } from './resource.ts';

/**
 * destinationrule.CaCertificateAnalyzer (istio/istio pkg/config/analysis/analyzers/destinationrule/
 * ca-certificates.go): TLS mode SIMPLE or MUTUAL with no `caCertificates` leaves the server's
 * certificate unverified — unless a `credentialName` is set and the rule has a workloadSelector.
 * IST0128 for `trafficPolicy.tls`, IST0129 for each `portLevelSettings[].tls`.
 */
function unverified(tls: JsonObject | undefined, hasSelector: boolean): string | undefined {
  const mode = asString(tls?.mode);
  if (mode !== 'SIMPLE' && mode !== 'MUTUAL') return undefined;
  if ((asString(tls?.caCertificates) ?? '') !== '') return undefined;
  if ((asString(tls?.credentialName) ?? '') !== '' && hasSelector) return undefined;
  return mode;
}

/** PortSelector.String() (protobuf text format): `number:9443`, or `` for none. */
function portText(port: JsonObject | undefined): string {
  const n = port?.number;
  return typeof n === 'number' && n !== 0 ? `number:${n}` : '';
}

export const caCertificateAnalyzer: Analyzer = {
  name: 'destinationrule.CaCertificateAnalyzer',
  description: 'Checks if caCertificates is set when TLS mode is SIMPLE/MUTUAL',
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    for (const r of ofKind(input, 'DestinationRule')) {
      const policy = asObject(r.spec.trafficPolicy);
      const host = asString(r.spec.host) ?? '';
      const hasSelector = asObject(r.spec.workloadSelector) !== undefined;
      const mode = unverified(asObject(policy?.tls), hasSelector);
      if (mode !== undefined) out.push(message(NoServerCertificateVerificationDestinationLevel, r, r.fullName, r.namespace, mode, host));
      for (const p of asArray(policy?.portLevelSettings)) {
        const setting = asObject(p);
        const portMode = unverified(asObject(setting?.tls), hasSelector);
        if (portMode !== undefined)
          out.push(message(NoServerCertificateVerificationPortLevel, r, r.fullName, r.namespace, portMode, host, portText(asObject(setting?.port))));
      }
    }
    return out;
  },
};
