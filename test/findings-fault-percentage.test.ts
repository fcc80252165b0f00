import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { explain } from '../src/core/explain/explain.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { describePolicies } from '../src/core/report/policies-text.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { faultConfig, findingLines, HOST, proxyWith, SERVICE_CLUSTER, vsRoute } from './helpers/findings-dump.ts';

/**
 * MS112 FaultNeverFires. The fault filter asks `featureEnabled(key, percentage)`
 * (fault_filter.cc `isAbortEnabled`/`isDelayEnabled`); an unset FractionalPercent is numerator 0,
 * which runtime_impl.cc `SnapshotImpl::featureEnabled` evaluates as never. istiod's shapes
 * (route.go TranslateFault): a VirtualService abort without `percentage` gets no `percentage`
 * at all; a delay without one gets the deprecated integer `percent` (0) as `{numerator: 0,
 * denominator: HUNDRED}`, which Envoy's admin JSON prints as `{}`; `percentage: {value: 10}`
 * becomes `{numerator: 100000, denominator: MILLION}`.
 */
const cases: { name: string; fault: JsonObject; expect: RegExp[] }[] = [
  {
    name: 'a VirtualService abort without percentage (no percentage written)',
    fault: { abort: { http_status: 503 } },
    expect: [/#0 r: the fault abort HTTP 503 for 0% \[route\] never fires: it has no percentage, which Envoy reads as 0% of requests/],
  },
  {
    name: 'a VirtualService delay without percentage ({} from percent 0)',
    fault: { delay: { fixed_delay: '7s', percentage: {} } },
    expect: [/the fault delay 7s for 0% \[route\] never fires: its percentage is 0% of requests/],
  },
  {
    name: 'both, neither with a percentage',
    fault: { delay: { fixed_delay: '1s', percentage: {} }, abort: { http_status: 500 } },
    expect: [/fault abort HTTP 500 for 0%.* it has no percentage/, /fault delay 1s for 0%.* its percentage is 0%/],
  },
  { name: 'percentage.value 10 (MILLION)', fault: { abort: { http_status: 503, percentage: { numerator: 100000, denominator: 'MILLION' } } }, expect: [] },
  { name: 'a delay for 100% (HUNDRED by default)', fault: { delay: { fixed_delay: '1s', percentage: { numerator: 100 } } }, expect: [] },
  {
    name: 'a header-driven abort is capped by the same (unset) percentage',
    fault: { abort: { header_abort: {} } },
    expect: [/the fault abort from the x-envoy-fault-abort-request header for 0% \[route\] never fires: it has no percentage/],
  },
];

describe('MS112: fault injection that never fires (no percentage: Envoy reads 0%)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const lines = findingLines(proxyWith({ routes: [vsRoute('r', {}, { typed_per_filter_config: faultConfig(c.fault) })] }), 'MS112');
      assert.equal(lines.length, c.expect.length, lines.join('\n'));
      for (const [i, re] of c.expect.entries()) assert.match(lines[i]!, re);
    });
  }

  it('is a warning; the hint names the VirtualService field, or the Envoy one', () => {
    const fault = { typed_per_filter_config: faultConfig({ abort: { http_status: 503 } }) };
    const findings = findingsFor(
      proxyWith({ routes: [vsRoute('vs', {}, fault), { name: 'plain', match: { prefix: '/' }, route: { cluster: SERVICE_CLUSTER }, ...fault }] }),
    ).filter((f) => f.code === 'MS112');
    assert.deepEqual(
      findings.map((f) => f.severity),
      ['warning', 'warning'],
    );
    assert.match(findings[0]!.hint, /http\[\]\.fault\.abort\.percentage\.value/);
    assert.match(findings[1]!.hint, /abort\.percentage \/ delay\.percentage in the route's envoy\.filters\.http\.fault config/);
  });

  it('explain reports an unset percentage as 0%, as Envoy applies it (it used to say 100%)', () => {
    const config = proxyWith({ routes: [vsRoute('r', {}, { typed_per_filter_config: faultConfig({ abort: { http_status: 503 } }) })] });
    const r = explain(config, parseRequest(`GET http://${HOST}:9080/`, []));
    assert.deepEqual(r.policies.fault?.abort, { percent: 0, percentUnset: true, httpStatus: 503 });
    assert.deepEqual(
      describePolicies(r.policies).find(([label]) => label === 'fault'),
      ['fault', 'abort HTTP 503 for 0% (no percentage set: Envoy reads 0%, never fires) [route]'],
    );
    assert.ok(
      r.findings.some((f) => f.code === 'MS112'),
      'the trace of the request shows the finding',
    );
  });
});
