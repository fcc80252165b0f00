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

/** A byte range to scan for depth (`limit`) and keys: a section of the dump. */
export interface ScanRange {
  start: number;
  end: number;
  limit: number;
}

export type ScanResult = { overflowAt: number; keys: number };

/**
 * Scans ranges of `bytes` with `scanJsonBytes`: in this thread (`scanHere`), or in another while
 * this one parses (sources/parallel-scan.ts). The answer is the same either way.
 */
export type SectionScanner = (bytes: Uint8Array, ranges: readonly ScanRange[]) => Promise<ScanResult[]>;

export const scanHere: SectionScanner = (bytes, ranges) => Promise.resolve(ranges.map((r) => scanJsonBytes(bytes, r.start, r.end, r.limit)));

/** The section's value, parsed from its own text; undefined when it is not the JSON object the split promised. */
function parseSlice(bytes: Uint8Array, slice: DumpSlice): JsonObject | undefined {
  let value: Json;
  try {
    value = JSON.parse(decode(bytes, slice.start, slice.end)) as Json;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value['@type'] !== slice.typeUrl) return undefined;
  return value;
}

/**
 * The dump in `bytes` (UTF-8) with only the sections in `needs` among the large ones, or
 * undefined when its shape is not a plain `{configs: [...]}` or a parsed section is not valid
 * JSON: the caller then parses the whole text, which words the error (line and column). The
 * depth and key scan of the parsed sections runs through `scanner` while they are parsed; the
 * value is returned only after it (a document nested too deep is refused before any walk).
 */
export async function parseDumpSections(
  name: string,
  bytes: Uint8Array,
  needs: ReadonlySet<keyof SectionsPresent>,
  scanner: SectionScanner = scanHere,
): Promise<Json | undefined> {
  const slices = splitConfigDump(bytes);
  if (!slices) return undefined;
  const parsed = slices.flatMap((slice, index) => (skippedAs(slice, needs) === undefined ? [{ slice, base: ['configs', index] }] : []));
  // A section sits two levels down (the root object, the `configs` list): it has that much less room.
  const scanning = scanner(
    bytes,
    parsed.map(({ slice }) => ({ start: slice.start, end: slice.end, limit: MAX_JSON_DEPTH - 2 })),
  );
  // Settled even when a section fails to parse and the scan is not awaited.
  scanning.catch(() => undefined);
  const configs: Json[] = [];
  const values: JsonObject[] = [];
  for (const slice of slices) {
    const skip = skippedAs(slice, needs);
    const value = skip === undefined ? parseSlice(bytes, slice) : unreadStub(slice.typeUrl, skip);
    if (!value) return undefined;
    if (skip === undefined) values.push(value);
    configs.push(value);
  }
  const scans = await scanning;
  const issues: LoadIssue[] = [];
  parsed.forEach(({ slice: { start, end }, base }, k) => {
    const value = values[k]!;
    const keys = checkScannedDepth(name, scans[k]!, value, MAX_JSON_DEPTH, base, () => scanJsonBytes(bytes, start, end, Number.POSITIVE_INFINITY).keys);
    issues.push(...jsonTextIssues(name, () => decode(bytes, start, end), value, keys, base));
  });
  const doc: JsonObject = { configs };
  attachTextIssues(doc, issues);
  return doc;
}

function skippedAs(slice: DumpSlice, needs: ReadonlySet<keyof SectionsPresent>): SkippableSection | undefined {
  const skippable = SKIPPABLE[sectionName(slice.typeUrl)];
  return skippable !== undefined && !needs.has(skippable) ? skippable : undefined;
}
