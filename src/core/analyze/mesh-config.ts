import { parse } from 'yaml';
import { asObject, type Json } from '../envoy/json.ts';
import type { MeshSettings } from './resource.ts';

/**
 * The MeshConfig the analyzers read. Upstream adds Istio's default mesh config (empty
 * `defaultConfig.proxyMetadata`), overridden by `--meshConfigFile` (a MeshConfig as YAML,
 * `AddFileKubeMeshConfig`); only `defaultConfig.proxyMetadata` is read here.
 */
export function defaultMeshSettings(): MeshSettings {
  return { proxyMetadata: {} };
}

/** A MeshConfig YAML text; an error message for text that is not a mapping. */
export function meshSettingsFromText(text: string): MeshSettings | { error: string } {
  let doc: Json;
  try {
    doc = parse(text) as Json;
  } catch (error) {
    return { error: `not valid YAML: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'unreadable'}` };
  }
  if (doc === null || doc === undefined) return defaultMeshSettings();
  const mesh = asObject(doc);
  if (mesh === undefined) return { error: 'expected a MeshConfig mapping (defaultConfig, …)' };
  const md = asObject(asObject(mesh.defaultConfig)?.proxyMetadata) ?? {};
  const proxyMetadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(md)) if (typeof v === 'string') proxyMetadata[k] = v;
  return { proxyMetadata };
}
