import type { JsonObject } from '../envoy/json.ts';

/**
 * Istio, Gateway API and Kubernetes objects as meshscope holds them: the types, and what every
 * reader of them needs. Reading them from YAML or JSON text is `read-objects.ts` (it loads the
 * YAML parser: a command that reads no objects does not).
 */
export { KNOWN_KINDS, type ObjectKind } from './kinds.ts';

import type { ObjectKind } from './kinds.ts';

export interface ObjectMeta {
  name: string;
  /** As written; `undefined` when the document has none (see `namespaceOf`). */
  namespace: string | undefined;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** RFC 3339, as the API server writes it; `undefined` in a GitOps file. */
  creationTimestamp: string | undefined;
  generation: number | undefined;
  resourceVersion: string | undefined;
  uid: string | undefined;
}

/** Where an object came from: the file and the document's position in it (1-based), and the item of a List. */
export interface ObjectOrigin {
  file: string;
  document: number;
  item?: number;
}

export interface ConfigObject {
  kind: ObjectKind;
  apiVersion: string;
  metadata: ObjectMeta;
  /** The object's `spec` (`{}` when absent); for a ConfigMap, `data`; for a Secret, the key names as `{keys: […]}`. */
  spec: JsonObject;
  status: JsonObject | undefined;
  /** The whole object as read, with the fields above dropped (managed fields, last-applied, secret payloads). */
  raw: JsonObject;
  origin: ObjectOrigin;
}

/** One document that was not used, or was used with a caveat. */
export interface ConfigProblem {
  origin: ObjectOrigin;
  /** `skipped`: the document is not used; `note`: it is used, read as the message says. */
  severity: 'skipped' | 'note';
  message: string;
}

export interface ConfigSet {
  objects: ConfigObject[];
  problems: ConfigProblem[];
}

export function emptyConfigSet(): ConfigSet {
  return { objects: [], problems: [] };
}

/** `<Kind> <namespace>/<name>`, or `<Kind> <name>` without a namespace, as `istioctl analyze` names an origin. */
export function objectRef(object: Pick<ConfigObject, 'kind' | 'metadata'>): string {
  const kind = object.kind === 'KubernetesGateway' ? 'Gateway' : object.kind;
  const ns = object.metadata.namespace;
  return ns === undefined || ns === '' ? `${kind} ${object.metadata.name}` : `${kind} ${ns}/${object.metadata.name}`;
}

/** Where a document is, for messages: `file (document 3)`, `file (document 2, item 5)`. */
export function describeOrigin(origin: ObjectOrigin): string {
  const item = origin.item === undefined ? '' : `, item ${origin.item}`;
  return `${origin.file} (document ${origin.document}${item})`;
}

/**
 * The namespace an object lives in: its own, else the one `kubectl apply` would give it
 * (`fallback`, `default` unless told otherwise). Cluster-scoped kinds have none.
 */
export function namespaceOf(object: ConfigObject, fallback = 'default'): string {
  if (CLUSTER_SCOPED.has(object.kind)) return '';
  const ns = object.metadata.namespace;
  return ns === undefined || ns === '' ? fallback : ns;
}

/** The kinds without a namespace. */
export const CLUSTER_SCOPED: ReadonlySet<ObjectKind> = new Set<ObjectKind>(['Namespace', 'Node', 'CustomResourceDefinition', 'GatewayClass']);

/** The objects of one kind. */
export function objectsOf(set: ConfigSet, kind: ObjectKind): ConfigObject[] {
  return set.objects.filter((o) => o.kind === kind);
}
