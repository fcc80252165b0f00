import { loadProxyConfig } from '../../../src/core/envoy/load.ts';
import { parseJsonDocument } from '../../../src/core/envoy/parse-json.ts';
import type { ProxyConfig } from '../../../src/core/envoy/types.ts';

/**
 * Opening a dump exactly as the CLI does once the file is read: text → parseJsonDocument →
 * loadProxyConfig (which also builds the indexes). The one place the benches call the loader.
 */
export function loadDumpText(name: string, text: string): ProxyConfig {
  return loadProxyConfig([{ name, data: parseJsonDocument(name, text) }], name);
}
