import { RE2JS } from 're2js';

/**
 * Envoy's `safe_regex`: Google RE2 syntax, linear-time matching, and the WHOLE value must match
 * (RE2::FullMatch). meshscope uses re2js, a pure-JS port of RE2, so a hostile pattern such as
 * `(a+)+$` cannot backtrack. Each pattern is compiled once and cached.
 */
export type CompiledRegex = { ok: true; pattern: string; re: RE2JS } | { ok: false; pattern: string; error: string };

/** Envoy's default `re2.max_program_size.error_level`: larger programs are rejected at config load. */
export const RE2_MAX_PROGRAM_SIZE_DEFAULT = 100;

const cache = new Map<string, CompiledRegex>();
const CACHE_LIMIT = 4096;

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp:\s*/, '');
}

/** Compiles an RE2 pattern (cached). An invalid pattern is returned with the RE2 error, never thrown. */
export function compileRegex(pattern: string): CompiledRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let compiled: CompiledRegex;
  try {
    compiled = { ok: true, pattern, re: RE2JS.compile(pattern) };
  } catch (error) {
    compiled = { ok: false, pattern, error: describeError(error) };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** The RE2 error for an invalid pattern, or undefined when it compiles. */
export function regexError(pattern: string): string | undefined {
  const compiled = compileRegex(pattern);
  return compiled.ok ? undefined : compiled.error;
}

/**
 * The compiled program size, as Envoy compares with `re2.max_program_size.error_level`.
 * re2js counts instructions like RE2 but not identically, so treat it as an estimate.
 */
export function regexProgramSize(pattern: string): number | undefined {
  const compiled = compileRegex(pattern);
  return compiled.ok ? compiled.re.programSize() : undefined;
}

/** RE2::FullMatch: true when the whole value matches; false for an invalid pattern. */
export function fullMatch(pattern: string, value: string): boolean {
  const compiled = compileRegex(pattern);
  return compiled.ok && compiled.re.matches(value);
}

/**
 * Checks an RE2 rewrite string (`\1`, `\\`): Envoy rejects a substitution that names a group
 * the pattern does not have, or a backslash followed by anything else.
 */
export function rewriteError(pattern: string, substitution: string): string | undefined {
  const compiled = compileRegex(pattern);
  if (!compiled.ok) return compiled.error;
  const groups = compiled.re.groupCount();
  for (let i = 0; i < substitution.length; i++) {
    if (substitution[i] !== '\\') continue;
    const next = substitution[i + 1];
    if (next === '\\') {
      i++;
    } else if (next !== undefined && next >= '0' && next <= '9') {
      if (Number(next) > groups) return `substitution "${substitution}" refers to group \\${next}, but the pattern has ${groups}`;
      i++;
    } else {
      return `substitution "${substitution}" has an invalid escape "\\${next ?? ''}"`;
    }
  }
  return undefined;
}

function expand(substitution: string, group: (n: number) => string): string {
  let out = '';
  for (let i = 0; i < substitution.length; i++) {
    const c = substitution[i]!;
    const next = substitution[i + 1];
    if (c === '\\' && next !== undefined && next >= '0' && next <= '9') {
      out += group(Number(next));
      i++;
    } else if (c === '\\' && next === '\\') {
      out += '\\';
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * RE2::GlobalReplace: replaces every non-overlapping match, expanding `\0`–`\9` in the
 * substitution; an empty match right after the previous match is skipped, as RE2 does.
 * Returns undefined for an invalid pattern or substitution.
 */
export function replaceAll(pattern: string, value: string, substitution: string): string | undefined {
  const compiled = compileRegex(pattern);
  if (!compiled.ok || rewriteError(pattern, substitution) !== undefined) return undefined;
  const matcher = compiled.re.matcher(value);
  let out = '';
  let pos = 0;
  let lastEnd = -1;
  let count = 0;
  while (pos <= value.length && matcher.find(pos)) {
    const start = matcher.start();
    const end = matcher.end();
    if (pos < start) out += value.slice(pos, start);
    if (start === end && start === lastEnd) {
      const step = start < value.length && value.codePointAt(start)! > 0xffff ? 2 : 1;
      out += value.slice(start, start + step);
      pos = start + step;
      continue;
    }
    out += expand(substitution, (n) => matcher.group(n) ?? '');
    pos = end;
    lastEnd = end;
    count++;
  }
  if (count === 0) return value;
  return out + value.slice(Math.min(pos, value.length));
}
