import { parseRandomValue } from '../../app/request-line.ts';
import { explainAccessLog } from '../../core/accesslog/explain-log.ts';
import type { ProxyConfig } from '../../core/envoy/types.ts';
import { InputError, UsageError } from '../../core/errors.ts';
import { explain } from '../../core/explain/explain.ts';
import { explainInbound } from '../../core/explain/inbound.ts';
import type { ExplainResult } from '../../core/explain/result.ts';
import { whyNot } from '../../core/explain/why-not.ts';
import { intentForExplain } from '../../core/intent/reconcile.ts';
import { renderAccessLogMarkdown, renderAccessLogText } from '../../core/report/access-log-report.ts';
import { type Provenance, renderExplainMarkdown } from '../../core/report/explain-markdown.ts';
import { renderExplainText } from '../../core/report/explain-text.ts';
import { intentJson, renderIntentText } from '../../core/report/intent-report.ts';
import { renderWhyNot } from '../../core/report/why-not-text.ts';
import { firstInvalidRegex } from '../../core/router/regex-check.ts';
import { type ConnectionOptions, parseRequest } from '../../core/router/request.ts';
import { parseUpstreamFailure } from '../../core/router/upstream-failure.ts';
import { relevantAnalyzerMessages } from '../../core/snapshot/relevant-analysis.ts';
import { outputFormat, parseCommandArgs } from '../args.ts';
import { inboundOptionsFrom } from '../inbound-flags.ts';
import { configOptions, loadObjectsForCommand } from '../intent-objects.ts';
import type { CliIo } from '../io.ts';
import { loadProxyForCommand, proxySourceOptions } from '../proxy-source.ts';
import { styleFor } from '../style.ts';
import { explainLogs, logFileArguments, parseLogLineArgument } from './explain-logs.ts';
import { explainPath } from './explain-path.ts';

const HELP = `Usage: meshscope explain --file DUMP [--endpoints FILE] [--random N] [--why-not SUBSET] [--status S]
                         [--sni NAME] [--alpn LIST] [--ip ADDR]
                         [-o text|json|markdown] "METHOD URL" [-H "Name: value"]...
       meshscope explain --snapshot FILE [--from POD.NS] [-o text|json|markdown] "METHOD URL" [-H ...]
       meshscope explain POD.NAMESPACE [--context C] [--timeout 20s] [-o text|json|markdown] "METHOD URL" [-H ...]
       meshscope explain ... --config PATH "METHOD URL"    (Istio objects: which apply, and why not)
       meshscope explain --snapshot FILE [--from POD.NS] --log 'ACCESS LOG LINE' [-o text|json|markdown]
       meshscope explain --snapshot FILE --log [POD.NS=]FILE [--log ...]... [-o text|json|markdown]
       meshscope explain --inbound [--peer mtls|tls|plaintext] [--principal spiffe://…] [--port N] … URL
       meshscope explain --snapshot FILE|--dir FOLDER --from POD.NS --path "METHOD URL" [--endpoint IP] [-o text|json|markdown]
       meshscope explain POD.NS --path "METHOD URL" …                 (live: every proxy of istioctl proxy-status)

Explains what the proxy's Envoy does with the request: listener, filter chain, virtual host,
every route not taken and the predicate that failed, the action (weights as probabilities),
the cluster and its endpoints (health, outlier ejection), and the policies on the way.

  POD.NAMESPACE      a live proxy, fetched through istioctl (live flags: see \`meshscope --help\`)
  --file DUMP        istioctl proxy-config all POD -o json, or Envoy's /config_dump
  --endpoints FILE   /clusters?format=json or istioctl proxy-config endpoints POD -o json
  --snapshot FILE    a meshscope snapshot (.json, .json.gz) or an istioctl bug-report (.tar.gz or folder)
  --from POD.NS      the proxy in the snapshot (with --file: check that the dump belongs to it)
  --log 'LINE'       explain an access log line (Istio's default TEXT or JSON format): the route,
                     cluster and host it names against this config, and its response flags'
                     likely causes here (UH, UO, UF, NR, NC, UT, URX, DI, FI, DC, ...)
  --log [POD.NS=]FILE  access logs of several proxies (repeatable; TEXT or JSON lines, kubectl
                     logs output): lines grouped by x-request-id, each request's hops client side
                     first, and the hop that produced a failure and why in this snapshot (RBAC
                     403 at the server, a connection the server refused, UH/NR at the client).
                     The proxy of a file: POD.NS=, else kubectl's --prefix ([pod/NAME/istio-proxy]),
                     else a file named after the proxy, else the line's own addresses.
                     Lines without x-request-id or unreadable are listed by file and line
  --path "METHOD URL" follow the request hop by hop through every proxy of the snapshot: the
                     client's decision, the endpoint's proxy (gateway, sidecar), its inbound side
                     (mTLS handshake, authorization), up to the application; the failing hop first
  --endpoint IP      with --path: follow this endpoint where a load balancer could pick several
  --random N         Envoy's per-request random value (uint64): decides a weighted split
  --why-not SUBSET   which routes could reach SUBSET and what the request would have needed
  --status S         what an upstream failure leads to: S is a status the upstream answers (500,
                     503, 504, …) or reset, connect-failure, refused-stream, timeout: whether
                     the route retries it (retry_on, retriable_status_codes, num_retries), how
                     many attempts fit in the route timeout, whether it counts towards ejecting
                     the host (consecutive_5xx, gateway, local-origin), what the client sees
  -H "Name: value"   a request header (repeatable)
  --sni NAME         the TLS server name the client sends (https:// sends the URL's host; '' sends none)
  --alpn LIST        the client's ALPN list in its order (https:// offers h2,http/1.1)
  --ip ADDR          the address the client connects to (else found from the dump: VIPs, RDS names)
  -o FORMAT          text (default), json (stable fields), markdown (incident notes)
  --config PATH      Istio/Kubernetes objects (YAML or JSON files, folders; repeatable): adds
                     "Istio config for this request" — which VirtualService, DestinationRule,
                     Gateway, ServiceEntry, Sidecar or HTTPRoute applies, and why the others do not
                     (a snapshot or bug report that recorded objects adds it by itself)
  --intent           live: the same from the cluster's objects (kubectl get … -A -o json)
  --warnings         list every load issue on stderr (the ones on this request's path are caveats)
  --inbound          the server side: the request arriving at this (server) proxy's virtualInbound:
                     filter chain by port, TLS and ALPN, the port's mTLS mode, the inbound route
                     and cluster (inbound|PORT||), the pod endpoint; authorization is not evaluated
  --peer P           with --inbound, how the client connects: mtls (an Istio sidecar, default),
                     tls (TLS without a client certificate), plaintext
  --principal ID     with --inbound, the client's identity (spiffe://TRUST_DOMAIN/ns/NS/sa/SA)
  --port N           with --inbound, the pod's target port when it differs from the URL's (service) port

Exit: 0 the request is served, 1 it is not (404 NR, 503 NC/UH, no listener), 2 bad input.
      With --log FILE…: 0 no logged request failed, 1 one did, 2 a missing or unreadable file.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('explain', args, {
    ...proxySourceOptions,
    ...configOptions,
    random: { type: 'string' },
    'why-not': { type: 'string' },
    status: { type: 'string' },
    header: { type: 'string', short: 'H', multiple: true },
    log: { type: 'string', multiple: true },
    path: { type: 'string' },
    endpoint: { type: 'string' },
    dir: { type: 'string', short: 'd' },
    sni: { type: 'string' },
    alpn: { type: 'string' },
    ip: { type: 'string' },
    inbound: { type: 'boolean' },
    peer: { type: 'string' },
    principal: { type: 'string' },
    port: { type: 'string' },
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat(values.output as string | undefined, ['text', 'json', 'markdown'] as const, 'text');
  if (values.status !== undefined && (values.path !== undefined || values.log !== undefined))
    throw new UsageError('explain --status takes one request on one proxy: it does not combine with --path or --log');
  if (values.path !== undefined) return explainPath(values, positionals, format, io);
  if (values.dir !== undefined)
    throw new UsageError('explain: --dir FOLDER goes with --path (a request followed through several proxies); for one proxy give --file DUMP');
  if (values.endpoint !== undefined) throw new UsageError('explain: --endpoint IP goes with --path');
  if (values.log !== undefined) {
    const logs = values.log as string[];
    const files = logFileArguments(logs, io.cwd);
    if (files !== null) return explainLogs(values, positionals, files, format, io);
    return explainLogLine(logs[0]!, values, positionals, args, format, io);
  }
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError(
      `explain takes [POD.NAMESPACE] and one request, "METHOD URL" in quotes (got ${positionals.length} arguments); see \`meshscope explain --help\``,
    );
  const proxy = positionals.slice(0, -1);
  const request = parseRequest(positionals.at(-1)!, (values.header as string[] | undefined) ?? [], connectionOptions(values));
  const randomValue = parseRandomValue(values.random as string | undefined);
  const inbound = inboundOptionsFrom(values, request);
  const statusText = values.status as string | undefined;
  if (statusText !== undefined && inbound) throw new UsageError('explain --status explains the client side of a request: drop --inbound');
  const failure = statusText === undefined ? undefined : { failure: parseUpstreamFailure(statusText), text: statusText.trim() };
  const { config, label, snapshot } = await loadProxyForCommand('explain', values, proxy, io);
  const result = inbound
    ? explainInbound(config, request, { ...inbound, ...(randomValue === undefined ? {} : { randomValue }) })
    : explain(config, request, { randomValue, ...(failure ? { failure } : {}) });
  rejectInvalidRegexes(config, result.routeConfig, label);
  const subset = values['why-not'] as string | undefined;
  if (subset !== undefined) {
    const answer = whyNot(config, request, result, subset, { randomValue });
    if (format === 'json') io.stdout.write(`${JSON.stringify({ ...result, whyNot: answer }, null, 2)}\n`);
    else io.stdout.write(renderWhyNot(answer, format === 'markdown'));
    return answer.reachable ? 0 : 1;
  }
  const objects = await loadObjectsForCommand(values, io, { snapshot: snapshot?.source, live: proxy.length > 0 });
  const intent = objects === undefined ? undefined : intentForExplain(objects, config, result);
  if (format === 'json') {
    const extra = intent === undefined ? {} : { intent: intentJson(intent), intentCaveats: intent.caveats };
    io.stdout.write(`${JSON.stringify({ ...result, ...extra }, null, 2)}\n`);
  } else if (format === 'markdown') io.stdout.write(renderExplainMarkdown(result, { ...(await provenanceFor(snapshot, config, result, args)), intent }));
  else {
    const style = styleFor(io);
    io.stdout.write(renderExplainText(result, style));
    if (intent !== undefined) io.stdout.write(`\n${renderIntentText(intent, objects!.problems, style)}`);
  }
  return servedOk(result) ? 0 : 1;
}

/** `--sni`, `--alpn`, `--ip`: how the client connects, beyond the URL. */
function connectionOptions(values: Record<string, unknown>): ConnectionOptions {
  const out: ConnectionOptions = {};
  for (const key of ['sni', 'alpn', 'ip'] as const) {
    const value = values[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

type Snapshot = Awaited<ReturnType<typeof loadProxyForCommand>>['snapshot'];

/** Where the note's data came from; from a snapshot also its capture facts and analyzer messages. */
async function provenanceFor(snapshot: Snapshot, config: ProxyConfig, result: ExplainResult, args: string[]): Promise<Provenance> {
  const command = reproduceCommand('', args);
  if (!snapshot) return { command };
  const p = snapshot.source.provenance;
  const analyzer = relevantAnalyzerMessages(await snapshot.source.analyze(undefined), result, config);
  return { source: `snapshot \`${snapshot.source.file}\``, ...p, analyzer, command };
}

/** `--log LINE`: the access log line explained against the proxy's configuration. */
async function explainLogLine(
  line: string,
  values: Record<string, unknown>,
  positionals: string[],
  args: string[],
  format: 'text' | 'json' | 'markdown',
  io: CliIo,
): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`explain --log takes the request from the log line; drop "${positionals[0]}"`);
  if (['why-not', 'random', 'header', 'sni', 'alpn', 'ip', 'inbound', 'peer', 'principal', 'port'].some((k) => values[k] !== undefined))
    throw new UsageError('explain --log cannot be combined with --why-not, --random, -H, --sni, --alpn, --ip or --inbound: the log line names the request');
  const entry = parseLogLineArgument(line);
  const { config, label, snapshot } = await loadProxyForCommand('explain', values, positionals, io);
  const x = explainAccessLog(config, entry);
  rejectInvalidRegexes(config, x.result.routeConfig, label);
  if (format === 'json')
    io.stdout.write(
      `${JSON.stringify({ log: x.entry, request: { line: x.requestLine, headers: x.headers }, checks: x.checks, flags: x.flags, explain: x.result }, null, 2)}\n`,
    );
  else if (format === 'markdown') io.stdout.write(renderAccessLogMarkdown(x, await provenanceFor(snapshot, config, x.result, args)));
  else io.stdout.write(renderAccessLogText(x, styleFor(io)));
  return 0;
}

/** Served: forwarded to an upstream that can take it, or answered by a redirect or direct response. */
function servedOk(result: ReturnType<typeof explain>): boolean {
  if (result.outcome === 'redirect' || result.outcome === 'direct_response') return true;
  return result.outcome === 'route' && result.responseFlag === null;
}

/** Envoy rejects a route config with a pattern RE2 cannot compile; so does explain (exit 2). */
function rejectInvalidRegexes(config: ProxyConfig, routeConfig: string | null, file: string): void {
  const rc = routeConfig === null ? undefined : config.index.routeConfigByName.get(routeConfig);
  const bad = rc && firstInvalidRegex(rc);
  if (bad) throw new InputError(file, `${bad.where}: invalid RE2 pattern ${JSON.stringify(bad.pattern)} (${bad.error}): Envoy rejects such a config`);
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function reproduceCommand(_label: string, args: string[]): string {
  return ['meshscope', 'explain', ...args.filter((a, i) => !(a === '-o' || args[i - 1] === '-o' || a.startsWith('--output')))].map(shellQuote).join(' ');
}
