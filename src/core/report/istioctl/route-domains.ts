/**
 * istioctl's DOMAINS column (`describeRouteDomains`): one domain as is; several reduced to the
 * names without a port (bracketed IPv6 literals kept), short names preferred over their
 * `.svc` / `.svc.cluster.local` expansions, the first two shown and the rest counted.
 */
function unexpandDomains(domains: string[]): string[] {
  const unique = new Set(domains);
  const drop = new Set<string>();
  for (const host of domains) {
    const full = host.endsWith('.svc.cluster.local') ? host.slice(0, -'.svc.cluster.local'.length) : host;
    if (full !== host && unique.has(full)) drop.add(host);
    const partial = host.endsWith('.svc') ? host.slice(0, -'.svc'.length) : host;
    if (partial !== host && unique.has(partial)) drop.add(host);
  }
  return domains.filter((h) => !drop.has(h));
}

export function describeRouteDomains(domains: readonly string[]): string {
  if (domains.length === 0) return '';
  if (domains.length === 1) return domains[0]!;
  const withoutPort: string[] = [];
  for (const d of domains) {
    if (!d.includes(':')) withoutPort.push(d);
    else if (d.split(':').length - 1 > 2 && d.endsWith(']')) withoutPort.push(d);
  }
  const kept = unexpandDomains(withoutPort);
  if (kept.length > 2) return `${kept.slice(0, 2).join(', ')} + ${kept.length - 2} more...`;
  return kept.join(', ');
}
