import type { PathProxy } from '../path/owners.ts';
import type { AccessLogEntry } from './access-log.ts';
import { explainInboundLog, type InboundPeer, peerFromInboundLine } from './explain-inbound-log.ts';
import { explainAccessLog, type LogExplanation } from './explain-log.ts';
import type { LogHop } from './group-types.ts';
import { ipOf } from './hop-links.ts';

/** The snapshot's proxies by name and by pod address. */
export interface ProxyDirectory {
  byName: Map<string, PathProxy>;
  byAddress: Map<string, PathProxy[]>;
}

export function proxyDirectory(proxies: readonly PathProxy[]): ProxyDirectory {
  const byName = new Map(proxies.map((p) => [p.name, p]));
  const byAddress = new Map<string, PathProxy[]>();
  for (const p of proxies) for (const a of p.addresses) byAddress.set(a, [...(byAddress.get(a) ?? []), p]);
  return { byName, byAddress };
}

/** The one proxy whose pod has the address's IP, or undefined. */
export function ownerOf(dir: ProxyDirectory, address: string | null): PathProxy | undefined {
  const ip = ipOf(address);
  const owners = ip ? dir.byAddress.get(ip) : undefined;
  return owners?.length === 1 ? owners[0] : undefined;
}

/**
 * The TLS a client sidecar's cluster opens toward `server`: ISTIO_MUTUAL is mTLS (auto mTLS only
 * when the server's pod has the `security.istio.io/tlsMode: istio` label, the endpoint metadata
 * its `transport_socket_matches` selects on, pilot/pkg/networking/core/cluster_tls.go), DISABLE
 * plaintext, SIMPLE/MUTUAL TLS without an Istio identity.
 */
export function peerFromClient(client: PathProxy, cluster: string | null, server: PathProxy | undefined): InboundPeer | undefined {
  const c = cluster ? client.config.index.clusterByName.get(cluster) : undefined;
  if (!c) return undefined;
  const via = `${client.name}'s cluster ${cluster}`;
  if (c.autoMtls && server && server.config.node?.labels['security.istio.io/tlsMode'] !== 'istio')
    return { peer: 'plaintext', why: `${via} uses auto mTLS and the server pod has no security.istio.io/tlsMode=istio label: plaintext` };
  if (c.tlsMode === 'ISTIO_MUTUAL')
    return { peer: 'mtls', principal: client.identity, why: `${via} sends Istio mTLS as ${client.identity ?? 'an unknown identity'}` };
  if (c.tlsMode === 'DISABLE')
    return { peer: 'plaintext', why: `${via} sends plaintext (DestinationRule tls mode DISABLE${c.destinationRule ? `, ${c.destinationRule.display}` : ''})` };
  if (c.tlsMode === 'SIMPLE' || c.tlsMode === 'MUTUAL') return { peer: 'tls', why: `${via} sends TLS (${c.tlsMode}), not Istio mTLS` };
  return undefined;
}

const clusterOf = (entry: AccessLogEntry): string | null => entry.upstreamCluster?.replace(/;$/, '') ?? null;

/** The peer of a server line: from its client hop's cluster when known, else from the line (and the client pod's identity). */
function inboundPeer(hop: LogHop, client: LogHop | undefined, dir: ProxyDirectory, server: PathProxy): InboundPeer {
  const clientProxy = client?.proxy ? dir.byName.get(client.proxy) : undefined;
  const fromClient = clientProxy && client ? peerFromClient(clientProxy, clusterOf(client.entry), server) : undefined;
  if (fromClient) return fromClient;
  const guess = peerFromInboundLine(hop.entry);
  const owner = ownerOf(dir, hop.entry.downstreamRemoteAddress);
  return guess.peer === 'mtls' && owner?.identity ? { ...guess, principal: owner.identity, why: `${guess.why}; the client pod is ${owner.name}` } : guess;
}

/** A hop checked against its proxy's config; a note instead when its proxy or config is not in the snapshot. */
export function explainHop(
  hop: LogHop,
  client: LogHop | undefined,
  dir: ProxyDirectory,
): { explained: LogExplanation | null; evidence: string[]; note: string | null } {
  if (hop.proxy === null) return { explained: null, evidence: [], note: 'its proxy is unknown: not explained against a config' };
  const proxy = dir.byName.get(hop.proxy);
  if (!proxy) return { explained: null, evidence: [], note: `${hop.proxy} has no config in the snapshot: not explained against one` };
  try {
    if (hop.direction === 'inbound') {
      const peer = inboundPeer(hop, client, dir, proxy);
      return { explained: explainInboundLog(proxy.config, hop.entry, peer), evidence: [`the client's connection: ${peer.why}`], note: null };
    }
    return { explained: explainAccessLog(proxy.config, hop.entry), evidence: [], note: null };
  } catch (error) {
    return { explained: null, evidence: [], note: `not explained: ${error instanceof Error ? error.message.replace(/^--log: /, '') : String(error)}` };
  }
}

/**
 * What the server's inbound side does with the connection a client hop opened, when the server
 * logged nothing for it: the client's request to %UPSTREAM_HOST% with the TLS its cluster sends.
 */
export function explainUnloggedServer(clientHop: LogHop, dir: ProxyDirectory): { server: PathProxy; explained: LogExplanation; peer: InboundPeer } | undefined {
  const server = ownerOf(dir, clientHop.entry.upstreamHost);
  const client = clientHop.proxy ? dir.byName.get(clientHop.proxy) : undefined;
  if (!server || !client) return undefined;
  const cluster = clusterOf(clientHop.entry);
  const peer = peerFromClient(client, cluster, server);
  if (!peer) return undefined;
  const sni = cluster ? client.config.index.clusterByName.get(cluster)?.sni : undefined;
  const entry: AccessLogEntry = {
    ...clientHop.entry,
    downstreamLocalAddress: clientHop.entry.upstreamHost,
    downstreamRemoteAddress: clientHop.entry.upstreamLocalAddress,
    requestedServerName: peer.peer === 'plaintext' ? null : (sni ?? null),
    upstreamCluster: null,
    routeName: null,
  };
  try {
    return { server, explained: explainInboundLog(server.config, entry, peer), peer };
  } catch {
    return undefined;
  }
}
