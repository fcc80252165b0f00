import { regexError } from '../../text/regex.ts';
import type { IssueSink } from '../issues.ts';
import { asObject, asString, type JsonObject } from '../json.ts';
import type { StringMatch } from '../route-types.ts';
import { boolValue } from './common.ts';

const STRING_MATCHER = new Set(['exact', 'prefix', 'suffix', 'contains', 'safe_regex', 'ignore_case', 'custom']);
const REGEX_MATCHER = new Set(['regex', 'google_re2']);

/**
 * The `regex` of an envoy.type.matcher.v3.RegexMatcher (`{google_re2: {}, regex}`); Envoy runs
 * every safe_regex with RE2 whatever engine field is set. A pattern RE2 rejects is reported.
 */
export function parseRegexMatcher(value: unknown, sink?: IssueSink, where = ''): string | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  sink?.unknownFields('regex_matcher', where, obj, REGEX_MATCHER);
  const regex = asString(obj.regex);
  const error = regex === undefined || !sink ? undefined : regexError(regex);
  if (error)
    sink?.report({
      severity: 'warning',
      code: 'bad-value',
      message: `invalid RE2 pattern ${JSON.stringify(regex)} (${error}): Envoy rejects such a config; here it never matches`,
      where,
    });
  return regex;
}

/**
 * An envoy.type.matcher.v3.StringMatcher: exactly one of exact/prefix/suffix/contains/safe_regex
 * (`exact: ""` is a real matcher for the empty string). Anything else is reported (when a sink
 * is given) and never matches.
 */
export function parseStringMatcher(obj: JsonObject, sink?: IssueSink, where = ''): StringMatch {
  sink?.unknownFields('string_matcher', where, obj, STRING_MATCHER);
  const ignoreCase = boolValue(obj.ignore_case, false);
  for (const kind of ['exact', 'prefix', 'suffix', 'contains'] as const) {
    const value = asString(obj[kind]);
    if (value !== undefined) return { kind, value, ignoreCase };
  }
  if (obj.safe_regex !== undefined) {
    const regex = parseRegexMatcher(obj.safe_regex, sink, where);
    if (regex !== undefined) return { kind: 'safe_regex', regex, ignoreCase };
  }
  const field =
    obj.custom !== undefined
      ? 'custom'
      : Object.keys(obj)
          .filter((k) => k !== 'ignore_case')
          .join(',') || '(empty)';
  sink?.report({
    severity: 'warning',
    code: 'unsupported',
    kind: 'route-matcher',
    message: `string matcher ${field} is not evaluated by meshscope; it never matches`,
    where,
  });
  return { kind: 'unsupported', field, ignoreCase };
}
