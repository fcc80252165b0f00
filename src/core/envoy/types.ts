import type { Cluster } from './cluster-types.ts';
import type { ClusterLoadAssignment, ClusterStatus } from './endpoint-types.ts';
import type { IssueKind } from './issue-kinds.ts';
import type { JsonObject } from './json.ts';
import type { Lazy } from './lazy.ts';
import type { Listener } from './listener-types.ts';
import type { EcdsFilter, ProxyNode, Secret } from './node-types.ts';
import type { RouteConfig } from './route-types.ts';

export type { CircuitBreakerThresholds, Cluster, OutlierDetection } from './cluster-types.ts';
export type { ClusterLoadAssignment, ClusterStatus, EndpointIdentity, HostStatus, LbEndpoint, Locality, LocalityLbEndpoints } from './endpoint-types.ts';
export type { FilterChain, FilterChainMatch, HttpFilter, Listener, NetworkFilter } from './listener-types.ts';
export type { EcdsFilter, ProxyNode, Secret, SecretCertificate } from './node-types.ts';
export type { RouteConfig } from './route-types.ts';

/**
 * The model of one proxy's configuration, built from any of the shapes users have
 * (config dump, istioctl `-o json` arrays, /clusters). Every entity keeps `raw` (snake_case).
 */

/** Where an xDS resource sat in the dump: static, dynamic active, or dynamic warming (not yet in use). */
export type ResourceState = 'static' | 'active' | 'warming' | 'draining';

export interface ResourceMeta {
  state: ResourceState;
  versionInfo?: string;
  lastUpdated?: string;
}

/**
 * What a load issue (or an explain caveat) is about; stable, scripts read them:
 * - `unknown-type`, `unknown-field`: an `@type` or field meshscope does not know (kept, not read);
 * - `missing-section`: a part of the config dump the input lacks (with the command that captures it);
 * - `bad-value`: a value Envoy would reject or that names no enum value;
 * - `unsupported`: a feature meshscope reads but does not evaluate;
 * - `empty-input`, `rejected-update` (an xDS update the proxy NACKed), `source-partial` (a fetch that got part of the data);
 * - `assumption`, `note`: explain's own caveats about its answer.
 */
export type IssueCode =
  | 'unknown-type'
  | 'unknown-field'
  /** A field of Envoy's API (route.proto, route_components.proto, ...) that meshscope does not evaluate. */
  | 'not-interpreted'
  | 'missing-section'
  | 'bad-value'
  | 'unsupported'
  | 'empty-input'
  | 'rejected-update'
  | 'source-partial'
  | 'assumption'
  | 'note';

/** Something in the input that meshscope could not use or did not expect. Never fatal. */
export interface LoadIssue {
  severity: 'info' | 'warning' | 'error';
  code: IssueCode;
  message: string;
  /** Where: `clusters[outbound|9080||reviews...].foo`, a section @type, etc. (`issueAt` reads it). */
  where?: string;
  /** Finer than `code` where it matters (see `ISSUE_KINDS`: whether it can change an answer). */
  kind?: IssueKind;
  /** Every place of an issue aggregated over several objects (`where` is the first), for the kinds that can change an answer. */
  places?: string[];
}

/**
 * An envoy.config.core.v3.Address: a socket address, a Unix pipe, or an Envoy internal address.
 * For a pipe or an internal address `address` is '' and `port` 0.
 */
export interface SocketAddress {
  address: string;
  port: number;
  /** Unix socket path, when the address is a pipe. */
  pipe?: string;
  /** envoy_internal_address: server_listener_name (and endpoint_id). */
  internalListener?: string;
  endpointId?: string;
}

export interface CidrRange {
  addressPrefix: string;
  prefixLen: number;
}

/** A config section meshscope read but does not model (unknown @type, scoped routes). Kept as is. */
export interface UnknownConfig {
  typeUrl: string;
  where: string;
  raw: JsonObject;
}

/** The large sections of a config dump a command may leave unread. */
export type SkippableSection = 'clusters' | 'listeners' | 'routes' | 'endpoints';

/** All of them: what a command that reads everything asks for. */
export const SKIPPABLE_SECTIONS: readonly SkippableSection[] = ['clusters', 'listeners', 'routes', 'endpoints'];

/** Which sections the input had; what is missing is said to the user. */
export interface SectionsPresent {
  bootstrap: boolean;
  listeners: boolean;
  routes: boolean;
  clusters: boolean;
  endpoints: boolean;
  secrets: boolean;
  ecds: boolean;
  hostStatus: boolean;
}

/**
 * Everything meshscope knows about one proxy. Lists keep istioctl's order: dynamic (active,
 * then warming/draining) entries before static ones. Inline route configs (an HCM's
 * `route_config`) are not in `routeConfigs` (istioctl's route table omits them either): reach
 * them through the listener's http_connection_manager filter.
 *
 * The model is read-only; the parts built on first read say so in their type (`Lazy`, read with
 * `.value`). Entities reference their input objects (`raw`) instead of copying
 * them, and values repeated across resources (circuit breakers, services, localities, endpoint
 * identities, DestinationRule refs, empty lists and metas) are shared between them, some frozen.
 */
export interface ProxyConfig {
  /** File name or `pod.namespace`. */
  source: string;
  node?: ProxyNode;
  listeners: Listener[];
  routeConfigs: RouteConfig[];
  /** Route config name → its RDS/static metadata. */
  routeConfigMeta: Map<string, ResourceMeta>;
  clusters: Cluster[];
  /** EDS ClusterLoadAssignments. */
  endpoints: ClusterLoadAssignment[];
  /** /clusters data, when given. */
  hostStatus: ClusterStatus[];
  secrets: Secret[];
  ecds: EcdsFilter[];
  /** Config dump sections with an unknown @type (and other unmodelled ones), kept for display. */
  unknownConfigs: UnknownConfig[];
  sections: SectionsPresent;
  /**
   * Sections the input holds that were not read, because the command does not need them (a
   * config dump parsed section by section, `parse-sections.ts`); their lists throw when touched.
   */
  unread?: ReadonlySet<SkippableSection>;
  /**
   * What the loader could not use, in input order. Completed on first read, which reads the parts
   * loaded lazily (route configs' virtual hosts) first; later reads return the same list, to
   * which a source may add its own (a partial fetch).
   */
  issues: Lazy<LoadIssue[]>;
  /** Indexes, built once at load. */
  index: ProxyIndex;
}

/** Lookups by name. Where a name has several entries (active and warming) the active one wins. */
export interface ProxyIndex {
  listenerByName: Map<string, Listener>;
  routeConfigByName: Map<string, RouteConfig>;
  clusterByName: Map<string, Cluster>;
  /** EDS ClusterLoadAssignment by cluster name (cluster_name or eds service_name). */
  endpointsByCluster: Map<string, ClusterLoadAssignment>;
  hostStatusByCluster: Map<string, ClusterStatus>;
}
