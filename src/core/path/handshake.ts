import type { ConfigSet } from '../config/objects.ts';
import type { FilterChain, ProxyConfig } from '../envoy/types.ts';
import { type UpstreamTls, upstreamTlsFor } from '../envoy/upstream-tls.ts';
import type { ExplainResult } from '../explain/result.ts';
import { destinationRuleTls, findDestinationRule } from '../intent/destination-rule-tls.ts';
import { effectivePeerAuthentication } from '../intent/peer-authentication.ts';
import { matchString } from '../router/string-match.ts';
import type { HopHandshake, PeerTls } from './types.ts';

/**
 * The TLS handshake between two proxies: the client cluster's upstream transport socket for this
 * endpoint against the server chain that takes the connection on its inbound side.
 *
 * Envoy's words: an Istio client logs 503 UC when a plaintext connection it opened is closed
 * (connection_termination), and 503 UF when the server ends the TLS handshake, refuses its
 * certificate or presents one it does not accept (connection_failure with a TLS error): the
 * upstream TLS socket reports "connected" only after the handshake (SslSocket::onSuccess,
 * source/extensions/transport_sockets/tls/ssl_socket.cc). Istio's words: the DestinationRule
 * whose `tls` the client's cluster carries, and the PeerAuthentication the server's chains were
 * built from (pilot/pkg/networking/core/filterchain_options.go: STRICT → `tls` chains only,
 * PERMISSIVE → `tls` and `raw_buffer`, DISABLE → `raw_buffer` only).
 */
export interface HandshakeInput {
  client: { proxy: string; config: ProxyConfig; cluster: string; peer: PeerTls };
  /** The server proxy, the pod port, its SPIFFE identity, and its inbound trace for this connection. */
  server: { proxy: string; config: ProxyConfig; port: number; identity: string | null; trace: ExplainResult };
}

const FAILED_UF = { status: 503, responseFlag: 'UF' } as const;

/** The chain the inbound trace selected, by its index in the listener. */
function selectedChain(config: ProxyConfig, trace: ExplainResult): FilterChain | undefined {
  const index = trace.inbound?.chainIndex;
  if (index === undefined || index === null || !trace.listener) return undefined;
  const listener = config.index.listenerByName.get(trace.listener);
  if (!listener) return undefined;
  return index === -1 ? listener.filterChains.find((c) => c.isDefault) : listener.filterChains[index];
}

function sanAccepted(tls: UpstreamTls, identity: string): boolean {
  // Envoy's default SAN matcher (no san_type) compares every DNS, URI, email and IP SAN; a SPIFFE ID is a URI SAN.
  return tls.sans.some((s) => (s.type === 'any' || s.type === 'URI') && matchString(s.match, identity));
}

function describeSans(tls: UpstreamTls): string {
  return tls.sans.map((s) => (s.match.kind === 'exact' ? s.match.value : `${s.match.kind} ${'value' in s.match ? s.match.value : ''}`.trim())).join(', ');
}

/** Istio's words: the DestinationRule behind the client's TLS and the server's PeerAuthentication mode. */
function istioWords(input: HandshakeInput, objects: ConfigSet | undefined): string | null {
  const { client, server } = input;
  const parts: string[] = [];
  const cluster = client.config.index.clusterByName.get(client.cluster);
  const ref = cluster?.destinationRule;
  if (ref?.name && ref.namespace) {
    const dr = objects ? findDestinationRule(objects, ref.name, ref.namespace) : undefined;
    const port = Number(client.cluster.split('|')[1]);
    if (dr) {
      // The subset from the cluster's `istio.subset` metadata, else its name (outbound|PORT|SUBSET|HOST).
      const subset = cluster?.istioSubset ?? (client.cluster.split('|')[2] || undefined);
      const t = destinationRuleTls(dr, subset, port);
      const where = `${subset ? `subset ${subset}, ` : ''}port ${port}`;
      parts.push(t.mode === null ? `${t.ref} sets no tls for ${where} (Istio's auto mTLS decides)` : `${t.ref} sets ${t.field}.mode ${t.mode}`);
    } else parts.push(`the client's cluster comes from DestinationRule ${ref.namespace}/${ref.name}${objects ? ' (not among the objects read)' : ''}`);
  } else if (cluster?.autoMtls) parts.push("no DestinationRule sets tls: Istio's auto mTLS (mTLS to pods with the security.istio.io/tlsMode=istio label)");
  const node = server.config.node;
  const namespace = node?.namespace ?? server.proxy.split('.').slice(1).join('.');
  if (objects && namespace) {
    const pa = effectivePeerAuthentication(objects, { namespace, labels: node?.labels ?? {} }, server.port);
    const by = pa.decidedBy ? `${pa.decidedBy.ref} (${pa.decidedBy.field})` : 'no PeerAuthentication applies: Istio defaults to PERMISSIVE';
    parts.push(`${server.proxy} port ${server.port} is ${pa.mode}: ${by}${pa.ignored.length ? `; ignored: ${pa.ignored.join('; ')}` : ''}`);
  }
  return parts.length ? parts.join('; ') : null;
}

function result(established: boolean, reason: string, istio: string | null, failure?: { status: number; responseFlag: string }): HopHandshake {
  return { established, reason, istio, status: failure?.status ?? null, responseFlag: failure?.responseFlag ?? null };
}

/**
 * Whether the connection from the client's cluster to the server's port is set up, and if not why.
 * `client.peer` is what the client opens (path.ts decides it from the cluster's socket and the
 * endpoint's tlsMode label); the server side is the chain its inbound trace selected.
 */
export function pairTls(input: HandshakeInput, objects?: ConfigSet): HopHandshake {
  const { client, server } = input;
  const istio = istioWords(input, objects);
  const trace = server.trace;
  const mode = trace.inbound?.mode ?? 'unknown';
  const tlsLabel = server.config.node?.labels['security.istio.io/tlsMode'];
  const cluster = client.config.index.clusterByName.get(client.cluster);
  // The socket the client's peer kind implies: path.ts chose mTLS or TLS for this endpoint, so an
  // auto-mTLS cluster uses its tlsMode-istio socket even when the server's labels are not in its dump.
  const upstream = client.peer === 'plaintext' || !cluster ? null : upstreamTlsFor(cluster.raw, tlsLabel ?? 'istio');
  if (!trace.listener) return result(true, `not checked: ${server.proxy} has no inbound listener for port ${server.port}`, istio);
  if (trace.inbound?.chain === null || trace.inbound?.chain === undefined) {
    // No chain takes the connection: the server closes it (during the handshake for a TLS client).
    if (client.peer === 'plaintext')
      return result(
        false,
        `${client.cluster} sends plaintext, but ${server.proxy}'s chains for port ${server.port} accept ${mode === 'STRICT' ? 'Istio mTLS only (STRICT)' : 'no plaintext'}: no chain takes the connection and the server closes it; the client logs 503 UC (upstream_reset_before_response_started{connection_termination})`,
        istio,
        { status: 503, responseFlag: 'UC' },
      );
    return result(
      false,
      `${client.cluster} opens ${client.peer === 'mtls' ? 'Istio mTLS' : 'TLS'}, but ${server.proxy}'s chains for port ${server.port} ${mode === 'DISABLE' ? 'read plaintext only (DISABLE)' : 'take no such TLS connection'}: the server closes it during the handshake; the client logs 503 UF (connection_failure, a TLS error)`,
      istio,
      FAILED_UF,
    );
  }
  const chain = selectedChain(server.config, trace);
  const terminates = chain?.tls;
  if (client.peer === 'plaintext') return result(true, `plaintext accepted by chain ${trace.inbound.chain} (port ${mode})`, istio);
  if (!terminates)
    return result(
      true,
      `chain ${trace.inbound.chain} does not terminate TLS: it passes the client's TLS through to the application, which must terminate it itself${client.peer === 'mtls' ? " (an application without the mesh's certificate fails the client's mTLS handshake: 503 UF)" : ''}`,
      istio,
    );
  const needsCert = terminates.mode === 'ISTIO_MUTUAL' || terminates.mode === 'MUTUAL';
  if (needsCert && !upstream?.clientCertificate)
    return result(
      false,
      `chain ${trace.inbound.chain} requires a client certificate (${terminates.mode}${terminates.clientCa ? `, CA ${terminates.clientCa}` : ''}) and ${client.cluster} presents none (TLS without a client certificate, a DestinationRule tls SIMPLE): the server fails the handshake; the client logs 503 UF (connection_failure, a TLS error)`,
      istio,
      FAILED_UF,
    );
  if (terminates.mode === 'ISTIO_MUTUAL' && upstream?.clientCertificate && upstream.clientCertificate !== 'default')
    return result(
      false,
      `chain ${trace.inbound.chain} checks client certificates against Istio's root CA (ROOTCA) and ${client.cluster} presents ${upstream.clientCertificate}, not the workload certificate: unless the mesh CA issued it, the server fails the handshake; the client logs 503 UF`,
      istio,
      FAILED_UF,
    );
  if (upstream && upstream.trustedCa !== null && upstream.sans.length > 0) {
    if (server.identity === null)
      return result(
        true,
        `the client accepts only ${describeSans(upstream)}; ${server.proxy}'s identity is not in its dump (no SERVICE_ACCOUNT), so the SAN check was not made`,
        istio,
      );
    if (!sanAccepted(upstream, server.identity))
      return result(
        false,
        `${client.cluster} accepts a server certificate for ${describeSans(upstream)} only, and ${server.proxy} presents ${server.identity}: the client fails the handshake (CERTIFICATE_VERIFY_FAILED); it logs 503 UF`,
        istio,
        FAILED_UF,
      );
  }
  if (upstream?.trustedCa && upstream.trustedCa !== 'ROOTCA' && terminates.mode === 'ISTIO_MUTUAL')
    return result(
      true,
      `the client checks the server certificate against ${upstream.trustedCa}, not Istio's ROOTCA: set up only if that CA issued ${server.proxy}'s workload certificate`,
      istio,
    );
  const sans = upstream && upstream.sans.length > 0 && server.identity ? `; the server's ${server.identity} matches the SANs the client accepts` : '';
  return result(true, `${client.peer === 'mtls' ? 'Istio mTLS' : 'TLS'} terminated by chain ${trace.inbound.chain} (${terminates.mode})${sans}`, istio);
}
