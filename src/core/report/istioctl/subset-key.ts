import { parseClusterName } from '../../envoy/cluster-name.ts';
import { goSortSlice, goStringLess } from '../go-sort.ts';

/**
 * istioctl sorts clusters and EDS ClusterLoadAssignments by Istio's subset key
 * `direction|port|subset|fqdn` (`model.ParseSubsetKey`): by FQDN, then subset, then port, then
 * direction. A name with fewer than four `|`-separated parts sorts as FQDN = the whole name.
 */
export interface SubsetKey {
  direction: string;
  /** Go's `strconv.Atoi` of the port field; 0 when it fails (istioctl ignores the error). */
  port: number;
  subset: string;
  fqdn: string;
}

/**
 * `model.ParseSubsetKey` for a name in the pipe form (callers check `hasSubsetKey`): the fields
 * of Istio's cluster name (parseClusterName), except that a host holding another `|` makes the
 * FQDN empty, as Go's four-way split does. (ParseSubsetKey splits a name that starts with
 * `outbound_` at `_` instead; Istio makes no such name with pipes in it, and this one does not.)
 */
export function parseSubsetKey(name: string): SubsetKey {
  const parsed = parseClusterName(name);
  if (parsed?.form !== 'pipe') return { direction: '', port: 0, subset: '', fqdn: '' };
  return { direction: parsed.direction, port: parsed.port, subset: parsed.subsetField ?? parsed.subset, fqdn: parsed.host.includes('|') ? '' : parsed.host };
}

/** True when the name has Istio's pipe form, as istioctl tests it (`len(strings.Split(name, "|")) > 3`). */
export function hasSubsetKey(name: string): boolean {
  return name.split('|').length > 3;
}

/** istioctl's `safelyParseSubsetKey`. */
function safelyParseSubsetKey(name: string): SubsetKey {
  return hasSubsetKey(name) ? parseSubsetKey(name) : { direction: '', port: 0, subset: '', fqdn: name };
}

/** The `sort.Slice` less function istioctl uses for clusters and EDS. */
export function subsetKeyLess(a: string, b: string): boolean {
  return keyLess(safelyParseSubsetKey(a), safelyParseSubsetKey(b));
}

/**
 * `items` sorted as istioctl sorts them by their names' subset keys: the same comparisons in the
 * same order as `goSortSlice` with `subsetKeyLess`, each name parsed once instead of at every
 * comparison (issue 18: the parse dominated `clusters` on large dumps).
 */
export function sortBySubsetKey<T>(items: T[], nameOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, key: safelyParseSubsetKey(nameOf(item)) }));
  return goSortSlice(keyed, (a, b) => keyLess(a.key, b.key)).map((k) => k.item);
}

function keyLess(i: SubsetKey, j: SubsetKey): boolean {
  if (i.fqdn === j.fqdn) {
    if (i.subset === j.subset) {
      if (i.port === j.port) return goStringLess(i.direction, j.direction);
      return i.port < j.port;
    }
    return goStringLess(i.subset, j.subset);
  }
  return goStringLess(i.fqdn, j.fqdn);
}
