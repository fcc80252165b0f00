import type { InputValue, MatcherContext, TypedExtension } from '../router/matcher-tree.ts';
import type { ConnectionFacts } from './connection.ts';

const NETWORK = 'envoy.extensions.matching.common_inputs.network.v3.';

/** A connection from the destination's own IP or loopback (Network::Utility::isSameIpOrLoopback). */
function isLocal(facts: ConnectionFacts): boolean | undefined {
  if (facts.sourceIp === undefined) return undefined;
  return facts.sourceIp === facts.destinationIp || /^127\.|^::1$/.test(facts.sourceIp);
}

/**
 * Envoy's network matching inputs (source/common/network/matching/inputs.cc; the application
 * protocol one in source/extensions/matching/network/application_protocol/config.cc), read from
 * what the listener knows about the connection. Each returns no data where Envoy does: no SNI,
 * no ALPN, a connection that is not local.
 */
const INPUTS: Record<string, { label: string; get: (f: ConnectionFacts) => InputValue }> = {
  DestinationIPInput: { label: 'destination IP', get: (f) => f.destinationIp ?? { unknown: 'the destination address was not found' } },
  DestinationPortInput: { label: 'destination port', get: (f) => String(f.destinationPort) },
  SourceIPInput: { label: 'source IP', get: (f) => f.sourceIp ?? { unknown: "the client's address is not given" } },
  DirectSourceIPInput: { label: 'direct source IP', get: (f) => f.sourceIp ?? { unknown: "the client's address is not given" } },
  SourcePortInput: { label: 'source port', get: () => ({ unknown: "the client's source port is ephemeral" }) },
  // "local" for a same-IP or loopback connection, else no data.
  SourceTypeInput: {
    label: 'source type',
    get: (f) => {
      const local = isLocal(f);
      return local === undefined ? { unknown: "the client's address is not given" } : local ? 'local' : null;
    },
  },
  ServerNameInput: { label: 'server name', get: (f) => f.serverName || null },
  TransportProtocolInput: { label: 'transport protocol', get: (f) => f.transportProtocol },
  // ApplicationProtocolInput: every protocol quoted and joined, `'h2','http/1.1'` (absl::StrCat("'", StrJoin(protocols, "','"), "'")).
  ApplicationProtocolInput: {
    label: 'application protocol',
    get: (f) => (f.applicationProtocols.length ? `'${f.applicationProtocols.join("','")}'` : null),
  },
};

/** The inputs of a filter chain matcher for this connection; any other input is unknown (a caveat). */
export function networkInputs(facts: ConnectionFacts): MatcherContext {
  const known = (input: TypedExtension) => (input.type.startsWith(NETWORK) ? INPUTS[input.type.slice(NETWORK.length)] : undefined);
  return {
    resolve: (input) => {
      const found = known(input);
      return found ? found.get(facts) : { unknown: `input ${input.type || input.name} is not interpreted` };
    },
    label: (input) => known(input)?.label ?? (input.type.split('.').pop() || input.name),
  };
}
