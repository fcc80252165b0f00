import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changesAnswer, ISSUE_KINDS, issueKind } from '../src/core/envoy/issue-kinds.ts';
import { issueAt } from '../src/core/envoy/issue-location.ts';
import type { IssueCode, LoadIssue } from '../src/core/envoy/types.ts';
import { answerChangingByKind, warningLines, warningSummary } from '../src/core/report/load-warnings.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { conformance, needsConformance } from './helpers/paths.ts';
import { warningMesh } from './helpers/warning-mesh.ts';

const issue = (code: IssueCode, extra: Partial<LoadIssue> = {}): LoadIssue => ({ severity: 'warning', code, message: `a ${code}`, ...extra });
const scout = conformance('istio-real', 'u06-scout-gateway.json');

describe('which load issues can change an answer (ISSUE_KINDS)', () => {
  it('has a row for every issue code, and an informational issue never counts', () => {
    const codes: IssueCode[] = [
      'unknown-type',
      'unknown-field',
      'missing-section',
      'bad-value',
      'unsupported',
      'empty-input',
      'rejected-update',
      'source-partial',
      'assumption',
      'note',
    ];
    for (const code of codes) {
      assert.ok(ISSUE_KINDS[code], code);
      assert.equal(changesAnswer(issue(code, { severity: 'info' })), false, `${code} as info`);
    }
    assert.deepEqual(
      codes.filter((code) => changesAnswer(issue(code))),
      ['unknown-type', 'bad-value', 'unsupported'],
    );
  });

  it('classifies unknown fields by the object they sit on: a cluster field can steer traffic, a header to add cannot', () => {
    const issues = warningMesh().issues.value;
    const field = issues.find((i) => i.message.includes('cluster.shiny_lb_option'))!;
    const header = issues.find((i) => i.message.includes('header_value_option.shiny_new_option'))!;
    assert.equal(issueKind(field), 'routing-field');
    assert.equal(field.severity, 'warning');
    assert.ok(changesAnswer(field));
    assert.equal(issueKind(header), 'unknown-field');
    assert.equal(header.severity, 'info');
    assert.ok(!changesAnswer(header));
  });

  it('says one kind in one line, with what meshscope does instead', () => {
    const regex = issue('unsupported', { kind: 'route-path-regex' });
    assert.equal(
      warningSummary([regex, regex, issue('missing-section'), issue('unknown-field', { severity: 'info' })]),
      '2 routes use a path regex form meshscope does not interpret: treated as never matching; --warnings lists them',
    );
    assert.equal(warningSummary([regex]), '1 route uses a path regex form meshscope does not interpret: treated as never matching; --warnings lists it');
    assert.equal(warningSummary([issue('missing-section'), issue('note')]), undefined);
  });

  it('says several kinds as a total with each kind counted, in the order they were met', () => {
    const issues = warningMesh().issues.value;
    assert.deepEqual(
      [...answerChangingByKind(issues)],
      [
        ['route-path-unsupported', 1],
        ['routing-field', 1],
      ],
    );
    const line = warningSummary(issues)!;
    assert.match(
      line,
      /^2 things meshscope did not interpret can change answers \(1 route uses a path match meshscope does not evaluate, 1 field that can steer traffic is not read by meshscope\); --warnings lists them$/,
    );
  });

  it('lists every issue with where it sits, those that can change an answer marked', () => {
    const lines = warningLines([
      issue('unsupported', { kind: 'route-path-regex', where: 'routes[a].virtual_hosts[b].routes[0].match' }),
      issue('unknown-field', { severity: 'info', where: 'clusters[c]' }),
      issue('bad-value', { where: 'clusters[x\u001b[31m]', message: 'clusters[x\u001b[31m]: lb_policy …' }),
    ]);
    assert.deepEqual(lines.slice(0, 2), [
      '! warning unsupported routes[a].virtual_hosts[b].routes[0].match: a unsupported',
      '  info unknown-field clusters[c]: a unknown-field',
    ]);
    assert.ok(!lines[2]!.includes('\u001b'), 'control characters from the cluster are removed');
    assert.equal(lines[2]!.split('clusters[x').length, 2, 'a message that starts with its place does not repeat it');
  });
});

// Envoy's v2 API was removed in Envoy 1.18: a dump that shows it is refused whole (v2-api.ts), so
// its v2 `regex` routes are never counted as warnings.
describe('load issues of a real Envoy v2 gateway dump (u06-scout-gateway)', { skip: needsConformance }, () => {
  it('refuses it in one line naming the file and the v2 evidence, instead of counting its issues', async () => {
    await assert.rejects(readProxyConfig({ dump: scout }), (e: Error) => {
      assert.ok(!e.message.includes('\n'), e.message);
      assert.match(e.message, /u06-scout-gateway\.json: an Envoy v2 API config dump \(.*dynamic_active_listeners/);
      return true;
    });
  });
});

describe('where a load issue sits (issueAt)', () => {
  const cases: [string, ReturnType<typeof issueAt>][] = [
    ['routes[9080].virtual_hosts[reviews:9080].routes[3].match', { routeConfig: '9080', virtualHost: 'reviews:9080', route: 3 }],
    ['routes[http.80].virtual_hosts[59.111.246.217:80]', { routeConfig: 'http.80', virtualHost: '59.111.246.217:80' }],
    [
      'listeners[[::]_15006].filter_chains[2].route_config.virtual_hosts[inbound|http|80].routes[0].route.weighted_clusters',
      { listener: '[::]_15006', filterChain: 2, inlineRouteConfig: true, virtualHost: 'inbound|http|80', route: 0 },
    ],
    ['listeners[virtualInbound].default_filter_chain', { listener: 'virtualInbound', filterChain: 'default' }],
    ['clusters[outbound|9080|v1|reviews.bookinfo.svc.cluster.local]', { cluster: 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local' }],
    ['endpoints[outbound|9080|v1|reviews]', { cluster: 'outbound|9080|v1|reviews' }],
    ['scoped_routes', {}],
    ['dump.json: configs[2]', {}],
  ];
  for (const [where, at] of cases) it(`reads ${where}`, () => assert.deepEqual(issueAt(where), at));
});
