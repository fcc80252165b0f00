import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { changesAnswer, ISSUE_KINDS, issueKind } from '../src/core/envoy/issue-kinds.ts';
import { issueAt } from '../src/core/envoy/issue-location.ts';
import type { IssueCode, LoadIssue } from '../src/core/envoy/types.ts';
import { answerChangingByKind, warningLines, warningSummary } from '../src/core/report/load-warnings.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { conformance } from './helpers/paths.ts';
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
    const hosts = issues.find((i) => i.message.includes('cluster.hosts'))!;
    const header = issues.find((i) => i.message.includes('header_value_option.shiny_new_option'))!;
    assert.equal(issueKind(hosts), 'routing-field');
    assert.equal(hosts.severity, 'warning');
    assert.ok(changesAnswer(hosts));
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
        ['route-path-regex', 1],
        ['routing-field', 1],
      ],
    );
    const line = warningSummary(issues)!;
    assert.match(
      line,
      /^2 things meshscope did not interpret can change answers \(1 route uses a path regex form meshscope does not interpret, 1 field that can steer traffic is not read by meshscope\); --warnings lists them$/,
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

  it('counts the v2 path regex routes of a real gateway dump once each (u06-scout-gateway, Envoy 1.11 deprecated RouteMatch.regex)', async (t) => {
    if (!existsSync(scout)) return t.skip('../shared/conformance absent');
    const issues = (await readProxyConfig({ dump: scout })).issues.value;
    const counts = answerChangingByKind(issues);
    const regexRoutes = issues.filter((i) => i.kind === 'route-path-regex').map((i) => issueAt(i.where));
    assert.equal(counts.get('route-path-regex'), regexRoutes.length);
    assert.ok(regexRoutes.length >= 2);
    assert.ok(regexRoutes.every((at) => at.routeConfig === 'http.80' && at.route !== undefined));
    assert.ok(!issues.some((i) => i.message.includes('route_match.regex')), 'the regex path is reported once, not again as an unknown field');
    // The v2 listener list is not read (ListenersConfigDump.dynamic_active_listeners): it can change every answer.
    const listeners = issues.find((i) => i.message.includes('ListenersConfigDump.dynamic_active_listeners'));
    if (listeners) assert.ok(changesAnswer(listeners));
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
