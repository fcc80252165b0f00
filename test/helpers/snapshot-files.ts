import type { ClusterStatus, ProxyConfig } from '../../src/core/envoy/types.ts';

/**
 * Writers for the test inputs of snapshot reading: a ustar archive (as Go's archive/tar writes
 * for `istioctl bug-report`) and Envoy's `/clusters` text form of a model's host status.
 */
function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** A tar archive of regular files (names under 100 bytes, or with a ustar prefix). */
export function tarArchive(files: { name: string; data: string | Uint8Array; mtimeMs?: number }[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const file of files) {
    const data = typeof file.data === 'string' ? enc.encode(file.data) : file.data;
    const header = new Uint8Array(512);
    let name = file.name;
    let prefix = '';
    if (name.length > 100) {
      const cut = name.indexOf('/', name.length - 101);
      prefix = name.slice(0, cut);
      name = name.slice(cut + 1);
    }
    const put = (text: string, offset: number) => header.set(enc.encode(text), offset);
    put(name, 0);
    put(octal(0o644, 8), 100);
    put(octal(0, 8), 108);
    put(octal(0, 8), 116);
    put(octal(data.length, 12), 124);
    put(octal(Math.floor((file.mtimeMs ?? 0) / 1000), 12), 136);
    put('        ', 148);
    header[156] = '0'.charCodeAt(0);
    put('ustar\0', 257);
    put('00', 263);
    put(prefix, 345);
    let sum = 0;
    for (const byte of header) sum += byte;
    put(`${octal(sum, 7)} `, 148);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of blocks) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}

function healthFlags(h: ClusterStatus['hosts'][number]): string {
  let flags = '';
  if (h.failedActiveHealthCheck) flags += '/failed_active_hc';
  if (h.outlierEjected) flags += '/failed_outlier_check';
  if (h.healthStatus === 'UNHEALTHY') flags += '/failed_eds_health';
  if (h.healthStatus === 'DEGRADED') flags += '/degraded_eds_health';
  if (h.pendingDynamicRemoval) flags += '/pending_dynamic_removal';
  return flags || 'healthy';
}

/** The `/clusters` text Envoy's admin prints for these cluster statuses. */
export function clustersText(config: ProxyConfig): string {
  const lines: string[] = [];
  for (const c of config.hostStatus) {
    lines.push(`${c.name}::observability_name::${c.observabilityName ?? c.name}`);
    for (const p of ['default', 'high']) lines.push(`${c.name}::${p}_priority::max_connections::1024`);
    lines.push(`${c.name}::added_via_api::${c.addedViaApi}`);
    for (const h of c.hosts) {
      const at = `${c.name}::${h.address.address.includes(':') ? `[${h.address.address}]` : h.address.address}:${h.address.port}`;
      for (const [k, v] of Object.entries(h.stats).sort()) lines.push(`${at}::${k}::${v}`);
      lines.push(`${at}::hostname::${h.hostname ?? ''}`, `${at}::health_flags::${healthFlags(h)}`, `${at}::weight::${h.weight ?? 1}`);
      lines.push(`${at}::region::${h.locality.region ?? ''}`, `${at}::zone::${h.locality.zone ?? ''}`, `${at}::sub_zone::${h.locality.subZone ?? ''}`);
      lines.push(
        `${at}::canary::false`,
        `${at}::priority::${h.priority ?? 0}`,
        `${at}::success_rate::${h.successRate ?? -1}`,
        `${at}::local_origin_success_rate::-1`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
