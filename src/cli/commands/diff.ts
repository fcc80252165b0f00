import path from 'node:path';
import { type CaptureDiff, diffAnalyzer, diffProxyConfigs, isEqual } from '../../core/diff/diff.ts';
import { pairProxies } from '../../core/diff/pairing.ts';
import type { ProxyConfig } from '../../core/envoy/types.ts';
import { InputError, UsageError } from '../../core/errors.ts';
import { renderDiffMarkdown, renderDiffText } from '../../core/report/diff-report.ts';
import { readProxyConfig } from '../../sources/files.ts';
import type { SnapshotSource } from '../../sources/snapshot-source.ts';
import { outputFormat, parseCommandArgs } from '../args.ts';
import type { CliIo } from '../io.ts';
import { openSnapshot } from '../snapshot-input.ts';
import { styleFor } from '../style.ts';
import { noteLoaded, warningOptions } from '../warnings.ts';

const HELP = `Usage: meshscope diff A B [--from POD.NAMESPACE] [-o text|markdown|json] [--warnings]

What changed between two captures of the same workload: snapshots (meshscope snapshot, an
istioctl bug-report) or config dumps (istioctl proxy-config all POD -o json), in any mix.

  routes      route configs, virtual hosts and domains; routes added, removed or reordered;
              match, destination and weight changes; timeouts, retries, mirrors, faults
  clusters    clusters and DestinationRule subsets added or removed; load balancer, connection
              pool, outlier detection, TLS changes
  endpoints   endpoints added or removed; EDS health, priority; outlier ejections (/clusters)
  versions    version_info moves per xDS type (istiod pushes between the captures)

Two snapshots are compared proxy by proxy (pods that restarted are paired by workload), with
istioctl analyze messages that appeared or went away. --from picks one proxy.

Exit: 0 no differences, 1 differences, 2 bad input.
`;

type Side = { file: string; snapshot: SnapshotSource } | { file: string; config: ProxyConfig };

async function openSide(file: string, io: CliIo): Promise<Side> {
  try {
    return { file, snapshot: await openSnapshot(file, io) };
  } catch (error) {
    if (!(error instanceof InputError) || !/not a meshscope snapshot/.test(error.message)) throw error;
    const config = await readProxyConfig({ dump: path.resolve(io.cwd, file) });
    config.source = file;
    return { file, config };
  }
}

const nodeName = (c: ProxyConfig): string | undefined => (c.node?.podName && c.node.namespace ? `${c.node.podName}.${c.node.namespace}` : undefined);

function names(side: Side): string[] {
  if ('config' in side) return [nodeName(side.config) ?? side.file];
  return side.snapshot.proxyNames().filter((n) => side.snapshot.snapshot.proxies.get(n)!.configDump !== undefined);
}

async function configOf(side: Side, proxy: string): Promise<ProxyConfig> {
  return 'config' in side ? side.config : (await side.snapshot.proxyConfig(proxy)).config;
}

function label(side: Side): string {
  const at = 'snapshot' in side ? side.snapshot.provenance.capturedAt : undefined;
  return at ? `${side.file} (${at})` : side.file;
}

/** The proxy pairs to compare: by --from, else by name and workload (a dump is one proxy). */
function pairing(a: Side, b: Side, from: string | undefined): { pairs: [string, string][]; onlyInA: string[]; onlyInB: string[] } {
  const na = names(a);
  const nb = names(b);
  const one = (pair: [string, string]) => ({ pairs: [pair], onlyInA: [], onlyInB: [] });
  if (from !== undefined) {
    const pa = 'config' in a ? na[0]! : a.snapshot.resolveProxy(from);
    if ('config' in b) return one([pa, nb[0]!]);
    const pb = nb.includes(pa) ? pa : (pairProxies([pa], nb).pairs[0]?.[1] ?? b.snapshot.resolveProxy(from));
    return one([pa, pb]);
  }
  const p = pairProxies(na, nb);
  if ('snapshot' in a && 'snapshot' in b) {
    if (p.pairs.length === 0) throw new UsageError('diff: the two captures have no proxy in common; pick one with --from POD.NAMESPACE');
    return p;
  }
  if (na.length === 1 && nb.length === 1) return one([na[0]!, nb[0]!]);
  if (p.pairs.length === 1) return one(p.pairs[0]!);
  throw new UsageError('diff: cannot tell which proxy of the snapshot the dump is; pick one with --from POD.NAMESPACE');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('diff', args, {
    from: { type: 'string' },
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
    ...warningOptions,
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat(values.output as string | undefined, ['text', 'markdown', 'json'] as const, 'text');
  if (positionals.length !== 2) throw new UsageError(`diff takes two captures, A and B (got ${positionals.length}); see \`meshscope diff --help\``);
  const a = await openSide(positionals[0]!, io);
  const b = await openSide(positionals[1]!, io);
  const p = pairing(a, b, values.from as string | undefined);
  const diff: CaptureDiff = { proxies: [], onlyInA: p.onlyInA, onlyInB: p.onlyInB, analyzer: [] };
  for (const [pa, pb] of p.pairs) {
    const [ca, cb] = [await configOf(a, pa), await configOf(b, pb)];
    noteLoaded(io, 'config' in a ? a.file : `${a.file} ${pa}`, ca, values);
    noteLoaded(io, 'config' in b ? b.file : `${b.file} ${pb}`, cb, values);
    diff.proxies.push({ a: pa, b: pb, changes: diffProxyConfigs(ca, cb) });
  }
  if ('snapshot' in a && 'snapshot' in b) diff.analyzer = diffAnalyzer(await a.snapshot.analyze(undefined), await b.snapshot.analyze(undefined));
  const sides = { a: label(a), b: label(b) };
  if (format === 'json') io.stdout.write(`${JSON.stringify({ a: sides.a, b: sides.b, equal: isEqual(diff), ...diff }, null, 2)}\n`);
  else if (format === 'markdown') io.stdout.write(renderDiffMarkdown(diff, sides));
  else io.stdout.write(renderDiffText(diff, sides, styleFor(io)));
  return isEqual(diff) ? 0 : 1;
}
