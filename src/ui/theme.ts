import { createContext, useContext } from 'react';

/**
 * Semantic colour tokens. Views ask for a meaning (`bad`, `selected`), never a colour, so
 * NO_COLOR / --no-color (and a monochrome terminal) keep every distinction with bold, inverse
 * and underline instead.
 */
export type Tone = 'text' | 'muted' | 'accent' | 'title' | 'good' | 'warn' | 'bad' | 'match' | 'deciding' | 'key';

/** How a token is drawn: Ink <Text> props. */
export interface ToneStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export interface Theme {
  color: boolean;
  tone(tone: Tone): ToneStyle;
  /** The selected row of a table. */
  selected: ToneStyle;
}

const COLORS: Record<Tone, ToneStyle> = {
  text: {},
  muted: { color: 'gray' },
  accent: { color: 'cyan' },
  title: { color: 'cyan', bold: true },
  good: { color: 'green' },
  warn: { color: 'yellow' },
  bad: { color: 'red', bold: true },
  match: { color: 'yellow', bold: true, underline: true },
  deciding: { color: 'black', backgroundColor: 'yellow', bold: true },
  key: { color: 'magenta', bold: true },
};

const MONO: Record<Tone, ToneStyle> = {
  text: {},
  muted: { dimColor: true },
  accent: {},
  title: { bold: true },
  good: {},
  warn: { bold: true },
  bad: { bold: true },
  match: { underline: true, bold: true },
  deciding: { inverse: true, bold: true },
  key: { bold: true },
};

export function makeTheme(color: boolean): Theme {
  const table = color ? COLORS : MONO;
  return { color, tone: (tone) => table[tone], selected: color ? { backgroundColor: 'blue', color: 'white' } : { inverse: true } };
}

export const ThemeContext = createContext<Theme>(makeTheme(false));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
