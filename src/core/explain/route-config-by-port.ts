import type { RouteConfig } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { GATEWAY_TARGET_PORTS } from '../istio/gateway-ports.ts';
import type { HttpRequest } from '../router/request.ts';
import { selectVirtualHost } from '../router/virtual-host-select.ts';

/**
 * With route configs but no listeners (istioctl `pc routes -o json`), the route config Istio names
 * for the request's port (pilot/pkg/model/gateway.go `gatewayRDSRouteName`, httproute.go): a
 * sidecar's `<port>` or, for a port whose protocol Istio sniffs, `<fqdn>:<port>`; a gateway's
 * `http.<listener port>` (the targetPort: `http.8080` for port 80), or for HTTPS
 * `https.<port>.<port name>.<gateway>.<namespace>`. Static route configs (a gateway's `backend`
 * health and stats routes) never take a request.
 */
export function routeConfigByPort(config: ProxyConfig, request: HttpRequest): { routeConfig?: RouteConfig; reason: string } {
  // Static ones, and the unnamed ones an istioctl array lists among the others (Istio names every config it pushes).
  const dynamic = config.routeConfigs.filter((rc) => rc.name !== '' && config.routeConfigMeta.get(rc.name)?.state !== 'static');
  const byName = (name: string) => dynamic.find((rc) => rc.name === name);
  const port = request.port;
  const target = GATEWAY_TARGET_PORTS[port];
  const names = [`${request.host}:${port}`, String(port), `http.${port}`, ...(target === undefined ? [] : [`http.${target}`])];
  if (request.tls) names.unshift(...dynamic.filter((rc) => rc.name.startsWith(`https.${port}.`)).map((rc) => rc.name));
  const named = names.map(byName).filter((rc): rc is RouteConfig => rc !== undefined);
  // Several HTTPS servers on one port: the one whose virtual hosts take the host.
  const chosen = named.find((rc) => selectVirtualHost(rc, request).found) ?? named[0];
  if (chosen) return { routeConfig: chosen, reason: `using route config "${chosen.name}" (Istio's name for port ${port})` };
  if (dynamic.length === 1) return { routeConfig: dynamic[0]!, reason: `using the only route config, "${dynamic[0]!.name}"` };
  return { reason: `no route config is named for port ${port} (tried ${names.join(', ')})` };
}
