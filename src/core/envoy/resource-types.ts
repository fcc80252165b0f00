import type { IssueSink } from './issues.ts';
import { asObject, type JsonObject } from './json.ts';

/**
 * The `@type` a resource of each section must have. A config dump writes each resource as an
 * Any (`{"@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster", ...}`); xDS refuses a
 * resource whose type URL is not the one its subscription asks for (Envoy's
 * `GrpcMuxImpl::onDiscoveryResponse`: "{} does not match the message-wide type URL {} in
 * DiscoveryResponse"), and Envoy's JSON loader needs a
 * known type to read an Any at all. A resource of another @type is still read by its place (the
 * answer may differ from Envoy's), with this `unknown-type` warning. (v2 type URLs are refused
 * before, by `findV2Evidence`.)
 */
const EXPECTED: Readonly<Record<string, string>> = {
  clusters: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  listeners: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  routes: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  endpoints: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  secrets: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
};

/** Reports a resource of `section` (`clusters`, `listeners`, `routes`, `endpoints`, `secrets`) whose `@type` is another. */
export function checkResourceType(raw: JsonObject | undefined, section: keyof typeof EXPECTED, name: string, sink: IssueSink): void {
  const type = asObject(raw)?.['@type'];
  if (type === undefined || type === EXPECTED[section]) return;
  const where = `${section}[${name}]`;
  sink.report({
    severity: 'warning',
    code: 'unknown-type',
    message: `${where}: @type ${JSON.stringify(type).slice(0, 120)} is not ${EXPECTED[section]}; Envoy refuses such a resource, meshscope reads it by its place`,
    where,
  });
}
