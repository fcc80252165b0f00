/** How the screen's lines are shared out. */
export interface ScreenLayout {
  width: number;
  /** Lines Ink draws: one less than the terminal so Ink never clears the whole screen per frame. */
  height: number;
  /** Lines for the main area (between the tabs line and the status line). */
  body: number;
  tooSmall: boolean;
}

const MIN_COLUMNS = 40;
const MIN_ROWS = 10;

/** Header, breadcrumbs and tabs on top, the status line at the bottom. */
const CHROME = 4;

export function screenLayout(columns: number, rows: number): ScreenLayout {
  const height = Math.max(1, rows - 1);
  return { width: columns, height, body: Math.max(1, height - CHROME), tooSmall: columns < MIN_COLUMNS || rows < MIN_ROWS };
}

/** What a terminal under 40×10 shows instead of the UI. */
export function tooSmallText(columns: number, rows: number): string {
  return `terminal too small (${columns}×${rows}): meshscope needs at least 40×10. Resize it, or use the non-interactive commands (meshscope --help). q quits.`;
}
