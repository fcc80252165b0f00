import type { Json } from '../../core/envoy/json.ts';
import { depthOverflowPath, MAX_JSON_DEPTH, scanJsonText } from '../../core/envoy/json-depth.ts';
import { attachTextIssues, jsonTextIssues } from '../../core/envoy/json-text-issues.ts';
import { parseConcatenatedJson } from '../../core/istio/concatenated-json.ts';
import { sanitizeLine, stripColour } from '../../core/text/sanitize.ts';
import { IstioctlError } from './istioctl-error.ts';

/** What istioctl printed first, quoted for a one-line message. */
function firstLine(text: string): string {
  const line = sanitizeLine(stripColour(text.trimStart()).split('\n')[0] ?? '').trim();
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line);
}

function notJson(display: string, stdout: string, detail?: string): IstioctlError {
  const text = stdout.trimStart();
  if (text === '') return new IstioctlError('not-json', `${display} printed nothing; expected JSON`);
  if (!/^[[{]/.test(text)) return new IstioctlError('not-json', `${display} did not print JSON: it starts with ${firstLine(text)}`);
  const why = detail === undefined ? '' : ` (${sanitizeLine(detail)})`;
  return new IstioctlError('not-json', `${display} printed invalid JSON${why}; it starts with ${firstLine(text)}`);
}

/** istioctl `-o json` output as one JSON value; IstioctlError `not-json` (exit 3) otherwise. */
export function jsonOutput(display: string, stdout: string): Json {
  let value: Json;
  try {
    value = JSON.parse(stdout) as Json;
  } catch (error) {
    throw notJson(display, stdout, error instanceof Error ? error.message.split('\n')[0] : undefined);
  }
  const scan = scanJsonText(stdout);
  if (scan.overflowAt !== -1) {
    const at = depthOverflowPath(value);
    if (at !== undefined)
      throw new IstioctlError(
        'not-json',
        `${display} printed JSON nested deeper than ${MAX_JSON_DEPTH} levels at ${at}; Envoy's JSON parser (protobuf) stops at ${MAX_JSON_DEPTH}`,
      );
  }
  // Duplicate keys and numbers beyond a double's range, reported by loadProxyConfig.
  if (scan.overflowAt === -1) attachTextIssues(value, jsonTextIssues(display, stdout, value, scan.keys));
  return value;
}

/** `istioctl proxy-status -o json`: one document per istiod, written back to back. */
export function concatenatedJsonOutput(display: string, stdout: string): Json[] {
  try {
    return parseConcatenatedJson(display, stdout);
  } catch (error) {
    throw notJson(display, stdout, error instanceof Error ? error.message.replace(`${display}: `, '') : undefined);
  }
}

/**
 * `istioctl x envoy-stats POD -o json` prints `\nThe result of pod NAME:\n\n` before Envoy's JSON
 * (once per pod); the JSON after that line.
 */
export function statsOutput(display: string, stdout: string): Json {
  const body = stdout.replace(/^\s*The result of pod [^\n]*:\s*/, '');
  return jsonOutput(display, body);
}
