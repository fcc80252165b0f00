import { parseIp } from '../envoy/ip.ts';
import { UsageError } from '../errors.ts';

/**
 * The request being explained, as Envoy's router sees it: pseudo-headers plus regular headers.
 * Header names are lower-cased (HTTP/2 semantics, and Envoy lower-cases HTTP/1 names).
 */
export interface HttpRequest {
  method: string;
  scheme: 'http' | 'https';
  /** `:authority` / Host exactly as sent: `reviews:9080`, `bookinfo.example.com`. */
  authority: string;
  /** Host without the port, lower-cased. */
  host: string;
  /** Destination port of the connection: the URL's port, or the scheme default. */
  port: number;
  /** True when the authority carried an explicit port. */
  explicitPort: boolean;
  /** `:path`: path and query, as sent. */
  path: string;
  /** Regular headers in order; repeated names allowed. Names lower-cased. */
  headers: [string, string][];
  /** x-envoy-internal semantics (for require_tls EXTERNAL_ONLY). */
  internal: boolean;
  /**
   * The TLS the client opens the connection with: an `https://` URL (or `--sni`/`--alpn`) sends a
   * ClientHello with this SNI and ALPN list; undefined for plaintext.
   */
  tls?: ClientTls;
  /** The address the client connects to, when the user gave it (`--ip`); else it is resolved from the host. */
  destinationIp?: string;
}

/** What a client's ClientHello carries that listeners match on. */
export interface ClientTls {
  /** SNI; undefined when the client sends none (a URL with an IP literal, or `--sni ''`). */
  serverName?: string;
  /** ALPN protocols in the client's order of preference. */
  alpn: string[];
}

/** How a client connects, beyond the URL: `--sni`, `--alpn` and `--ip`. */
export interface ConnectionOptions {
  /** SNI to send ('' sends none); implies TLS. */
  sni?: string;
  /** Comma-separated ALPN protocols ('' sends none); implies TLS. */
  alpn?: string;
  /** The destination IP address of the connection. */
  ip?: string;
}

/** What curl and browsers offer by default over TLS. */
export const DEFAULT_TLS_ALPN: readonly string[] = ['h2', 'http/1.1'];

const IPV4_LITERAL = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** True for an IPv4 dotted quad or a bracketed IPv6 literal (`[fd00::1]`). */
export function isIpLiteral(host: string): boolean {
  return IPV4_LITERAL.test(host) || /^\[[0-9a-f:.]+\]$/i.test(host);
}

/** The connection's TLS and destination from the URL's scheme and the options (RFC 6066: no SNI for an IP literal). */
function connectionOf(scheme: 'http' | 'https', host: string, options: ConnectionOptions): Pick<HttpRequest, 'tls' | 'destinationIp'> {
  const out: Pick<HttpRequest, 'tls' | 'destinationIp'> = {};
  if (scheme === 'https' || options.sni !== undefined || options.alpn !== undefined) {
    const tls: ClientTls = {
      alpn:
        options.alpn === undefined
          ? [...DEFAULT_TLS_ALPN]
          : options.alpn
              .split(',')
              .map((p) => p.trim())
              .filter((p) => p !== ''),
    };
    const serverName = options.sni ?? (isIpLiteral(host) ? undefined : host);
    if (serverName) tls.serverName = serverName.toLowerCase();
    out.tls = tls;
  }
  if (options.ip !== undefined) {
    const ip = options.ip.trim();
    if (parseIp(ip) === undefined) throw new UsageError(`--ip ${options.ip} is not an IP address`);
    out.destinationIp = ip.toLowerCase();
  }
  return out;
}

/** The path without the query string and fragment: what Envoy's path matchers compare. */
export function pathOnly(path: string): string {
  const q = path.search(/[?#]/);
  return q === -1 ? path : path.slice(0, q);
}

/**
 * The raw query string as Envoy's route matcher reads it (QueryParamsMulti::parseQueryString):
 * everything after the first `?`, a `#` and what follows included, or ''. A fragment only
 * reaches the router when the connection manager let it through (see `path-fragment.ts`).
 */
export function queryString(path: string): string {
  const q = path.indexOf('?');
  return q === -1 ? '' : path.slice(q + 1);
}

/**
 * The value of a header as Envoy's HeaderMatcher sees it: pseudo-headers from the request line,
 * repeated headers joined with ",". Undefined when absent.
 */
export function headerValue(request: HttpRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  switch (lower) {
    case ':method':
      return request.method;
    case ':authority':
    case 'host':
      return request.authority;
    case ':path':
      return request.path;
    case ':scheme':
      return request.scheme;
    case 'x-forwarded-proto': {
      const own = request.headers.filter(([n]) => n === lower).map(([, v]) => v);
      return own.length ? own.join(',') : request.scheme;
    }
    default: {
      const values = request.headers.filter(([n]) => n === lower).map(([, v]) => v);
      return values.length ? values.join(',') : undefined;
    }
  }
}

/** Splits `host[:port]` (with `[v6]:port`) into its parts. */
export function splitAuthority(authority: string): { host: string; port?: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(authority);
  if (v6) return { host: `[${v6[1]!.toLowerCase()}]`, port: v6[2] ? Number(v6[2]) : undefined };
  const colon = authority.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(authority.slice(colon + 1))) {
    return { host: authority.slice(0, colon).toLowerCase(), port: Number(authority.slice(colon + 1)) };
  }
  return { host: authority.toLowerCase() };
}

/** Parses `Name: value` as given to `-H`. */
function parseHeaderArg(arg: string): [string, string] {
  const colon = arg.indexOf(':', arg.startsWith(':') ? 1 : 0);
  if (colon <= 0) throw new UsageError(`header "${arg}" has no colon; expected "Name: value"`);
  const name = arg.slice(0, colon).trim().toLowerCase();
  if (!/^:?[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) throw new UsageError(`header name "${arg.slice(0, colon).trim()}" is not a valid HTTP header name`);
  return [name, arg.slice(colon + 1).trim()];
}

const METHOD = /^[A-Z][A-Z-]*$/;

/**
 * Builds a request from `"METHOD URL"` (or a bare URL, meaning GET), `-H` values and how the
 * client connects. The URL needs a scheme and host: `http://reviews:9080/reviews/1?x=1`;
 * `https://` opens TLS with SNI = the URL's host and ALPN h2,http/1.1.
 */
export function parseRequest(line: string, headerArgs: string[] = [], connection: ConnectionOptions = {}): HttpRequest {
  const parts = line.trim().split(/\s+/);
  let method = 'GET';
  let url = parts[0] ?? '';
  if (parts.length === 2 && METHOD.test(parts[0]!)) {
    method = parts[0]!;
    url = parts[1]!;
  } else if (parts.length !== 1 || url === '') {
    throw new UsageError(`request "${line}" is not "METHOD URL" (e.g. "GET http://reviews:9080/reviews/1")`);
  }
  const m = /^(https?):\/\/([^/?#\s]+)([^\s]*)$/i.exec(url);
  if (!m) throw new UsageError(`URL "${url}" is not an absolute http(s) URL (e.g. http://reviews:9080/reviews/1)`);
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  const authority = m[2]!;
  const { host: urlHost, port } = splitAuthority(authority);
  if (port !== undefined && (port < 1 || port > 65535)) throw new UsageError(`URL "${url}" has port ${port}, expected 1-65535`);
  let path = m[3] || '/';
  if (path.startsWith('?')) path = `/${path}`;
  const headers: [string, string][] = [];
  let hostHeader: string | undefined;
  for (const arg of headerArgs) {
    const [name, value] = parseHeaderArg(arg);
    if (name === 'host' || name === ':authority') hostHeader = value;
    else if (name === ':method') method = value;
    else if (name === ':path') path = value;
    else headers.push([name, value]);
  }
  const finalAuthority = hostHeader ?? authority;
  const split = splitAuthority(finalAuthority);
  return {
    method,
    scheme,
    authority: finalAuthority,
    host: split.host,
    port: port ?? (scheme === 'https' ? 443 : 80),
    explicitPort: split.port !== undefined,
    path,
    headers,
    internal: headers.some(([n, v]) => n === 'x-envoy-internal' && v === 'true'),
    // The SNI comes from the URL (as curl sends it), not from a Host header given with -H.
    ...connectionOf(scheme, urlHost, connection),
  };
}
