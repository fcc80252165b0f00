import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { explain } from '../src/core/explain/explain.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { productpageConfig } from './helpers/bookinfo-config.ts';
import { runCli } from './helpers/cli.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

const DETAILS_V2 = 'outbound|9080|v2|details.bookinfo.svc.cluster.local';

describe('findings know clusters routes only mirror to (Envoy ShadowWriter: fire and forget)', () => {
  it('reports the mirror-only details v2 with no endpoints as lost copies (MS108 warning), not as 503 UH to clients (MS103)', async () => {
    const findings = findingsFor(await productpageConfig());
    const about = findings.filter((f) => f.objects.includes(DETAILS_V2));
    assert.deepEqual(
      about.map((f) => `${f.code} ${f.severity}`),
      ['MS108 warning'],
    );
    assert.match(about[0]!.message, /only mirrors to, has no endpoints: the mirrored copies are lost \(clients are not affected/);
    assert.doesNotMatch(about[0]!.message, /503/);
  });

  it('still reports MS103 when a route also sends to that cluster', async () => {
    const config = await productpageConfig({
      'details-retries': (r) => {
        r.route.cluster = DETAILS_V2;
      },
    });
    const about = findingsFor(config).filter((f) => f.objects.includes(DETAILS_V2));
    assert.deepEqual(
      about.map((f) => f.code),
      ['MS103'],
    );
  });
});

describe("MS106/MS107 leave Istio's routes without a VirtualService alone", () => {
  it('are silent on a real 1.22 sidecar whose routes are all istiod defaults (`default` with retries and 0s, `allow_any`)', {
    skip: needsConformance,
  }, async () => {
    const file = conformance('istio-real', 'u07-mplb-1.22.3-app1-sidecar.json');
    const json = JSON.parse((await runCli(['routes', '--file', file, '-o', 'json'])).stdout) as { virtualHosts?: { routes?: { name?: string }[] }[] }[];
    const names = new Set(json.flatMap((rc) => (rc.virtualHosts ?? []).flatMap((vh) => (vh.routes ?? []).map((r) => r.name))));
    assert.ok(names.has('default') && names.has('allow_any'), 'the dump has both kinds of default route');
    const r = await runCli(['findings', '--file', file, '-o', 'json']);
    const codes = (JSON.parse(r.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
    assert.ok(!codes.includes('MS106') && !codes.includes('MS107'), codes.join(' '));
  });

  it('are silent on inbound route configs (`inbound|http|8080`, istiod BuildDefaultHTTPInboundRoute: timeout 0s)', { skip: needsConformance }, async () => {
    const file = conformance('istio-real', 'u04-alizard0-pod_config_dump.json');
    const r = await runCli(['findings', '--file', file, '-o', 'json']);
    const findings = (JSON.parse(r.stdout) as { findings: { code: string; objects: string[] }[] }).findings;
    assert.deepEqual(
      findings.filter((f) => f.objects.some((o) => o.startsWith('route inbound|'))),
      [],
    );
  });

  it('say what to set in Envoy terms on a route no VirtualService produced', () => {
    const config = loadProxyConfig(
      [
        {
          name: 'envoy.json',
          data: {
            configs: [
              {
                '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
                static_route_configs: [
                  {
                    route_config: {
                      name: 'local',
                      virtual_hosts: [
                        { name: 'app', domains: ['*'], routes: [{ name: 'all', match: { prefix: '/' }, route: { cluster: 'app', timeout: '0s' } }] },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        },
      ],
      'envoy.json',
    );
    const ms107 = findingsFor(config).filter((f) => f.code === 'MS107');
    assert.equal(ms107.length, 1);
    assert.match(ms107[0]!.hint, /set timeout on the route \(no VirtualService produced it\)/);
  });
});

describe('MS107 is on the trace of every route it counts', () => {
  it('shows on the jason route (#0) and on the canary route (#2) of the same virtual host', async () => {
    const config = await productpageConfig();
    for (const headers of [['end-user: jason'], []]) {
      const r = explain(config, parseRequest('GET http://reviews:9080/reviews/1', headers));
      assert.ok(
        r.findings.some((f) => f.code === 'MS107'),
        `route #${r.route?.index}: ${r.findings.map((f) => f.code)}`,
      );
    }
  });
});
