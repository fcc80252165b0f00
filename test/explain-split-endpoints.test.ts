import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { explainNote } from '../src/app/explain-note.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import type { ExplainResult } from '../src/core/explain/result.ts';
import { renderExplainMarkdown } from '../src/core/report/explain-markdown.ts';
import { renderExplainText } from '../src/core/report/explain-text.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { PRODUCTPAGE, productpageConfig } from './helpers/bookinfo-config.ts';

// The bookinfo capture's /clusters data marks 10.244.1.10 of reviews v1 `failed_outlier_check`
// (Envoy's admin `/clusters` health_status, as `istioctl proxy-config endpoints -o json` prints it).
const EJECTED = '10.244.1.10:9080';

describe('an undecided split shows the endpoints behind each subset', () => {
  let config: ProxyConfig;
  let split: ExplainResult;
  before(async () => {
    config = await productpageConfig();
    split = explain(config, parseRequest('GET http://reviews:9080/reviews/1'));
    assert.equal(split.cluster, null, 'the canary split stays undecided without --random');
  });

  it('in the CLI text trace, the ejected endpoint of v1 included', () => {
    const text = renderExplainText(split);
    const v1 = text.indexOf('Endpoints of v1 (90%');
    const v3 = text.indexOf('Endpoints of v3 (10%');
    assert.ok(v1 > 0 && v3 > v1, text);
    assert.match(text.slice(v1, v3), new RegExp(`${EJECTED.replaceAll('.', '\\.')} +reviews-v1 .*EJECTED`));
    assert.match(text.slice(v3), /10\.244\.2\.12:9080 +reviews-v3 .*HEALTHY/);
  });

  it('in the Markdown note', () => {
    const md = renderExplainMarkdown(split, {});
    assert.match(md, /### Endpoints of v1 \(90%, `outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local`\)/);
    assert.match(md, new RegExp(`\\| ${EJECTED.replaceAll('.', '\\.')} \\| reviews-v1 \\| [^|]+ \\| HEALTHY \\| \\*\\*yes\\*\\* \\|`));
    assert.match(md, /### Endpoints of v3 \(10%/);
  });

  it("in the TUI's w note, which shares the renderer", () => {
    const workload = { proxy: PRODUCTPAGE, config, fetchedAt: 0, findings: [], analyzer: [] };
    const note = explainNote(split, 'GET http://reviews:9080/reviews/1', workload, { sourceLabel: 'test', sourceKind: 'file', now: 0 });
    assert.match(note.markdown, /### Endpoints of v1 \(90%/);
    assert.ok(note.markdown.includes(EJECTED));
  });

  it('not for a decided destination, whose own endpoints are shown once', () => {
    const jason = explain(config, parseRequest('GET http://reviews:9080/reviews/1', ['end-user: jason']));
    const text = renderExplainText(jason);
    assert.equal(text.split('Endpoints of').length, 2, text);
  });
});
