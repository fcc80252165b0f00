import { asArray, asNumber, asObject, asString } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { ConflictingGateways, ReferencedResourceNotFound } from './catalogue.ts';
import { message, ofKind, selectorString, stringMapOf } from './resource.ts';
import { stringList } from './service-lookup.ts';

/**
 * gateway.ConflictingGatewayAnalyzer (istio/istio pkg/config/analysis/analyzers/gateway/
 * conflictinggateway.go): Gateways are grouped by (selector text, server port). A Gateway meets
 * the groups with the same selector text, or a selector one contains the other of as text that
 * also selects a common pod; a non-empty selector meeting none is IST0101. Each server is IST0145
 * when another Gateway of a group on its port binds one of its hosts with the same `bind`
 * (model.CheckDuplicates). Upstream CheckDuplicates also adds the hosts to the other Gateway's
 * map when there is no duplicate, so its result can depend on map order; that write is not kept.
 */
type HostsBind = Map<string, string>;

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** parseSelectorFromString: `k=v` pairs of a comma-joined selector text. */
function parseSelector(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const kv = pair.split('=');
    if (kv.length === 2) out[kv[0]!] = kv[1]!;
  }
  return out;
}

export const conflictingGatewayAnalyzer: Analyzer = {
  name: 'gateway.ConflictingGatewayAnalyzer',
  description: "Checks a gateway's selector, port number and hosts",
  analyze(input) {
    const gateways = ofKind(input, 'Gateway');
    const pods = ofKind(input, 'Pod');
    // initGatewaysMap: `selector~port` → gateway FullName → host → bind
    const groups = new Map<string, Map<string, HostsBind>>();
    for (const gw of gateways) {
      const sel = selectorString(stringMapOf(gw.spec.selector) ?? {});
      for (const server of asArray(gw.spec.servers)) {
        const s = asObject(server);
        const key = `${sel}~${asNumber(asObject(s?.port)?.number) ?? 0}`;
        const group = groups.get(key) ?? new Map<string, HostsBind>();
        groups.set(key, group);
        group.set(gw.fullName, new Map(stringList(s?.hosts).map((h) => [h, asString(s?.bind) ?? ''] as const)));
      }
    }
    const out: AnalyzerMessage[] = [];
    for (const gw of gateways) {
      const selector = stringMapOf(gw.spec.selector) ?? {};
      const sel = selectorString(selector);
      const hit: [string, Map<string, HostsBind>][] = [];
      for (const [key, group] of groups) {
        const other = key.split('~').length === 2 ? key.split('~')[0]! : '';
        let matched = sel === other;
        if (!matched && (other.includes(sel) || sel.includes(other))) {
          const otherSelector = parseSelector(other);
          matched = pods.some((p) => matches(selector, p.labels) && matches(otherSelector, p.labels));
        }
        if (matched) hit.push([key, group]);
      }
      if (sel !== '' && hit.length === 0) {
        out.push(message(ReferencedResourceNotFound, gw, 'selector', sel));
        continue;
      }
      for (const server of asArray(gw.spec.servers)) {
        const s = asObject(server);
        const port = String(asNumber(asObject(s?.port)?.number) ?? 0);
        const hosts = stringList(s?.hosts);
        const bind = asString(s?.bind) ?? '';
        const conflicting: string[] = [];
        for (const [key, group] of hit) {
          if (key.split('~')[1] !== port) continue;
          for (const [name, known] of group) {
            if (name !== gw.fullName && hosts.some((h) => known.has(h) && known.get(h) === bind)) conflicting.push(name);
          }
        }
        if (conflicting.length > 0) out.push(message(ConflictingGateways, gw, conflicting.sort().join(','), sel, port, hosts.join(',')));
      }
    }
    return out;
  },
};
