/**
 * The `:` commands (k9s habit), as data for the help overlay, completion and the README.
 * `args` is what follows the name.
 */
export interface ColonCommand {
  name: string;
  aliases: string[];
  args?: string;
  description: string;
}

export const COLON_COMMANDS: readonly ColonCommand[] = [
  { name: 'routes', aliases: ['rt', 'route'], description: 'Routes tab' },
  { name: 'clusters', aliases: ['cl', 'cluster'], description: 'Clusters tab' },
  { name: 'ep', aliases: ['endpoints', 'endpoint'], description: 'Endpoints tab' },
  { name: 'listeners', aliases: ['ls', 'listener'], description: 'Listeners tab' },
  { name: 'findings', aliases: ['fi', 'analyze'], description: 'Findings tab (meshscope findings and istioctl analyze)' },
  { name: 'intent', aliases: ['in', 'objects'], description: 'Intent tab: which --config Istio objects apply to this proxy, and why not' },
  { name: 'explain', aliases: ['x'], args: '[METHOD URL -H "Name: value"]', description: 'explain panel; with a request, explain it at once' },
  { name: 'ns', aliases: ['namespace'], args: 'NAME|all', description: 'show the workloads of one namespace (all: every namespace)' },
  { name: 'wl', aliases: ['workload', 'pod'], args: 'NAME', description: 'open a workload by (part of) its pod name' },
  { name: 'warnings', aliases: ['warn', 'issues'], description: 'what meshscope did not interpret in this proxy (load issues)' },
  { name: 'ctx', aliases: ['context'], args: 'NAME', description: 'switch the live source to another kube context (back to its workloads)' },
  {
    name: 'save',
    aliases: ['w', 'save!', 'w!'],
    args: '[FILE]',
    description: 'write the table (all its rows, filter and sort applied) or the trace as plain text; :save! FILE overwrites',
  },
  { name: 'help', aliases: ['h'], description: 'this help' },
  { name: 'quit', aliases: ['q', 'q!'], description: 'quit' },
];

/** Splits `:ns bookinfo` into the command (resolved through aliases) and its argument text. */
export function parseColon(text: string): { command: ColonCommand | undefined; word: string; args: string } {
  const trimmed = text.trim().replace(/^:/, '');
  const space = trimmed.search(/\s/);
  const word = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const args = space === -1 ? '' : trimmed.slice(space + 1).trim();
  const command = COLON_COMMANDS.find((c) => c.name === word || c.aliases.includes(word));
  return { command, word, args };
}

/** Tab completion of the command name: the first command whose name starts with what is typed. */
export function completeColon(text: string): string {
  if (/\s/.test(text)) return text;
  const found = COLON_COMMANDS.find((c) => c.name.startsWith(text.toLowerCase()));
  return found ? `${found.name}${found.args ? ' ' : ''}` : text;
}
