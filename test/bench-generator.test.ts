import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { clustersStatus } from '../scripts/bench/dump/clusters-status.ts';
import { configDump, generateConfigDump } from '../scripts/bench/dump/dump.ts';
import { planMesh } from '../scripts/bench/dump/plan.ts';
import { materialize } from '../scripts/bench/dump/stream.ts';
import { writeJsonFile } from '../scripts/bench/dump/write.ts';
import { parseClusterName } from '../src/core/envoy/cluster-name.ts';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';

/** Plain-JSON access, independent of meshscope's loader: the generator is checked on its own. */
const obj = (value: Json | undefined): JsonObject => (value ?? {}) as JsonObject;
const arr = (value: Json | undefined): JsonObject[] => (value ?? []) as JsonObject[];

function section(dump: JsonObject, type: string): JsonObject {
  const found = arr(dump.configs).find((c) => c['@type'] === `type.googleapis.com/envoy.admin.v3.${type}`);
  assert.ok(found, `section ${type}`);
  return found;
}

function allClusters(dump: JsonObject): JsonObject[] {
  const s = section(dump, 'ClustersConfigDump');
  return [...arr(s.static_clusters), ...arr(s.dynamic_active_clusters)].map((w) => obj(w.cluster));
}

function routeConfigs(dump: JsonObject): JsonObject[] {
  const s = section(dump, 'RoutesConfigDump');
  return [...arr(s.static_route_configs), ...arr(s.dynamic_route_configs)].map((w) => obj(w.route_config));
}

function routeDestinations(route: JsonObject): string[] {
  const action = obj(route.route);
  if (typeof action.cluster === 'string') return [action.cluster];
  return arr(obj(action.weighted_clusters).clusters).map((c) => c.name as string);
}

function* networkFilters(dump: JsonObject): Generator<JsonObject> {
  const s = section(dump, 'ListenersConfigDump');
  const listeners = [...arr(s.static_listeners).map((w) => obj(w.listener)), ...arr(s.dynamic_listeners).map((w) => obj(obj(w.active_state).listener))];
  for (const listener of listeners) {
    const chains = [...arr(listener.filter_chains), ...(listener.default_filter_chain ? [obj(listener.default_filter_chain)] : [])];
    for (const chain of chains) yield* arr(chain.filters);
  }
}

const dump = generateConfigDump({ services: 20, seed: 42 });

describe('the benchmark dump generator', () => {
  it('writes the sections of a /config_dump?include_eds=true in Envoy order', () => {
    const types = arr(dump.configs).map((c) => String(c['@type']).split('.').pop());
    assert.deepEqual(types, [
      'BootstrapConfigDump',
      'ClustersConfigDump',
      'EndpointsConfigDump',
      'ListenersConfigDump',
      'ScopedRoutesConfigDump',
      'RoutesConfigDump',
      'SecretsConfigDump',
    ]);
  });

  it('gives every RDS name used by a listener a route config of that name', () => {
    const names = new Set(routeConfigs(dump).map((r) => r.name));
    const rds = [...networkFilters(dump)].map((f) => obj(obj(f.typed_config).rds).route_config_name).filter((n) => n !== undefined);
    assert.ok(rds.length >= 1);
    for (const name of rds) assert.ok(names.has(name as string), `route config ${String(name)}`);
    assert.ok(names.has('8080'));
  });

  it('has a cluster for every route destination and every tcp_proxy', () => {
    const clusters = new Set(allClusters(dump).map((c) => c.name));
    let destinations = 0;
    for (const config of routeConfigs(dump)) {
      for (const vhost of arr(config.virtual_hosts)) {
        for (const route of arr(vhost.routes)) {
          for (const cluster of routeDestinations(route)) {
            destinations++;
            assert.ok(clusters.has(cluster), `cluster ${cluster}`);
          }
        }
      }
    }
    assert.ok(destinations > 40);
    for (const filter of networkFilters(dump)) {
      const cluster = obj(filter.typed_config).cluster;
      if (cluster !== undefined) assert.ok(clusters.has(cluster), `tcp_proxy cluster ${String(cluster)}`);
    }
  });

  it('has an EDS ClusterLoadAssignment for every EDS cluster, with workload metadata and localities', () => {
    const assignments = new Map(
      arr(section(dump, 'EndpointsConfigDump').dynamic_endpoint_configs).map((w) => [obj(w.endpoint_config).cluster_name, obj(w.endpoint_config)]),
    );
    const eds = allClusters(dump).filter((c) => c.type === 'EDS');
    assert.ok(eds.length >= 20 * 3);
    for (const cluster of eds) {
      const serviceName = obj(cluster.eds_cluster_config).service_name as string;
      const cla = assignments.get(serviceName);
      assert.ok(cla, `EDS for ${serviceName}`);
      const lbEndpoints = arr(cla.endpoints).flatMap((l) => {
        assert.ok(obj(l.locality).region && obj(l.locality).zone);
        return arr(l.lb_endpoints);
      });
      const name = parseClusterName(serviceName)!;
      if (name.subset === '') assert.ok(lbEndpoints.length >= 2 && lbEndpoints.length <= 4, `${lbEndpoints.length} endpoints`);
      for (const lb of lbEndpoints) {
        const workload = String(obj(obj(obj(lb.metadata).filter_metadata).istio).workload).split(';');
        assert.equal(workload.length, 5);
        if (name.subset) assert.equal(workload[3], name.subset);
      }
    }
  });

  it('labels subset clusters and routes with their DestinationRule and VirtualService', () => {
    for (const cluster of allClusters(dump).filter((c) => c.type === 'EDS')) {
      const istio = obj(obj(obj(cluster.metadata).filter_metadata).istio);
      const name = parseClusterName(cluster.name as string)!;
      assert.equal(istio.subset ?? '', name.subset);
      assert.match(String(istio.config), /^\/apis\/networking\.istio\.io\/v1\/namespaces\/ns-\d+\/destination-rule\/svc-\d+$/);
    }
    const routes = arr(obj(routeConfigs(dump).find((r) => r.name === '8080')).virtual_hosts).flatMap((v) => arr(v.routes));
    assert.ok(routes.some((r) => /virtual-service\/svc-\d+$/.test(String(obj(obj(obj(r.metadata).filter_metadata).istio).config))));
    assert.ok(routes.some((r) => obj(r.match).safe_regex !== undefined));
    assert.ok(routes.some((r) => arr(obj(r.match).headers).length > 0));
    assert.ok(
      routes.some(
        (r) =>
          arr(obj(obj(r.route).weighted_clusters).clusters)
            .map((c) => c.weight)
            .join('/') === '90/10',
      ),
    );
  });

  it('lists Istio domains for each service: FQDN, short names and VIP, with and without the port', () => {
    const plan = planMesh({ services: 20, seed: 42 });
    const service = plan.services[0]!;
    const vhost = arr(obj(routeConfigs(dump).find((r) => r.name === '8080')).virtual_hosts).find((v) => v.name === `${service.host}:8080`)!;
    const domains = vhost.domains as string[];
    for (const domain of [service.host, `${service.host}:8080`, `${service.name}.${service.namespace}`, service.vip, `${service.vip}:8080`]) {
      assert.ok(domains.includes(domain), domain);
    }
  });

  it('is deterministic for a seed and different for another', () => {
    assert.deepEqual(generateConfigDump({ services: 20, seed: 42 }), dump);
    assert.notDeepEqual(generateConfigDump({ services: 20, seed: 43 }), dump);
  });

  it('streams to disk the same document it builds in memory, pretty or compact', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-bench-'));
    try {
      const plan = planMesh({ services: 20, seed: 42 });
      for (const indent of [1, 0]) {
        const file = path.join(dir, `dump-${indent}.json`);
        const bytes = writeJsonFile(file, configDump(plan), indent);
        const text = readFileSync(file, 'utf8');
        assert.equal(bytes, Buffer.byteLength(text));
        assert.equal(text.startsWith(indent ? '{\n "configs": [\n  {\n   "@type"' : '{"configs":[{"@type"'), true);
        assert.deepEqual(JSON.parse(text), dump);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('mirrors the same endpoints as /clusters?format=json', () => {
    const plan = planMesh({ services: 20, seed: 42 });
    const status = obj(materialize(clustersStatus(plan)));
    const assignments = new Map(
      arr(section(dump, 'EndpointsConfigDump').dynamic_endpoint_configs).map((w) => [obj(w.endpoint_config).cluster_name, obj(w.endpoint_config)]),
    );
    const statuses = arr(status.cluster_statuses);
    assert.equal(statuses.length, assignments.size);
    for (const cluster of statuses) {
      const cla = assignments.get(cluster.name)!;
      const address = (a: Json | undefined) => {
        const s = obj(obj(a).socket_address);
        return `${String(s.address)}:${String(s.port_value)}`;
      };
      const expected = arr(cla.endpoints).flatMap((l) => arr(l.lb_endpoints).map((lb) => address(obj(lb.endpoint).address)));
      assert.deepEqual(
        arr(cluster.host_statuses)
          .map((h) => address(h.address))
          .sort(),
        expected.sort(),
      );
    }
  });
});
