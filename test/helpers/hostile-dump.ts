import { readFileSync } from 'node:fs';
import { fixture } from './paths.ts';

/**
 * Hostile strings, as the issue-13 campaign planted them in dumps: each one acts on a terminal or
 * a Markdown renderer when printed raw. Built at test time; the bookinfo dump itself is unchanged.
 */
export const PAYLOADS = {
  osc52: '\u001b]52;c;aGVsbG8=\u0007',
  title: '\u001b]0;pwned\u0007',
  clear: '\u001b[2J',
  cursorReport: '\u001b[6n',
  overwrite: 'safe\rEVIL\b\b',
  c1: '\u009b31m',
  bidi: '\u202eevil\u202c',
  markdown: '\n# heading <script>alert(1)</script>\n- item',
  tab: '\tcol',
} as const;

/** All payloads in one suffix, so every planted name carries every attack. */
export const HOSTILE = Object.values(PAYLOADS).join('');

/** The payloads without spaces, for fields split on spaces (an access log line). */
export const HOSTILE_WORD = HOSTILE.replace(/[ \t]/g, '_');

/** The reviews v1 cluster, renamed everywhere it appears (CDS, EDS, routes, /clusters). */
export const REVIEWS_V1 = 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local';
export const HOSTILE_SUBSET = `v1${HOSTILE}`;
export const HOSTILE_REVIEWS_V1 = `outbound|9080|${HOSTILE_SUBSET}|reviews.bookinfo.svc.cluster.local`;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Replaces a string everywhere in a JSON document (keys and values). */
function renameEverywhere(doc: unknown, from: string, to: string): unknown {
  return JSON.parse(JSON.stringify(doc).split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1)));
}

/** Walks every object once, depth first. */
function walk(value: unknown, visit: (o: Obj) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (isObj(value)) {
    visit(value);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

const list = (o: Obj, ...keys: string[]): Obj[] => keys.flatMap((k) => (Array.isArray(o[k]) ? (o[k] as unknown[]).filter(isObj) : []));

/**
 * Plants hostile names in a config dump (either JSON spelling): route names, virtual host names, an
 * extra domain, VirtualService metadata, listener names, secret names, endpoint hostnames and
 * workload metadata, and the reviews v1 cluster (its subset part) renamed throughout.
 */
export function plantHostile(given: unknown): unknown {
  const doc = renameEverywhere(given, REVIEWS_V1, HOSTILE_REVIEWS_V1);
  walk(doc, (o) => {
    for (const vh of list(o, 'virtual_hosts', 'virtualHosts')) {
      vh.name = `${String(vh.name)}${HOSTILE}`;
      if (Array.isArray(vh.domains)) vh.domains.push(`hostile${HOSTILE}`);
      for (const route of list(vh, 'routes')) {
        route.name = `${String(route.name ?? 'route')}${HOSTILE}`;
        route.metadata = { filter_metadata: { istio: { config: `/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/vs${HOSTILE}` } } };
      }
    }
    if ((Array.isArray(o.filter_chains) || Array.isArray(o.filterChains)) && typeof o.name === 'string') o.name = `${o.name}${HOSTILE}`;
    for (const s of list(o, 'dynamic_active_secrets', 'dynamic_warming_secrets', 'dynamicActiveSecrets', 'dynamicWarmingSecrets'))
      s.name = `${String(s.name)}${HOSTILE}`;
    for (const lb of list(o, 'lb_endpoints', 'lbEndpoints')) {
      if (isObj(lb.endpoint)) lb.endpoint.hostname = `host${HOSTILE}`;
      lb.metadata = { filter_metadata: { istio: { workload: `wl${HOSTILE};bookinfo;reviews;v1;Kubernetes` } } };
    }
  });
  return doc;
}

/** The productpage dump with hostile names (plantHostile). */
export function hostileDump(): Obj {
  return plantHostile(JSON.parse(readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json'), 'utf8'))) as Obj;
}

/** The productpage /clusters output with the reviews v1 cluster renamed like the dump. */
export function hostileEndpoints(): unknown {
  return plantHostile(JSON.parse(readFileSync(fixture('bookinfo', 'productpage', 'endpoints.json'), 'utf8')));
}

/** Raw bytes that may not appear in text or Markdown output: ESC, C1, CR, BS, bidi controls. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
