import type { HeaderValueOption } from '../envoy/route-types.ts';
import type { HeaderMap } from './header-map.ts';

/**
 * The stream router_check_tool routes in: an HTTP/1.1 stream from 127.0.0.1 (port 0), so
 * `%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%` expands to `127.0.0.1`.
 */
export interface ToolStream {
  remoteAddress: string;
  remotePort: number;
  protocol: string;
}

export const TOOL_STREAM: ToolStream = { remoteAddress: '127.0.0.1', remotePort: 0, protocol: 'HTTP/1.1' };

/**
 * Expands Envoy's header-value command operators (`%DOWNSTREAM_REMOTE_ADDRESS%`, `%REQ(x)%`,
 * `%PROTOCOL%`, `%%`). Operators that need a live connection or upstream expand to ''.
 */
function formatHeaderValue(template: string, stream: ToolStream, request: HeaderMap): string {
  return template.replace(
    /%%|%([A-Z_0-9]+)(?:\(([^)]*)\))?(?::(\d+))?%/g,
    (whole, op: string | undefined, arg: string | undefined, max: string | undefined) => {
      if (whole === '%%') return '%';
      let value: string;
      switch (op) {
        case 'DOWNSTREAM_REMOTE_ADDRESS':
        case 'DOWNSTREAM_DIRECT_REMOTE_ADDRESS':
          value = `${stream.remoteAddress}:${stream.remotePort}`;
          break;
        case 'DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT':
        case 'DOWNSTREAM_DIRECT_REMOTE_ADDRESS_WITHOUT_PORT':
          value = stream.remoteAddress;
          break;
        case 'DOWNSTREAM_REMOTE_PORT':
        case 'DOWNSTREAM_DIRECT_REMOTE_PORT':
          value = String(stream.remotePort);
          break;
        case 'PROTOCOL':
          value = stream.protocol;
          break;
        case 'REQ': {
          const [name, alternative] = (arg ?? '').split('?');
          value = request.first(name ?? '') || (alternative ? request.first(alternative) : '');
          break;
        }
        default:
          value = '';
      }
      return max !== undefined ? value.slice(0, Number(max)) : value;
    },
  );
}

/**
 * Envoy's HeaderParser::evaluateHeaders for one level (route, virtual host or route config):
 * removes `toRemove` first, then applies each `toAdd` by its append_action. A value that
 * formats to '' is skipped unless `keep_empty_value`.
 */
export function applyHeaderMutations(
  headers: HeaderMap,
  toAdd: readonly HeaderValueOption[],
  toRemove: readonly string[],
  stream: ToolStream,
  request: HeaderMap,
): void {
  for (const name of toRemove) headers.remove(name);
  for (const option of toAdd) {
    const value = formatHeaderValue(option.value, stream, request);
    if (value === '' && !option.keepEmptyValue) continue;
    switch (option.appendAction) {
      case 'APPEND_IF_EXISTS_OR_ADD':
        headers.add(option.key, value);
        break;
      case 'ADD_IF_ABSENT':
        if (!headers.has(option.key)) headers.add(option.key, value);
        break;
      case 'OVERWRITE_IF_EXISTS_OR_ADD':
        headers.set(option.key, value);
        break;
      case 'OVERWRITE_IF_EXISTS':
        if (headers.has(option.key)) headers.set(option.key, value);
        break;
    }
  }
}
