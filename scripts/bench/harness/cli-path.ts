import { loadProxyConfig } from '../../../src/core/envoy/load.ts';
import { parseJsonDocument } from '../../../src/core/envoy/parse-json.ts';
import { parseDumpSections } from '../../../src/core/envoy/parse-sections.ts';
import { type ProxyConfig, SKIPPABLE_SECTIONS } from '../../../src/core/envoy/types.ts';
import { scanInParallel } from '../../../src/sources/parallel-scan.ts';

/**
 * Opening a dump exactly as the CLI does once the file is read: text → parseJsonDocument →
 * loadProxyConfig (which also builds the indexes). The one place the benches call the loader.
 */
export function loadDumpText(name: string, text: string): ProxyConfig {
  return loadProxyConfig([{ name, data: parseJsonDocument(name, text) }], name);
}

/**
 * Opening a dump file's bytes as `meshscope --file` does (sources/files.ts `readJsonFile` with every
 * section read: explain, findings, the overview): split into sections, each parsed, then
 * loadProxyConfig; the whole-text parse when the dump does not split.
 */
export async function loadDumpBytes(name: string, bytes: Buffer): Promise<ProxyConfig> {
  const data = (await parseDumpSections(name, bytes, new Set(SKIPPABLE_SECTIONS), scanInParallel)) ?? parseJsonDocument(name, bytes.toString('utf8'));
  return loadProxyConfig([{ name, data }], name);
}
