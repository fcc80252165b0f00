import { goStringLess } from '../go-sort.ts';

/**
 * istioctl sorts clusters and EDS ClusterLoadAssignments by Istio's subset key
 * `direction|port|subset|fqdn` (`model.ParseSubsetKey`): by FQDN, then subset, then port, then
 * direction. A name with fewer than four `|`-separated parts sorts as FQDN = the whole name.
 */
export interface SubsetKey {
  direction: string;
  port: number;
  subset: string;
  fqdn: string;
}

/** Go's `strconv.Atoi`, 0 on failure (as istioctl ignores the error). */
function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) return 0;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : 0;
}

/** `model.ParseSubsetKey`: the four fields, cut at the first three separators. */
export function parseSubsetKey(name: string): SubsetKey {
  const sep = name.startsWith('outbound_') || name.startsWith('inbound_') ? '_' : '|';
  const parts = name.split(sep);
  const key: SubsetKey = { direction: '', port: 0, subset: '', fqdn: '' };
  if (parts.length < 2) return key;
  key.direction = parts[0]!;
  if (parts.length < 3) return key;
  key.port = atoi(parts[1]!);
  if (parts.length < 4) return key;
  key.subset = parts[2]!;
  if (parts.length === 4) key.fqdn = parts[3]!;
  return key;
}

/** True when the name has Istio's pipe form, as istioctl tests it (`len(strings.Split(name, "|")) > 3`). */
export function hasSubsetKey(name: string): boolean {
  return name.split('|').length > 3;
}

/** istioctl's `safelyParseSubsetKey`. */
export function safelyParseSubsetKey(name: string): SubsetKey {
  return hasSubsetKey(name) ? parseSubsetKey(name) : { direction: '', port: 0, subset: '', fqdn: name };
}

/** The `sort.Slice` less function istioctl uses for clusters and EDS. */
export function subsetKeyLess(a: string, b: string): boolean {
  const i = safelyParseSubsetKey(a);
  const j = safelyParseSubsetKey(b);
  if (i.fqdn === j.fqdn) {
    if (i.subset === j.subset) {
      if (i.port === j.port) return goStringLess(i.direction, j.direction);
      return i.port < j.port;
    }
    return goStringLess(i.subset, j.subset);
  }
  return goStringLess(i.fqdn, j.fqdn);
}
