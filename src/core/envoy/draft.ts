import type { ProxyConfig, SkippableSection } from './types.ts';

/** A ProxyConfig being filled by the loader, document by document, before its index is built. */
export type ProxyDraft = Omit<ProxyConfig, 'source' | 'issues' | 'index' | 'unread'> & { unread: Set<SkippableSection> };

export function newDraft(): ProxyDraft {
  return {
    listeners: [],
    routeConfigs: [],
    routeConfigMeta: new Map(),
    clusters: [],
    endpoints: [],
    hostStatus: [],
    secrets: [],
    ecds: [],
    unknownConfigs: [],
    unread: new Set(),
    sections: { bootstrap: false, listeners: false, routes: false, clusters: false, endpoints: false, secrets: false, ecds: false, hostStatus: false },
  };
}
