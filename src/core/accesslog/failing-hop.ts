import type { FailedAt, FailureKind, LogHop } from './group-types.ts';

/**
 * Which hop of a request produced its failure. Envoy writes `via_upstream` as
 * %RESPONSE_CODE_DETAILS% when it passes on what the upstream answered
 * (source/common/stream_info/utility.h, ResponseCodeDetails::ViaUpstream) and another detail when
 * it answers itself (`rbac_access_denied_matched_policy[none]`, `route_not_found`,
 * `upstream_reset_before_response_started{…}`...). From the first failed hop the walk goes down
 * while the failure came from further in: a client hop that passed on (or lost the connection
 * to) a server hop that failed, a server hop whose app answered after its own call failed.
 */

/** Flags that report what happened on the way to the upstream: the upstream side may hold the cause. */
const UPSTREAM_SIDE = new Set(['UC', 'UF', 'UR', 'URX', 'UPE', 'LR', 'UMSDR']);

export interface Origin {
  hop: number;
  kind: FailureKind;
}

const children = (hops: readonly LogHop[], at: number): number[] => hops.flatMap((h, i) => (h.parent === at ? [i] : []));

/** A failed hop that is not just the downstream giving up (DC: its client closed first, a consequence). */
const failedHere = (h: LogHop): boolean => h.failed && !h.entry.responseFlags.includes('DC');

function originFrom(hops: readonly LogHop[], at: number, seen: Set<number>): Origin {
  seen.add(at);
  const hop = hops[at]!;
  const failedKids = children(hops, at).filter((i) => failedHere(hops[i]!) && !seen.has(i));
  if (hop.direction === 'inbound') {
    if (hop.local) return { hop: at, kind: 'proxy' };
    // The app answered the failure: if one of its own calls failed first, the cause is there.
    return failedKids.length ? originFrom(hops, failedKids[0]!, seen) : { hop: at, kind: 'application' };
  }
  const flags = hop.entry.responseFlags;
  if (hop.local && !flags.some((f) => UPSTREAM_SIDE.has(f))) return { hop: at, kind: 'proxy' };
  // The last attempt the server logged (retries each leave a server line).
  if (failedKids.length) return originFrom(hops, failedKids.at(-1)!, seen);
  // Envoy lost the exchange with the upstream (reset, connect failure) and the server shows no failure of its own.
  if (hop.local) return { hop: at, kind: 'connection' };
  return { hop: at, kind: children(hops, at).length ? 'application' : 'upstream' };
}

/** The hop the failure of a group came from, or null when no hop failed. */
export function failureOrigin(hops: readonly LogHop[]): Origin | null {
  // The first failed hop whose own client did not fail: where the failure starts to show.
  const start = hops.findIndex((h) => failedHere(h) && (h.parent === null || !failedHere(hops[h.parent]!)));
  const first = start >= 0 ? start : hops.findIndex((h) => h.failed);
  return first < 0 ? null : originFrom(hops, first, new Set());
}

export function failedAtOf(hops: readonly LogHop[], origin: Origin): FailedAt {
  const h = hops[origin.hop]!;
  return { hop: origin.hop, proxy: h.proxy, direction: h.direction, file: h.file, line: h.line, kind: origin.kind };
}
