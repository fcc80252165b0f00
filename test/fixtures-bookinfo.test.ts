import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { fixture } from './helpers/paths.ts';

// Plain JSON reads on purpose: these checks hold the bookinfo demo data together, independent of the loader.

// biome-ignore lint/suspicious/noExplicitAny: the checks walk raw fixture JSON by known paths
type J = Record<string, any>;
const read = (...p: string[]) => readFileSync(fixture('bookinfo', ...p), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: as above
const json = (...p: string[]): any => JSON.parse(read(...p));

/** `istioctl proxy-status -o json` prints one JSON document per istiod, back to back. */
function concatenated(text: string): J[] {
  const docs: J[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) docs.push(JSON.parse(text.slice(start, i + 1)));
  }
  return docs;
}

function section(dump: J, suffix: string): J {
  const found = dump.configs.find((c: J) => String(c['@type']).endsWith(`.${suffix}`));
  assert.ok(found, `config dump has a ${suffix}`);
  return found;
}

const PROXIES = ['productpage', 'ingressgateway'] as const;

function proxy(dir: (typeof PROXIES)[number]) {
  const dump = json(dir, 'config_dump.json');
  const clusters: J[] = [
    ...section(dump, 'ClustersConfigDump').static_clusters.map((c: J) => c.cluster),
    ...section(dump, 'ClustersConfigDump').dynamic_active_clusters.map((c: J) => c.cluster),
  ];
  const listeners: J[] = section(dump, 'ListenersConfigDump').dynamic_listeners.map((l: J) => l.active_state.listener);
  const routeConfigs: J[] = section(dump, 'RoutesConfigDump').dynamic_route_configs.map((r: J) => r.route_config);
  const eds: J[] = section(dump, 'EndpointsConfigDump').dynamic_endpoint_configs.map((e: J) => e.endpoint_config);
  const statuses: J[] = json(dir, 'endpoints.json');
  const routes: J[] = routeConfigs.flatMap((rc) => rc.virtual_hosts.flatMap((vh: J) => vh.routes));
  return { dump, clusters, listeners, routeConfigs, eds, statuses, routes };
}

function rdsNames(listeners: J[]): string[] {
  const names: string[] = [];
  for (const l of listeners) {
    for (const fc of [...(l.filter_chains ?? []), ...(l.default_filter_chain ? [l.default_filter_chain] : [])]) {
      for (const f of fc.filters) if (f.typed_config?.rds) names.push(f.typed_config.rds.route_config_name);
    }
  }
  return names;
}

function routeClusters(route: J): string[] {
  const action = route.route ?? {};
  const out: string[] = [];
  if (action.cluster) out.push(action.cluster);
  for (const w of action.weighted_clusters?.clusters ?? []) out.push(w.name);
  for (const m of action.request_mirror_policies ?? []) out.push(m.cluster);
  return out;
}

const istioResources: J[] = readdirSync(fixture('bookinfo', 'istio'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(read('istio', f)).map((d) => d.toJS()));
const resourcePath = (r: J) =>
  `/apis/${r.apiVersion}/namespaces/${r.metadata.namespace}/${r.kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}/${r.metadata.name}`;

describe('bookinfo fixture consistency', () => {
  for (const dir of PROXIES) {
    describe(dir, () => {
      const p = proxy(dir);
      const clusterNames = new Set(p.clusters.map((c) => c.name));

      it('has a route config for every RDS name its listeners use', () => {
        const names = rdsNames(p.listeners);
        assert.ok(names.length > 0);
        const have = new Set(p.routeConfigs.map((rc) => rc.name));
        for (const n of names) assert.ok(have.has(n), `RDS ${n} missing`);
      });

      it('has a CDS cluster for every cluster a route, split or mirror names', () => {
        for (const r of p.routes) for (const c of routeClusters(r)) assert.ok(clusterNames.has(c), `route ${r.name ?? ''} → unknown cluster ${c}`);
      });

      it('agrees on endpoints between EDS and /clusters', () => {
        const hostsOf = (name: string) =>
          (p.statuses.find((s) => s.name === name)?.hostStatuses ?? [])
            .map((h: J) => `${h.address.socketAddress.address}:${h.address.socketAddress.portValue}`)
            .sort();
        for (const cla of p.eds.filter((e) => e.cluster_name.startsWith('outbound|'))) {
          const edsHosts = (cla.endpoints ?? [])
            .flatMap((g: J) => g.lb_endpoints)
            .map((l: J) => `${l.endpoint.address.socket_address.address}:${l.endpoint.address.socket_address.port_value}`)
            .sort();
          assert.deepEqual(hostsOf(cla.cluster_name), edsHosts, cla.cluster_name);
        }
        for (const s of p.statuses) assert.ok(clusterNames.has(s.name), `/clusters lists unknown cluster ${s.name}`);
      });

      it('gives every EDS cluster a load assignment named after it', () => {
        const claNames = new Set(p.eds.map((e) => e.cluster_name));
        for (const c of p.clusters.filter((c) => c.type === 'EDS')) {
          assert.equal(c.eds_cluster_config.service_name, c.name);
          assert.ok(claNames.has(c.name), `no ClusterLoadAssignment for ${c.name}`);
        }
      });

      it('traces route and cluster metadata back to resources in istio/', () => {
        const paths = new Set(istioResources.map(resourcePath));
        const configs = [
          ...p.routes.map((r) => r.metadata?.filter_metadata?.istio?.config),
          ...p.clusters.map((c) => c.metadata?.filter_metadata?.istio?.config),
        ].filter(Boolean);
        assert.ok(configs.length > 0);
        for (const c of configs) assert.ok(paths.has(c), `${c} is not in fixtures/bookinfo/istio`);
      });

      it('builds one subset cluster per DestinationRule subset', () => {
        for (const dr of istioResources.filter((r) => r.kind === 'DestinationRule')) {
          for (const s of dr.spec.subsets) {
            const name = `outbound|9080|${s.name}|${dr.spec.host}.bookinfo.svc.cluster.local`;
            assert.ok(clusterNames.has(name), `missing ${name}`);
          }
        }
      });
    });
  }

  it('routes every ingress path to productpage', () => {
    const { routeConfigs } = proxy('ingressgateway');
    const gw = routeConfigs.find((rc) => rc.name === 'http.8080');
    assert.ok(gw);
    const routes = gw.virtual_hosts.flatMap((vh: J) => vh.routes);
    assert.equal(routes.length, 5);
    for (const r of routes) assert.equal(r.route.cluster, 'outbound|9080||productpage.bookinfo.svc.cluster.local');
    assert.deepEqual(
      gw.virtual_hosts.map((vh: J) => vh.domains),
      [['bookinfo.example.com']],
    );
  });

  it('shows exactly one ejected endpoint, in a cluster with outlier detection', () => {
    const p = proxy('productpage');
    const ejected = p.statuses.flatMap((s) => s.hostStatuses.filter((h: J) => h.healthStatus.failedOutlierCheck).map((h: J) => ({ s, h })));
    assert.equal(ejected.length, 1);
    const { s, h } = ejected[0]!;
    assert.equal(s.name, 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local');
    assert.equal(h.address.socketAddress.address, '10.244.1.10');
    assert.ok(p.clusters.find((c) => c.name === s.name)?.outlier_detection);
    assert.match(read('README.md'), /10\.244\.1\.10/);
  });

  it('leaves the mirror target subset empty, as analyze reports', () => {
    const p = proxy('productpage');
    const cla = p.eds.find((e) => e.cluster_name === 'outbound|9080|v2|details.bookinfo.svc.cluster.local');
    assert.ok(cla);
    assert.equal(cla.endpoints, undefined);
    assert.ok(!p.statuses.some((s) => s.name === cla.cluster_name), 'a cluster without hosts is not in /clusters output');
    const analyze: J[] = json('analyze.json');
    assert.ok(analyze.some((m) => m.code === 'IST0173' && m.origin === 'DestinationRule bookinfo/details'));
    for (const m of analyze) assert.deepEqual(Object.keys(m), ['code', 'documentationUrl', 'level', 'message', 'origin']);
  });

  it('lists every captured proxy in proxy-status with the identity of their bootstrap', () => {
    const docs = concatenated(read('proxy-status.json'));
    assert.equal(docs.length, 2, 'one document per istiod');
    const nodes = docs.flatMap((d) => d.resources.map((r: J) => r.node));
    for (const dir of [...PROXIES, 'waypoint']) {
      const boot = section(json(dir, 'config_dump.json'), 'BootstrapConfigDump').bootstrap.node;
      const seen = nodes.find((n) => n.id === boot.id);
      assert.ok(seen, `${boot.id} missing from proxy-status`);
      assert.equal(seen.metadata.ISTIO_VERSION, boot.metadata.ISTIO_VERSION);
    }
    for (const d of docs) {
      const cp = JSON.parse(d.controlPlane.identifier);
      assert.equal(cp.Component, 'istiod');
      assert.equal(cp.Info.version, '1.24.2');
    }
  });
});
