import type { SecretKind } from '../text/secret-text.ts';

/**
 * One value meshscope removed from what it captured or prints: what kind of secret and where
 * (a jq path from the document's root, e.g. `.configs[2].bootstrap.node.metadata.TOKEN`),
 * never the value. Kinds: those of `detectSecret` (content), `authorization-header` (a header
 * named `authorization` or `proxy-authorization`), `key-field` (a field that holds key material
 * by its name: `private_key`, `password`, …) and `certificate` (a certificate payload).
 */
export type RedactionKind = SecretKind | 'authorization-header' | 'key-field' | 'certificate';

export interface Redaction {
  kind: RedactionKind;
  path: string;
}

/** What replaces a redacted string value. */
export function redactionMarker(kind: RedactionKind): string {
  return `[redacted: ${kind}]`;
}

/** A path step in jq syntax: `.name` for identifiers, `["any key"]` otherwise, `[3]` for indexes. */
export function pathStep(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * A node being walked: its parent chain gives the path only when something is recorded. The
 * key is kept as it is and rendered (`pathStep`) only then: a walk over a dump records nothing
 * for almost every node.
 */
export interface PathNode {
  parent: PathNode | undefined;
  key: string | number;
}

export function pathOf(node: PathNode | undefined, base = ''): string {
  const steps: string[] = [];
  for (let n = node; n; n = n.parent) steps.push(pathStep(n.key));
  return base + steps.reverse().join('');
}
