import { sectionName } from './config-dump.ts';
import { type DumpSlice, splitConfigDump } from './dump-split.ts';
import type { Json, JsonObject } from './json.ts';
import { checkScannedDepth, MAX_JSON_DEPTH, scanJsonBytes } from './json-depth.ts';
import { attachTextIssues, jsonTextIssues } from './json-text-issues.ts';
import type { LoadIssue, SectionsPresent, SkippableSection } from './types.ts';
import { unreadStub } from './unread-sections.ts';

/**
 * A config dump parsed section by section, only the sections a command reads (`dump-split.ts`
 * finds them). The others stand in the parsed document as a stub holding only their `@type`,
 * which the loader marks unread (`unread-sections.ts`): the model says the section is there and
 * was not read, and reading it is a programming error, not an empty list (see `load.ts`).
 *
 * Only the large sections are left out; the bootstrap, secrets, ECDS, scoped routes and any
 * section meshscope does not know are always parsed (they are small, and an unknown one must
 * be reported).
 */
const SKIPPABLE: Record<string, SkippableSection> = {
  ClustersConfigDump: 'clusters',
  ListenersConfigDump: 'listeners',
  RoutesConfigDump: 'routes',
  EndpointsConfigDump: 'endpoints',
};

/** UTF-8 as `Buffer.toString` decodes it (malformed bytes become U+FFFD); TextDecoder is the faster of the two on Node 20. */
const utf8 = new TextDecoder('utf-8');

function decode(bytes: Uint8Array, start: number, end: number): string {
  return utf8.decode(bytes.subarray(start, end));
}

function parseSlice(name: string, bytes: Uint8Array, slice: DumpSlice, index: number, issues: LoadIssue[]): JsonObject | undefined {
  const text = decode(bytes, slice.start, slice.end);
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value['@type'] !== slice.typeUrl) return undefined;
  const base = ['configs', index];
  const room = MAX_JSON_DEPTH - base.length;
  const scan = scanJsonBytes(bytes, slice.start, slice.end, room);
  const keys = checkScannedDepth(name, scan, value, MAX_JSON_DEPTH, base, () => scanJsonBytes(bytes, slice.start, slice.end, Number.POSITIVE_INFINITY).keys);
  issues.push(...jsonTextIssues(name, text, value, keys, base));
  return value;
}

/**
 * The dump in `bytes` (UTF-8) with only the sections in `needs` among the large ones, or
 * undefined when its shape is not a plain `{configs: [...]}` or a parsed section is not valid
 * JSON: the caller then parses the whole text, which words the error (line and column).
 */
export function parseDumpSections(name: string, bytes: Uint8Array, needs: ReadonlySet<keyof SectionsPresent>): Json | undefined {
  const slices = splitConfigDump(bytes);
  if (!slices) return undefined;
  const issues: LoadIssue[] = [];
  const configs: Json[] = [];
  for (let i = 0; i < slices.length; i++) {
    const slice = slices[i]!;
    const skippable = SKIPPABLE[sectionName(slice.typeUrl)];
    if (skippable !== undefined && !needs.has(skippable)) {
      configs.push(unreadStub(slice.typeUrl, skippable));
      continue;
    }
    const section = parseSlice(name, bytes, slice, i, issues);
    if (!section) return undefined;
    configs.push(section);
  }
  const doc: JsonObject = { configs };
  attachTextIssues(doc, issues);
  return doc;
}
