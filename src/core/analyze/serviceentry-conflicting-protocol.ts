import { asArray, asNumber, asObject, asString } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { ConflictingServiceEntryProtocol } from './catalogue.ts';
import { message, ofKind, type Resource } from './resource.ts';
import { EXPORT_ALL, EXPORT_LOCAL, exportsToAll, stringList } from './service-lookup.ts';

/**
 * serviceentry.ConflictingServiceEntryProtocolAnalyzer (istio/istio pkg/config/analysis/analyzers/
 * serviceentry/conflictingserviceentries.go): ServiceEntries indexed by (exportTo scope, host as
 * written, port number); a key whose entries — a namespace scope also takes the `*` ones — carry
 * two or more protocols (case-insensitive) gives each ServiceEntry involved one IST0177.
 */
export const conflictingServiceEntryProtocolAnalyzer: Analyzer = {
  name: 'serviceentry.ConflictingServiceEntryProtocolAnalyzer',
  description: 'Checks if multiple ServiceEntries define the same host and port with different protocols',
  analyze(input) {
    const index = new Map<string, { scope: string; host: string; port: number; entries: { protocol: string; r: Resource }[] }>();
    for (const r of ofKind(input, 'ServiceEntry')) {
      const exportTo = stringList(r.spec.exportTo);
      const scopes = exportsToAll(exportTo) ? [EXPORT_ALL] : [...new Set(exportTo.map((e) => (e === EXPORT_LOCAL ? r.namespace : e)))];
      for (const scope of scopes) {
        for (const host of stringList(r.spec.hosts)) {
          for (const p of asArray(r.spec.ports)) {
            const port = asNumber(asObject(p)?.number) ?? 0;
            const key = JSON.stringify([scope, host, port]);
            const slot = index.get(key) ?? { scope, host, port, entries: [] };
            slot.entries.push({ protocol: asString(asObject(p)?.protocol) ?? '', r });
            index.set(key, slot);
          }
        }
      }
    }
    const out: AnalyzerMessage[] = [];
    const reported = new Set<string>();
    for (const slot of index.values()) {
      let entries = slot.entries;
      if (slot.scope !== EXPORT_ALL) entries = [...entries, ...(index.get(JSON.stringify([EXPORT_ALL, slot.host, slot.port]))?.entries ?? [])];
      const protocols = [...new Set(entries.map((e) => e.protocol.toUpperCase()))].sort();
      if (protocols.length < 2) continue;
      const names = [...new Set(entries.map((e) => e.r.fullName))].sort().join(', ');
      for (const e of entries) {
        if (reported.has(e.r.fullName)) continue;
        reported.add(e.r.fullName);
        out.push(message(ConflictingServiceEntryProtocol, e.r, names, slot.host, slot.port, protocols.join(', ')));
      }
    }
    return out;
  },
};
