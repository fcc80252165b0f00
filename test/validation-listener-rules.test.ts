import assert from 'node:assert/strict';
import { DETAILS, type Dump, endpoints, listener, REVIEWS_V1, vhost } from './helpers/mutated-dump.ts';
import { type Row, runRows } from './helpers/validation-rows.ts';

/**
 * The validation rules of listeners, filter chains, addresses and list shapes (see
 * helpers/validation-rows.ts): listener_components.proto FilterChainMatch `destination_port
 * [(validate.rules).uint32 = {lte: 65535 gte: 1}]`, `source_ports [(validate.rules).repeated =
 * {items {uint32 {lte: 65535 gte: 1}}}]`, address.proto CidrRange `prefix_len
 * [(validate.rules).uint32 = {lte: 128}]` and SocketAddress `address [(validate.rules).string =
 * {min_len: 1}]`; a repeated field written as anything but a list is refused by protobuf's JSON
 * parser.
 */
const inbound = (d: Dump) => listener(d, 'virtualInbound').filter_chains[1].filter_chain_match;
const lbEndpoint = (d: Dump) => endpoints(d, REVIEWS_V1).endpoints[0].lb_endpoints[0];

const ROWS: Row[] = [
  {
    rule: 'FilterChainMatch.destination_port gte 1 lte 65535',
    mutate: (d) => {
      inbound(d).destination_port = 65536;
    },
    where: 'listeners[virtualInbound].filter_chains[1]',
    message: /filter_chain_match\.destination_port 65536 is not an integer in 1–65535/,
    model: (config) => assert.equal(config.index.listenerByName.get('virtualInbound')!.filterChains[1]!.match.destinationPort, 0),
  },
  {
    rule: 'FilterChainMatch.source_ports items gte 1 lte 65535',
    mutate: (d) => {
      inbound(d).source_ports = [0, 8080];
    },
    where: 'listeners[virtualInbound].filter_chains[1]',
    message: /filter_chain_match\.source_ports\[0\] 0 is not an integer in 1–65535/,
  },
  {
    rule: 'FilterChainMatch.server_names repeated string',
    mutate: (d) => {
      inbound(d).server_names = 'reviews.example';
    },
    where: 'listeners[virtualInbound].filter_chains[1]',
    message: /filter_chain_match\.server_names "reviews\.example" is not a list/,
  },
  {
    rule: 'CidrRange.prefix_len lte 128',
    mutate: (d) => {
      inbound(d).prefix_ranges = [{ address_prefix: '10.0.0.0', prefix_len: 200 }];
    },
    where: 'listeners[virtualInbound].filter_chains[1]',
    message: /filter_chain_match\.prefix_ranges\[0\]\.prefix_len 200 is not an integer in 0–128/,
  },
  {
    rule: 'Listener.filter_chains repeated',
    mutate: (d) => {
      listener(d, '0.0.0.0_9080').filter_chains = {};
    },
    where: 'listeners[0.0.0.0_9080]',
    message: /filter_chains \{\} is not a list/,
  },
  {
    rule: 'FilterChain.filters repeated',
    mutate: (d) => {
      listener(d, '0.0.0.0_9080').filter_chains[0].filters = 'http';
    },
    where: 'listeners[0.0.0.0_9080].filter_chains[0]',
    message: /filters "http" is not a list/,
  },
  {
    rule: 'RouteMatch.headers repeated',
    mutate: (d) => {
      vhost(d, DETAILS).routes[0].match.headers = 'end-user';
    },
    where: 'routes[9080].virtual_hosts[details.bookinfo.svc.cluster.local:9080].routes[0].match',
    message: /headers "end-user" is not a list/,
  },
  {
    rule: 'ClusterLoadAssignment.endpoints repeated',
    mutate: (d) => {
      endpoints(d, REVIEWS_V1).endpoints = {};
    },
    where: `endpoints[${REVIEWS_V1}]`,
    message: /endpoints \{\} is not a list/,
  },
  {
    rule: 'LocalityLbEndpoints.lb_endpoints repeated',
    mutate: (d) => {
      endpoints(d, REVIEWS_V1).endpoints[0].lb_endpoints = 'all';
    },
    where: `endpoints[${REVIEWS_V1}]`,
    message: /endpoints\[0\]\.lb_endpoints "all" is not a list/,
  },
  {
    rule: 'SocketAddress.address string',
    mutate: (d) => {
      lbEndpoint(d).endpoint.address.socket_address.address = 10;
    },
    where: `endpoints[${REVIEWS_V1}]`,
    message: /socket_address\.address 10 is not a string/,
  },
];

runRows('validation at the edge: listeners, filter chains, addresses and list shapes', ROWS);
