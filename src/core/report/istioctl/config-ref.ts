import { asObject, type JsonObject } from '../../envoy/json.ts';

/**
 * istioctl's DESTINATION RULE and VIRTUAL SERVICE columns: Istio stamps the Envoy clusters and
 * routes it generates with `metadata.filter_metadata.istio.config`, the path of the Istio
 * resource behind them (`/apis/networking.istio.io/v1/namespaces/default/virtual-service/httpbin`).
 * istioctl prints that as `name.namespace`.
 */

/** `/apis/networking.istio.io/<ver>/namespaces/<ns>/<kind>/<name>` → `name.ns`; another networking path → ''; anything else → `<unknown>`. */
function renderConfigPath(path: string): string {
  if (path.startsWith('/apis/networking.istio.io/')) {
    const pieces = path.split('/');
    return pieces.length === 8 ? `${pieces[7]}.${pieces[5]}` : '';
  }
  return '<unknown>';
}

/** The column for an object's `metadata` (snake_case): '' when there is no `istio.config`. */
export function describeManagement(metadata: unknown): string {
  const istio = asObject(asObject(asObject(metadata)?.filter_metadata)?.istio);
  if (!istio || !Object.hasOwn(istio, 'config')) return '';
  const config: JsonObject[string] = istio.config!;
  return renderConfigPath(typeof config === 'string' ? config : '');
}
