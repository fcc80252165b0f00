import type { ProxySummary } from '../../app/mesh-source.ts';
import { setFilter } from '../table/table-state.ts';
import type { AppState, ReduceContext } from './app-state.ts';
import { initialState, tableOf } from './app-state.ts';
import { COLON_COMMANDS, parseColon } from './colon-commands.ts';
import { contextNameError } from './context-name.ts';
import { openExplainHere } from './cursor-row.ts';
import { submitExplain } from './explain-keys.ts';
import { openWarnings, openWorkload, switchTab } from './navigation.ts';
import { field } from './text-field.ts';
import { tableKey } from './views.ts';

const error = (state: AppState, text: string): AppState => ({ ...state, message: { tone: 'error', text } });

/** Finds workloads by `:wl NAME`: the exact proxy or pod name, else pods starting with or containing it. */
function findWorkloads(proxies: ProxySummary[], name: string): ProxySummary[] {
  const exact = proxies.filter((p) => p.name === name || p.pod === name);
  if (exact.length > 0) return exact;
  const starts = proxies.filter((p) => p.pod.startsWith(name) || p.name.startsWith(name));
  return starts.length > 0 ? starts : proxies.filter((p) => p.name.includes(name));
}

function showPicker(state: AppState, namespace: string | null, filter: string): AppState {
  const key = tableKey({ kind: 'picker' }, null, namespace);
  const table = setFilter(tableOf(state, key), field(filter));
  return { ...state, mode: 'normal', namespace, stack: [{ kind: 'picker' }], tables: { ...state.tables, [key]: table } };
}

function namespaceCommand(state: AppState, args: string, proxies: ProxySummary[]): AppState {
  if (state.single) return error(state, 'this source has one workload; :ns picks among several');
  const ns = args === '' || args === 'all' || args === '-' ? null : args;
  const next = showPicker(state, ns, '');
  if (ns === null) return { ...next, message: { tone: 'info', text: `all namespaces: ${proxies.length} workloads` } };
  const count = proxies.filter((p) => p.namespace === ns).length;
  const namespaces = [...new Set(proxies.map((p) => p.namespace))].sort().join(', ');
  return {
    ...next,
    message: count
      ? { tone: 'info', text: `namespace ${ns}: ${count} workload${count === 1 ? '' : 's'}` }
      : { tone: 'error', text: `no workloads in namespace ${ns}; known: ${namespaces}` },
  };
}

function workloadCommand(state: AppState, args: string, proxies: ProxySummary[]): AppState {
  if (args === '') return error(state, ':wl needs a name, e.g. :wl productpage');
  const found = findWorkloads(proxies, args);
  if (found.length === 1) return openWorkload(state, found[0]!.name);
  if (found.length === 0) return error(state, `no workload matches "${args}"; :ns all and / to search`);
  return { ...showPicker(state, state.namespace, args), message: { tone: 'info', text: `${found.length} workloads match "${args}": pick one` } };
}

/** `:ctx NAME`: everything shown belongs to the old context, so the TUI starts over (history kept). */
function contextCommand(state: AppState, name: string, ctx: ReduceContext): AppState {
  if (!ctx.canSwitchContext) return error(state, ':ctx switches the kube context of a live source; this one reads files');
  const invalid = contextNameError(name, ctx.kubeContexts);
  if (invalid !== undefined) return error(state, invalid);
  const fresh = initialState();
  return {
    ...fresh,
    explain: { ...fresh.explain, history: state.explain.history },
    refresh: state.refresh,
    wide: state.wide,
    contextSwitch: { name },
    message: { tone: 'info', text: `kube context ${name}: fetching its proxies` },
  };
}

/** Runs a `:` command line. */
export function runColon(state: AppState, text: string, ctx: ReduceContext): AppState {
  const base: AppState = { ...state, mode: 'normal' };
  const { command, word, args } = parseColon(text);
  if (word === '') return base;
  if (!command) return error(base, `unknown command :${word}; try ${COLON_COMMANDS.map((c) => `:${c.name}`).join(' ')}`);
  switch (command.name) {
    case 'routes':
    case 'clusters':
    case 'listeners':
    case 'findings':
    case 'intent':
      return switchTab(base, command.name);
    case 'ep':
      return switchTab(base, 'endpoints');
    case 'explain': {
      const opened = openExplainHere(base, ctx);
      if (args === '' || opened.workload === null) return opened;
      return submitExplain({ ...opened, explain: { ...opened.explain, input: field(args) } });
    }
    case 'warnings':
      return openWarnings(base);
    case 'ns':
      return namespaceCommand(base, args, ctx.proxies);
    case 'wl':
      return workloadCommand(base, args, ctx.proxies);
    case 'ctx':
      return contextCommand(base, args, ctx);
    case 'save':
      return { ...base, save: { file: args === '' ? undefined : args, overwrite: word.endsWith('!') } };
    case 'help':
      return { ...base, mode: 'help', helpScroll: 0 };
    case 'quit':
      return { ...base, quit: true };
    default:
      return base;
  }
}
