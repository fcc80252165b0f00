import type { ProxyConfig } from '../core/envoy/types.ts';
import { warningLines, warningSummary } from '../core/report/load-warnings.ts';
import { sanitizeLine } from '../core/text/sanitize.ts';
import type { CliIo } from './io.ts';

/** `--warnings`: list every load issue on stderr (every command that reads a proxy's config takes it). */
export const warningOptions = { warnings: { type: 'boolean' } } as const;

interface Loaded {
  label: string;
  config: ProxyConfig;
}
const loadedBy = new WeakMap<CliIo, { proxies: Loaded[]; list: boolean }>();

/**
 * Records a proxy config a command read, for `writeLoadWarnings` once the command is done. The
 * issues are read then, after the command's own output, so the line comes last and reading the
 * lazily parsed parts does not delay the answer.
 */
export function noteLoaded(io: CliIo, label: string, config: ProxyConfig, values: Record<string, unknown>): void {
  const seen = loadedBy.get(io) ?? { proxies: [], list: false };
  if (!seen.proxies.some((p) => p.config === config)) seen.proxies.push({ label, config });
  seen.list ||= values.warnings === true;
  loadedBy.set(io, seen);
}

/**
 * On stderr, only: per proxy read, one line counting what meshscope did not interpret that can
 * change its answer (named by the proxy when there are several); with `--warnings` every issue
 * after it. Stdout stays the command's (pure JSON, istioctl-identical tables).
 */
export function writeLoadWarnings(io: CliIo): void {
  const seen = loadedBy.get(io);
  if (!seen) return;
  loadedBy.delete(io);
  for (const { label, config } of seen.proxies) {
    const issues = config.issues.value;
    const prefix = seen.proxies.length > 1 ? `${sanitizeLine(label)}: ` : '';
    const summary = warningSummary(issues, !seen.list);
    if (summary) io.stderr.write(`${prefix}${summary}\n`);
    if (!seen.list) continue;
    if (issues.length === 0) io.stderr.write(`${prefix}no load issues\n`);
    else if (!summary) io.stderr.write(`${prefix}nothing that can change an answer; ${issues.length} load issue${issues.length === 1 ? '' : 's'}:\n`);
    for (const line of warningLines(issues)) io.stderr.write(`${prefix}${line}\n`);
  }
}
