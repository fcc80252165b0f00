import { sanitizeLine, stripColour } from '../../core/text/sanitize.ts';
import { IstioctlError, type IstioctlFailure } from './istioctl-error.ts';

/**
 * Turns a failed istioctl run (non-zero exit) into an IstioctlError whose message says what
 * happened and what to do, quoting istioctl's own error line. istioctl (cobra) prints
 * `Error: <cause>`; the causes come from client-go (kubeconfig, API server, RBAC), the port-forward
 * to the pod, or the xDS connection to istiod.
 */
const MAX_QUOTE = 300;

/** The line of stderr that says what went wrong: the last `Error:` line, else the last line. */
export function errorLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => sanitizeLine(stripColour(l)).trim())
    .filter((l) => l !== '');
  const line = [...lines].reverse().find((l) => /^Error:/i.test(l)) ?? lines.at(-1) ?? '';
  const clean = line.replace(/^Error:\s*/i, '');
  return clean.length > MAX_QUOTE ? `${clean.slice(0, MAX_QUOTE - 1)}…` : clean;
}

interface Rule {
  failure: IstioctlFailure;
  test: RegExp;
  advice: (match: RegExpExecArray, quoted: string) => string;
}

const RULES: Rule[] = [
  {
    failure: 'istiod-unreachable',
    test: /no running Istio pods|unable to find any Istio pod|Istio is not present|(?:connect|dial)\w* to istiod|istiod\S* (?:is )?(?:not ready|unavailable)/i,
    advice: (_m, q) => `cannot reach istiod (istioctl: ${q}); is Istio installed there, and is -i/--istioNamespace right?`,
  },
  {
    failure: 'namespace-not-found',
    test: /namespaces? "([^"]+)" not found/,
    advice: (m) => `namespace ${m[1]} not found in the cluster`,
  },
  {
    failure: 'pod-not-found',
    test: /pods? "([^"]+)" not found/,
    advice: (m, q) => `pod ${m[1]} not found (istioctl: ${q}); list proxies with \`istioctl proxy-status\` and give POD.NAMESPACE`,
  },
  {
    failure: 'forbidden',
    test: /forbidden|unauthorized|must be logged in|provide credentials/i,
    advice: (_m, q) => `the cluster refused access (istioctl: ${q}); check your credentials and RBAC for this context`,
  },
  {
    failure: 'kubeconfig',
    test: /invalid configuration|context was not found|no configuration has been provided|kubeconfig/i,
    advice: (_m, q) => `cannot use the kubeconfig (istioctl: ${q}); check --context and --kubeconfig (or KUBECONFIG)`,
  },
  {
    failure: 'cluster-unreachable',
    test: /unable to connect to the server|dial tcp|connection refused|no such host|i\/o timeout|handshake timeout|cluster unreachable|context deadline exceeded|x509:|network is unreachable|EOF$/i,
    advice: (_m, q) => `cannot reach the Kubernetes cluster (istioctl: ${q}); check --context, --kubeconfig (or KUBECONFIG) and your network`,
  },
  {
    failure: 'unsupported',
    test: /unknown (?:shorthand )?flag|unknown command/,
    advice: (_m, q) => `this istioctl does not support the command (istioctl: ${q}); upgrade istioctl or point --istioctl at a newer one`,
  },
];

/** The IstioctlError for a run of `display` (the command as a user would type it) that exited non-zero. */
export function failureOf(display: string, exitCode: number, stderr: string): IstioctlError {
  const quoted = errorLine(stderr);
  for (const rule of RULES) {
    const match = rule.test.exec(stderr);
    if (match) return new IstioctlError(rule.failure, rule.advice(match, quoted || display), stderr);
  }
  const said = quoted === '' ? ' and printed nothing on stderr' : `: ${quoted}`;
  return new IstioctlError('failed', `${display} failed (exit ${exitCode})${said}`, stderr);
}
