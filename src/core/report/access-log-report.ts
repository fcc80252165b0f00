import type { LogExplanation } from '../accesslog/explain-log.ts';
import { sanitizeLine } from '../text/sanitize.ts';
import { type Provenance, renderExplainMarkdown } from './explain-markdown.ts';
import { renderExplainText } from './explain-text.ts';
import { code, fenced, leadingText, table, text } from './markdown.ts';
import { plain, type Style } from './style.ts';

/**
 * An access log line explained, as text for the terminal and as Markdown for incident notes:
 * what the log says, whether this configuration agrees, each response flag with its likely
 * causes here, then the explain trace of the same request.
 */
function headline(x: LogExplanation): string {
  const e = x.entry;
  const flags = e.responseFlags.length ? ` ${e.responseFlags.join(',')}` : '';
  return `${e.responseCode ?? '-'}${flags} on ${e.method ?? '-'} ${e.authority ?? ''}${e.path ?? ''}`;
}

const verdict = (agrees: boolean | null): string => (agrees === null ? '?' : agrees ? 'agrees' : 'DIFFERS');

export function renderAccessLogText(x: LogExplanation, style: Style = plain): string {
  const e = x.entry;
  const lines = [style('title', `Access log: ${sanitizeLine(headline(x))}`)];
  const facts: [string, string | null][] = [
    ['time', e.startTime],
    ['route', e.routeName],
    ['cluster', e.upstreamCluster],
    ['upstream host', e.upstreamHost],
    ['details', e.responseCodeDetails],
    ['duration', e.durationMs === null ? null : `${e.durationMs} ms`],
    ['request id', e.requestId],
  ];
  for (const [k, v] of facts) if (v !== null) lines.push(`  ${k.padEnd(14)}${sanitizeLine(v)}`);
  if (x.checks.length) {
    lines.push('', style('title', 'Against this configuration'));
    for (const c of x.checks)
      lines.push(
        `  ${style(c.agrees === false ? 'bad' : 'good', verdict(c.agrees).padEnd(8))}${c.what}: log ${sanitizeLine(c.log)}; config ${sanitizeLine(c.config)}`,
      );
  }
  for (const f of x.flags) {
    lines.push('', style('title', f.flag === '-' ? 'No response flag' : `${f.flag} ${f.name}`), `  ${sanitizeLine(f.meaning)}`);
    for (const cause of f.causes) lines.push(`  - ${sanitizeLine(cause.replace(/`/g, ''))}`);
  }
  lines.push('', style('title', 'The same request through this configuration'));
  if (x.followsLoggedPick) lines.push(style('dim', '(following the destination the log names)'));
  lines.push('');
  return `${lines.join('\n')}\n${renderExplainText(x.result, style)}`;
}

export function renderAccessLogMarkdown(x: LogExplanation, provenance: Provenance = {}): string {
  const e = x.entry;
  const out = [`## Access log: ${text(headline(x))}`, '', ...fenced('text', e.line.replace(/```/g, '` ` `')), ''];
  const fields: [string, string | null][] = [
    ['Route', e.routeName],
    ['Upstream cluster', e.upstreamCluster],
    ['Upstream host', e.upstreamHost],
    ['Response code details', e.responseCodeDetails],
    ['Transport failure', e.upstreamTransportFailureReason],
    ['Duration', e.durationMs === null ? null : `${e.durationMs} ms`],
    ['Request id', e.requestId],
  ];
  out.push(
    ...table(
      ['Field', 'Value'],
      fields.filter(([, v]) => v !== null).map(([k, v]) => [k, code(v!)]),
    ),
    '',
  );
  if (x.checks.length)
    out.push(
      '### Against this configuration',
      '',
      ...table(
        ['', 'Log', 'Configuration', 'Verdict'],
        x.checks.map((c) => [c.what, code(c.log), c.config, c.agrees === false ? '**differs**' : verdict(c.agrees)]),
      ),
      '',
    );
  for (const f of x.flags) {
    out.push(`### ${f.flag === '-' ? 'No response flag' : `${f.flag} (${f.name})`}`, '', `_${text(f.meaning)}_`, '');
    if (f.causes.length) out.push(...f.causes.map((c) => `- ${leadingText(c)}`), '');
  }
  if (x.followsLoggedPick)
    out.push(`_The trace follows the destination the log names (${code(x.entry.upstreamCluster ?? '')}); its random value is the one that picks it._`, '');
  return `${out.join('\n')}\n${renderExplainMarkdown(x.result, provenance)}`;
}
