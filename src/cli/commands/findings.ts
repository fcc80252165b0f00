import { UsageError } from '../../core/errors.ts';
import { findingsFor } from '../../core/findings/index.ts';
import { atLeast, parseSeverity } from '../../core/findings/severity-filter.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { outputFormat, parseCommandArgs } from '../args.ts';
import type { CliIo } from '../io.ts';
import { loadProxyForCommand, proxySourceOptions } from '../proxy-source.ts';
import { styleFor } from '../style.ts';

const HELP = `Usage: meshscope findings --file DUMP [--endpoints FILE] [--min-severity info|warning|error] [-o text|json]
       meshscope findings POD.NAMESPACE [--context C] [--timeout 20s] [-o text|json]   (live, through istioctl)

Problems in the proxy's routing config, each with a stable code, the objects involved and a fix:
  MS101 RouteShadowed                 a route can never match: an earlier route matches all it does
  MS102 MissingCluster                a route sends to a cluster missing from CDS (503 NC)
  MS103 NoEndpoints                   a routed cluster has no endpoints (503 UH; subset selects no pod)
  MS104 AllEndpointsUnavailable       every endpoint is ejected or unhealthy (503 UH)
  MS105 UnintendedWeights             weights that do not sum to 100, or a zero weight
  MS106 RetriesWithoutPerTryTimeout   retries with no per-try timeout
  MS107 NoTimeout                     routes with the timeout disabled (0s)
  MS108 MirrorTargetUnavailable       a cluster routes only mirror to is missing or has no usable endpoint
  MS109 RetriesNeverFire              retries whose retry_on holds no condition that can trigger
  MS110 RetryOnWithZeroRetries        retry_on set with num_retries 0
  MS111 FaultAbortNotRetried          a fault abort on a route with retries (aborts are never retried)
  MS112 FaultNeverFires               a fault abort or delay with no percentage (Envoy reads 0%)
  MS113 RetriesExceedRouteTimeout     (retries + 1) × per-try timeout beyond the route timeout
  MS114 GatewayOnlyOutlierDetection   outlier detection that never ejects on 500
  MS115 UnusedSubsetPolicy            a subset's traffic policy no route of this proxy uses

--min-severity warning|error shows only findings that severe (as istioctl analyze --output-threshold);
the count of those hidden is printed. The exit code still counts every error-level finding.
--warnings lists every load issue on stderr (else one line counts those that can change an answer).

Exit: 0 no error-level finding, 1 at least one, 2 bad input.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('findings', args, {
    ...proxySourceOptions,
    output: { type: 'string', short: 'o' },
    'min-severity': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat(values.output as string | undefined, ['text', 'json'] as const, 'text');
  if (positionals.length > 1) throw new UsageError(`findings takes one proxy, POD.NAMESPACE, besides flags (got "${positionals[1]}")`);
  const minText = values['min-severity'] as string | undefined;
  const min = minText === undefined ? undefined : parseSeverity(minText);
  if (minText !== undefined && !min) throw new UsageError(`--min-severity: expected info, warning or error (got "${sanitizeLine(minText)}")`);
  const { config } = await loadProxyForCommand('findings', values, positionals, io);
  const all = findingsFor(config);
  const findings = min ? atLeast(all, min) : all;
  const hidden = all.length - findings.length;
  if (format === 'json') {
    const filter = min ? { minSeverity: min, hidden } : {};
    io.stdout.write(`${JSON.stringify({ proxy: config.source, ...filter, findings }, null, 2)}\n`);
  } else {
    const style = styleFor(io);
    if (findings.length === 0) io.stdout.write(min ? `no findings at ${min} or above\n` : 'no findings\n');
    for (const f of findings) {
      const role = f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'dim';
      io.stdout.write(`${style(role, `${f.code} ${f.name}`)} (${f.severity})\n  ${sanitizeLine(f.message)}\n  fix: ${sanitizeLine(f.hint)}\n`);
    }
  }
  if (format === 'text' && hidden > 0) io.stdout.write(`${hidden} finding${hidden === 1 ? '' : 's'} below ${min} not shown (--min-severity)\n`);
  return all.some((f) => f.severity === 'error') ? 1 : 0;
}
