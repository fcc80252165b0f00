/**
 * A problem in a proxy's configuration that explains (or will cause) a failed or surprising
 * request. Codes are stable: scripts and incident notes refer to them.
 */
export interface Finding {
  /** `MS101`…: stable across releases. */
  code: string;
  /** Short stable name, e.g. `RouteShadowed`. */
  name: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The objects involved: route config / vhost / route, cluster names. */
  objects: string[];
  /** What to change, in Istio terms. */
  hint: string;
}

/** The catalogue: code → name and severity. */
export const FINDINGS = {
  RouteShadowed: { code: 'MS101', severity: 'warning' },
  MissingCluster: { code: 'MS102', severity: 'error' },
  NoEndpoints: { code: 'MS103', severity: 'error' },
  AllEndpointsUnavailable: { code: 'MS104', severity: 'error' },
  UnintendedWeights: { code: 'MS105', severity: 'warning' },
  RetriesWithoutPerTryTimeout: { code: 'MS106', severity: 'info' },
  NoTimeout: { code: 'MS107', severity: 'info' },
} as const;

export type FindingName = keyof typeof FINDINGS;

export function finding(name: FindingName, message: string, objects: string[], hint: string): Finding {
  const { code, severity } = FINDINGS[name];
  return { code, name, severity, message, objects, hint };
}
