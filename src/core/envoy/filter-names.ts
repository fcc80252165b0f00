import { isObject, type JsonObject } from './json.ts';

/**
 * Envoy's names of the filters meshscope reads (Istio's Go calls them `wellknown.*`). A filter
 * is recognised by its name or by the `@type` of its typed_config, as Envoy resolves it; the
 * names before Envoy 1.14 (`envoy.http_connection_manager`) still appear in old dumps.
 */
export const HTTP_CONNECTION_MANAGER = 'envoy.filters.network.http_connection_manager';
export const TCP_PROXY = 'envoy.filters.network.tcp_proxy';
export const HTTP_FAULT = 'envoy.filters.http.fault';

const HCM_NAMES = new Set([HTTP_CONNECTION_MANAGER, 'envoy.http_connection_manager']);
const TCP_PROXY_NAMES = new Set([TCP_PROXY, 'envoy.tcp_proxy']);

/** The HTTP connection manager (envoy.extensions.filters.network.http_connection_manager.v3, or v2's). */
export function isHttpConnectionManager(name: string, typeUrl: string | undefined): boolean {
  return HCM_NAMES.has(name) || typeUrl?.endsWith('.HttpConnectionManager') === true;
}

/** The TCP proxy (envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy, or v2's). */
export function isTcpProxy(name: string, typeUrl: string | undefined): boolean {
  return TCP_PROXY_NAMES.has(name) || typeUrl?.endsWith('.TcpProxy') === true;
}

/** A listener filter of the listener, by its name (old and new spellings) or its typed_config `@type` suffix. */
function hasListenerFilter(listener: { listenerFilters: readonly string[]; raw: JsonObject }, names: readonly string[], typeSuffix: string): boolean {
  if (listener.listenerFilters.some((n) => names.includes(n))) return true;
  const filters = listener.raw.listener_filters;
  if (!Array.isArray(filters)) return false;
  return filters.some((f) => isObject(f) && isObject(f.typed_config) && String(f.typed_config['@type'] ?? '').endsWith(typeSuffix));
}

/** tls_inspector: reads a ClientHello, sets transport protocol `tls`, the SNI and the client's ALPN for the chain match. */
export function hasTlsInspector(listener: { listenerFilters: readonly string[]; raw: JsonObject }): boolean {
  return hasListenerFilter(listener, ['envoy.filters.listener.tls_inspector', 'envoy.listener.tls_inspector'], '.TlsInspector');
}

/** http_inspector: sniffs plaintext HTTP and sets the application protocol (`http/1.1`, `http/1.0`, `h2c`). */
export function hasHttpInspector(listener: { listenerFilters: readonly string[]; raw: JsonObject }): boolean {
  return hasListenerFilter(listener, ['envoy.filters.listener.http_inspector', 'envoy.listener.http_inspector'], '.HttpInspector');
}
