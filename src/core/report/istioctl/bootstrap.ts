import { asNumber, asObject, type JsonObject } from '../../envoy/json.ts';
import type { ProxyNode } from '../../envoy/types.ts';
import { row, tabulate } from '../tabwriter.ts';

/**
 * `istioctl proxy-config bootstrap -o short`: the Istio and Envoy versions from the bootstrap's
 * `node` (Istio's proxy metadata and Envoy's `user_agent_build_version`).
 */

/** A google.protobuf.Value's `GetStringValue()`: '' unless it is a string. */
function stringValue(struct: JsonObject | undefined, key: string): string | undefined {
  if (!struct || !Object.hasOwn(struct, key)) return undefined;
  const value = struct[key];
  return typeof value === 'string' ? value : '';
}

/** `major.minor.patch[-build.label][/revision.status][/build.type][/ssl.version]`; `0.0.0` without a build version. */
function envoyVersionText(node: JsonObject): string {
  const build = asObject(node.user_agent_build_version);
  const version = asObject(build?.version);
  const md = asObject(build?.metadata);
  let text = `${asNumber(version?.major_number) ?? 0}.${asNumber(version?.minor_number) ?? 0}.${asNumber(version?.patch) ?? 0}`;
  const label = stringValue(md, 'build.label');
  if (label !== undefined) text += `-${label}`;
  for (const key of ['revision.status', 'build.type', 'ssl.version']) {
    const value = stringValue(md, key);
    if (value !== undefined) text += `/${value}`;
  }
  return text;
}

export function renderBootstrapSummary(node: ProxyNode): string {
  const md = asObject(node.raw.metadata);
  const istioVersion = stringValue(md, 'ISTIO_VERSION') ?? '';
  let sha = stringValue(md, 'ISTIO_PROXY_SHA') ?? '';
  const parts = sha.split(':');
  if (parts.length > 1) sha = parts[1]!;
  const envoyVersion = envoyVersionText(node.raw);
  const lines: string[] = [];
  if (istioVersion) lines.push(row`Istio Version:\t${istioVersion}`);
  if (sha) lines.push(row`Istio Proxy Version:\t${sha}`);
  if (envoyVersion) lines.push(row`Envoy Version:\t${envoyVersion}`);
  return tabulate(lines, 1);
}
