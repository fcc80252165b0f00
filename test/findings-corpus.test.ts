import assert from 'node:assert/strict';

import path from 'node:path';
import { describe, it } from 'node:test';
import { routeConfigsOf } from '../src/core/envoy/listener-chains.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { InputError } from '../src/core/errors.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { usedClusters } from '../src/core/findings/used-clusters.ts';
import { effectiveRetryPolicy } from '../src/core/router/retry-conditions.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { corpusFiles } from './helpers/corpus-files.ts';
import { conformanceDir, needsConformance } from './helpers/paths.ts';

/**
 * MS109–MS115 over every dump of ../shared/conformance/istio-real and istioctl-configdump. What
 * each dump holds was read from the files themselves (a scan of their raw JSON, independent of
 * meshscope's model): every retry policy in them is istiod's default outbound one
 * (`connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`, 2 retries, no
 * per-try timeout, on routes with `timeout: 0s`); no route or virtual host carries a fault
 * (`envoy.filters.http.fault` appears only as an empty HTTP filter); no cluster has
 * `outlier_detection`; the subset clusters of u05 (details v1, v2) and u07 (app1–app3, 3 subsets
 * each) are used by no route but have exactly the service cluster's lb_policy, circuit breakers
 * and transport socket (SNI aside); u08's 9 subset clusters are all routed to; http_config.json's
 * one subset cluster has no service cluster beside it. So none of the new findings applies to any
 * of them: a false positive here is a bug. `retries` counts the routes with a retry policy,
 * `subsets` the `outbound|PORT|SUBSET|HOST` clusters, `unusedSubsets` those nothing routes to
 * (null when the dump cannot say: no listeners or routes section). Dumps meshscope refuses
 * (Envoy v2 API, istioctl 1.6 arrays, non-dumps; see old-dumps.test.ts) are listed as `refused`.
 */
type Facts = { codes: string[]; retries: number; subsets: number; unusedSubsets: number | null };
const none = (retries: number, subsets = 0, unusedSubsets: number | null = null): Facts => ({ codes: [], retries, subsets, unusedSubsets });

const EXPECTED: Record<string, Facts | 'refused'> = {
  'istio-real/h01-1.24-authz-configdump.yaml': none(0),
  'istio-real/h02-1.20-ecds-configdump.json': none(0),
  'istio-real/h03-1.20-secret-config_dump.json': none(0),
  'istio-real/h04-1.23-routes-k8s-gateway-path-prefix.json': none(1),
  'istio-real/h05-1.17-describe-http_config.json': none(5),
  'istio-real/h19-1.6-clusters.json': none(0),
  'istio-real/h20-1.1-clusters.json': none(0),
  'istio-real/i12-head-compare-configdump.json': none(0, 0, 0),
  'istio-real/i13-head-compare-configdump_diff.json': none(0, 0, 0),
  'istio-real/i14-head-authz-configdump.yaml': none(0),
  'istio-real/k01-kiali-offline-minimal.json': none(0),
  'istio-real/u01-ossm-1.20.8-hello-openshift-sidecar.json': none(12, 0, 0),
  'istio-real/u02-ossm-1.20.8-ingressgateway.json': none(1, 0, 0),
  'istio-real/u03-alizard0-config_dump.json': none(1, 0, 0),
  'istio-real/u04-alizard0-pod_config_dump.json': none(10, 0, 0),
  'istio-real/u05-scout-1.9.1-productpage.json': none(18, 2, 2),
  'istio-real/u07-mplb-1.22.3-app1-sidecar.json': none(31, 9, 9),
  'istio-real/u08-mplb-1.22.3-ingressgateway.json': none(12, 9, 0),
  'istioctl-configdump/istioctl/pkg/describe/testdata/describe/http_config.json': none(5, 1, 1),
  'istioctl-configdump/istioctl/pkg/describe/testdata/describe/tls_config.json': none(5),
  'istioctl-configdump/istioctl/pkg/proxyconfig/testdata/config_dump.json': none(0, 0, 0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/bootstrapdump.json': none(0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/configdump.json': none(0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/ecds/configdump.json': none(0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/ecds/output.json': none(0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/endpoint/configdump.json': none(0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/endpoint/emptyfilter_output.json': none(0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/endpoint/portfilter_output.json': none(0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/routes/empty-gateway/configdump.json': none(0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/routes/istio-gateway-http-route-prefix/configdump.json': none(1),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/routes/k8s-gateway-http-route-path-prefix/configdump.json': none(1),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/secret/istio/config_dump.json': none(0),
  'istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata/secret/spire/config_dump.json': none(0),
};
const REFUSED = [
  ...[6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31].map((n) => `h${String(n).padStart(2, '0')}`),
  ...['i15', 'i16', 'i17', 'i18', 'i19', 'i20', 'i21', 'k02', 'k03', 'k04', 'k05', 'u06'],
];
const REFUSED_ISTIOCTL = ['describe-cases.yaml', 'ecds/output.yaml', 'endpoint/emptyfilter_output.yaml', 'endpoint/portfilter_output.yaml'];

const NEW_CODES = new Set(['MS109', 'MS110', 'MS111', 'MS112', 'MS113', 'MS114', 'MS115']);

const files = corpusFiles;

function facts(config: ProxyConfig): Facts {
  let retries = 0;
  for (const { routeConfig } of routeConfigsOf(config))
    for (const vh of routeConfig.virtualHosts.value) for (const route of vh.routes) if (effectiveRetryPolicy(vh, route)) retries++;
  const subsets = [...config.index.clusterByName.values()].filter(
    (c) => c.istioName?.form === 'pipe' && c.istioName.direction === 'outbound' && c.istioName.subset,
  );
  const known = usedClusters(config);
  return {
    codes: findingsFor(config)
      .filter((f) => NEW_CODES.has(f.code))
      .map((f) => `${f.code} ${f.message}`),
    retries,
    subsets: subsets.length,
    unusedSubsets: 'used' in known ? subsets.filter((c) => !known.used.has(c.name)).length : null,
  };
}

describe('MS109–MS115 on the real dumps of the conformance corpus', { skip: needsConformance }, () => {
  it('report exactly what reading the dumps says (nothing), over the retry policies and subset clusters they hold', async () => {
    const seen: Record<string, Facts | 'refused'> = {};
    for (const dir of ['istio-real', 'istioctl-configdump'])
      for (const file of files(path.join(conformanceDir, dir))) {
        const key = path.relative(conformanceDir, file).split(path.sep).join('/');
        try {
          seen[key] = facts(await readProxyConfig({ dump: file }));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          seen[key] = 'refused';
        }
      }
    const expected: Record<string, Facts | 'refused'> = { ...EXPECTED };
    for (const key of Object.keys(seen)) {
      const base = path.basename(key);
      if (REFUSED.some((id) => base.startsWith(`${id}-`)) || REFUSED_ISTIOCTL.some((tail) => key.endsWith(tail))) expected[key] = 'refused';
    }
    assert.deepEqual(seen, expected);
  });
});
