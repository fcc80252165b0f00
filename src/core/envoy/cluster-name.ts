/**
 * Istio's cluster names: `outbound|9080|v2|reviews.bookinfo.svc.cluster.local`
 * (direction|port|subset|host) and the SNI/SRV form `outbound_.9080_.v2_.reviews.bookinfo.svc.cluster.local`
 * used for TLS SNI and by the ingress gateway's AUTO_PASSTHROUGH.
 */
export interface ClusterName {
  direction: string;
  port: number;
  subset: string;
  host: string;
  form: 'pipe' | 'sni';
}

export function parseClusterName(name: string): ClusterName | undefined {
  const pipe = name.split('|');
  if (pipe.length >= 4) {
    const port = Number(pipe[1]);
    return { direction: pipe[0]!, port: Number.isInteger(port) ? port : 0, subset: pipe[2]!, host: pipe.slice(3).join('|'), form: 'pipe' };
  }
  const sni = /^(outbound|inbound)_\.(\d+)_\.([^_]*)_\.(.+)$/.exec(name);
  if (sni) return { direction: sni[1]!, port: Number(sni[2]), subset: sni[3]!, host: sni[4]!, form: 'sni' };
  return undefined;
}

/** Builds the pipe form, as Istio does for a destination with an optional subset. */
export function formatClusterName(direction: string, port: number, subset: string, host: string): string {
  return `${direction}|${port}|${subset}|${host}`;
}
