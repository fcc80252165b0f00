import type { InputValue, MatcherContext, TypedExtension } from './matcher-tree.ts';
import { parseQueryParameters } from './query-match.ts';
import { type HttpRequest, headerValue } from './request.ts';

const HTTP = 'envoy.type.matcher.v3.';

/**
 * Envoy's HTTP matching inputs over a request's headers (source/common/http/matching/inputs.h):
 * `HttpRequestHeaderMatchInput` gives every value of the header joined with "," (pseudo-headers
 * included: `:path` is the whole path with its query), `HttpRequestQueryParamMatchInput` the first
 * value of the query parameter; both give no data when absent. Trailers and response headers do
 * not exist when a route is chosen (no data); any other input (network inputs, filter state) is
 * not known here, a caveat.
 */
function resolve(request: HttpRequest, input: TypedExtension): InputValue {
  const config = input.config ?? {};
  switch (input.type.startsWith(HTTP) ? input.type.slice(HTTP.length) : '') {
    case 'HttpRequestHeaderMatchInput': {
      const name = typeof config.header_name === 'string' ? config.header_name : '';
      return headerValue(request, name) ?? null;
    }
    case 'HttpRequestQueryParamMatchInput': {
      const name = typeof config.query_param === 'string' ? config.query_param : '';
      // QueryParamsMulti::parseAndDecodeQueryString: names and values percent-decoded, first value.
      let value: string | undefined;
      for (const [raw, values] of parseQueryParameters(request.path)) {
        if (percentDecode(raw) === name) {
          value = values[0];
          break;
        }
      }
      if (value === undefined) return null;
      if (value.includes('+')) return { unknown: `query parameter ${name} holds "+", which Envoy's decoder may read as a space` };
      return percentDecode(value);
    }
    case 'HttpRequestTrailerMatchInput':
    case 'HttpResponseHeaderMatchInput':
    case 'HttpResponseTrailerMatchInput':
      return null;
    default:
      return { unknown: `input ${input.type || input.name} is not interpreted for HTTP requests` };
  }
}

/** `%XX` decoded where XX is hex; anything else kept as written (Envoy's PercentEncoding::decode). */
function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return new TextDecoder().decode(bytes);
  });
}

function label(input: TypedExtension): string {
  const config = input.config ?? {};
  if (typeof config.header_name === 'string') return `header ${config.header_name}`;
  if (typeof config.query_param === 'string') return `query parameter ${config.query_param}`;
  return input.type.split('.').pop() || input.name;
}

/** The matcher inputs of one request, for a virtual host's `matcher`. */
export function httpInputs(request: HttpRequest): MatcherContext {
  return { resolve: (input) => resolve(request, input), label };
}
