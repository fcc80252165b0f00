import type { HeaderValueOption } from '../envoy/route-types.ts';
import { firstHeaderValue } from './cluster-specifier.ts';
import type { HttpRequest } from './request.ts';

/** One level of request header mutations (weighted cluster, route, virtual host, route config). */
export interface RequestMutationLevel {
  requestHeadersToAdd: readonly HeaderValueOption[];
  requestHeadersToRemove: readonly string[];
}

/**
 * The first value of request header `name` after the levels' `request_headers_to_remove` and
 * `request_headers_to_add`, applied in order as HeaderParser::evaluateHeaders does each level
 * (removals, then additions by append_action; an empty value is skipped unless
 * keep_empty_value). This is what RouteEntryImplBase::finalizeRequestHeaders hands to the host
 * rewrite: the mutations run first. A value with a `%COMMAND%` is not expanded here: `unresolved`
 * names it.
 */
export function headerAfterMutations(
  request: HttpRequest,
  name: string,
  levels: readonly RequestMutationLevel[],
): { value: string | undefined; unresolved?: string } {
  let value = firstHeaderValue(request, name);
  let unresolved: string | undefined;
  for (const level of levels) {
    if (level.requestHeadersToRemove.includes(name)) value = undefined;
    for (const option of level.requestHeadersToAdd) {
      if (option.key !== name) continue;
      if (option.value === '' && !option.keepEmptyValue) continue;
      const present = value !== undefined;
      const take =
        option.appendAction === 'OVERWRITE_IF_EXISTS_OR_ADD' ||
        (option.appendAction === 'OVERWRITE_IF_EXISTS' && present) ||
        ((option.appendAction === 'ADD_IF_ABSENT' || option.appendAction === 'APPEND_IF_EXISTS_OR_ADD') && !present);
      if (!take) continue;
      value = option.value;
      unresolved = /%[A-Z_0-9]+(\(|%)/.test(option.value) ? option.value : undefined;
    }
  }
  return unresolved ? { value, unresolved } : { value };
}

/**
 * Http::Utility::updateAuthority with `append_x_forwarded_host`: the Host before the rewrite is
 * appended to x-forwarded-host unless it is empty or already the last value there
 * (envoy.reloadable_features.append_xfh_idempotent). Returns the new x-forwarded-host.
 */
export function appendForwardedHost(existing: string | undefined, host: string): string | undefined {
  if (host === '') return existing;
  if (existing === undefined || existing === '') return host;
  const last = existing
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .at(-1);
  return last === host ? existing : `${existing},${host}`;
}
