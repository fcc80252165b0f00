import { type ConfigSet, namespaceOf } from '../../core/config/objects.ts';
import { UsageError } from '../../core/errors.ts';
import { proxyIdentityOfPod, reconcileIntent } from '../../core/intent/reconcile.ts';
import { intentJson, renderIntentText } from '../../core/report/intent-report.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { outputFormat, parseCommandArgs } from '../args.ts';
import { configOptions, loadObjectsForCommand } from '../intent-objects.ts';
import type { CliIo } from '../io.ts';
import { loadProxyForCommand, proxySourceOptions } from '../proxy-source.ts';
import { styleFor } from '../style.ts';

const HELP = `Usage: meshscope intent HOST[:PORT] POD.NAMESPACE --config PATH [-o text|json]
       meshscope intent HOST[:PORT] --file DUMP --config PATH [-o text|json]
       meshscope intent HOST[:PORT] --snapshot FILE --from POD.NS --config PATH [-o text|json]
       meshscope intent HOST[:PORT] --from POD.NS --config PATH [-o text|json]   (no dump: the Pod object)

For traffic from a proxy to HOST (a short name, an FQDN or a Host header; PORT 80 unless given),
lists every VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar and Gateway API route
among the objects that could apply, and its verdict: applied here (with what it produced in the
proxy's config), or not, with one reason:

  not-in-mesh gateway-only not-bound gateway-not-found not-exported sidecar-scope tcp-port
  older-wins more-specific-wins delegate-mismatch source-labels port-mismatch subset-no-pods
  pod-matches-no-subset shadowed not-attached not-programmed

  --config PATH   Istio/Kubernetes objects: YAML or JSON files or folders (repeatable); without it,
                  a snapshot's recorded objects, or for a live POD.NAMESPACE the cluster's (kubectl)
  --from POD.NS   the client proxy: in a snapshot, or (without a dump) the Pod among the objects
  -o FORMAT       text (default) or json

Exit: 0 done, 2 bad input, 3 a data source failed.
`;

function hostPort(arg: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(arg);
  if (!m || m[1] === undefined || /[\s/]/.test(m[1])) throw new UsageError(`intent: "${sanitizeLine(arg)}" is not HOST[:PORT]`);
  const port = m[2] === undefined ? 80 : Number(m[2]);
  if (port < 1 || port > 65535) throw new UsageError(`intent: port ${m[2]} is out of range (1-65535)`);
  return { host: m[1].toLowerCase(), port };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('intent', args, {
    ...proxySourceOptions,
    ...configOptions,
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat(values.output as string | undefined, ['text', 'json'] as const, 'text');
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError('intent takes HOST[:PORT] and, for a live proxy, POD.NAMESPACE; see `meshscope intent --help`');
  const { host, port } = hostPort(positionals[0]!);
  const proxyArgs = positionals.slice(1);
  let report: ReturnType<typeof reconcileIntent>;
  const noDump = proxyArgs.length === 0 && values.file === undefined && values.snapshot === undefined;
  if (noDump) {
    const objects = await loadObjectsForCommand(values, io);
    if (objects === undefined)
      throw new UsageError(
        'intent needs the Istio objects: --config PATH (YAML/JSON files or folders), a snapshot that recorded them, or a live POD.NAMESPACE',
      );
    const from = values.from as string | undefined;
    if (from === undefined)
      throw new UsageError(
        'intent needs the client proxy: POD.NAMESPACE (live), --file DUMP, --snapshot FILE --from POD.NS, or --from POD.NS with the Pod among the objects',
      );
    const dot = from.lastIndexOf('.');
    const pod = objects.objects.find((o) => o.kind === 'Pod' && `${o.metadata.name}.${namespaceOf(o)}` === from);
    if (dot <= 0 || pod === undefined)
      throw new UsageError(`intent: --from ${sanitizeLine(from)}: no such Pod among the objects (give POD.NAMESPACE of a Pod in --config, or a dump)`);
    report = reconcileIntent({ objects, proxy: proxyIdentityOfPod(pod), host, port });
    return print(report, objects.problems, format, io);
  }
  const { config, snapshot } = await loadProxyForCommand('intent', values, proxyArgs, io);
  const objects = await loadObjectsForCommand(values, io, { snapshot: snapshot?.source, live: proxyArgs.length > 0, always: true });
  if (objects === undefined)
    throw new UsageError(
      'intent needs the Istio objects: --config PATH (YAML/JSON files or folders), or a snapshot that recorded them (meshscope snapshot records them)',
    );
  report = reconcileIntent({ objects, config, host, port });
  return print(report, objects.problems, format, io);
}

function print(report: ReturnType<typeof reconcileIntent>, problems: ConfigSet['problems'], format: 'text' | 'json', io: CliIo): number {
  if (format === 'json')
    io.stdout.write(
      `${JSON.stringify({ host: report.host, port: report.port, proxy: report.proxy, intent: intentJson(report), caveats: report.caveats }, null, 2)}\n`,
    );
  else io.stdout.write(renderIntentText(report, problems, styleFor(io), 'Istio config for traffic to'));
  return 0;
}
