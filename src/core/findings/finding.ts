/** How bad a finding is; also the order findings are listed in. */
export type Severity = 'error' | 'warning' | 'info';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders by severity, most severe first (0 when equal). */
export function bySeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** A kind of finding an analyzer reports: stable code and name, severity, and the default fix. */
export interface FindingType {
  /** `MS101`…: stable across releases; scripts and incident notes refer to them. */
  code: string;
  /** Short stable name, e.g. `RouteShadowed`. */
  name: string;
  severity: Severity;
  /** What to change, in Istio terms (a finding may say more precisely). */
  hint: string;
}

/**
 * A problem in a proxy's configuration that explains (or will cause) a failed or surprising
 * request, reported by one analyzer (see analyzers/).
 */
export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  /** The objects involved: `route RC/VHOST/#N NAME`, cluster names. */
  objects: string[];
  /** What to change, in Istio terms. */
  hint: string;
}

/** A finding of `type`: its hint unless this case has a more precise one. */
export function finding(type: FindingType, message: string, objects: string[], hint = type.hint): Finding {
  return { code: type.code, name: type.name, severity: type.severity, message, objects, hint };
}
