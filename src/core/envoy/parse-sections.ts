import { sectionName } from './config-dump.ts';
import { type DumpSlice, splitConfigDump } from './dump-split.ts';
import type { Json, JsonObject } from './json.ts';
import { checkScannedDepth, MAX_JSON_DEPTH, scanJsonBytes } from './json-depth.ts';
import { attachTextIssues, jsonTextIssues } from './json-text-issues.ts';
import { isJsonBytes } from './json-validate.ts';
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

/**
 * A byte range to scan for depth (`limit`) and keys: a section of the dump. With `syntaxOnly`
 * (a section left unparsed), only whether it is JSON nested within `limit` (`isJsonBytes`).
 */
export interface ScanRange {
  start: number;
  end: number;
  limit: number;
  syntaxOnly?: boolean;
}

/** A scan's answer; `valid` for a `syntaxOnly` range (its depth and keys are not counted). */
export type ScanResult = { overflowAt: number; keys: number; valid?: boolean };

/** One range's scan, wherever it runs (this thread or the worker of sources/parallel-scan.ts). */
export function scanRange(bytes: Uint8Array, range: ScanRange): ScanResult {
  if (range.syntaxOnly) return { overflowAt: -1, keys: 0, valid: isJsonBytes(bytes, range.start, range.end, range.limit) };
  return scanJsonBytes(bytes, range.start, range.end, range.limit);
}

/**
 * A scan under way. `finish`, called once the caller has parsed what it parses, resolves to every
 * range's answer in order (the caller may scan some of them itself then); `cancel` when the
 * answers are not wanted (a section failed to parse).
 */
export interface ScanJob {
  finish(): Promise<ScanResult[]>;
  cancel(): void;
}

/**
 * Starts scanning ranges of `bytes` (`scanRange`): in this thread when finished (`scanHere`), or
 * in another while this one parses, the two sharing the ranges (sources/parallel-scan.ts). The
 * answers are the same either way.
 */
export type SectionScanner = (bytes: Uint8Array, ranges: readonly ScanRange[]) => ScanJob;

export const scanHere: SectionScanner = (bytes, ranges) => ({
  finish: () => Promise.resolve(ranges.map((r) => scanRange(bytes, r))),
  cancel: () => undefined,
});

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
 * undefined when its shape is not a plain `{configs: [...]}` or a section (parsed or left out)
 * is not valid JSON or nests too deep: the caller then parses the whole text, which words the
 * error (line and column). The
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
  const skipped = slices.filter((slice) => skippedAs(slice, needs) !== undefined);
  // A section sits two levels down (the root object, the `configs` list): it has that much less
  // room. The sections left out are checked too, for syntax and depth only: a file JSON.parse
  // refuses (or too deep) is refused whatever the command reads.
  const limit = MAX_JSON_DEPTH - 2;
  // The parsed sections' scans first: a worker takes ranges from the front while this thread
  // parses, and this one takes the rest from the back when it is done (parallel-scan.ts).
  const scanning = scanner(bytes, [
    ...parsed.map(({ slice }) => ({ start: slice.start, end: slice.end, limit })),
    ...skipped.map((slice) => ({ start: slice.start, end: slice.end, limit, syntaxOnly: true })),
  ]);
  const configs: Json[] = [];
  const values: JsonObject[] = [];
  for (const slice of slices) {
    const skip = skippedAs(slice, needs);
    const value = skip === undefined ? parseSlice(bytes, slice) : unreadStub(slice.typeUrl, skip);
    if (!value) {
      scanning.cancel();
      return undefined;
    }
    if (skip === undefined) values.push(value);
    configs.push(value);
  }
  const scans = await scanning.finish();
  // A section left out that is not JSON (or nests too deep): the whole text's parse words why.
  if (scans.slice(parsed.length).some((scan) => scan.valid !== true)) return undefined;
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
