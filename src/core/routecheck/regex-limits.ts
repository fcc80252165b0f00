import { isObject, type Json } from '../envoy/json.ts';
import type { LoadIssue } from '../envoy/types.ts';
import type { RuntimeValue } from '../router/route-options.ts';
import { RE2_MAX_PROGRAM_SIZE_DEFAULT, regexProgramSize } from '../text/regex.ts';

const REGEX_HOLDERS = new Set(['safe_regex', 'safe_regex_match', 'pattern', 'host_rewrite_path_regex']);

function collect(value: Json, parentKey: string | undefined, where: string, out: { regex: string; where: string }[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collect(value[i]!, parentKey, `${where}[${i}]`, out);
  } else if (isObject(value)) {
    if (parentKey !== undefined && REGEX_HOLDERS.has(parentKey) && typeof value.regex === 'string') out.push({ regex: value.regex, where });
    for (const [key, child] of Object.entries(value)) if (key !== 'metadata') collect(child, key, `${where}.${key}`, out);
  }
}

/**
 * Envoy refuses a route config whose RE2 regexes compile to programs larger than the runtime
 * key `re2.max_program_size.error_level` (100 unless raised, e.g. by a test file's `runtime`).
 * meshscope's RE2 port counts program size close to, but not exactly like, RE2, so an overflow is
 * a warning here rather than a load failure.
 */
export function regexLimitIssues(raw: Json, runtime: Record<string, RuntimeValue>): LoadIssue[] {
  const configured = Number(runtime['re2.max_program_size.error_level']);
  const limit = Number.isFinite(configured) && configured > 0 ? configured : RE2_MAX_PROGRAM_SIZE_DEFAULT;
  const found: { regex: string; where: string }[] = [];
  collect(raw, undefined, 'route_config', found);
  const issues: LoadIssue[] = [];
  for (const { regex, where } of found) {
    const size = regexProgramSize(regex);
    if (size === undefined || size <= limit) continue;
    issues.push({
      severity: 'warning',
      code: 'bad-value',
      message: `regex ${JSON.stringify(regex.length > 60 ? `${regex.slice(0, 57)}...` : regex)} has an RE2 program size of about ${size}, over re2.max_program_size.error_level ${limit}: Envoy would reject this route config (a test file's runtime can raise the limit)`,
      where,
    });
  }
  return issues;
}
