import { hopLabel, statusText } from '../accesslog/failure-reason.ts';
import type { LogHop, RequestGroup, RequestGroupsReport } from '../accesslog/group-types.ts';
import { sanitizeLine } from '../text/sanitize.ts';
import { code, leadingText, table, text } from './markdown.ts';
import { plain, type Style } from './style.ts';

/**
 * `explain --snapshot S --log FILE…`: access log lines of several proxies grouped by request, as
 * text for the terminal, Markdown for incident notes and JSON for scripts. A failed request shows
 * its hops, the one that produced the failure and the evidence; requests that did not fail get one
 * line each (the first SHOWN_OK); lines that could not be grouped or read are listed by file and line.
 */
const SHOWN_OK = 20;
const dash = (v: string | number | null): string => (v === null || v === '' ? '-' : String(v));
const where = (file: string, line: number): string => `${file}:${line}`;

function requestOf(g: RequestGroup): string {
  const e = g.hops[0]?.entry;
  return e ? `${e.method ?? '-'} ${e.authority ?? ''}${e.path ?? ''}` : '';
}

function headline(g: RequestGroup): string {
  const at = g.failedAt;
  if (!at) return `${dash(g.status)}, did not fail`;
  const partial = g.status !== null && g.status !== 0 && g.status < 400;
  const hop = `hop ${at.hop + 1}: ${hopLabel(g.hops[at.hop]!)}, ${where(at.file, at.line)}`;
  return partial ? `${g.status} to the caller, but a call on the way failed at ${hop}` : `${dash(g.status)}, failed at ${hop}`;
}

function hopRow(h: LogHop, i: number): string[] {
  const e = h.entry;
  return [
    String(i + 1),
    `${'  '.repeat(h.depth)}${h.proxy ?? '(unknown proxy)'}`,
    h.direction,
    statusText(h),
    dash(e.responseCodeDetails),
    dash(e.upstreamCluster),
    `${where(h.file, h.line)}${h.joinedBy === 'connection' ? ' (by connection)' : ''}`,
  ];
}

function columns(head: string[], rows: string[][]): (r: string[]) => string {
  const widths = head.map((t, c) => Math.max(t.length, ...rows.map((r) => r[c]!.length)));
  return (r) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c]!))).join('  ');
}

function summaryLine(r: RequestGroupsReport): string {
  const failed = r.groups.filter((g) => g.failed).length;
  const parts = [`${r.groups.length} request${r.groups.length === 1 ? '' : 's'} (${failed} failed)`];
  if (r.ungrouped.length) parts.push(`${r.ungrouped.length} line${r.ungrouped.length === 1 ? '' : 's'} without x-request-id`);
  if (r.unparsed.length) parts.push(`${r.unparsed.length} unreadable`);
  const other = r.notAccessLog.reduce((n, f) => n + f.lines.length, 0);
  if (other) parts.push(`${other} not access log lines`);
  return parts.join(', ');
}

/** Failed requests counted by the hop and answer they failed at, most first (shown when more than one failed). */
function failureCounts(r: RequestGroupsReport): [string, number][] {
  const counts = new Map<string, number>();
  for (const g of r.groups) {
    if (!g.failedAt) continue;
    const h = g.hops[g.failedAt.hop]!;
    const key = `${hopLabel(h)}: ${statusText(h)}${h.entry.responseCodeDetails ? ` ${h.entry.responseCodeDetails}` : ''} (${g.failedAt.kind})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** `1-5, 9`: line numbers as runs. */
function runs(lines: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    out.push(i === j ? String(lines[i]) : `${lines[i]}-${lines[j]}`);
    i = j;
  }
  return out.join(', ');
}

function leftovers(r: RequestGroupsReport): { title: string; items: string[] }[] {
  const out: { title: string; items: string[] }[] = [];
  if (r.ungrouped.length)
    out.push({
      title: 'Lines without x-request-id',
      items: r.ungrouped.map((u) => `line ${u.line} of ${u.file} has no x-request-id: cannot be grouped (${u.reason}; ${u.proxy ?? 'proxy unknown'})`),
    });
  if (r.unparsed.length) out.push({ title: 'Unreadable lines', items: r.unparsed.map((u) => `line ${u.line} of ${u.file}: ${u.error}`) });
  if (r.notAccessLog.length)
    out.push({
      title: 'Not access log lines (skipped)',
      items: r.notAccessLog.map((f) => `${f.file}: line${f.lines.length === 1 ? '' : 's'} ${runs(f.lines)}`),
    });
  if (r.notes.length) out.push({ title: 'Notes', items: r.notes });
  return out;
}

export function renderRequestGroupsText(r: RequestGroupsReport, style: Style = plain): string {
  const lines = [style('title', `Access logs: ${summaryLine(r)}`)];
  const counts = failureCounts(r);
  if (counts.length > 0 && r.groups.filter((g) => g.failed).length > 1) {
    lines.push('', style('title', 'Failed at'));
    for (const [key, n] of counts) lines.push(`  ${String(n).padStart(5)}  ${sanitizeLine(key)}`);
  }
  const head = ['#', 'PROXY', 'SIDE', 'STATUS', 'DETAILS', 'CLUSTER', 'LINE'];
  for (const g of r.groups.filter((x) => x.failed)) {
    lines.push('', style('title', `Request ${sanitizeLine(g.requestId)}  ${sanitizeLine(requestOf(g))}`), style('bad', `  ${sanitizeLine(headline(g))}`));
    const rows = g.hops.map((h, i) => hopRow(h, i).map(sanitizeLine));
    const fmt = columns(head, rows);
    lines.push(style('key', `  ${fmt(head)}`));
    for (const [i, row] of rows.entries()) lines.push(g.failedAt?.hop === i ? style('bad', `  ${fmt(row)}`) : `  ${fmt(row)}`);
    if (g.reason) lines.push(`  ${style('title', 'why')}  ${sanitizeLine(g.reason)}`);
    for (const c of g.causes) lines.push(`    - ${sanitizeLine(c.replace(/`/g, ''))}`);
  }
  const ok = r.groups.filter((g) => !g.failed);
  if (ok.length) {
    lines.push('', style('title', 'Requests that did not fail'));
    for (const g of ok.slice(0, SHOWN_OK))
      lines.push(
        `  ${style('good', dash(g.status).padEnd(5))}${sanitizeLine(g.requestId)}  ${sanitizeLine(requestOf(g))}  (${g.hops.length} line${g.hops.length === 1 ? '' : 's'})`,
      );
    if (ok.length > SHOWN_OK) lines.push(style('dim', `  ... and ${ok.length - SHOWN_OK} more (-o json lists every request)`));
  }
  for (const block of leftovers(r)) {
    lines.push('', style('title', block.title));
    for (const item of block.items) lines.push(`  ${sanitizeLine(item)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Where the configuration came from, for the note's reader. */
export interface LogsProvenance {
  source?: string;
  capturedAt?: string | undefined;
}

export function renderRequestGroupsMarkdown(r: RequestGroupsReport, provenance: LogsProvenance = {}): string {
  const out = [`## Access logs: ${text(summaryLine(r))}`];
  if (provenance.source)
    out.push('', `_Explained against snapshot ${code(provenance.source)}${provenance.capturedAt ? `, captured ${text(provenance.capturedAt)}` : ''}._`);
  const counts = failureCounts(r);
  if (counts.length > 0 && r.groups.filter((g) => g.failed).length > 1)
    out.push(
      '',
      ...table(
        ['Requests', 'Failed at'],
        counts.map(([key, n]) => [String(n), text(key)]),
      ),
    );
  for (const g of r.groups.filter((x) => x.failed)) {
    out.push('', `### Request ${code(g.requestId)}: ${code(requestOf(g))}`, '', `**${text(headline(g))}**`, '');
    out.push(
      ...table(
        ['#', 'Proxy', 'Side', 'Status', 'Details', 'Cluster', 'Line'],
        g.hops.map((h, i) => {
          const row = hopRow(h, i);
          const proxy = `${h.depth ? `${'↳'.repeat(h.depth)} ` : ''}${h.proxy ? code(h.proxy) : '(unknown proxy)'}`;
          const status = g.failedAt?.hop === i ? `**${row[3]}**` : row[3]!;
          return [row[0]!, proxy, row[2]!, status, code(row[4]!), code(row[5]!), text(row[6]!)];
        }),
      ),
    );
    if (g.reason) out.push('', `**Why:** ${text(g.reason)}`);
    if (g.causes.length) out.push('', ...g.causes.map((c) => `- ${leadingText(c)}`));
  }
  const ok = r.groups.filter((g) => !g.failed);
  if (ok.length) {
    out.push('', '### Requests that did not fail', '');
    for (const g of ok.slice(0, SHOWN_OK)) out.push(`- ${code(g.requestId)} ${text(dash(g.status))} ${code(requestOf(g))}`);
    if (ok.length > SHOWN_OK) out.push(`- … and ${ok.length - SHOWN_OK} more`);
  }
  for (const block of leftovers(r)) out.push('', `### ${block.title}`, '', ...block.items.map((i) => `- ${leadingText(i)}`));
  return `${out.join('\n')}\n`;
}

/** `-o json`: every group and line; each hop with the fields of its log line that place it. */
export function requestGroupsJson(r: RequestGroupsReport): unknown {
  return {
    groups: r.groups.map((g) => ({
      requestId: g.requestId,
      status: g.status,
      failed: g.failed,
      hops: g.hops.map((h) => ({
        proxy: h.proxy,
        proxyFrom: h.proxyFrom,
        direction: h.direction,
        file: h.file,
        line: h.line,
        joinedBy: h.joinedBy,
        parent: h.parent,
        depth: h.depth,
        startTime: h.entry.startTime,
        method: h.entry.method,
        authority: h.entry.authority,
        path: h.entry.path,
        status: h.entry.responseCode,
        responseFlag: h.entry.responseFlags.length ? h.entry.responseFlags.join(',') : null,
        responseCodeDetails: h.entry.responseCodeDetails,
        upstreamCluster: h.entry.upstreamCluster,
        upstreamHost: h.entry.upstreamHost,
        downstreamRemoteAddress: h.entry.downstreamRemoteAddress,
        routeName: h.entry.routeName,
        durationMs: h.entry.durationMs,
        failed: h.failed,
        local: h.local,
        checks: h.explained?.checks ?? null,
        note: h.note,
      })),
      failedAt: g.failedAt,
      reason: g.reason,
      causes: g.causes,
    })),
    ungrouped: r.ungrouped.map((u) => ({
      file: u.file,
      line: u.line,
      proxy: u.proxy,
      status: u.entry.responseCode,
      responseFlag: u.entry.responseFlags.length ? u.entry.responseFlags.join(',') : null,
      reason: u.reason,
    })),
    unparsed: r.unparsed,
    notAccessLog: r.notAccessLog,
    notes: r.notes,
  };
}
