import type { RuntimeValue } from './route-options.ts';

/**
 * What the HTTP connection manager does with a `#fragment` in `:path` before any route is
 * matched (Envoy's ConnectionManagerUtility path handling, guarded by runtime flags):
 *
 * - `reject` (Envoy's default, `envoy.reloadable_features.http_reject_path_with_fragment`
 *   true): the request is answered 400 and never routed;
 * - `strip` (that flag false, Istio's bootstrap default: istio pkg/bootstrap
 *   extractRuntimeFlags): the fragment is removed from `:path`, then routing runs;
 * - `keep` (also `envoy.reloadable_features.http_strip_fragment_from_path_unsafe_if_disabled`
 *   false): the fragment stays, and the query parameter matcher sees it (QueryParamsMulti::
 *   parseQueryString reads to the end of `:path`).
 *
 * router_check_tool has no connection manager: it routes the test's `:path` as written.
 */
export type FragmentPolicy = 'reject' | 'strip' | 'keep';

const REJECT = 'envoy.reloadable_features.http_reject_path_with_fragment';
const STRIP = 'envoy.reloadable_features.http_strip_fragment_from_path_unsafe_if_disabled';

function flag(runtime: Record<string, RuntimeValue> | undefined, key: string): boolean | undefined {
  const v = runtime?.[key];
  if (v === undefined) return undefined;
  return !(v === false || v === 'false' || v === 0 || v === '0');
}

/**
 * The policy from the proxy's runtime; without a value for the reject flag, Istio's bootstrap
 * value (false: strip) is assumed, and `assumed` says so.
 */
export function fragmentPolicy(runtime?: Record<string, RuntimeValue>): { policy: FragmentPolicy; assumed: boolean } {
  const reject = flag(runtime, REJECT);
  if (reject === true) return { policy: 'reject', assumed: false };
  const strip = flag(runtime, STRIP);
  return { policy: strip === false ? 'keep' : 'strip', assumed: reject === undefined };
}

/** The `:path` the router sees under `policy`, and a sentence for the trace; undefined note when there is no fragment. */
export function applyFragmentPolicy(path: string, policy: FragmentPolicy, assumed = false): { path: string; rejected: boolean; note?: string } {
  const hash = path.indexOf('#');
  if (hash === -1) return { path, rejected: false };
  const why = assumed ? ` (assuming Istio's bootstrap runtime: ${REJECT}=false)` : '';
  if (policy === 'reject')
    return {
      path,
      rejected: true,
      note: `the :path carries a #fragment: Envoy's connection manager rejects the request with 400 before routing (${REJECT}); the routing shown is what the path would get without that check`,
    };
  if (policy === 'strip')
    return { path: path.slice(0, hash), rejected: false, note: `the :path's #fragment is stripped by the connection manager before routing${why}` };
  return { path, rejected: false, note: `the :path's #fragment is kept (${STRIP}=false): path matchers ignore it, query parameter matchers see it` };
}
