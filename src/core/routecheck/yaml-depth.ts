/**
 * A cheap upper bound on the block nesting of a YAML text, so that a file nested deeper than the
 * JSON limit is refused before the YAML parser (which recurses) sees it. Each line's indentation
 * opens a level when deeper than the one before (a stack of indents, as YAML's block structure
 * is), and each `- ` that starts a compact sequence entry on the line adds one. Flow collections
 * (`[`, `{`) are counted by core/envoy/json-depth.ts. Comments and block scalars may overcount,
 * never undercount.
 */
export function blockDepthOverflows(text: string, limit: number): boolean {
  const indents: number[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end && text[i] !== '#' && text[i] !== '\r') {
      while (indents.length > 0 && indents[indents.length - 1]! >= i - start) indents.pop();
      indents.push(i - start);
      let dashes = 0;
      while (i + 1 < end && text[i] === '-' && text[i + 1] === ' ') {
        dashes++;
        i += 2;
        while (i < end && text.charCodeAt(i) === 32) i++;
      }
      if (indents.length + dashes > limit) return true;
    }
    start = end + 1;
  }
  return false;
}
