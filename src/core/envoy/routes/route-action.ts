import { rewriteError } from '../../text/regex.ts';
import { CLUSTER_NOT_FOUND_RESPONSE_CODE, CLUSTER_NOT_FOUND_STATUS, checkEnum, enumOr } from '../enums.ts';
import { durationField } from '../field-checks.ts';
import type { IssueSink } from '../issues.ts';
import { asObject, asString, durationMs, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { ForwardAction } from '../route-types.ts';
import { parseClusterSpecifier } from './cluster-specifier.ts';
import { boolValue } from './common.ts';
import type { RouteContext } from './context.ts';
import { parseHashPolicies, parseMirrorPolicies, parseRetryPolicy } from './policies.ts';
import { parseRegexMatcher } from './string-matcher.ts';

const REGEX_MATCH_AND_SUBSTITUTE = new Set(['pattern', 'substitution']);

/** A RegexMatchAndSubstitute: `{pattern: {regex}, substitution}` (`\1` refers to a capture group). */
export function parseRegexRewrite(value: unknown, sink: IssueSink, where: string): { regex: string; substitution: string } | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  sink.unknownFields('regex_match_and_substitute', where, obj, REGEX_MATCH_AND_SUBSTITUTE);
  const regex = parseRegexMatcher(obj.pattern, sink, where);
  if (regex === undefined) return undefined;
  const substitution = asString(obj.substitution) ?? '';
  const error = rewriteError(regex, substitution);
  // An invalid pattern was already reported by parseRegexMatcher.
  if (error?.startsWith('substitution'))
    sink.report({ severity: 'warning', code: 'bad-value', message: `regex rewrite ${error}: Envoy rejects such a config; here it rewrites nothing`, where });
  return { regex, substitution };
}

/** `path_rewrite_policy` of the uri_template extension: `path_template_rewrite`. */
function pathRewritePolicy(value: unknown, sink: IssueSink, where: string): string | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  const template = asString(asObject(obj.typed_config)?.path_template_rewrite);
  if (template === undefined)
    sink.report({
      severity: 'warning',
      code: 'unsupported',
      message: 'path_rewrite_policy without a uri_template path_template_rewrite is not evaluated',
      where,
    });
  return template;
}

/** An envoy.config.route.v3.RouteAction: where a matched request is forwarded, and how. */
export function parseForwardAction(obj: JsonObject, context: RouteContext, where: string): ForwardAction {
  const sink = context.sink;
  sink.routeFields('route_action', where, obj, ROUTE_FIELDS.RouteAction);
  const maxStream = asObject(obj.max_stream_duration);
  checkEnum(CLUSTER_NOT_FOUND_RESPONSE_CODE, obj.cluster_not_found_response_code, 'SERVICE_UNAVAILABLE', sink, where, 'cluster_not_found_response_code');
  return {
    kind: 'route',
    cluster: parseClusterSpecifier(obj, sink, where),
    prefixRewrite: asString(obj.prefix_rewrite),
    regexRewrite: obj.regex_rewrite === undefined ? undefined : parseRegexRewrite(obj.regex_rewrite, sink, `${where}.regex_rewrite`),
    pathRewritePolicy: pathRewritePolicy(obj.path_rewrite_policy, sink, where),
    hostRewriteLiteral: asString(obj.host_rewrite_literal),
    autoHostRewrite: obj.auto_host_rewrite === undefined ? undefined : boolValue(obj.auto_host_rewrite, false),
    hostRewriteHeader: asString(obj.host_rewrite_header)?.toLowerCase(),
    appendXForwardedHost: boolValue(obj.append_x_forwarded_host, false),
    hostRewritePathRegex:
      obj.host_rewrite_path_regex === undefined ? undefined : parseRegexRewrite(obj.host_rewrite_path_regex, sink, `${where}.host_rewrite_path_regex`),
    timeoutMs: durationField(obj.timeout, sink, where, 'timeout'),
    idleTimeoutMs: durationField(obj.idle_timeout, sink, where, 'idle_timeout'),
    maxStreamDurationMs: durationMs(maxStream?.max_stream_duration),
    grpcTimeoutHeaderMaxMs: durationMs(maxStream?.grpc_timeout_header_max) ?? durationMs(obj.max_grpc_timeout),
    retryPolicy: obj.retry_policy === undefined ? undefined : parseRetryPolicy(obj.retry_policy, context, `${where}.retry_policy`),
    requestMirrorPolicies: parseMirrorPolicies(obj.request_mirror_policies, sink, where),
    hashPolicy: parseHashPolicies(obj.hash_policy),
    clusterNotFoundResponseCode: CLUSTER_NOT_FOUND_STATUS[enumOr(CLUSTER_NOT_FOUND_RESPONSE_CODE, obj.cluster_not_found_response_code, 'SERVICE_UNAVAILABLE')],
    raw: obj,
  };
}
