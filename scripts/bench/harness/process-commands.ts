import type { TerminalWait } from './terminal-run.ts';

/**
 * The commands the `process` bench runs as a user runs them (the dump given as `F`), and issue
 * 18's goals for their median whole-process time over the floor's.
 */

/** Issue 18's time goals, by group of commands: median ratio to the floor at most `ratio`. */
export const TIME_GOALS = {
  table: { what: 'table commands (clusters, routes, listeners, endpoints)', ratio: 1.3 },
  explain: { what: 'explain, one shot', ratio: 1.0 },
  pc: { what: 'pc all -o json', ratio: 1.3 },
  findings: { what: 'findings and the overview', ratio: 1.5 },
  tui: { what: "the TUI's first usable frame", ratio: 1.5 },
} as const;

export type GoalGroup = keyof typeof TIME_GOALS;

/** Issue 18: every command's peak RSS at most this times its floor's. */
export const RSS_GOAL = 1.3;

export interface ProcessCommand {
  /** As shown in the report: the arguments after `meshscope`, the dump written `F`. */
  label: string;
  args: (file: string, request: string) => string[];
  /** `parse`: a node that only reads and parses the dump; `empty`: `node -e ""`. */
  floor: 'parse' | 'empty';
  /** Which time goal applies (none for --help). */
  group: GoalGroup | null;
  /** Exit statuses that mean it worked. */
  okStatuses: number[];
  /** An interactive command: run in a terminal, timed to its first usable frame (Node only). */
  terminal?: TerminalWait;
}

const onDump = (label: string, args: (file: string, request: string) => string[], group: GoalGroup, okStatuses = [0]): ProcessCommand => ({
  label,
  args,
  floor: 'parse',
  group,
  okStatuses,
});

export const PROCESS_COMMANDS: ProcessCommand[] = [
  ...['clusters', 'routes', 'listeners'].map((name) => onDump(`${name} --file F`, (file) => [name, '--file', file], 'table')),
  // The bench harness writes no /clusters file (dumps.ts), so endpoints shows the EDS side.
  onDump('endpoints --file F', (file) => ['endpoints', '--file', file], 'table'),
  // findings exits 1 when a finding is an error (commands/findings.ts): the command worked.
  onDump('findings --file F', (file) => ['findings', '--file', file], 'findings', [0, 1]),
  // No terminal on stdout: the overview (cli/commands/tui.ts → overview.ts).
  onDump('--file F (overview, no TTY)', (file) => ['--file', file], 'findings'),
  onDump('pc all --file F -o json', (file) => ['pc', 'all', '--file', file, '-o', 'json'], 'pc'),
  onDump('explain --file F -o json "GET …"', (file, request) => ['explain', '--file', file, '-o', 'json', request], 'explain'),
  { label: '--help', args: () => ['--help'], floor: 'empty', group: null, okStatuses: [0] },
  // The TUI opens on the Routes tab (ui/state/navigation.ts); its label counts the rows once the
  // table is built, and a row of it is on the screen in the same frame: the first usable frame.
  {
    ...onDump('--file F (TUI, first usable frame)', (file) => ['--file', file], 'tui'),
    terminal: { ready: /\[1 Routes \d+\]/, quit: 'q', columns: 120, rows: 40, timeoutMs: 120_000 },
  },
];

/** The command's time goal (a ratio), or null. */
export function timeGoal(command: ProcessCommand): number | null {
  return command.group === null ? null : TIME_GOALS[command.group].ratio;
}
