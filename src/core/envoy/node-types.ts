import type { JsonObject } from './json.ts';
import type { ResourceMeta, ResourceState } from './types.ts';

/** What the proxy is (bootstrap node) and what it holds besides xDS routing: SDS secrets, ECDS filters. */

/** Istio's NodeType (pilot/pkg/model/context.go): the first field of the node id. */
export type ProxyType = 'sidecar' | 'router' | 'waypoint' | 'ztunnel';
const PROXY_TYPES: ReadonlySet<string> = new Set<ProxyType>(['sidecar', 'router', 'waypoint', 'ztunnel']);

/** The node type a node id's first field names, or undefined for another value. */
export function proxyTypeOf(text: string): ProxyType | undefined {
  return PROXY_TYPES.has(text) ? (text as ProxyType) : undefined;
}

export interface ProxyNode {
  id: string;
  /** From the node id `sidecar~10.0.0.1~productpage-v1-abc.bookinfo~bookinfo.svc.cluster.local` (Istio's NodeType). */
  proxyType?: ProxyType;
  ip?: string;
  podName?: string;
  namespace?: string;
  istioVersion?: string;
  /** ISTIO_PROXY_SHA (after the `:`), as istioctl's bootstrap summary. */
  istioProxySha?: string;
  /**
   * From `user_agent_build_version`, formatted as istioctl's bootstrap summary:
   * `major.minor.patch[-build.label][/revision.status][/build.type][/ssl.version]`.
   * Undefined when the bootstrap has no build version (istioctl then prints `0.0.0`).
   */
  envoyVersion?: string;
  labels: Record<string, string>;
  clusterId?: string;
  meshId?: string;
  workloadName?: string;
  revision?: string;
  raw: JsonObject;
}

/** A certificate (chain or CA bundle) as the secret carries it: a DataSource. */
export interface SecretCertificate {
  /** `inline_bytes`: base64 of the PEM text. */
  inlineBytes?: string;
  inlineString?: string;
  filename?: string;
  /** SPIFFE validator: the trust domain this bundle belongs to. */
  trustDomain?: string;
}

/**
 * An SDS secret (envoy.extensions.transport_sockets.tls.v3.Secret). The loader deletes private
 * key material (`private_key`, `pkcs12`, `password`, session ticket keys, generic secrets) from
 * the input, so neither this model nor `raw` ever holds it.
 */
export interface Secret {
  name: string;
  state: ResourceState;
  versionInfo?: string;
  lastUpdated?: string;
  /** `Cert Chain` (tls_certificate), `CA` (validation_context), `Unknown` (neither; istioctl prints an empty TYPE). */
  kind: 'Cert Chain' | 'CA' | 'Unknown';
  /** Certificates for the table; never private keys. */
  certificates: SecretCertificate[];
  raw: JsonObject;
}

/** An extension config served by ECDS (e.g. a Wasm plugin or Istio telemetry filter). */
export interface EcdsFilter {
  name: string;
  /** The typed_config's type URL; '' when the dump has none (istioctl prints an empty TYPE). */
  typeUrl: string;
  meta: ResourceMeta;
  raw: JsonObject;
}
