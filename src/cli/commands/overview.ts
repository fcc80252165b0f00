import { UsageError } from '../../core/errors.ts';
import { findingsFor } from '../../core/findings/index.ts';
import { renderOverview } from '../../core/report/overview.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliIo } from '../io.ts';
import { loadProxyForCommand, proxySourceOptions } from '../proxy-source.ts';
import { styleFor } from '../style.ts';

/**
 * `meshscope --file DUMP [--endpoints FILE]` with no subcommand: the proxy's overview and the
 * commands to go further. (The interactive TUI takes over this entry when it lands.)
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('', args, { ...proxySourceOptions, 'no-color': { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`unknown command "${positionals[0]}"; run \`meshscope --help\` for the list`);
  const { config, label } = await loadProxyForCommand('meshscope', values, positionals, io);
  const src = `--file ${label}${values.endpoints ? ` --endpoints ${values.endpoints}` : ''}`;
  const hints = [
    `meshscope explain ${src} "GET http://HOST:PORT/PATH" -H "Name: value"`,
    `meshscope routes ${src}`,
    `meshscope clusters ${src}`,
    `meshscope endpoints ${src}`,
    `meshscope findings ${src}`,
  ];
  io.stdout.write(renderOverview(config, findingsFor(config), hints, styleFor(io, values['no-color'] === true)));
  return 0;
}
