import type { ConfigObject, ConfigSet, ObjectKind } from '../config/objects.ts';
import type { JsonObject } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { MessageType } from './catalogue.ts';
import { IGNORED_NAMESPACES } from './defaults.ts';
import { type GoArg, goSprintf } from './go-format.ts';

/**
 * An object as Istio's analyzers see it (pkg/config/resource.Instance): its FullName is
 * `namespace/name`, or just `name` when the file gives no namespace and none is defaulted (the
 * upstream test harness runs with an empty default namespace; `istioctl analyze` uses the
 * context's, `default`).
 */
export interface Resource {
  kind: ObjectKind;
  namespace: string;
  name: string;
  /** FullName.String(): `ns/name`, or `name` without a namespace. */
  fullName: string;
  spec: JsonObject;
  status: JsonObject | undefined;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  object: ConfigObject;
}

/** What the analyzers read: the objects, and the mesh config settings they use. */
export interface AnalyzeInput {
  resources: Resource[];
  mesh: MeshSettings;
}

/** The MeshConfig fields the analyzers read (defaultConfig.proxyMetadata). */
export interface MeshSettings {
  proxyMetadata: Record<string, string>;
}

const CLUSTER_SCOPED = new Set<ObjectKind>(['Namespace', 'Node', 'CustomResourceDefinition', 'GatewayClass']);

export function toResource(object: ConfigObject, defaultNamespace: string): Resource {
  const given = object.metadata.namespace;
  const namespace = CLUSTER_SCOPED.has(object.kind) ? '' : given === undefined || given === '' ? defaultNamespace : given;
  const name = object.metadata.name;
  return {
    kind: object.kind,
    namespace,
    name,
    fullName: namespace === '' ? name : `${namespace}/${name}`,
    spec: object.spec,
    status: object.status,
    labels: object.metadata.labels,
    annotations: object.metadata.annotations,
    object,
  };
}

/**
 * The analyzers' view of a config set: objects without a namespace take `defaultNamespace`;
 * objects in Kubernetes' system namespaces are left out, as upstream's file source filters them.
 */
export function analyzeInput(set: ConfigSet, mesh: MeshSettings, defaultNamespace = ''): AnalyzeInput {
  const resources = set.objects
    .map((o) => toResource(o, defaultNamespace))
    .filter((r) => !IGNORED_NAMESPACES.has(r.kind === 'Namespace' ? r.name : r.namespace));
  return { resources, mesh };
}

export function ofKind(input: AnalyzeInput, kind: ObjectKind): Resource[] {
  return input.resources.filter((r) => r.kind === kind);
}

/** Origin.FriendlyName: `<Kind> <namespace>/<name>`, or `<Kind> <name>`. */
export function friendlyName(r: Resource): string {
  const kind = r.kind === 'KubernetesGateway' ? 'Gateway' : r.kind;
  return `${kind} ${r.fullName}`;
}

/** docs URL as diag.Message builds it, for the Istio minor version meshscope's analyzers follow. */
export const ANALYSIS_DOCS = 'https://istio.io/v1.32/docs/reference/config/analysis';

/** msg.New<Type>(r, args…): one message about `r`. */
export function message(type: MessageType, r: Resource, ...args: GoArg[]): AnalyzerMessage {
  return {
    code: type.code,
    level: type.level,
    message: goSprintf(type.template, args),
    origin: friendlyName(r),
    kind: r.kind === 'KubernetesGateway' ? 'Gateway' : r.kind,
    namespace: r.namespace === '' ? undefined : r.namespace,
    name: r.name,
    documentationUrl: `${ANALYSIS_DOCS}/${type.code.toLowerCase()}/?ref=istioctl-analyze`,
  };
}

/** A string-to-string map field (labels, selectors); `undefined` when absent or not a mapping. */
export function stringMapOf(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** labels.SelectorFromSet(…).String(): `k=v` pairs sorted by key, comma-joined. */
export function selectorString(selector: Record<string, string>): string {
  return Object.keys(selector)
    .sort()
    .map((k) => `${k}=${selector[k]}`)
    .join(',');
}
