import { asArray, asObject, asString, type Json } from '../envoy/json.ts';

/** istioctl's diag.Level names. */
export type AnalyzerLevel = 'Error' | 'Warning' | 'Info';

/** A level as istioctl writes it (any case); a level istioctl does not have reads as Warning, so it is not hidden. */
function levelOf(text: string | undefined): AnalyzerLevel {
  const lower = text?.toLowerCase();
  if (lower === undefined || lower === 'info') return 'Info';
  return lower === 'error' ? 'Error' : 'Warning';
}

/** One `istioctl analyze -o json` message: a stable IST code about one resource. */
export interface AnalyzerMessage {
  code: string;
  level: AnalyzerLevel;
  message: string;
  /** `Kind namespace/name`, e.g. `DestinationRule bookinfo/details`. */
  origin: string;
  kind?: string;
  namespace?: string;
  name?: string;
  documentationUrl?: string;
}

/** Reads `istioctl analyze -o json` (an array of messages); anything else yields []. */
export function parseAnalyze(doc: Json): AnalyzerMessage[] {
  return asArray(doc).flatMap((item) => {
    const o = asObject(item);
    const code = asString(o?.code);
    if (!o || !code) return [];
    const origin = asString(o.origin) ?? '';
    const m = /^(\S+) (?:([^/\s]+)\/)?(\S+)/.exec(origin);
    return [
      {
        code,
        level: levelOf(asString(o.level)),
        message: asString(o.message) ?? '',
        origin,
        kind: m?.[1],
        namespace: m?.[2],
        name: m?.[3],
        documentationUrl: asString(o.documentationUrl ?? o.documentation_url),
      },
    ];
  });
}
