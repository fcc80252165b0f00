import type { ExplainInbound } from '../explain/result.ts';

/** The inbound block in one line, the same in text, Markdown and the TUI: `port 8080, mtls peer (no principal), ALPN …, chain 0.0.0.0_8080, mode PERMISSIVE`. */
export function describeInbound(inbound: ExplainInbound): string {
  const who = inbound.peer === 'mtls' ? ` (${inbound.principal ?? 'principal not given'})` : '';
  const chain = inbound.chain ? `chain ${inbound.chain}${inbound.passthrough ? ' (passthrough: no chain of its own)' : ''}` : 'no chain';
  return `port ${inbound.port}, ${inbound.peer} peer${who}, ALPN ${inbound.alpn.join(',') || 'none'}, ${chain}, mode ${inbound.mode}`;
}
