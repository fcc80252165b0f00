import { asArray, asNumber, asObject, asString, type JsonObject } from '../envoy/json.ts';
import { resolveShortName } from './hosts.ts';
import { type ConfigObject, type ConfigSet, namespaceOf } from './objects.ts';
import { type Protocol, parseProtocol, servicePortProtocol } from './protocol.ts';

/**
 * The services of a config set, as Istio's service registry sees them: a Kubernetes Service is
 * `<name>.<namespace>.svc.<domain>` with its ports' protocols (ConvertProtocol); a ServiceEntry is
 * one service per host, the protocol given on each port (pilot/pkg/serviceregistry/serviceentry/conversion.go).
 */
export interface ServicePort {
  number: number;
  name: string;
  protocol: Protocol;
  /** Kubernetes Service: the container port (number or name); ServiceEntry: `targetPort` when set. */
  targetPort: number | string | undefined;
}

export interface MeshService {
  hostname: string;
  namespace: string;
  ports: ServicePort[];
  /** Pod label selector (Service `spec.selector`, ServiceEntry `workloadSelector.labels`); `undefined` selects nothing. */
  selector: Record<string, string> | undefined;
  /** `exportTo` as written (`[]` = the default: every namespace). */
  exportTo: string[];
  object: ConfigObject;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  const o = asObject(value);
  if (o === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string') out[k] = v;
  return out;
}

function exportToOf(spec: JsonObject, annotations: Record<string, string>): string[] {
  const list = asArray(spec.exportTo).flatMap((v) => (typeof v === 'string' ? [v] : []));
  if (list.length > 0) return list;
  // Kubernetes Services take exportTo from the networking.istio.io/exportTo annotation.
  const annotation = annotations['networking.istio.io/exportTo'];
  return annotation === undefined
    ? []
    : annotation
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

export function meshServices(set: ConfigSet, domain = 'cluster.local'): MeshService[] {
  const out: MeshService[] = [];
  for (const object of set.objects) {
    if (object.kind === 'Service') {
      const ns = namespaceOf(object);
      const spec = object.spec;
      const ports: ServicePort[] = asArray(spec.ports).flatMap((p) => {
        const port = asObject(p);
        const number = asNumber(port?.port);
        if (port === undefined || number === undefined) return [];
        const name = asString(port.name) ?? '';
        const tp = port.targetPort;
        return [
          {
            number,
            name,
            protocol: servicePortProtocol(number, name, asString(port.protocol), asString(port.appProtocol)),
            targetPort: typeof tp === 'number' || typeof tp === 'string' ? tp : number,
          },
        ];
      });
      out.push({
        hostname: `${object.metadata.name}.${ns}.svc.${domain}`,
        namespace: ns,
        ports,
        selector: asString(spec.type) === 'ExternalName' ? undefined : stringRecord(spec.selector),
        exportTo: exportToOf(spec, object.metadata.annotations),
        object,
      });
    } else if (object.kind === 'ServiceEntry') {
      const ns = namespaceOf(object);
      const spec = object.spec;
      const ports: ServicePort[] = asArray(spec.ports).flatMap((p) => {
        const port = asObject(p);
        const number = asNumber(port?.number);
        if (port === undefined || number === undefined) return [];
        const tp = asNumber(port.targetPort);
        return [{ number, name: asString(port.name) ?? '', protocol: parseProtocol(asString(port.protocol) ?? ''), targetPort: tp }];
      });
      const selector = stringRecord(asObject(spec.workloadSelector)?.labels);
      for (const h of asArray(spec.hosts)) {
        if (typeof h !== 'string') continue;
        out.push({ hostname: resolveShortName(h, ns, domain), namespace: ns, ports, selector, exportTo: exportToOf(spec, {}), object });
      }
    }
  }
  return out;
}

/** Whether `labels` satisfies a matchLabels-style selector (every key equal). An empty selector matches everything. */
export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** The pods in `namespace` whose labels satisfy `selector`. */
export function podsSelected(set: ConfigSet, namespace: string, selector: Record<string, string>): ConfigObject[] {
  return set.objects.filter((o) => o.kind === 'Pod' && namespaceOf(o) === namespace && labelsMatch(selector, o.metadata.labels));
}

/**
 * exportTo visibility (pilot/pkg/model/push_context.go, the `exportTo` sets): empty means every
 * namespace (Istio's default `defaultVirtualServiceExportTo`/… is `*`); `*` every namespace; `.`
 * the object's own; `~` none; other values are namespace names.
 */
export function visibleFrom(exportTo: readonly string[], objectNamespace: string, fromNamespace: string): boolean {
  if (exportTo.length === 0) return true;
  for (const e of exportTo) {
    if (e === '*') return true;
    if (e === '.' && fromNamespace === objectNamespace) return true;
    if (e === fromNamespace) return true;
  }
  return false;
}
