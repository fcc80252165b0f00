import { asNumber, asObject, asString, isObject, type JsonObject } from './json.ts';
import { proxyTypeOf } from './node-types.ts';
import type { ProxyNode } from './types.ts';

/**
 * The proxy's identity from the bootstrap's `node`. Istio sets `node.id` to
 * `TYPE~IP~POD.NAMESPACE~NAMESPACE.svc.DOMAIN` (type `sidecar`, `router` for gateways, `waypoint`)
 * and `node.metadata` to its proxy metadata: ISTIO_VERSION, LABELS, NAMESPACE, NAME, CLUSTER_ID,
 * MESH_ID, WORKLOAD_NAME, ISTIO_PROXY_SHA, ... Envoy reports its own build in `user_agent_build_version`.
 */

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const obj = asObject(value);
  if (obj) for (const key in obj) if (typeof obj[key] === 'string') out[key] = obj[key] as string;
  return out;
}

/** istioctl's `Envoy Version:` text: `1.18.3[-label][/revision.status][/build.type][/ssl.version]`. */
function envoyVersionOf(node: JsonObject): string | undefined {
  const build = asObject(node.user_agent_build_version);
  if (!build) return asString(node.user_agent_version) || undefined;
  const version = asObject(build.version) ?? {};
  const md = asObject(build.metadata) ?? {};
  let text = `${asNumber(version.major_number) ?? 0}.${asNumber(version.minor_number) ?? 0}.${asNumber(version.patch) ?? 0}`;
  if (typeof md['build.label'] === 'string') text += `-${md['build.label']}`;
  for (const key of ['revision.status', 'build.type', 'ssl.version']) if (typeof md[key] === 'string') text += `/${md[key]}`;
  return text;
}

/** The control plane revision: the `istio.io/rev` label, else the injector's status annotation. */
function revisionOf(labels: Record<string, string>, annotations: Record<string, string>): string | undefined {
  if (labels['istio.io/rev']) return labels['istio.io/rev'];
  const status = annotations['sidecar.istio.io/status'];
  if (!status) return undefined;
  try {
    const parsed: unknown = JSON.parse(status);
    return asString(asObject(parsed)?.revision) || undefined;
  } catch {
    return undefined;
  }
}

/** Builds the ProxyNode from a bootstrap's `node` (snake_case). */
export function parseNode(node: JsonObject): ProxyNode {
  const id = asString(node.id) ?? '';
  const md = asObject(node.metadata) ?? {};
  const labels = stringMap(md.LABELS);
  const out: ProxyNode = { id, labels, raw: node };
  const parts = id.split('~');
  if (parts.length === 4) {
    const type = proxyTypeOf(parts[0]!);
    if (type) out.proxyType = type;
    out.ip = parts[1]!;
    const podId = parts[2]!;
    const dot = podId.lastIndexOf('.');
    out.podName = dot > 0 ? podId.slice(0, dot) : podId;
    if (dot > 0) out.namespace = podId.slice(dot + 1);
  }
  const text = (key: string): string | undefined => asString(md[key]) || undefined;
  const name = text('NAME');
  const namespace = text('NAMESPACE');
  if (name) out.podName = name;
  if (namespace) out.namespace = namespace;
  const istioVersion = text('ISTIO_VERSION');
  if (istioVersion) out.istioVersion = istioVersion;
  const sha = text('ISTIO_PROXY_SHA');
  if (sha) out.istioProxySha = sha.includes(':') ? sha.split(':')[1]! : sha;
  const envoyVersion = envoyVersionOf(node);
  if (envoyVersion) out.envoyVersion = envoyVersion;
  const clusterId = text('CLUSTER_ID');
  if (clusterId) out.clusterId = clusterId;
  const meshId = text('MESH_ID');
  if (meshId) out.meshId = meshId;
  const workloadName = text('WORKLOAD_NAME');
  if (workloadName) out.workloadName = workloadName;
  const revision = revisionOf(labels, isObject(md.ANNOTATIONS) ? stringMap(md.ANNOTATIONS) : {});
  if (revision) out.revision = revision;
  return out;
}
