import type { JsonObject } from '../../core/envoy/json.ts';
import type { ProxyConfig } from '../../core/envoy/types.ts';
import { InputError, UsageError } from '../../core/errors.ts';
import { clusterMatches, renderClusters, sortedClusters } from '../../core/report/istioctl/clusters.ts';
import { formatResources } from '../../core/report/istioctl/dump-output.ts';
import { type EndpointFilter, filteredAssignments, renderEds } from '../../core/report/istioctl/eds.ts';
import { matchingClusterStatuses, renderEndpoints } from '../../core/report/istioctl/endpoints.ts';
import { listenerMatches, renderListeners } from '../../core/report/istioctl/listeners.ts';
import { renderRoutes, sortedRouteConfigs } from '../../core/report/istioctl/routes.ts';
import type { CliIo, Command } from '../io.ts';
import { flag, loadTableInput, parseTableArgs, portFlag, type TableInvocation } from '../table-flags.ts';

/**
 * `meshscope clusters|listeners|routes|endpoints --file DUMP`: the tables of
 * `istioctl proxy-config clusters|listeners|routes|endpoints -f DUMP`, byte for byte, with
 * istioctl's filters and `-o short|json|yaml`.
 */
const SOURCE =
  '  POD.NAMESPACE         a live proxy, fetched through istioctl (live flags: see meshscope --help)\n  -f, --file DUMP       the config dump (istioctl proxy-config all POD -o json, or /config_dump)\n  --warnings            list every load issue on stderr (see meshscope --help)\n  -o, --output FORMAT   short (default), json or yaml\n';

function help(io: CliIo, text: string): number {
  io.stdout.write(text);
  return 0;
}

/**
 * `-o json|yaml` of a table: the resources as one text, refused in one line (exit 2) when that text
 * is over what a JavaScript string holds (V8: 512 MiB; a 20,000-service dump's clusters), with
 * the filters that narrow it, instead of an internal error.
 */
function formatted(command: string, raws: readonly JsonObject[], format: 'json' | 'yaml', narrow: string): string {
  try {
    return formatResources(raws, format);
  } catch (error) {
    if (!(error instanceof RangeError) || !/string length/i.test(error.message)) throw error;
    throw new UsageError(
      `${command} -o ${format}: ${raws.length} resources print to more than a JavaScript string holds (512 MiB); narrow them with ${narrow}, or use the table`,
    );
  }
}

function missing(config: ProxyConfig, what: string): never {
  throw new InputError(config.source, `no ${what} found`);
}

export const clusters: Command = async (args, io) => {
  const inv = parseTableArgs('clusters', args, ['fqdn', 'direction', 'subset', 'port']);
  if (inv.help) {
    return help(
      io,
      `Usage: meshscope clusters POD.NAMESPACE|--file DUMP [--fqdn S] [--direction S] [--subset S] [--port N] [-o short|json|yaml]\n\n${SOURCE}  --fqdn, --direction, --subset   keep clusters whose name contains the text\n  --port N              keep clusters whose name contains |N|\n`,
    );
  }
  const config = await loadTableInput('clusters', inv, io, ['clusters']);
  if (!config.clusters.some((c) => c.meta.state !== 'draining')) missing(config, 'clusters');
  const filter = { fqdn: flag(inv, 'fqdn'), direction: flag(inv, 'direction'), subset: flag(inv, 'subset'), port: portFlag(inv.values.port) };
  if (inv.format === 'short') io.stdout.write(renderClusters(config.clusters, filter));
  else
    io.stdout.write(
      formatted(
        'clusters',
        sortedClusters(config.clusters)
          .filter((c) => clusterMatches(c.name, filter))
          .map((c) => c.raw),
        inv.format,
        '--fqdn, --port, --subset or --direction',
      ),
    );
  return 0;
};

export const listeners: Command = async (args, io) => {
  const inv = parseTableArgs('listeners', args, ['address', 'port', 'type'], ['verbose']);
  if (inv.help) {
    return help(
      io,
      `Usage: meshscope listeners POD.NAMESPACE|--file DUMP [--address A] [--port N] [--type HTTP|TCP|HTTP+TCP] [--verbose=false] [-o short|json|yaml]\n\n${SOURCE}  --verbose=false       one row per listener with its type instead of one per filter chain\n`,
    );
  }
  const config = await loadTableInput('listeners', inv, io, ['listeners']);
  const active = config.listeners.filter((l) => l.meta.state === 'active' || l.meta.state === 'static');
  if (active.length === 0) missing(config, 'listeners');
  const filter = { address: flag(inv, 'address'), port: portFlag(inv.values.port), type: flag(inv, 'type'), verbose: inv.verbose };
  if (inv.format === 'short') io.stdout.write(renderListeners(config.listeners, filter));
  else
    io.stdout.write(
      formatted(
        'listeners',
        active.filter((l) => listenerMatches(l, filter)).map((l) => l.raw),
        inv.format,
        '--address, --port or --type',
      ),
    );
  return 0;
};

export const routes: Command = async (args, io) => {
  const inv = parseTableArgs('routes', args, ['name'], ['verbose']);
  if (inv.help) {
    return help(
      io,
      `Usage: meshscope routes POD.NAMESPACE|--file DUMP [--name ROUTE_CONFIG] [--verbose=false] [-o short|json|yaml]\n\n${SOURCE}  --name NAME           only the route configuration with this name\n  --verbose=false       the number of virtual hosts per route configuration\n`,
    );
  }
  const config = await loadTableInput('routes', inv, io, ['routes']);
  if (config.routeConfigs.length === 0) missing(config, 'routes');
  const filter = { name: flag(inv, 'name'), verbose: inv.verbose };
  if (inv.format === 'short') io.stdout.write(renderRoutes(config.routeConfigs, filter));
  else
    io.stdout.write(
      formatted(
        'routes',
        sortedRouteConfigs(config.routeConfigs)
          .filter((r) => !filter.name || r.name === filter.name)
          .map((r) => r.raw),
        inv.format,
        '--name',
      ),
    );
  return 0;
};

function endpointFilterOf(inv: TableInvocation): EndpointFilter {
  return { address: flag(inv, 'address'), port: portFlag(inv.values.port), cluster: flag(inv, 'cluster'), status: flag(inv, 'status') };
}

/** The EDS table and its `-o json|yaml` (`istioctl proxy-config eds`). */
export function writeEds(config: ProxyConfig, inv: TableInvocation, io: CliIo): void {
  const filter = endpointFilterOf(inv);
  if (inv.format === 'short') io.stdout.write(renderEds(config.endpoints, filter));
  else io.stdout.write(formatted('eds', filteredAssignments(config.endpoints, filter), inv.format, '--cluster, --address, --port or --status'));
}

const ENDPOINTS_HELP = `Usage: meshscope endpoints POD.NAMESPACE|--file DUMP [--endpoints FILE] [--address A] [--port N] [--cluster C] [--status S] [-o short|json|yaml]

With /clusters data (--endpoints FILE from Envoy's /clusters?format=json, or an
\`istioctl proxy-config endpoints POD -o json\` file as --file) the table is istioctl's
\`proxy-config endpoints\`: ENDPOINT STATUS OUTLIER CHECK CLUSTER. Without it, the EDS table of
\`proxy-config eds\` from a dump taken with include_eds: NAME STATUS LOCALITY CLUSTER.

${SOURCE}      --endpoints FILE  /clusters?format=json (live health and outlier ejection)
  --address, --port, --cluster, --status   keep matching endpoints
`;

export const endpoints: Command = async (args, io) => {
  const inv = parseTableArgs('endpoints', args, ['address', 'port', 'cluster', 'status']);
  if (inv.help) return help(io, ENDPOINTS_HELP);
  const config = await loadTableInput('endpoints', inv, io, ['endpoints']);
  if (!config.sections.hostStatus) {
    writeEds(config, inv, io);
    return 0;
  }
  const filter = endpointFilterOf(inv);
  if (inv.format === 'short') io.stdout.write(renderEndpoints(config.hostStatus, filter));
  else
    io.stdout.write(
      formatted(
        'endpoints',
        matchingClusterStatuses(config.hostStatus, filter).map((cs) => cs.raw),
        inv.format,
        '--cluster, --address, --port or --status',
      ),
    );
  return 0;
};
