import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { filterChainsOf } from '../src/core/envoy/listener-chains.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { conformance, fixture, haveConformance, jsonFiles } from './helpers/paths.ts';

/**
 * Every HTTPS server of every gateway dump meshscope reads — the real ones in ../shared (none of
 * the corpus's gateways has one: u02/u08 listen on 8080 only) and the demo's ingress gateway — is
 * reached by `https://<host>/`: Istio builds a chain per server whose server_names are the
 * server's hosts and whose DownstreamTlsContext terminates TLS (pilot/pkg/networking/core
 * gateway.go buildGatewayListeners, createGatewayHTTPFilterChainOpts). The request must take that
 * chain, pass the TLS stage, and reach the chain's route config.
 */
interface Server {
  listener: string;
  port: number;
  host: string;
  routeConfig: string | undefined;
}

function httpsServers(config: ProxyConfig): Server[] {
  if (config.node?.proxyType !== 'router') return [];
  const out: Server[] = [];
  for (const listener of config.listeners) {
    for (const chain of filterChainsOf(listener)) {
      if (!chain.tls || chain.match.serverNames.length === 0) continue;
      const hcm = chain.filters.find((f) => f.kind === 'http_connection_manager');
      if (!hcm) continue;
      const name = chain.match.serverNames[0]!;
      out.push({
        listener: listener.name,
        port: listener.address?.port ?? 0,
        host: name.startsWith('*.') ? `meshscope-test${name.slice(1)}` : name,
        routeConfig: hcm.kind === 'http_connection_manager' ? hcm.rdsRouteConfigName : undefined,
      });
    }
  }
  return out;
}

describe('HTTPS gateway servers are reached by https://<host>/', () => {
  it('takes the server chain, terminates TLS and reaches its route config, on every gateway dump', async () => {
    const files = [
      ...(haveConformance ? [...jsonFiles(conformance('istio-real')), ...jsonFiles(conformance('istioctl-configdump'))] : []),
      fixture('bookinfo', 'ingressgateway', 'config_dump.json'),
    ];
    let servers = 0;
    for (const file of files) {
      let config: ProxyConfig;
      try {
        config = await readProxyConfig({ dump: file });
      } catch {
        continue; // refused inputs: the old-dump tests
      }
      for (const s of httpsServers(config)) {
        servers++;
        // The gateway's listener port is the Service's targetPort; give the connection that port.
        const r = explain(config, parseRequest(`GET https://${s.host}:${s.port}/`, []));
        const where = `${path.basename(file)} ${s.listener} ${s.host}`;
        assert.equal(r.listener, s.listener, where);
        assert.equal(r.steps.find((st) => st.stage === 'tls')?.result, 'terminated', where);
        assert.equal(r.routeConfig, s.routeConfig, where);
        assert.notEqual(r.outcome, 'no_listener', where);
      }
    }
    assert.ok(servers >= 1, `HTTPS servers checked: ${servers}`);
  });
});
