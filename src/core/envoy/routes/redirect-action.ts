import { checkEnum, enumOr, REDIRECT_RESPONSE_CODE, REDIRECT_STATUS } from '../enums.ts';
import type { IssueSink } from '../issues.ts';
import { asNumber, asObject, asString, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { DirectResponseAction, RedirectAction } from '../route-types.ts';
import { boolValue, decodeBase64Utf8 } from './common.ts';
import { parseRegexRewrite } from './route-action.ts';

const DATA_SOURCE = new Set(['inline_string', 'inline_bytes', 'filename', 'environment_variable']);

/** An envoy.config.route.v3.RedirectAction; `response_code` defaults to MOVED_PERMANENTLY (301). */
export function parseRedirectAction(obj: JsonObject, sink: IssueSink, where: string): RedirectAction {
  sink.routeFields('redirect_action', where, obj, ROUTE_FIELDS.RedirectAction);
  checkEnum(REDIRECT_RESPONSE_CODE, obj.response_code, 'MOVED_PERMANENTLY', sink, where, 'response_code');
  return {
    kind: 'redirect',
    schemeRedirect: asString(obj.scheme_redirect),
    httpsRedirect: boolValue(obj.https_redirect, false),
    hostRedirect: asString(obj.host_redirect),
    portRedirect: asNumber(obj.port_redirect),
    pathRedirect: asString(obj.path_redirect),
    prefixRewrite: asString(obj.prefix_rewrite),
    regexRewrite: parseRegexRewrite(obj.regex_rewrite, sink, `${where}.regex_rewrite`),
    responseCode: REDIRECT_STATUS[enumOr(REDIRECT_RESPONSE_CODE, obj.response_code, 'MOVED_PERMANENTLY')],
    stripQuery: boolValue(obj.strip_query, false),
  };
}

/** An envoy.config.route.v3.DirectResponseAction: Envoy answers itself with `status` and an optional body. */
export function parseDirectResponse(obj: JsonObject, sink: IssueSink, where: string): DirectResponseAction {
  sink.routeFields('direct_response', where, obj, ROUTE_FIELDS.DirectResponseAction);
  const body = asObject(obj.body);
  if (body) sink.unknownFields('data_source', where, body, DATA_SOURCE);
  const inlineBytes = asString(body?.inline_bytes);
  return {
    kind: 'direct_response',
    status: asNumber(obj.status) ?? 0,
    body: asString(body?.inline_string) ?? (inlineBytes !== undefined ? decodeBase64Utf8(inlineBytes) : undefined),
    bodyFile: asString(body?.filename),
  };
}
