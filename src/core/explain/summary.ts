import { describeGatewayApiOrigin } from '../envoy/gateway-api-origin.ts';
import { percent } from '../text/percent.ts';
import type { ExplainResult } from './result.ts';

function via(r: ExplainResult): string {
  if (!r.route) return '';
  const name = r.route.name ? ` "${r.route.name}"` : '';
  const origin = r.origin ? `, from ${describeGatewayApiOrigin(r.origin)}` : '';
  return ` via route #${r.route.index}${name}${r.virtualService ? ` of VirtualService ${r.virtualService}` : ''}${origin}`;
}

/** One sentence: the decision and why, the first line a person reads. */
export function summarize(r: ExplainResult): string {
  const failed = r.steps.find((s) => s.deciding);
  switch (r.outcome) {
    case 'no_listener': {
      // The outcome names the stage that ended the connection: no listener, no filter chain, or TLS.
      const where =
        failed?.stage === 'filter_chain'
          ? 'no filter chain takes the connection'
          : failed?.stage === 'tls'
            ? 'the TLS handshake fails'
            : 'no listener takes the connection';
      return `${where}: ${failed?.reason ?? r.steps.at(-1)?.reason ?? 'unknown'}`;
    }
    case 'no_virtual_host':
      return `404 NR: no virtual host matches Host "${r.request.authority}"${r.routeConfig ? ` in route config ${r.routeConfig}` : ''}`;
    case 'no_route':
      return r.virtualHost
        ? `404 NR: no route in virtual host ${r.virtualHost} matches (${r.notTaken.length} tried)`
        : `404 NR: ${failed?.reason ?? 'no route config'}`;
    case 'redirect':
      return `${r.redirect?.status} redirect to ${r.redirect?.location}${via(r)}`;
    case 'direct_response':
      return `Envoy answers ${r.directResponse?.status} itself${via(r)}`;
    case 'denied':
      return `${r.status}${r.responseFlag ? ` ${r.responseFlag}` : ''} ${r.authorization?.reason ?? failed?.reason ?? 'denied'}`;
    case 'unknown_cluster':
      return `${r.status} NC: ${r.cluster ? `cluster ${r.cluster}` : 'the cluster named by the request header'} is not in CDS${via(r)}`;
    case 'route': {
      if (!r.cluster && r.destinations.length > 1) {
        const split = r.destinations.map((d) => `${d.subset ?? d.cluster} ${percent(d.probability)}`).join(' / ');
        return `split ${split}${via(r)}`;
      }
      if (!r.cluster) return `routed${via(r)}, but to no cluster`;
      const target = r.subset ? `subset ${r.subset} (${r.cluster})` : r.cluster;
      if (r.responseFlag === 'UH') return `503 UH: ${target} has no healthy upstream${via(r)}`;
      return `goes to ${target}${via(r)}`;
    }
  }
}
