import path from 'node:path';
import type { MeshSource, ProxySummary } from '../../app/mesh-source.ts';
import { pathStepsFor } from '../../app/path-steps.ts';
import { tracePathFrom } from '../../app/path-trace.ts';
import { parseRandomValue } from '../../app/request-line.ts';
import type { ConfigSet } from '../../core/config/objects.ts';
import { parseIp } from '../../core/envoy/ip.ts';
import { UsageError } from '../../core/errors.ts';
import { pathJson, renderPathMarkdown, renderPathText } from '../../core/report/path-report.ts';
import { parseRequest } from '../../core/router/request.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { createFolderSource } from '../../sources/folder-source.ts';
import { loadObjectsForCommand } from '../intent-objects.ts';
import type { CliIo } from '../io.ts';
import { liveFlagGiven, liveSourceOptionsFrom } from '../live-flags.ts';
import { openLiveSource } from '../live-source.ts';
import { styleFor } from '../style.ts';

/**
 * `explain --snapshot S --from POD.NS --path "METHOD URL"`: the request followed hop by hop
 * through every proxy the snapshot holds (core/path). Exit 0 when it reaches the application
 * (or a proxy answers it as configured), 1 when it fails or the path cannot be followed.
 */
export async function explainPath(values: Record<string, unknown>, positionals: string[], format: 'text' | 'json' | 'markdown', io: CliIo): Promise<number> {
  const file = values.snapshot as string | undefined;
  const dir = values.dir as string | undefined;
  if (file !== undefined && dir !== undefined) throw new UsageError('explain --path: give --snapshot FILE or --dir FOLDER, not both');
  const offline = file !== undefined || dir !== undefined;
  if (offline && positionals.length > 0)
    throw new UsageError(`explain --path takes the request as its value; drop "${positionals[0]}" (the client is --from POD.NAMESPACE)`);
  if (!offline && positionals.length > 1) throw new UsageError(`explain --path takes the request as its value; drop "${positionals[1]}"`);
  const from = offline ? (values.from as string | undefined) : positionals[0];
  if (from === undefined)
    throw new UsageError(
      'explain --path follows a request through several proxies: give --snapshot FILE (or --dir FOLDER of dumps) and --from POD.NAMESPACE, or a live POD.NAMESPACE (the client)',
    );
  if (!offline && values.from !== undefined)
    throw new UsageError('explain --path: --from goes with --snapshot or --dir; live, the client is the POD.NAMESPACE argument');
  const live = liveFlagGiven(values);
  if (offline && live !== undefined) throw new UsageError(`explain --path: --${live} is for a live mesh; --snapshot and --dir read no cluster`);
  for (const flag of ['why-not', 'log', 'file', 'endpoints', 'sni', 'alpn', 'ip', 'inbound'])
    if (values[flag] !== undefined) throw new UsageError(`explain --path cannot be combined with --${flag}`);
  const endpoint = values.endpoint as string | undefined;
  if (endpoint !== undefined && parseIp(endpoint) === undefined) throw new UsageError(`--endpoint: expected an IP address, got "${endpoint}"`);
  const request = parseRequest(values.path as string, (values.header as string[] | undefined) ?? []);
  const randomValue = parseRandomValue(values.random as string | undefined);
  let source: MeshSource;
  let client: string;
  let objects: ConfigSet | undefined;
  if (file !== undefined) {
    const snapshot = await (await import('../snapshot-input.ts')).openSnapshot(file, io);
    source = snapshot;
    client = snapshot.resolveProxy(from);
    objects = await loadObjectsForCommand(values, io, { snapshot, live: false });
  } else {
    source =
      dir !== undefined ? createFolderSource(path.resolve(io.cwd, dir), { label: `folder ${dir}` }) : await openLiveSource(liveSourceOptionsFrom(values, io));
    client = resolveClient(await source.listProxies(), from, dir ?? 'the mesh (istioctl proxy-status)');
    objects = await loadObjectsForCommand(values, io, { live: dir === undefined });
  }
  const progress =
    (io.stderr as { isTTY?: boolean }).isTTY === true ? (done: number, total: number) => io.stderr.write(`\rreading proxy ${done}/${total}…`) : undefined;
  const { path: result, unreadable } = await tracePathFrom(
    source,
    client,
    request,
    pathStepsFor(objects),
    {
      ...(randomValue !== undefined ? { randomValue } : {}),
      ...(endpoint !== undefined ? { endpoint } : {}),
      where: file !== undefined ? 'the snapshot' : dir !== undefined ? `the folder ${dir}` : 'the mesh (istioctl proxy-status)',
    },
    undefined,
    progress,
  );
  if (progress) io.stderr.write('\r\x1b[K');
  if (unreadable.length > 0 && result.outcome === 'incomplete')
    result.stoppedBecause = `${result.stoppedBecause ?? 'the path stops'}; ${unreadableWords(unreadable)}`;
  if (format === 'json') io.stdout.write(`${JSON.stringify(pathJson(result), null, 2)}\n`);
  else if (format === 'markdown') io.stdout.write(renderPathMarkdown(result));
  else io.stdout.write(renderPathText(result, styleFor(io)));
  return result.outcome === 'delivered' || result.outcome === 'answered' ? 0 : 1;
}

/** The client among the source's proxies: its full name, or a pod name that names one proxy. */
function resolveClient(proxies: readonly ProxySummary[], from: string, where: string): string {
  const names = proxies.map((p) => p.name);
  if (names.includes(from)) return from;
  const byPod = names.filter((n) => n.slice(0, n.lastIndexOf('.')) === from);
  if (byPod.length === 1) return byPod[0]!;
  const list = names.length <= 6 ? names.join(', ') : `${names.slice(0, 6).join(', ')} and ${names.length - 6} more`;
  throw new UsageError(
    `${where} has no proxy "${from}"${byPod.length > 1 ? ` (${byPod.length} pods of that name: give POD.NAMESPACE)` : ''}; it holds ${names.length ? list : 'no proxies'}`,
  );
}

/** The proxies that could not be read, in one clause: the first three with why, then a count. */
function unreadableWords(unreadable: readonly { proxy: string; why: string }[]): string {
  const shown = unreadable.slice(0, 3).map((u) => `${u.proxy} (${sanitizeLine(u.why)})`);
  const more = unreadable.length > 3 ? ` and ${unreadable.length - 3} more` : '';
  return `${unreadable.length} proxies could not be read: ${shown.join('; ')}${more}`;
}
