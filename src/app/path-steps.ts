import type { ConfigSet } from '../core/config/objects.ts';
import { explainInbound } from '../core/explain/inbound.ts';
import { pairTls } from '../core/path/handshake.ts';
import type { PathSteps } from '../core/path/types.ts';

/**
 * The per-hop steps of `explain --path` and the TUI's path view, with Envoy's and Istio's real
 * semantics: the server's inbound explain (core/explain/inbound.ts) and the TLS handshake
 * between the two proxies (core/path/handshake.ts), in Istio's words when objects are given.
 */
export function pathStepsFor(objects?: ConfigSet): PathSteps {
  return {
    inbound: (config, request, options) => explainInbound(config, request, options),
    handshake: (client, server) => pairTls({ client, server }, objects),
  };
}
