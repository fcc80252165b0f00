import type { RouteConfig, VirtualHost } from '../envoy/route-types.ts';
import type { HttpRequest } from './request.ts';
import { asciiLower } from './string-match.ts';

/** How Envoy chose the virtual host for a Host/:authority value. */
export type VirtualHostSelection =
  | {
      found: true;
      virtualHost: VirtualHost;
      /** Position in `virtual_hosts`. */
      index: number;
      /** `exact` domain, longest `*.suffix` wildcard, longest `prefix.*` wildcard, or the `*` catch-all. */
      how: 'exact' | 'suffix_wildcard' | 'prefix_wildcard' | 'catch_all';
      /** The domain entry that matched (as configured). */
      domain: string;
      /** The host value compared: lower-cased, without the port when the config ignores it. */
      host: string;
    }
  | { found: false; host: string; reason: string };

function vhostHeaderValue(request: Pick<HttpRequest, 'authority'> & Partial<Pick<HttpRequest, 'headers'>>, name: string): string | undefined {
  if (name === ':authority' || name === 'host') return request.authority;
  return request.headers?.find(([n]) => n === name)?.[1];
}

/** Envoy's getPortStart: the `:port` suffix position, honouring `[v6]` literals. */
function portStart(host: string): number {
  const colon = host.lastIndexOf(':');
  if (colon === -1) return -1;
  const v6End = host.lastIndexOf(']');
  return v6End === -1 || v6End < colon ? colon : -1;
}

interface DomainIndex {
  exact: Map<string, [number, string]>;
  /** Keyed by the text after `*` (`.foo.com`), longest first. */
  suffixes: [string, number, string][];
  /** Keyed by the text before `*` (`foo.`), longest first. */
  prefixes: [string, number, string][];
  catchAll?: [number, string];
}

const indexes = new WeakMap<RouteConfig, DomainIndex>();

/** Envoy's RouteMatcher tables, built once per config: domains are lower-cased; the first entry of a duplicate wins. */
function domainIndex(config: RouteConfig): DomainIndex {
  const cached = indexes.get(config);
  if (cached) return cached;
  const index: DomainIndex = { exact: new Map(), suffixes: [], prefixes: [] };
  config.virtualHosts.value.forEach((vh, i) => {
    for (const domain of vh.domains) {
      const d = asciiLower(domain);
      if (d === '*') index.catchAll ??= [i, domain];
      else if (d.startsWith('*')) index.suffixes.push([d.slice(1), i, domain]);
      else if (d.endsWith('*')) index.prefixes.push([d.slice(0, -1), i, domain]);
      else if (!index.exact.has(d)) index.exact.set(d, [i, domain]);
    }
  });
  const longestFirst = (a: [string, number, string], b: [string, number, string]) => b[0].length - a[0].length;
  index.suffixes.sort(longestFirst);
  index.prefixes.sort(longestFirst);
  indexes.set(config, index);
  return index;
}

/**
 * Envoy's RouteMatcher::findVirtualHost. The Host (`:authority`) is lower-cased and, with
 * `ignore_port_in_host_matching`, loses its `:port`. Then: an exact domain; else the longest
 * suffix wildcard (`*.foo.com`, which needs at least one character before the suffix); else the
 * longest prefix wildcard (`foo.*`); else `*`. A config whose only domain is `*` takes every
 * request. Domains carrying a port (`reviews:9080`) only match a Host with that port.
 * `vhost_header` replaces `:authority` by another header's first value.
 */
export function selectVirtualHost(config: RouteConfig, request: Pick<HttpRequest, 'authority'> & Partial<Pick<HttpRequest, 'headers'>>): VirtualHostSelection {
  const index = domainIndex(config);
  const onlyCatchAll = index.exact.size === 0 && index.suffixes.length === 0 && index.prefixes.length === 0;
  let raw = request.authority;
  if (config.vhostHeader && !onlyCatchAll) {
    // RouteMatcher::findVirtualHost: with vhost_header the first value of that header is the
    // host; when the request has no such header no virtual host is chosen (not even "*").
    const value = vhostHeaderValue(request, config.vhostHeader);
    if (value === undefined)
      return { found: false, host: '', reason: `the request has no ${config.vhostHeader} header, which picks the virtual host here (vhost_header)` };
    raw = value;
  }
  if (config.ignorePortInHostMatching) {
    const p = portStart(raw);
    if (p !== -1) raw = raw.slice(0, p);
  }
  const host = asciiLower(raw);
  const pick = (hit: [number, string], how: 'exact' | 'suffix_wildcard' | 'prefix_wildcard' | 'catch_all') =>
    ({ found: true, virtualHost: config.virtualHosts.value[hit[0]]!, index: hit[0], how, domain: hit[1], host }) as const;
  if (onlyCatchAll) {
    if (index.catchAll) return pick(index.catchAll, 'catch_all');
    return { found: false, host, reason: config.virtualHosts.value.length === 0 ? 'the route config has no virtual hosts' : 'no virtual host has a domain' };
  }
  const exact = index.exact.get(host);
  if (exact) return pick(exact, 'exact');
  for (const [suffix, i, domain] of index.suffixes) {
    if (suffix.length < host.length && host.endsWith(suffix)) return pick([i, domain], 'suffix_wildcard');
  }
  for (const [prefix, i, domain] of index.prefixes) {
    if (prefix.length < host.length && host.startsWith(prefix)) return pick([i, domain], 'prefix_wildcard');
  }
  if (index.catchAll) return pick(index.catchAll, 'catch_all');
  const portNote =
    !config.ignorePortInHostMatching && portStart(request.authority) !== -1
      ? ' (the port is part of the compared host: ignore_port_in_host_matching is off)'
      : '';
  return { found: false, host, reason: `no virtual host has a domain matching ${JSON.stringify(host)} and there is no "*" domain${portNote}` };
}
