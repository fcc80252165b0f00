/**
 * Istio's port protocols (istio/istio pkg/config/protocol/instance.go) and how a Kubernetes
 * Service port gets one (pkg/config/kube/conversion.go, ConvertProtocol). The protocol decides
 * whether a port gets HTTP routes at all: a VirtualService's `http:` rules never apply to a port
 * Istio treats as TCP.
 */
export type Protocol =
  | 'GRPC'
  | 'GRPC-Web'
  | 'HTTP'
  | 'HTTP_PROXY'
  | 'HTTP2'
  | 'HTTPS'
  | 'TCP'
  | 'TLS'
  | 'UDP'
  | 'Mongo'
  | 'Redis'
  | 'MySQL'
  | 'UnsupportedProtocol';

const BY_NAME: Record<string, Protocol> = {
  tcp: 'TCP',
  udp: 'UDP',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-Web',
  http: 'HTTP',
  http_proxy: 'HTTP_PROXY',
  http2: 'HTTP2',
  https: 'HTTPS',
  tls: 'TLS',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
};

/** protocol.Parse: case-insensitive; anything else is `UnsupportedProtocol` (Istio then sniffs). */
export function parseProtocol(name: string): Protocol {
  return BY_NAME[name.toLowerCase()] ?? 'UnsupportedProtocol';
}

/** SMTP, DNS, MySQL, MongoDB: ports Istio never sniffs (`wellKnownPorts` in conversion.go). */
const WELL_KNOWN_PORTS = new Set([25, 53, 3306, 27017]);

/**
 * ConvertProtocol: UDP stays UDP; `appProtocol` wins over the port name (with Kubernetes'
 * `kubernetes.io/h2c`, `kubernetes.io/ws`, `kubernetes.io/wss`); a `grpc-web` prefix; else the name
 * up to the first `-`; an unknown name on a well-known port is TCP.
 */
export function servicePortProtocol(port: number, portName: string | undefined, l4: string | undefined, appProtocol: string | undefined): Protocol {
  if ((l4 ?? 'TCP').toUpperCase() === 'UDP') return 'UDP';
  let name = portName ?? '';
  if (appProtocol !== undefined) {
    name = appProtocol;
    if (name === 'kubernetes.io/h2c') return 'HTTP2';
    if (name === 'kubernetes.io/ws') return 'HTTP';
    if (name === 'kubernetes.io/wss') return 'HTTPS';
  }
  if (name.length >= 8 && name.slice(0, 8).toLowerCase() === 'grpc-web') return 'GRPC-Web';
  const dash = name.indexOf('-');
  const p = parseProtocol(dash >= 0 ? name.slice(0, dash) : name);
  if (p === 'UnsupportedProtocol' && WELL_KNOWN_PORTS.has(port)) return 'TCP';
  return p;
}

/** Instance.IsHTTP: the port gets HTTP routes. */
export function isHttpProtocol(p: Protocol): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'HTTP_PROXY' || p === 'GRPC' || p === 'GRPC-Web';
}

/** IsHTTPOrSniffed: HTTP, or unknown (sniffed: HTTP routes apply to traffic detected as HTTP). */
export function isHttpOrSniffed(p: Protocol): boolean {
  return isHttpProtocol(p) || p === 'UnsupportedProtocol';
}

/** Instance.IsTCP: TCP, HTTPS, TLS, Mongo, Redis, MySQL — TCP proxying, no HTTP routes. */
export function isTcpProtocol(p: Protocol): boolean {
  return p === 'TCP' || p === 'HTTPS' || p === 'TLS' || p === 'Mongo' || p === 'Redis' || p === 'MySQL';
}
