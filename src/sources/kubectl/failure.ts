import { sanitizeLine, stripColour } from '../../core/text/sanitize.ts';
import { KubectlError, type KubectlFailure } from './kubectl-error.ts';

/**
 * A failed kubectl run (non-zero exit) as a KubectlError whose message says what to do, quoting
 * kubectl's own line. kubectl prints its error through `cmdutil.CheckErr`
 * (kubernetes/kubectl `pkg/cmd/util/helpers.go`): `error: <cause>`, `Error from server (<Reason>):
 * <message>` for an API status, `Error in configuration: <cause>` for a bad kubeconfig, and, when
 * discovery cannot reach the API server, klog lines (`E1202 … memcache.go:265] couldn't get current
 * server API group list: …`) before `The connection to the server HOST was refused - did you
 * specify the right host or port?`.
 */
const MAX_QUOTE = 300;
const KLOG = /^[IWEF]\d{4} \d\d:\d\d:\d\d/;
const ERROR_LINE = /^(?:error:|Error from server|Error in configuration|The connection to the server|Unable to connect to the server)/i;

/** The line of stderr that says what went wrong: the last kubectl error line, else the last line that is not a klog line. */
export function kubectlErrorLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => sanitizeLine(stripColour(l)).trim())
    .filter((l) => l !== '');
  const line = [...lines].reverse().find((l) => ERROR_LINE.test(l)) ?? [...lines].reverse().find((l) => !KLOG.test(l)) ?? lines.at(-1) ?? '';
  const clean = line.replace(/^error:\s*/i, '');
  return clean.length > MAX_QUOTE ? `${clean.slice(0, MAX_QUOTE - 1)}…` : clean;
}

interface Rule {
  failure: KubectlFailure;
  test: RegExp;
  advice: (match: RegExpExecArray, quoted: string) => string;
}

const RULES: Rule[] = [
  {
    // client-go tools/clientcmd/validation.go (errContextNotFound), printed as "Error in configuration: …";
    // `context "X" does not exist` from older clients and `kubectl config use-context`.
    failure: 'context-not-found',
    test: /context was not found for specified context: (\S+)|context "([^"]+)" does not exist|no context exists with the name: "([^"]+)"/,
    advice: (m) =>
      `kube context ${sanitizeLine(m[1] ?? m[2] ?? m[3] ?? '')} not found in the kubeconfig; list them with \`kubectl config get-contexts\` and give --context NAME`,
  },
  {
    failure: 'forbidden',
    test: /\(Forbidden\)|\(Unauthorized\)|forbidden|unauthorized|must be logged in|provide credentials/i,
    advice: (_m, q) => `the cluster refused access (kubectl: ${q}); check your credentials and RBAC for this context`,
  },
  {
    failure: 'kubeconfig',
    test: /Error in configuration|invalid configuration|no configuration has been provided|kubeconfig/i,
    advice: (_m, q) => `cannot use the kubeconfig (kubectl: ${q}); check --context and KUBECONFIG`,
  },
  {
    failure: 'cluster-unreachable',
    test: /The connection to the server .* was refused|Unable to connect to the server|dial tcp|connection refused|no such host|i\/o timeout|handshake timeout|context deadline exceeded|x509:|network is unreachable/i,
    advice: (_m, q) => `cannot reach the Kubernetes cluster (kubectl: ${q}); check --context, KUBECONFIG and your network`,
  },
];

/** The KubectlError for a run of `display` that exited non-zero. */
export function kubectlFailureOf(display: string, exitCode: number, stderr: string): KubectlError {
  const quoted = kubectlErrorLine(stderr);
  for (const rule of RULES) {
    const match = rule.test.exec(stderr);
    if (match) return new KubectlError(rule.failure, rule.advice(match, quoted || display), stderr);
  }
  const said = quoted === '' ? ' and printed nothing on stderr' : `: ${quoted}`;
  return new KubectlError('failed', `${display} failed (exit ${exitCode})${said}`, stderr);
}
