/**
 * Semantic styling for text output. Renderers in core ask for a role, never a colour; the CLI
 * decides (ANSI when stdout is a TTY and NO_COLOR is unset, plain otherwise).
 */
export type Role = 'title' | 'good' | 'bad' | 'warn' | 'dim' | 'key';
export type Style = (role: Role, text: string) => string;

export const plain: Style = (_role, text) => text;

const ANSI: Record<Role, [number, number]> = {
  title: [1, 22],
  good: [32, 39],
  bad: [31, 39],
  warn: [33, 39],
  dim: [2, 22],
  key: [36, 39],
};

export const ansi: Style = (role, text) => `\u001b[${ANSI[role][0]}m${text}\u001b[${ANSI[role][1]}m`;
