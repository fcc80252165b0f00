import type { JsonObject } from '../envoy/json.ts';

/**
 * `istioctl analyze`'s default (log) output, as `istioctl bug-report` saves it under `analyze/`:
 * one message per line, `Level [CODE] (Kind namespace/name [reference]) message`, possibly with a
 * `[cluster-ID]` before the origin. Returned in the `istioctl analyze -o json` shape so both read
 * the same way (`parseAnalyze`). Other lines (the "No validation issues" banner) are skipped.
 */
const LINE = /^(Error|Warning|Info)\s+\[(IST\d+)\]\s*(?:\[cluster-[^\]]*\]\s*)?(?:\(([^)]*)\)\s*)?(.*)$/;

export function parseAnalyzeText(text: string): JsonObject[] {
  const out: JsonObject[] = [];
  for (const raw of text.split('\n')) {
    const m = LINE.exec(raw.trim());
    if (!m) continue;
    const message: JsonObject = { code: m[2]!, level: m[1]!, message: m[4]!.trim() };
    if (m[3] !== undefined) {
      // `Kind ns/name file.yaml:12`: the origin is the first two words, the rest a reference.
      const words = m[3].trim().split(/\s+/);
      message.origin = words.slice(0, 2).join(' ');
      if (words.length > 2) message.reference = words.slice(2).join(' ');
    }
    out.push(message);
  }
  return out;
}
