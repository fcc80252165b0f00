import { checkEnum, enumOr, REDIRECT_RESPONSE_CODE, REDIRECT_STATUS } from '../enums.ts';
import { uint32Field } from '../field-checks.ts';
import type { IssueSink } from '../issues.ts';
import { asObject, asString, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { DirectResponseAction, RedirectAction } from '../route-types.ts';
import { boolValue, decodeBase64Utf8 } from './common.ts';
import { parseRegexRewrite } from './route-action.ts';

/** route_components.proto RedirectAction: `uint32 port_redirect = 8` (a bad one is read as no port redirect). */
const PORT_REDIRECT = { rule: 'RedirectAction.port_redirect uint32', fallback: 0, effect: 'absent' };
/** DirectResponseAction: `uint32 status = 1 [(validate.rules).uint32 = {lt: 600 gte: 200}]`. */
const STATUS = { min: 200, max: 599, rule: 'DirectResponseAction.status uint32 gte 200 lt 600', fallback: 0 };

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
    portRedirect: uint32Field(obj.port_redirect, sink, where, 'port_redirect', PORT_REDIRECT),
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
    status: uint32Field(obj.status, sink, where, 'status', STATUS) ?? 0,
    body: asString(body?.inline_string) ?? (inlineBytes !== undefined ? decodeBase64Utf8(inlineBytes) : undefined),
    bodyFile: asString(body?.filename),
  };
}
