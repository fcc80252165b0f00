import { asString } from '../envoy/json.ts';
import type { ProxyType } from '../envoy/node-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';

/** A proxy of a snapshot as the path sees it: its key (`pod.namespace`), its config, what it is and its addresses. */
export interface PathProxy {
  name: string;
  config: ProxyConfig;
  type: ProxyType | undefined;
  /** Its pod's addresses: the node metadata's `INSTANCE_IPS`, else the node id's IP. */
  addresses: string[];
  /** `spiffe://TRUST_DOMAIN/ns/NS/sa/SA` when the node metadata names the service account. */
  identity: string | null;
}

/**
 * The addresses a proxy answers on. Istio's injector passes the pod's IPs to the proxy as
 * `INSTANCE_IPS` (comma-separated, pkg/bootstrap/config.go reads it into the node metadata) and
 * the node id carries the first one (`sidecar~10.244.1.12~pod.ns~ns.svc.cluster.local`,
 * pilot/pkg/model/context.go ParseServiceNodeWithMetadata).
 */
export function proxyAddresses(config: ProxyConfig): string[] {
  const node = config.node;
  const raw = node ? asString((node.raw.metadata as Record<string, unknown> | undefined)?.INSTANCE_IPS) : undefined;
  const listed = raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];
  if (listed.length > 0) return listed;
  return node?.ip ? [node.ip] : [];
}

/**
 * The SPIFFE identity an Istio proxy presents: `spiffe://<trust domain>/ns/<namespace>/sa/<service
 * account>` (pkg/spiffe/spiffe.go). The service account comes from the node metadata
 * `SERVICE_ACCOUNT`; the trust domain from the SPIFFE validator of its SDS secrets when the dump
 * has one, else `cluster.local` (Istio's default trust domain).
 */
export function proxyIdentity(config: ProxyConfig): string | null {
  const node = config.node;
  const meta = (node?.raw.metadata ?? {}) as Record<string, unknown>;
  const sa = asString(meta.SERVICE_ACCOUNT);
  const ns = asString(meta.NAMESPACE) ?? node?.namespace;
  if (!sa || !ns) return null;
  const trustDomain = config.secrets.flatMap((s) => s.certificates.map((c) => c.trustDomain)).find((t) => t !== undefined) ?? 'cluster.local';
  return `spiffe://${trustDomain}/ns/${ns}/sa/${sa}`;
}

export function pathProxy(name: string, config: ProxyConfig): PathProxy {
  return { name, config, type: config.node?.proxyType, addresses: proxyAddresses(config), identity: proxyIdentity(config) };
}

/** Address → the proxies that answer on it (more than one is a snapshot that cannot be followed there). */
export function addressOwners(proxies: readonly PathProxy[]): Map<string, PathProxy[]> {
  const owners = new Map<string, PathProxy[]>();
  for (const p of proxies) {
    for (const a of p.addresses) {
      const list = owners.get(a);
      if (list) list.push(p);
      else owners.set(a, [p]);
    }
  }
  return owners;
}
