import { asArray, asNumber, asObject, asString, type JsonObject } from '../envoy/json.ts';

/**
 * stringMatchConflict (pilot/pkg/model/virtualservice.go): no conflict when either side is
 * unset; a regex on one side conflicts with anything on the other; under a root exact, the leaf
 * must be the same exact; under a root prefix, the leaf's prefix or exact must start with it.
 */
function stringMatchConflict(root: unknown, leaf: unknown): boolean {
  const r = asObject(root);
  const l = asObject(leaf);
  if (r === undefined || l === undefined) return false;
  const get = (o: JsonObject, k: string) => asString(o[k]) ?? '';
  if (get(r, 'regex') !== '' && (get(l, 'regex') !== '' || get(l, 'prefix') !== '' || get(l, 'exact') !== '')) return true;
  if (get(l, 'regex') !== '' && (get(r, 'regex') !== '' || get(r, 'prefix') !== '' || get(r, 'exact') !== '')) return true;
  const exact = get(r, 'exact');
  if (exact !== '') return get(l, 'prefix') !== '' || get(l, 'exact') !== exact;
  const prefix = get(r, 'prefix');
  if (prefix !== '') {
    if (get(l, 'prefix') !== '') return !get(l, 'prefix').startsWith(prefix);
    if (get(l, 'exact') !== '') return !get(l, 'exact').startsWith(prefix);
  }
  return true;
}

/**
 * hasConflict (pilot/pkg/model/virtualservice.go): whether a delegate's match cannot be merged
 * into its root's — uri, scheme, method, authority, headers, withoutHeaders, queryParams,
 * ignoreUriCase, port, sourceNamespace, sourceLabels and gateways, as Istio compares them.
 */
export function matchConflict(root: JsonObject, leaf: JsonObject): boolean {
  for (const f of ['uri', 'scheme', 'method', 'authority']) if (stringMatchConflict(root[f], leaf[f])) return true;
  for (const f of ['headers', 'withoutHeaders', 'queryParams']) {
    const rootMap = asObject(root[f]) ?? {};
    for (const [k, v] of Object.entries(asObject(leaf[f]) ?? {})) if (stringMatchConflict(rootMap[k], v)) return true;
  }
  if ((root.ignoreUriCase === true) !== (leaf.ignoreUriCase === true)) return true;
  const rp = asNumber(root.port) ?? 0;
  const lp = asNumber(leaf.port) ?? 0;
  if (rp > 0 && lp > 0 && rp !== lp) return true;
  const rns = asString(root.sourceNamespace) ?? '';
  if (rns !== '' && (asString(leaf.sourceNamespace) ?? '') !== rns) return true;
  const rl = asObject(root.sourceLabels) ?? {};
  for (const [k, v] of Object.entries(asObject(leaf.sourceLabels) ?? {})) if (k in rl && rl[k] !== v) return true;
  const rg = asArray(root.gateways);
  const lg = asArray(leaf.gateways);
  if (rg.length > 0 && lg.length > 0 && (rg.length < lg.length || lg.some((g) => !rg.includes(g)))) return true;
  return false;
}
