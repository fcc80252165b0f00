import { asArray, asObject, asString, type Json } from '../envoy/json.ts';

/** Istio versions as `istioctl version -o json` reports them. */
export interface IstioVersions {
  /** istioctl's own version. */
  client?: string;
  /** Control plane components (istiod per revision): `{component, revision, version}`. */
  controlPlane: { component: string; revision?: string; version?: string }[];
  /** Proxies by `pod.namespace` id with their Istio version and type (sidecar, gateway…). */
  dataPlane: { id: string; version?: string; type?: string }[];
}

/**
 * Reads `istioctl version -o json`: `{clientVersion: BuildInfo, meshVersion: [{Component,
 * Revision, Info: BuildInfo}], dataPlaneVersion: [{ID, IstioVersion, Type}]}` where BuildInfo is
 * `{version, revision, golang_version, status, tag}`. Missing parts (no cluster) are left empty.
 */
export function parseIstioVersions(doc: Json): IstioVersions {
  const o = asObject(doc);
  return {
    client: asString(asObject(o?.clientVersion)?.version),
    controlPlane: asArray(o?.meshVersion).flatMap((item) => {
      const m = asObject(item);
      const component = asString(m?.Component);
      return component === undefined ? [] : [{ component, revision: asString(m?.Revision), version: asString(asObject(m?.Info)?.version) }];
    }),
    dataPlane: asArray(o?.dataPlaneVersion).flatMap((item) => {
      const p = asObject(item);
      const id = asString(p?.ID);
      return id === undefined ? [] : [{ id, version: asString(p?.IstioVersion), type: asString(p?.Type) }];
    }),
  };
}
