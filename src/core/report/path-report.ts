import type { PathHop, PathResult } from '../path/types.ts';
import { sanitizeLine } from '../text/sanitize.ts';
import { cell, code, table, text } from './markdown.ts';
import { plain, type Style } from './style.ts';

/**
 * `explain --path`: the request hop by hop, as text for the terminal, Markdown for incident notes
 * and JSON for scripts. The hop where the request fails comes first, in the headline; then the
 * hops in order, each with its decision, the connection into it and its authorization.
 */

const dash = (v: string | number | null): string => (v === null || v === '' ? '-' : String(v));

/** A hop's status as the client sees it: `403`, `503 UH`, or `-`. */
export function statusOf(h: PathHop): string {
  return h.status === null ? '-' : `${h.status}${h.responseFlag ? ` ${h.responseFlag}` : ''}`;
}

/**
 * What one hop decided, as label/text pairs: the reason, the connection into it (and Istio's
 * words), its authorization, the timeout and retries its route applies, and its notes. The same
 * facts in the text, the Markdown and the TUI's path view.
 */
export function hopFacts(h: PathHop): [string, string][] {
  const out: [string, string][] = [['reason', h.reason]];
  if (h.tls) {
    out.push([
      'connection',
      // A connection that is not set up is the hop's reason already: not said twice.
      `${h.tls.peer}${h.tls.principal ? ` as ${h.tls.principal}` : ''}: ${h.tls.established ? `set up (${h.tls.reason})` : h.reason.includes(h.tls.reason) ? 'NOT set up (the reason above)' : `NOT set up (${h.tls.reason})`}`,
    ]);
    if (h.tls.istio) out.push(['istio', h.tls.istio]);
  }
  if (h.authorization)
    out.push([
      'authorization',
      `${h.authorization.allowed ? 'allowed' : 'DENIED'}${h.authorization.policy ? ` by ${h.authorization.policy}` : ''}: ${h.authorization.reason}`,
    ]);
  const timeout = h.policies.timeoutMs === null ? "none (Envoy's default 15 s)" : h.policies.timeoutMs === 0 ? 'disabled' : `${h.policies.timeoutMs} ms`;
  // A hop that failed before its route forwarded anything applies no timeout or retries.
  if (h.outcome !== 'failed' || h.trace.route !== null) out.push(['timeout', timeout]);
  if (h.policies.retries) out.push(['retries', h.policies.retries]);
  for (const n of h.notes) out.push(['note', n]);
  return out;
}

export function renderPathText(p: PathResult, style: Style = plain): string {
  const lines = [style('title', `Path: ${sanitizeLine(`${p.request.method} ${p.request.url}`)} from ${sanitizeLine(p.from)}`)];
  lines.push(style(p.outcome === 'delivered' || p.outcome === 'answered' ? 'good' : p.outcome === 'failed' ? 'bad' : 'warn', sanitizeLine(p.summary)), '');
  const rows = p.hops.map((h, i) => [String(i + 1), h.proxy, h.direction, h.outcome, dash(h.cluster), dash(h.endpoint), statusOf(h)].map(sanitizeLine));
  const head = ['#', 'PROXY', 'DIRECTION', 'OUTCOME', 'CLUSTER', 'ENDPOINT', 'STATUS'];
  const widths = head.map((t, c) => Math.max(t.length, ...rows.map((r) => r[c]!.length)));
  const fmt = (r: string[]) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c]!))).join('  ');
  lines.push(style('key', fmt(head)));
  for (const [i, r] of rows.entries()) lines.push(p.failedAt === i ? style('bad', fmt(r)) : fmt(r));
  for (const [i, h] of p.hops.entries()) {
    lines.push('', style('title', `hop ${i + 1}  ${sanitizeLine(h.proxy)} (${h.direction}, ${h.outcome})`));
    for (const [k, v] of hopFacts(h)) lines.push(`  ${k.padEnd(14)}${sanitizeLine(v)}`);
  }
  if (p.stoppedBecause) lines.push('', style('warn', `stopped: ${sanitizeLine(p.stoppedBecause)}`));
  return `${lines.join('\n')}\n`;
}

export function renderPathMarkdown(p: PathResult): string {
  const lines = [`## Path of ${code(`${p.request.method} ${p.request.url}`)} from ${code(p.from)}`, '', text(p.summary), ''];
  lines.push(
    ...table(
      ['#', 'proxy', 'direction', 'outcome', 'cluster', 'endpoint', 'status'],
      p.hops.map((h, i) => [
        String(i + 1),
        code(h.proxy),
        h.direction,
        p.failedAt === i ? `**${h.outcome}**` : h.outcome,
        cell(dash(h.cluster)),
        cell(dash(h.endpoint)),
        statusOf(h),
      ]),
    ),
  );
  for (const [i, h] of p.hops.entries()) {
    lines.push('', `### Hop ${i + 1}: ${code(h.proxy)} (${h.direction})`, '');
    for (const [k, v] of hopFacts(h)) lines.push(`- ${k}: ${text(v)}`);
  }
  if (p.stoppedBecause) lines.push('', `Stopped: ${text(p.stoppedBecause)}`);
  return `${lines.join('\n')}\n`;
}

/** `-o json`: the hops without each hop's full trace object cycles; every hop keeps its trace's steps. */
export function pathJson(p: PathResult): unknown {
  return {
    request: p.request,
    from: p.from,
    outcome: p.outcome,
    failedAt: p.failedAt,
    summary: p.summary,
    stoppedBecause: p.stoppedBecause,
    hops: p.hops.map(({ trace, ...h }) => ({ ...h, listener: trace.listener, filterChain: trace.filterChain, route: trace.route, steps: trace.steps })),
  };
}
