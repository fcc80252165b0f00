import type { ProxyDraft } from './draft.ts';
import type { JsonObject } from './json.ts';
import type { SkippableSection } from './types.ts';

/**
 * The sections of a dump left unread (`parse-sections.ts`): the stub that stands for each in the
 * parsed document, and the lists of the model that stand for them after loading. A command
 * declares the sections it reads; when one reads a list it did not declare, that is a bug in
 * meshscope, and it fails loudly (an internal error naming the section) instead of showing an
 * empty table or an explanation without the section.
 */
const stubs = new WeakMap<object, SkippableSection>();

/** A stub holding only the section's `@type`, marked as standing for `section`. */
export function unreadStub(typeUrl: string, section: SkippableSection): JsonObject {
  const stub: JsonObject = { '@type': typeUrl };
  stubs.set(stub, section);
  return stub;
}

/** The section a stub stands for, when `section` is one. */
export function unreadSectionOf(section: JsonObject): SkippableSection | undefined {
  return stubs.get(section);
}

export class UnreadSectionError extends Error {
  constructor(section: SkippableSection) {
    super(`internal: the ${section} section of the dump was not read for this command; add '${section}' to the sections it reads`);
    this.name = 'UnreadSectionError';
  }
}

/** An empty list that throws on any use. */
function unreadList<T>(section: SkippableSection): T[] {
  return new Proxy([] as T[], {
    get(_target, key) {
      if (key === Symbol.toStringTag) return undefined;
      throw new UnreadSectionError(section);
    },
  });
}

/** The model's list each section fills. */
const LIST_OF = { clusters: 'clusters', listeners: 'listeners', routes: 'routeConfigs', endpoints: 'endpoints' } as const satisfies Record<
  SkippableSection,
  keyof ProxyDraft
>;

/**
 * Replaces the draft's lists of the unread sections by lists that throw when read (after the
 * index is built). A list another document filled (an EDS file beside the dump) stays.
 */
export function guardUnreadSections(draft: ProxyDraft): void {
  for (const section of draft.unread) {
    const list = LIST_OF[section];
    if (draft[list].length === 0) (draft as Record<typeof list, unknown[]>)[list] = unreadList(section);
  }
}
