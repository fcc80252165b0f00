import { LIVE_HELP } from './live-flags.ts';

export const VERSION = '0.1.0';

/** The `--help` text. Kept beside the command table so both change together. */
export function usage(): string {
  return `meshscope ${VERSION}: a terminal debugger for Istio traffic management

Usage:
  meshscope [POD.NAMESPACE | --file DUMP [--endpoints FILE] | --dir FOLDER | --snapshot SNAP]
            [--from POD.NAMESPACE] [--no-color]    the interactive TUI (live through istioctl without a
                                                     file flag); without a terminal: an overview or the
                                                     captured proxies, and the commands to use instead
            [--refresh DURATION]                     the TUI fetches again every DURATION (≥ 1s)
            [--config PATH]...                       Istio objects (files or folders): the Intent tab and the
                                                     explain panel say which apply, and why not
  meshscope routes|clusters|listeners|endpoints POD.NAMESPACE|--file DUMP [filters] [-o short|json|yaml]
                                                     the tables of \`istioctl proxy-config ...\`
                                                     (endpoints: /clusters health with --endpoints FILE,
                                                     else the EDS table of the dump)
  meshscope proxy-config|pc all|bootstrap|cluster|listener|route|endpoint|eds|secret|ecds
                    POD.NAMESPACE|--file DUMP [filters] [-o short|json|yaml]
                                                     every istioctl proxy-config view (see pc --help)
  meshscope explain POD.NAMESPACE|--file DUMP [--endpoints FILE] [--random N] [--why-not SUBSET]
                    [-o text|json|markdown] "METHOD URL" [-H "Name: value"]...
  meshscope explain ... --config PATH "METHOD URL"  + which Istio objects apply to the request, and why not
  meshscope explain ... --inbound [--peer mtls|tls|plaintext] [--principal spiffe://…] [--port N] "METHOD URL"
                                                     the server side on a server proxy: virtualInbound chain,
                                                     mTLS mode, inbound route, cluster and pod endpoint
  meshscope intent HOST[:PORT] POD.NAMESPACE|--file DUMP|--snapshot S --from POD.NS|--from POD.NS --config PATH
                                                     every VirtualService, DestinationRule, Gateway, … for a host:
                                                     applied, or the reason it is not (older-wins, sidecar-scope, …)
  meshscope route-check --config ROUTES.yaml --tests TESTS.json [--details] [--only-show-failures]
                        [--covall] [--detailed-coverage] [-f PCT] [-o RESULT.json]
                                                     Envoy's router_check_tool, without building Envoy
  meshscope findings POD.NAMESPACE|--file DUMP [--endpoints FILE] [--min-severity info|warning|error] [-o text|json]
  meshscope analyze --config PATH... [-o log|json|yaml] [--analyzer NAME] [--failure-threshold LEVEL]
                                                     Istio's traffic analyzers over YAML files, no cluster
                                                     (istioctl analyze's output; exit 79 on an Error)
  meshscope explain --snapshot FILE [--from POD.NS] [-o markdown] "METHOD URL" [-H ...]
                                                     an incident note from a capture, no cluster needed
  meshscope explain --snapshot FILE [--from POD.NS] --log 'ACCESS LOG LINE'
                                                     an access-log line and its response flags' causes
  meshscope snapshot POD.NAMESPACE...|-n NS|-A -o FILE [--force]
                                                     capture proxies, endpoints, stats, analyze in one file
  meshscope diff A B [--from POD.NS] [-o text|markdown|json]
                                                     what changed between two snapshots or dumps
  meshscope top|meshtop [POD.NAMESPACE...] [-n NS] [-l SELECTOR] [-i SECONDS] [--once [-o json|text]]
                                                     live RPS, success, retries, ejections and weights
                                                     per service → subset → endpoint (see top --help)

POD.NAMESPACE is a live proxy, fetched with istioctl (\`proxy-config all\` and \`proxy-config endpoints\`);
--file never needs istioctl; nor does --snapshot FILE (a meshscope snapshot, or an istioctl bug-report
archive or folder), which every command above accepts in place of --file, with --from POD.NAMESPACE.

${LIVE_HELP}
Options:
  -h, --help      this text
  -v, --version   the version
  --warnings      every command that reads a proxy's config prints on stderr one line counting what
                  meshscope did not interpret that can change its answer; --warnings lists every
                  load issue there instead, one per line with where it sits (stdout is unchanged)

  --debug         with an internal error, also print its stack

Exit codes: 0 ok, 1 a negative answer (no route, a route-check failure), 2 bad usage or
unreadable input, 3 a data source failed, 70 an internal error (a bug: please report it).
`;
}
