import { UsageError } from '../../core/errors.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import type { CliIo, Command } from '../io.ts';
import { all, bootstrap, ecds, eds, secret } from './proxy-config-sections.ts';
import { clusters, endpoints, listeners, routes } from './tables.ts';

/**
 * `meshscope proxy-config <view> --file DUMP` (alias `pc`): istioctl's `proxy-config` views of a
 * dump, under istioctl's names, singular or plural, and its one-letter aliases.
 */
const VIEWS: Record<string, Command> = {
  all,
  a: all,
  bootstrap,
  b: bootstrap,
  cluster: clusters,
  clusters,
  c: clusters,
  listener: listeners,
  listeners,
  l: listeners,
  route: routes,
  routes,
  r: routes,
  endpoint: endpoints,
  endpoints,
  ep: endpoints,
  eds,
  secret,
  secrets: secret,
  s: secret,
  ecds,
};

const HELP = `Usage: meshscope proxy-config <view> POD.NAMESPACE|--file DUMP [flags]   (alias: pc)

Views, as istioctl proxy-config names them:
  all (a)                          every table below, NAME columns prefixed with the type
  bootstrap (b)                    the bootstrap (-o json, default) or Istio/Envoy versions (-o short)
  cluster, clusters (c)            clusters: FQDN, port, subset, direction, type, DestinationRule
  listener, listeners (l)          listeners: addresses, port, filter chain match, destination
  route, routes (r)                route configs: virtual hosts, domains, matches, VirtualService
  endpoint, endpoints (ep)         /clusters host health (with --endpoints FILE), else the EDS table
  eds                              EDS endpoints: address, health, locality, cluster
  secret, secrets (s)              SDS certificates: type, status, validity, serial, dates
  ecds                             extension configs served over ECDS

Run \`meshscope proxy-config <view> --help\` for a view's flags.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const [view, ...rest] = args;
  if (view === undefined) {
    io.stderr.write(HELP);
    return 2;
  }
  if (view === '--help' || view === '-h' || view === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (!Object.hasOwn(VIEWS, view)) {
    throw new UsageError(
      `proxy-config: unknown view "${sanitizeLine(view)}"; expected one of all, bootstrap, cluster, listener, route, endpoint, eds, secret, ecds`,
    );
  }
  return VIEWS[view]!(rest, io);
}
