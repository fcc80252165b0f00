import { pathStepsFor } from '../../app/path-steps.ts';
import { tracePathFrom } from '../../app/path-trace.ts';
import { parseRandomValue } from '../../app/request-line.ts';
import { parseIp } from '../../core/envoy/ip.ts';
import { UsageError } from '../../core/errors.ts';
import { pathJson, renderPathMarkdown, renderPathText } from '../../core/report/path-report.ts';
import { parseRequest } from '../../core/router/request.ts';
import { loadObjectsForCommand } from '../intent-objects.ts';
import type { CliIo } from '../io.ts';
import { openSnapshot } from '../snapshot-input.ts';
import { styleFor } from '../style.ts';

/**
 * `explain --snapshot S --from POD.NS --path "METHOD URL"`: the request followed hop by hop
 * through every proxy the snapshot holds (core/path). Exit 0 when it reaches the application
 * (or a proxy answers it as configured), 1 when it fails or the path cannot be followed.
 */
export async function explainPath(values: Record<string, unknown>, positionals: string[], format: 'text' | 'json' | 'markdown', io: CliIo): Promise<number> {
  const file = values.snapshot as string | undefined;
  const from = values.from as string | undefined;
  if (file === undefined || from === undefined)
    throw new UsageError('explain --path follows a request through a snapshot: give --snapshot FILE and --from POD.NAMESPACE (the client)');
  if (positionals.length > 0) throw new UsageError(`explain --path takes the request as its value; drop "${positionals[0]}"`);
  for (const flag of ['why-not', 'log', 'file', 'sni', 'alpn', 'ip'])
    if (values[flag] !== undefined) throw new UsageError(`explain --path cannot be combined with --${flag}`);
  const endpoint = values.endpoint as string | undefined;
  if (endpoint !== undefined && parseIp(endpoint) === undefined) throw new UsageError(`--endpoint: expected an IP address, got "${endpoint}"`);
  const request = parseRequest(values.path as string, (values.header as string[] | undefined) ?? []);
  const randomValue = parseRandomValue(values.random as string | undefined);
  const source = await openSnapshot(file, io);
  const client = source.resolveProxy(from);
  const objects = await loadObjectsForCommand(values, io, { snapshot: source, live: false });
  const { path, unreadable } = await tracePathFrom(source, client, request, pathStepsFor(objects), {
    ...(randomValue !== undefined ? { randomValue } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
  });
  if (unreadable.length > 0 && path.outcome === 'incomplete')
    path.stoppedBecause = `${path.stoppedBecause ?? 'the path stops'}; the snapshot could not read ${unreadable.map((u) => u.proxy).join(', ')}`;
  if (format === 'json') io.stdout.write(`${JSON.stringify(pathJson(path), null, 2)}\n`);
  else if (format === 'markdown') io.stdout.write(renderPathMarkdown(path));
  else io.stdout.write(renderPathText(path, styleFor(io)));
  return path.outcome === 'delivered' || path.outcome === 'answered' ? 0 : 1;
}
