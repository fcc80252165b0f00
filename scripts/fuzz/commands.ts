import path from 'node:path';
import { LOG_LINE, type Originals, PRODUCTPAGE, routeCheckPartner, type SeedInput } from './inputs.ts';

/** How a command's stdout is checked: JSON must parse (bidi and C1 allowed inside strings); text, YAML and Markdown must hold no raw control. */
export type OutputForm = 'text' | 'json' | 'yaml' | 'markdown';

export interface CommandCase {
  id: string;
  argv: string[];
  form: OutputForm;
}

/** Where a command finds its inputs: the mutated file (or log line) and the originals beside it. */
export interface CommandContext {
  root: string;
  /** The mutated file's path, or the mutated access-log line for the `log` family. */
  input: string;
  originals: Originals;
  /** A scratch directory for outputs (snapshot -o, route-check -o). */
  scratch: string;
}

type Build = (c: CommandContext, input: SeedInput) => CommandCase[];

const REQUEST = ['GET http://reviews:9080/reviews/0', '-H', 'end-user: jason'];
const FORMS = { text: [], json: ['-o', 'json'], markdown: ['-o', 'markdown'], yaml: ['-o', 'yaml'], short: ['-o', 'short'] } as const;
const TABLES = ['routes', 'clusters', 'listeners', 'endpoints'];
const PC_VIEWS = ['all', 'bootstrap', 'cluster', 'listener', 'route', 'endpoint', 'eds', 'secret', 'ecds'];

function forms(id: string, argv: string[], which: (keyof typeof FORMS)[]): CommandCase[] {
  return which.map((f) => ({ id: `${id}-${f}`, argv: [...argv, ...FORMS[f]], form: f === 'short' ? 'text' : f }));
}

/** Every command that reads a proxy's config, given how to name the proxy (`--file F` or `--snapshot S --from P`). */
function proxyCommands(source: string[], extra: { endpoints?: string[]; diffWith: string; source: 'file' | 'snapshot' }): CommandCase[] {
  const ep = extra.endpoints ?? [];
  return [
    ...forms('explain', ['explain', ...source, ...ep, ...REQUEST], ['text', 'json', 'markdown']),
    ...forms('explain-why-not', ['explain', ...source, ...ep, '--why-not', 'v3', ...REQUEST], ['text', 'json']),
    ...forms('explain-log', ['explain', ...source, '--log', LOG_LINE], ['text', 'json', 'markdown']),
    ...TABLES.flatMap((t) => forms(t, [t, ...source, ...(t === 'endpoints' ? ep : [])], ['short', 'json', 'yaml'])),
    ...PC_VIEWS.flatMap((v) =>
      forms(`pc-${v}`, ['pc', v, ...source, ...(v === 'endpoint' ? ep : [])], v === 'bootstrap' ? ['json', 'short'] : ['short', 'json', 'yaml']),
    ),
    ...forms('findings', ['findings', ...source, ...ep], ['text', 'json']),
    ...forms('diff', ['diff', source[1]!, extra.diffWith, ...(extra.source === 'snapshot' ? ['--from', PRODUCTPAGE] : [])], ['text', 'markdown', 'json']),
    { id: 'overview', argv: source, form: 'text' },
  ];
}

const FAMILIES: Record<SeedInput['family'], Build> = {
  dump: (c) => proxyCommands(['--file', c.input], { endpoints: ['--endpoints', c.originals.endpoints], diffWith: c.originals.dump, source: 'file' }),
  endpoints: (c) => [
    ...forms('explain', ['explain', '--file', c.originals.dump, '--endpoints', c.input, ...REQUEST], ['text', 'json', 'markdown']),
    ...forms('endpoints', ['endpoints', '--file', c.originals.dump, '--endpoints', c.input], ['short', 'json', 'yaml']),
    ...forms('pc-endpoint', ['pc', 'endpoint', '--file', c.originals.dump, '--endpoints', c.input], ['short', 'json']),
    ...forms('findings', ['findings', '--file', c.originals.dump, '--endpoints', c.input], ['text', 'json']),
  ],
  snapshot: (c) => [
    ...proxyCommands(['--snapshot', c.input, '--from', PRODUCTPAGE], { diffWith: c.originals.snapshot, source: 'snapshot' }),
    { id: 'snapshot-recapture', argv: ['snapshot', '--snapshot', c.input, PRODUCTPAGE, '-o', path.join(c.scratch, 'out.json'), '--force'], form: 'text' },
    ...forms('top-once', ['top', '--once', '--snapshot', c.input, PRODUCTPAGE], ['text', 'json']),
    { id: 'overview-all', argv: ['--snapshot', c.input], form: 'text' },
  ],
  'route-config': (c, input) => [
    { id: 'route-check', argv: ['route-check', '--config', c.input, '--tests', routeCheckPartner(c.root, input)], form: 'text' },
    {
      id: 'route-check-details',
      argv: ['route-check', '--config', c.input, '--tests', routeCheckPartner(c.root, input), '--details', '--covall'],
      form: 'text',
    },
  ],
  'route-tests': (c, input) => [
    { id: 'route-check', argv: ['route-check', '--config', routeCheckPartner(c.root, input), '--tests', c.input, '--details'], form: 'text' },
    {
      id: 'route-check-out',
      argv: ['route-check', '--config', routeCheckPartner(c.root, input), '--tests', c.input, '-o', path.join(c.scratch, 'rc.json')],
      form: 'text',
    },
  ],
  log: (c) => [
    ...forms('explain-log', ['explain', '--snapshot', c.originals.snapshot, '--from', PRODUCTPAGE, '--log', c.input], ['text', 'json', 'markdown']),
    ...forms('explain-log-file', ['explain', '--file', c.originals.dump, '--log', c.input], ['text', 'json']),
  ],
};

/** The commands a seed input goes through. */
export function commandsFor(input: SeedInput, context: CommandContext): CommandCase[] {
  return FAMILIES[input.family](context, input);
}
