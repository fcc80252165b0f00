import type { ConfigSet } from '../../core/config/objects.ts';
import type { Json } from '../../core/envoy/json.ts';
import { parseJsonDocument } from '../../core/envoy/parse-json.ts';
import { clusterStatusesFromModel } from '../../core/snapshot/model-dump.ts';
import type { LiveSource } from '../istioctl/live-source.ts';
import type { CaptureSource } from './capture.ts';

/**
 * The live istioctl source as a capture source: the config dump exactly as
 * `istioctl proxy-config all POD -o json` printed it, /clusters state as the live source read it
 * (`proxy-config endpoints`), versions from `istioctl version -o json`, the kube context, and the
 * cluster's objects when `objects` is given (kubectl: `sources/kubectl/live-objects.ts`).
 */
export function liveCaptureSource(live: LiveSource, context: string | undefined, objects?: (signal?: AbortSignal) => Promise<ConfigSet>): CaptureSource {
  return {
    ...(objects ? { rawObjects: objects } : {}),
    kind: live.kind,
    label: live.label,
    context,
    listProxies: (signal) => live.listProxies(signal),
    proxyConfig: (proxy, signal) => live.proxyConfig(proxy, signal),
    analyze: (namespace, signal) => live.analyze(namespace, signal),
    stats: (proxy, signal) => live.stats(proxy, signal),
    async rawProxyConfig(proxy, signal) {
      const { config } = await live.proxyConfig(proxy, signal);
      const configDump: Json = parseJsonDocument(`istioctl proxy-config all ${proxy} -o json`, await live.dumpText(proxy, signal));
      const endpoints = clusterStatusesFromModel(config);
      return endpoints ? { configDump, endpoints } : { configDump };
    },
    async versions(signal) {
      const v = await live.version(signal);
      const istio = v.controlPlane.find((c) => c.version)?.version;
      return { ...(v.client ? { istioctl: v.client } : {}), ...(istio ? { istio } : {}) };
    },
    close: () => live.close(),
  };
}
