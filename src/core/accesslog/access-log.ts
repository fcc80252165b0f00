import { asObject, type Json } from '../envoy/json.ts';
import { depthOverflowAt, MAX_JSON_DEPTH } from '../envoy/json-depth.ts';
import { UsageError } from '../errors.ts';

/**
 * One line of an Istio proxy's access log, in Istio's default TEXT format
 * (pilot/pkg/model/telemetry_logging.go, EnvoyTextLogFormat, Istio ≥ 1.9):
 *
 * ```
 * [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
 * "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
 * %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 * "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW%
 * %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS%
 * %REQUESTED_SERVER_NAME% %ROUTE_NAME%
 * ```
 *
 * or its JSON format (`accessLogEncoding: JSON`, keys `start_time`, `method`, `response_flags`...).
 * Envoy writes `-` for a value it does not have; that becomes null here.
 */
export interface AccessLogEntry {
  /** The line as given (trimmed). */
  line: string;
  startTime: string | null;
  method: string | null;
  path: string | null;
  protocol: string | null;
  /** 0 when no response was sent (the downstream went away first). */
  responseCode: number | null;
  /** Short response flags (`UH`, `URX`...), none when the request went through untouched. */
  responseFlags: string[];
  responseCodeDetails: string | null;
  connectionTerminationDetails: string | null;
  upstreamTransportFailureReason: string | null;
  bytesReceived: number | null;
  bytesSent: number | null;
  durationMs: number | null;
  upstreamServiceTimeMs: number | null;
  forwardedFor: string | null;
  userAgent: string | null;
  requestId: string | null;
  authority: string | null;
  upstreamHost: string | null;
  upstreamCluster: string | null;
  upstreamLocalAddress: string | null;
  downstreamLocalAddress: string | null;
  downstreamRemoteAddress: string | null;
  requestedServerName: string | null;
  routeName: string | null;
}

type Field = keyof AccessLogEntry;
/** The TEXT format's fields after `[START_TIME]` and the quoted request line, in order. */
const TEXT_FIELDS: Field[] = [
  'responseCode',
  'responseFlags',
  'responseCodeDetails',
  'connectionTerminationDetails',
  'upstreamTransportFailureReason',
  'bytesReceived',
  'bytesSent',
  'durationMs',
  'upstreamServiceTimeMs',
  'forwardedFor',
  'userAgent',
  'requestId',
  'authority',
  'upstreamHost',
  'upstreamCluster',
  'upstreamLocalAddress',
  'downstreamLocalAddress',
  'downstreamRemoteAddress',
  'requestedServerName',
  'routeName',
];
/** Istio's JSON access log keys (EnvoyJSONLogFormatIstio). */
const JSON_KEYS: Record<string, Field> = {
  start_time: 'startTime',
  method: 'method',
  path: 'path',
  protocol: 'protocol',
  response_code: 'responseCode',
  response_flags: 'responseFlags',
  response_code_details: 'responseCodeDetails',
  connection_termination_details: 'connectionTerminationDetails',
  upstream_transport_failure_reason: 'upstreamTransportFailureReason',
  bytes_received: 'bytesReceived',
  bytes_sent: 'bytesSent',
  duration: 'durationMs',
  upstream_service_time: 'upstreamServiceTimeMs',
  x_forwarded_for: 'forwardedFor',
  user_agent: 'userAgent',
  request_id: 'requestId',
  authority: 'authority',
  upstream_host: 'upstreamHost',
  upstream_cluster: 'upstreamCluster',
  upstream_local_address: 'upstreamLocalAddress',
  downstream_local_address: 'downstreamLocalAddress',
  downstream_remote_address: 'downstreamRemoteAddress',
  requested_server_name: 'requestedServerName',
  route_name: 'routeName',
};
const NUMERIC = new Set<Field>(['responseCode', 'bytesReceived', 'bytesSent', 'durationMs', 'upstreamServiceTimeMs']);

function empty(): AccessLogEntry {
  const entry = { line: '', responseFlags: [] } as unknown as Record<string, unknown>;
  for (const f of [...TEXT_FIELDS, 'startTime', 'method', 'path', 'protocol'] as Field[]) if (f !== 'responseFlags') entry[f] = null;
  return entry as unknown as AccessLogEntry;
}

function assign(entry: AccessLogEntry, field: Field, value: string | null): void {
  const v = value === null || value === '-' || value === '' ? null : value;
  const target = entry as unknown as Record<string, unknown>;
  if (field === 'responseFlags')
    entry.responseFlags =
      v === null
        ? []
        : v
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean);
  else if (NUMERIC.has(field)) target[field] = v !== null && /^\d+$/.test(v) ? Number(v) : null;
  else target[field] = v;
}

/** Splits a TEXT line into `[...]`, `"..."` and bare tokens. */
function tokens(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const close = c === '"' ? '"' : c === '[' ? ']' : undefined;
    if (close) {
      // A quoted value ends at the closing character followed by a space or the end of the line.
      let end = i + 1;
      while (end < line.length && !(line[end] === close && (end + 1 === line.length || line[end + 1] === ' '))) end++;
      out.push(line.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
    out.push(line.slice(i, end));
    i = end;
  }
  return out;
}

function parseText(line: string): AccessLogEntry {
  const start = line.search(/\[\d{4}-\d\d-\d\dT/);
  if (start < 0) throw new UsageError('--log: not an Istio access log line: it has no [START_TIME] such as [2025-01-15T09:13:02.345Z]');
  const [time, request, ...rest] = tokens(line.slice(start).trim());
  if (request === undefined || rest.length < 3)
    throw new UsageError('--log: the line ends early; expected Istio\'s default access log format ([time] "METHOD PATH PROTOCOL" CODE FLAGS ...)');
  const entry = empty();
  entry.startTime = time ?? null;
  const [method, path, protocol] = request.split(' ');
  assign(entry, 'method', method ?? null);
  assign(entry, 'path', path ?? null);
  assign(entry, 'protocol', protocol ?? null);
  for (let i = 0; i < TEXT_FIELDS.length; i++) assign(entry, TEXT_FIELDS[i]!, rest[i] ?? null);
  if (entry.responseCode === null && rest[0] !== '-' && !/^\d+$/.test(rest[0] ?? '')) {
    throw new UsageError(`--log: "${rest[0]}" is not a response code; expected Istio's default access log format`);
  }
  return entry;
}

function parseJson(line: string): AccessLogEntry {
  let doc: Json;
  try {
    doc = JSON.parse(line) as Json;
  } catch {
    throw new UsageError('--log: the line starts with "{" but is not valid JSON');
  }
  if (depthOverflowAt(line) !== -1) throw new UsageError(`--log: the JSON line is nested deeper than ${MAX_JSON_DEPTH} levels`);
  const o = asObject(doc);
  if (!o) throw new UsageError('--log: expected a JSON object');
  const entry = empty();
  for (const [key, field] of Object.entries(JSON_KEYS)) {
    const value = o[key];
    if (value !== undefined) assign(entry, field, value === null ? null : String(value));
  }
  return entry;
}

/** Parses one access log line (TEXT or JSON); UsageError naming what is wrong with it. */
export function parseAccessLogLine(line: string): AccessLogEntry {
  const trimmed = line.trim();
  const entry = trimmed.startsWith('{') ? parseJson(trimmed) : parseText(trimmed);
  entry.line = trimmed;
  return entry;
}
