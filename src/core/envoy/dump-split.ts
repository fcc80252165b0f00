/**
 * Where the sections of a config dump lie in its bytes, found without parsing it, so a command
 * parses only the sections it reads (issue 18: `clusters` needs neither routes nor EDS).
 *
 * Envoy writes `/config_dump` as `{"configs": [S0, S1, ...]}`, each section an `Any` whose first
 * key is `@type` (protobuf's JSON printer writes an Any's `@type` before its fields:
 * `json_util` / `AnyWriter` in protobuf's src/google/protobuf/json/internal/unparser.cc), naming
 * an admin message, `type.googleapis.com/envoy.admin.v3.ClustersConfigDump`. istioctl's
 * `proxy-config all -o json` prints Envoy's dump as it came (`configdump.Wrapper` in
 * istio/istio istioctl/pkg/util/configdump). The real dumps in ../shared/conformance have this
 * shape in both indentations (one space from Envoy, two from istioctl).
 *
 * The split is found by searching the bytes for the admin type URLs (nothing but a section names
 * an `envoy.admin.*` message) and reading backwards from each over exactly the grammar between
 * sections: `{`, `"@type"`, `:` before it, `,` and `}` between sections, `{"configs": [` at the
 * start and `]}` at the end, with JSON whitespace anywhere between. An escaped quote, another key
 * first, a `configs` beside other keys, a section without `@type` first: anything else returns
 * undefined and the caller parses the document whole, as before. A section that is parsed must
 * parse as one JSON object with the `@type` found (checked by the caller); a section that is not
 * parsed is not checked: its bytes are not read.
 */
export interface DumpSlice {
  /** The section's `@type`. */
  typeUrl: string;
  /** Byte offsets: the section's `{` and one past its `}`. */
  start: number;
  end: number;
}

const ANCHOR = '"type.googleapis.com/envoy.admin.';
const QUOTE = 0x22;

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The index of the last non-whitespace byte before `i` (-1 when none). */
function backOverSpace(bytes: Uint8Array, i: number): number {
  let j = i - 1;
  while (j >= 0 && isSpace(bytes[j])) j--;
  return j;
}

function forwardOverSpace(bytes: Uint8Array, i: number): number {
  let j = i;
  while (j < bytes.length && isSpace(bytes[j])) j++;
  return j;
}

/** Whether `bytes` at `at` hold the ASCII `text`. */
function holds(bytes: Uint8Array, at: number, text: string): boolean {
  if (at < 0 || at + text.length > bytes.length) return false;
  for (let k = 0; k < text.length; k++) if (bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** The `{` that opens the section whose `@type` value starts at `anchor` (`{ "@type" : "…`), or -1. */
function sectionStart(bytes: Uint8Array, anchor: number): number {
  const colon = backOverSpace(bytes, anchor);
  if (bytes[colon] !== 0x3a) return -1;
  const keyEnd = backOverSpace(bytes, colon);
  const keyStart = keyEnd - '"@type"'.length + 1;
  if (!holds(bytes, keyStart, '"@type"')) return -1;
  const brace = backOverSpace(bytes, keyStart);
  return bytes[brace] === 0x7b ? brace : -1;
}

/** The `[` that opens `configs` when the document starts `{"configs": [`; -1 otherwise. */
function configsOpen(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  i = forwardOverSpace(bytes, i);
  if (bytes[i] !== 0x7b) return -1;
  i = forwardOverSpace(bytes, i + 1);
  if (!holds(bytes, i, '"configs"')) return -1;
  i = forwardOverSpace(bytes, i + '"configs"'.length);
  if (bytes[i] !== 0x3a) return -1;
  i = forwardOverSpace(bytes, i + 1);
  return bytes[i] === 0x5b ? i : -1;
}

/** The `}` that closes the last section when the document ends `]}`; -1 otherwise. */
function lastSectionEnd(bytes: Uint8Array): number {
  const outer = backOverSpace(bytes, bytes.length);
  if (bytes[outer] !== 0x7d) return -1;
  const list = backOverSpace(bytes, outer);
  if (bytes[list] !== 0x5d) return -1;
  const end = backOverSpace(bytes, list);
  return bytes[end] === 0x7d ? end : -1;
}

/** Decodes bytes known to be ASCII (a type URL found between quotes). */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let k = start; k < end; k++) {
    const c = bytes[k]!;
    if (c >= 0x80 || c < 0x20 || c === 0x5c) return '';
    out += String.fromCharCode(c);
  }
  return out;
}

/** The sections of a UTF-8 config dump in document order, or undefined when its shape is not the one above. */
export function splitConfigDump(bytes: Uint8Array): DumpSlice[] | undefined {
  const open = configsOpen(bytes);
  if (open === -1) return undefined;
  const finalEnd = lastSectionEnd(bytes);
  if (finalEnd === -1) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const slices: DumpSlice[] = [];
  for (let at = buffer.indexOf(ANCHOR, open); at !== -1; at = buffer.indexOf(ANCHOR, at + ANCHOR.length)) {
    const start = sectionStart(bytes, at);
    if (start === -1) return undefined;
    const before = backOverSpace(bytes, start);
    if (slices.length === 0) {
      if (before !== open) return undefined;
    } else {
      if (bytes[before] !== 0x2c) return undefined;
      const previousEnd = backOverSpace(bytes, before);
      if (bytes[previousEnd] !== 0x7d) return undefined;
      slices[slices.length - 1]!.end = previousEnd + 1;
    }
    const close = buffer.indexOf(QUOTE, at + 1);
    const typeUrl = close === -1 ? '' : ascii(bytes, at + 1, close);
    if (typeUrl === '') return undefined;
    slices.push({ typeUrl, start, end: -1 });
  }
  if (slices.length === 0) return undefined;
  const last = slices[slices.length - 1]!;
  if (finalEnd < last.start) return undefined;
  last.end = finalEnd + 1;
  return slices;
}
