import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseClusterName } from '../src/core/envoy/cluster-name.ts';
import { filterChainsOf } from '../src/core/envoy/listener-chains.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { conformance, haveConformance, jsonFiles, needsConformance } from './helpers/paths.ts';

/**
 * Protocol-sniffed and TCP service ports on real sidecars. For such a port Istio builds a listener
 * on the service's VIP, `<VIP>_<port>` (pilot/pkg/networking/core/listener.go,
 * buildSidecarOutboundListener with a service-specific bind), whose HTTP chain reads RDS
 * `<fqdn>:<port>` (getVirtualHostsForSniffedServicePort in httproute.go) and whose TCP chain
 * proxies to `outbound|<port>||<fqdn>`. An application that connects by the service's name gets
 * the VIP from DNS, so explaining by hostname must take the same listener, and reach the same
 * cluster, as explaining with that VIP given explicitly (`--ip`, what Envoy sees).
 */

interface VipCase {
  listener: string;
  vip: string;
  port: number;
  host: string;
}

/** The per-VIP listeners of a dump and the service host each one's chains name, read from the chains (not from meshscope's resolver). */
function vipCases(config: ProxyConfig): VipCase[] {
  const out: VipCase[] = [];
  for (const listener of config.listeners) {
    const a = listener.address;
    if (!a || !/^\d+\.\d+\.\d+\.\d+$/.test(a.address) || a.address === '0.0.0.0' || listener.trafficDirection === 'INBOUND') continue;
    const hosts = new Set<string>();
    for (const chain of filterChainsOf(listener)) {
      for (const f of chain.filters) {
        if (f.kind === 'http_connection_manager' && f.rdsRouteConfigName) {
          const m = /^(.+):(\d+)$/.exec(f.rdsRouteConfigName);
          if (m && Number(m[2]) === a.port) hosts.add(m[1]!);
        }
        if (f.kind === 'tcp_proxy' && f.cluster) {
          const name = parseClusterName(f.cluster);
          if (name?.direction === 'outbound' && name.port === a.port) hosts.add(name.host);
        }
      }
    }
    if (hosts.size === 1) out.push({ listener: listener.name, vip: a.address, port: a.port, host: [...hosts][0]! });
  }
  return out;
}

const dirs = [conformance('istio-real'), conformance('istioctl-configdump')];

/** Every dump of the corpus meshscope reads (refused inputs are checked by the old-dump tests). */
async function* readableDumps(): AsyncGenerator<{ file: string; config: ProxyConfig }> {
  for (const file of dirs.flatMap(jsonFiles)) {
    try {
      yield { file, config: await readProxyConfig({ dump: file }) };
    } catch {
      // refused
    }
  }
}

describe('per-VIP listeners of real dumps: by hostname as by VIP', { skip: needsConformance }, () => {
  it('takes the VIP listener and reaches the same cluster by name as with the VIP given', async () => {
    if (!haveConformance) return;
    let cases = 0;
    let routed = 0;
    let dumpsWithVips = 0;
    for await (const { file, config } of readableDumps()) {
      const found = vipCases(config);
      if (found.length > 0) dumpsWithVips++;
      for (const c of found) {
        cases++;
        const where = `${path.basename(file)} ${c.listener} (${c.host})`;
        const byName = explain(config, parseRequest(`GET http://${c.host}:${c.port}/`, []));
        const byVip = explain(config, parseRequest(`GET http://${c.host}:${c.port}/`, [], { ip: c.vip }));
        assert.equal(byName.listener, c.listener, `${where}: by name the trace took ${byName.listener}`);
        assert.equal(byName.connection?.destinationIp, c.vip, `${where}: destination address`);
        assert.equal(byName.outcome, byVip.outcome, where);
        assert.deepEqual(
          byName.destinations.map((d) => d.cluster),
          byVip.destinations.map((d) => d.cluster),
          where,
        );
        if (byName.destinations.length > 0) routed++;
      }
    }
    // Four readable captures hold such listeners, 54 of them: u01 (OpenShift Service Mesh 1.20), u04,
    // u05 (Istio 1.9), u07 (Istio 1.22). (The istioctl 1.6 describe dumps h06/h09 have 57 more, but
    // hold Envoy v2 resources and are refused whole.)
    assert.ok(dumpsWithVips >= 4, `dumps with per-VIP listeners: ${dumpsWithVips}`);
    assert.ok(cases >= 50, `per-VIP listeners checked: ${cases}`);
    assert.ok(routed >= cases / 2, `${routed} of ${cases} reached a cluster`);
  });

  it('reaches outbound|<port>||<host> by hostname on a sniffed port no VirtualService routes', async () => {
    if (!haveConformance) return;
    let checked = 0;
    for await (const { file, config } of readableDumps()) {
      for (const c of vipCases(config)) {
        const r = explain(config, parseRequest(`GET http://${c.host}:${c.port}/`, []));
        if (r.outcome !== 'route' || r.virtualService !== null) continue;
        checked++;
        assert.deepEqual(
          r.destinations.map((d) => d.cluster),
          [`outbound|${c.port}||${c.host}`],
          `${path.basename(file)} ${c.listener}`,
        );
      }
    }
    assert.ok(checked >= 10, `checked ${checked}`);
  });
});
